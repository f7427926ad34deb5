"""SVG snapshots of every screen at 80x24 (and one at 40x12), on the shipped bank.

Deterministic: a fixed seed, no clock on screen, the text cursor's blink off. Regenerate
with `pytest tests/test_snapshots.py --snapshot-update` after a deliberate change, then look
at each SVG (the docstrings say what to check) before committing it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from quiz.screens.app import QuizApp, make_app
from textual.pilot import Pilot
from textual.widgets import Input

from quiz.bank.loader import LoadedBank
from quiz.game.generate import Settings, generate
from quiz.play.settings import GameSettings

Snap = Callable[..., bool]


@pytest.fixture
def build(shipped: LoadedBank, tmp_path: Path) -> Callable[..., QuizApp]:
    def make(**choices: object) -> QuizApp:
        settings: dict[str, object] = {"seed": 3, "count": 5}
        settings.update(choices)
        return make_app(
            loaded=shipped,
            settings=GameSettings(**settings),  # type: ignore[arg-type]
            data_dir=tmp_path / "data",
            prefs_path=tmp_path / "prefs.json",
        )

    return make


def steady(*keys: str, theme: str | None = None) -> Callable[[Pilot[int]], object]:
    """Press keys, then stop every text cursor blinking so the SVG is the same each run."""

    async def run(pilot: Pilot[int]) -> None:
        if theme:
            pilot.app.theme = theme
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()

    return run


def play(build: Callable[..., QuizApp], snap_compare: Snap, keys: Iterable[str], **kw: object):
    size = kw.pop("size", (80, 24))
    theme = kw.pop("theme", None)
    app = build(**kw)
    return snap_compare(app, terminal_size=size, run_before=steady(*keys, theme=theme))


def test_start_screen(build: Callable[..., QuizApp], snap_compare: Snap) -> None:
    """Start screen: the bank's title, article line ("Gen. Milley: … Russian and …
    Ukrainian soldiers", numbers a question asks masked) and description ("a factor of up
    to …"); bank, questions (5), seed (3), name, interval mode and the five kinds all
    ticked, named as the question screen and the summary name them (quiz.present.kinds);
    Play focused, no "Read the article" button; Footer shows q Quit, ? Help."""
    assert play(build, snap_compare, [])


def test_choice_question(build: Callable[..., QuizApp], snap_compare: Snap) -> None:
    """A choice question: header "Question 1 of 5" and "Score 0 of 0" on one line, the kind,
    the prompt, four numbered options in a box, the hint about number keys."""
    assert play(build, snap_compare, ["enter"], kinds=("choice",))


def test_estimate_question_reading(build: Callable[..., QuizApp], snap_compare: Snap) -> None:
    """An estimate with "7.8m" typed: the line under the field reads "= 7,800,000 (7.8
    million)"; the scoring rule and the keys are stated below."""
    assert play(build, snap_compare, ["enter", *"7.8m"], kinds=("estimate",))


def test_estimate_refused(build: Callable[..., QuizApp], snap_compare: Snap) -> None:
    """An unreadable estimate submitted: the field keeps "lots" and the line under it says,
    in the error colour and bold, that it can't be read, with the engine's examples (none of
    them a number of the bank: quiz.game.hints)."""
    assert play(build, snap_compare, ["enter", *"lots", "enter"], kinds=("estimate",))


def test_interval_question(build: Callable[..., QuizApp], snap_compare: Snap) -> None:
    """Interval mode: two fields, "Low: at least" (5,000 typed, read as "= 5,000") and
    "High: at most" focused and empty; the interval scoring rule below."""
    keys = ["enter", *"5000", "enter"]
    assert play(build, snap_compare, keys, kinds=("estimate",), interval=True)


def test_reveal_estimate(build: Callable[..., QuizApp], snap_compare: Snap) -> None:
    """Reveal after a guess of 50,000: verdict and points, the answer, "You said", the
    engine's reason; then the log chart with one row per source plus ▲ your guess, the
    decade axis (1k, 10k, ...) and the legend, all readable without colour. The Footer
    offers Next but not the article: questions are left (it opens from the last reveal)."""
    assert play(build, snap_compare, ["enter", *"50000", "enter"], kinds=("estimate",))


def test_reveal_cards(build: Callable[..., QuizApp], snap_compare: Snap) -> None:
    """Reveal scrolled down to the figure cards: each titled with its source, the figure,
    what it counts, as of, the quote with the number in reverse video, the explanation;
    the card asked about has a heavy border and "★ the figure asked about"."""
    keys = ["enter", *"50000", "enter", "end"]
    assert play(build, snap_compare, keys, kinds=("estimate",))


def test_reveal_light_theme(build: Callable[..., QuizApp], snap_compare: Snap) -> None:
    """The reveal of a wrong choice in textual-light: dark text on a light background,
    "✗ Wrong" legible, the chart (no ▲ in its legend: a choice draws no guess) and the
    Footer readable."""
    keys = ["enter", "2"]
    assert play(build, snap_compare, keys, kinds=("choice",), theme="textual-light")


def test_article(build: Callable[..., QuizApp], snap_compare: Snap) -> None:
    """The article from the summary of a one-question quiz: title line, "Quote 1 of N",
    paragraphs with every quote underlined and the selected one in reverse video; the selected
    quote's card at the bottom; Footer shows esc Back, n Next quote, p Previous quote."""
    keys = ["enter", "1", "enter", "a"]
    assert play(build, snap_compare, keys, count=1, kinds=("choice",))


def test_summary(build: Callable[..., QuizApp], snap_compare: Snap, shipped: LoadedBank) -> None:
    """The summary after two answers (one right, one wrong): total with percentage, a line
    per kind, the missed question (numbered as in the quiz, "Q2.") with its answer and what
    was said, and "Play this quiz again with:" the full command (seed, count, kinds; no
    backticks);
    Footer shows r Replay, n New quiz, s Start, a Article, q Quit, ? Help."""
    # The keys follow the quiz, so a change in selection keeps one right and one missed.
    first, second = generate(shipped, Settings(count=2, kinds=("choice",), seed=3))
    assert first.answer_index is not None and second.answer_index is not None
    right = str(first.answer_index + 1)
    wrong = str((second.answer_index + 1) % len(second.options) + 1)
    keys = ["enter", right, "enter", wrong, "enter"]
    assert play(build, snap_compare, keys, kinds=("choice",), count=2, name="Ana")


def test_help(build: Callable[..., QuizApp], snap_compare: Snap) -> None:
    """Help over a choice question: the general keys (a: the article from the last reveal),
    the engine's example numbers (none of the bank's) and the estimate scoring rule, in a
    bordered box over the dimmed question."""
    assert play(build, snap_compare, ["enter", "question_mark"], kinds=("choice",))


def test_quit_dialog(build: Callable[..., QuizApp], snap_compare: Snap) -> None:
    """q during a quiz: "Quit the quiz?", the position, and (nothing answered yet) "Nothing
    is answered yet, so nothing is kept."; buttons Quit (y) and Keep playing (n), Keep
    playing focused."""
    assert play(build, snap_compare, ["enter", "q"], kinds=("choice",))


def test_small_terminal(build: Callable[..., QuizApp], snap_compare: Snap) -> None:
    """40x12, an estimate question with "7.8m" typed: the header still on one line, the
    prompt from its first line, the field with "= 7,800,000" under it, the keys (Enter, Esc;
    ^q and f1 in the Footer) in sight, nothing overlapping."""
    keys = ["enter", *"7.8m"]
    assert play(build, snap_compare, keys, kinds=("estimate",), size=(40, 12))
