"""Nothing to look up mid-question, nothing given away before it (issue 10, points 2-3):
Pilot presses keys and reads the screen; `--plain` runs as a subprocess. Every expected
value comes from the bank or the engine, never typed in here."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from quiz.screens.messages import OpenArticle
from quiz.screens.widgets.number_input import NumberInput
from textual.widgets import Button
from ui_app import build, name, screen_text

from quiz.bank.loader import LoadedBank, load_bank
from quiz.bank.numbers import find_numbers, format_number
from quiz.game.generate import Settings, generate
from quiz.game.hints import AWAY, examples
from quiz.game.session import ARTICLE_CLOSED
from quiz.game.start_texts import MASK, start_texts

PLAIN = (sys.executable, "-m", "quiz", "play")


def notifications(app: object) -> list[str]:
    return [n.message for n in app._notifications]  # type: ignore[attr-defined]  # Textual's own list


def bank_values(loaded: LoadedBank) -> list[float]:
    values = [n for f in loaded.bank.figures.values() for n in f.bounds]
    return values + [float(q.answer) for q in loaded.bank.questions if q.kind == "estimate"]  # type: ignore[arg-type]  # estimates have numeric answers


def stated_near(text: str, values: list[float]) -> list[tuple[float, float]]:
    """(number on screen, bank value) pairs within AWAY of each other."""
    return [
        (n, v)
        for r in find_numbers(text)
        for n in (r.low, r.high)
        for v in values
        if v / AWAY <= n <= v * AWAY
    ]


async def test_the_article_is_closed_until_the_last_answer(
    shipped: LoadedBank, tmp_path: Path
) -> None:
    """Not from the start screen, not from a question (palette search, key a), not from an
    early reveal or a stray message, each time saying why; from the last reveal it opens."""
    app = build(shipped, tmp_path, seed=4, count=2, kinds=("choice",))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert name(app) == "StartScreen"
        assert not app.screen.query(Button).filter("#read")  # no "Read the article" button
        await pilot.press("a")
        await pilot.pause(0.3)
        assert name(app) == "StartScreen"
        assert notifications(app)[-1] == ARTICLE_CLOSED  # the engine's words, literally
        app.clear_notifications()

        await pilot.press("enter")
        await pilot.pause()
        assert name(app) == "QuestionScreen"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"article")
        await pilot.pause(0.5)
        assert "Read the article" not in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert name(app) != "ArticleScreen"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert name(app) == "QuestionScreen"

        await pilot.press("1")
        await pilot.pause()
        assert name(app) == "RevealScreen"
        assert "Article" not in screen_text(app)  # the Footer does not offer it
        await pilot.press("a")
        await pilot.pause()
        assert name(app) == "RevealScreen"
        assert notifications(app)[-1] == ARTICLE_CLOSED
        app.clear_notifications()
        app.post_message(OpenArticle())  # any other way in meets the same rule
        await pilot.pause()
        assert name(app) == "RevealScreen"
        assert notifications(app) == [ARTICLE_CLOSED]

        await pilot.press("enter", "1")
        await pilot.pause()
        assert name(app) == "RevealScreen"  # the last one
        assert "a Article" in screen_text(app)
        await pilot.press("a")
        await pilot.pause()
        assert name(app) == "ArticleScreen"
        await pilot.press("escape", "enter")
        await pilot.pause()
        assert name(app) == "SummaryScreen"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"article")
        await pilot.pause(0.5)
        assert "Read the article" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert name(app) == "ArticleScreen"


async def test_the_start_screen_states_none_of_the_quizs_figures(
    shipped: LoadedBank, tmp_path: Path
) -> None:
    app = build(shipped, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert name(app) == "StartScreen"
        text = screen_text(app)
        assert f"{MASK} Russian and {MASK} Ukrainian" in text  # the headline, masked
        assert f"a factor of up to {MASK}" in text  # the description, masked
        assert stated_near(text, bank_values(shipped)) == []
        for figure in shipped.bank.figures.values():
            assert format_number(figure.bounds[0]) not in text


WORDED_TITLE = "A hundred thousand Russian soldiers and some forty thousand civilians"
WORDED_DESCRIPTION = (
    "Ten figures from one report. Estimates differ by a factor of up to seventeen;"
    " three hundred thousand reservists were called up."
)


async def test_the_start_screen_masks_figures_written_in_words(
    shipped: LoadedBank, tmp_path: Path
) -> None:
    """A title and description that give the figures in words ("a hundred thousand",
    "seventeen") are masked like digits; words that state no figure ("Ten figures from
    one report") stay."""
    source = shipped.path.read_text(encoding="utf-8")
    worded = source.replace(f'title = "{shipped.bank.bank.title}"', f'title = "{WORDED_TITLE}"')
    worded = re.sub(
        r'description = """.*?"""', f'description = "{WORDED_DESCRIPTION}"', worded, flags=re.S
    )
    assert WORDED_TITLE in worded and WORDED_DESCRIPTION in worded
    bank = tmp_path / "worded.toml"
    bank.write_text(worded, encoding="utf-8")
    (tmp_path / shipped.bank.article.text_file).write_text(shipped.article_text)  # type: ignore[operator]  # the shipped bank names its text file
    loaded = load_bank(bank)
    app = build(loaded, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert name(app) == "StartScreen"
        text = screen_text(app)
        assert f"{MASK} Russian soldiers and some {MASK} civilians" in text
        assert f"a factor of up to {MASK};" in text
        assert f"{MASK} reservists were called up" in text
        assert "Ten figures from one report" in text
        for words in ("hundred", "forty", "seventeen", "three hundred"):
            assert words not in text.lower()
        assert stated_near(text, bank_values(loaded)) == []


async def test_the_estimate_field_and_help_give_the_engines_examples(
    shipped: LoadedBank, tmp_path: Path
) -> None:
    app = build(shipped, tmp_path, seed=2, count=3, kinds=("estimate",))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert app.session is not None
        hint = examples(shipped, app.session.questions)
        field = app.screen.query_one(NumberInput)
        assert field.input.placeholder == f"e.g. {hint.placeholder}"
        values = bank_values(shipped)
        options = [n for q in app.session.questions for n in (q.low, q.high) if n]
        assert stated_near(field.input.placeholder, values + options) == []
        await pilot.press(*"lots", "enter")
        await pilot.pause()
        assert f"Try {hint.placeholder}." in field.reading_text
        await pilot.press("escape", "question_mark")  # leave the field, then help
        await pilot.pause()
        assert name(app) == "HelpScreen"
        help_text = screen_text(app)
        assert f"Estimates accept {hint.placeholder}" in help_text
        assert stated_near(help_text, values) == []


def test_plain_header_and_prompts_give_no_bank_number(shipped: LoadedBank, tmp_path: Path) -> None:
    """`--plain` with a title that states a figure: the header masks it; the examples are
    the engine's; a mistyped number is answered with them."""
    bank = tmp_path / "bank.toml"
    source = shipped.path.read_text(encoding="utf-8")
    original = f'title = "{shipped.bank.bank.title}"'
    assert original in source
    bank.write_text(source.replace(original, 'title = "100,000 soldiers, 7.8 million refugees"'))
    (tmp_path / shipped.bank.article.text_file).write_text(shipped.article_text)  # type: ignore[operator]  # the shipped bank names its text file
    env = {**os.environ, "QUIZ_DATA_DIR": str(tmp_path / "data")}
    result = subprocess.run(
        [*PLAIN, str(bank), "--plain", "--seed", "3", "--count", "1", "--kinds", "estimate"],
        input="lots\n",
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    header = result.stdout.split("\n\n")[0]
    assert header.startswith(f"{MASK} soldiers, {MASK} refugees: 1 question, seed 3.")
    loaded = load_bank(bank)
    assert start_texts(loaded).title == f"{MASK} soldiers, {MASK} refugees"
    hint = examples(loaded, generate(loaded, Settings(count=1, seed=3, kinds=("estimate",))))
    assert f"type numbers as {hint.typed}." in header
    assert f"such as {hint.typed}, found 'lots'" in result.stdout
    assert stated_near(header, bank_values(shipped)) == []
