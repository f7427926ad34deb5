"""What a new player ran into (issue 14), pressed through with Pilot and read off the screen:
F1 inside the number field, the palette's Quit, ranges typed as an estimate, article cards
longer than the room under the article, and check boxes that read without colour.
"""

from __future__ import annotations

import re
from pathlib import Path

from quiz.screens.widgets.number_input import NumberInput
from textual.containers import VerticalScroll
from ui_app import build, name, screen_lines, screen_text

from quiz.bank.loader import LoadedBank
from quiz.game.scoring import IntervalAnswer, NumberAnswer


async def test_f1_opens_help_from_inside_the_number_field(
    shipped: LoadedBank, tmp_path: Path
) -> None:
    """The Footer offers F1 while the field has focus, and F1 opens the help there (? is
    typed into the field instead); Esc comes back to the field with the text kept."""
    app = build(shipped, tmp_path, seed=2, count=1, kinds=("estimate",))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        field = app.screen.query_one(NumberInput)
        assert field.input.has_focus
        await pilot.press("4", "question_mark")
        await pilot.pause()
        assert field.value == "4?" and name(app) == "QuestionScreen"
        assert "f1 Help" in screen_text(app) and "^q Quit" in screen_text(app)
        await pilot.press("f1")
        await pilot.pause()
        assert name(app) == "HelpScreen"
        assert "this help" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert name(app) == "QuestionScreen" and field.input.has_focus
        assert field.value == "4?"


async def test_the_palettes_quit_asks_first_mid_quiz(shipped: LoadedBank, tmp_path: Path) -> None:
    """Ctrl+P, "quit", Enter: during a quiz the same question as q; n goes back."""
    app = build(shipped, tmp_path, seed=2, count=2, kinds=("choice",))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"quit")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running
        assert name(app) == "ConfirmQuit"
        assert "Quit the quiz?" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert name(app) == "QuestionScreen"
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"quit")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not app.is_running


async def test_a_range_as_an_estimate_is_read_as_its_middle(
    shipped: LoadedBank, tmp_path: Path
) -> None:
    """The field's own examples include "15-30 million": the line under it says it counts
    as its middle, and Enter answers with that middle (no refusal)."""
    app = build(shipped, tmp_path, seed=2, count=1, kinds=("estimate",))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"15-30 million")
        await pilot.pause()
        shown = screen_text(app)
        assert "= about 21.2 million, the middle of 15 million to 30 million" in shown
        await pilot.press("enter")
        await pilot.pause()
        assert name(app) == "RevealScreen"
        assert app.session is not None
        answer = app.session.results[0].answer
        assert isinstance(answer, NumberAnswer)
        assert round(answer.value) == 21_213_203


async def test_a_range_in_a_bound_field_gives_both_bounds(
    shipped: LoadedBank, tmp_path: Path
) -> None:
    """In interval mode, "15-30 million" typed as the low bound is read as both bounds."""
    app = build(shipped, tmp_path, seed=2, count=1, kinds=("estimate",), interval=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"15-30 million")
        await pilot.pause()
        assert "= 15,000,000 (15 million) to 30,000,000 (30 million): both bounds" in (
            screen_text(app)
        )
        await pilot.press("enter")
        await pilot.pause()
        assert name(app) == "RevealScreen"
        assert app.session is not None
        assert app.session.results[0].answer == IntervalAnswer(15e6, 30e6, "15-30 million")


async def test_an_article_card_scrolls_to_its_last_line(
    shipped: LoadedBank, tmp_path: Path
) -> None:
    """At 80x24 the first quote's card is longer than its room: Tab reaches it, PageDown
    scrolls it, and its explanation's last words come into sight (they used to be cut)."""
    app = build(shipped, tmp_path, count=1, kinds=("choice",))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "1", "enter", "a")  # the article opens from the summary
        await pilot.pause()
        assert name(app) == "ArticleScreen"
        box = app.screen.query_one("#article-card-box", VerticalScroll)
        card = app.screen.query_one("#article-card")
        explanation = card.card.explain  # type: ignore[attr-defined]
        assert explanation
        last_words = " ".join(explanation.split()[-3:])
        assert box.max_scroll_y > 0, "the card fits: this test needs a card longer than its room"
        assert last_words not in screen_text(app)
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is box
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        assert box.scroll_y == box.max_scroll_y
        assert last_words in screen_text(app)
        # The source's name stays in the border while the card scrolls.
        assert card.card.source in screen_text(app)  # type: ignore[attr-defined]


async def test_check_boxes_read_without_colour(shipped: LoadedBank, tmp_path: Path) -> None:
    """On and off differ by the mark itself, not only its colour."""
    app = build(shipped, tmp_path, kinds=("estimate",), interval=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = screen_lines(app)
        assert any("▐X▌ Estimate the number" in line for line in lines)
        assert any("▐ ▌ Pick the figure" in line for line in lines)
        assert any("▐ ▌ Interval mode" in line for line in lines)
        app.screen.query_one("#interval").focus()
        await pilot.press("space")
        await pilot.pause()
        assert any("▐X▌ Interval mode" in line for line in screen_lines(app))
        app.screen.query_one("#kinds").focus()
        await pilot.press("down", "space")
        await pilot.pause()
        assert any("▐X▌ Pick the figure" in line for line in screen_lines(app))


async def test_help_descriptions_wrap_in_their_column(shipped: LoadedBank, tmp_path: Path) -> None:
    """At 40 columns a key's description wraps under itself, not under the keys, and no
    sentence is broken by a hard line break."""
    app = build(shipped, tmp_path)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        lines = screen_lines(app)
        first = next(i for i, line in enumerate(lines) if "pick an option" in line)
        column = lines[first].index("pick an option")
        follow = lines[first + 1]
        assert follow[:column].strip(" █") == "1-6"  # the key's own wrapped words
        assert follow[column:].strip(" █").startswith("↑↓")
        assert follow[column - 1] == " " and follow[column] != " "


async def _play_to_summary(pilot: object, app: object, answer: str) -> None:
    """Answer every question with `answer` and go on to the summary."""
    from quiz.screens.app import QuizApp
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot) and isinstance(app, QuizApp)
    assert app.session is not None
    for _ in range(app.session.total):
        await pilot.press(*answer, "enter")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()


async def test_the_summary_gives_the_whole_replay_command(
    shipped: LoadedBank, tmp_path: Path
) -> None:
    """Asked for 200 estimates (the start screen's most) in interval mode with seed 9:
    the first question comes with how many the bank gives; the summary's replay line is
    the whole command, with no backticks, and that command plays the same quiz (the count
    asked is kept: which questions a bank gives depends on it)."""
    from quiz.game.generate import Settings, generate

    app = build(shipped, tmp_path, seed=9, count=200, kinds=("estimate",), interval=True)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert app.session is not None
        played = [q.id for q in app.session.questions]
        await pilot.pause(0.3)  # the toast is laid out after the screen
        assert "A shorter quiz" in screen_text(app)
        assert f"this bank gives {len(played)}" in screen_text(app)
        await _play_to_summary(pilot, app, "1-2")
        assert name(app) == "SummaryScreen"
        await pilot.press("end")  # the replay line is the summary's last
        await pilot.pause()
        app.clear_notifications()  # the count note's toast, still up in a fast test
        await pilot.pause()
        command = "quiz play --interval --seed 9 --count 200 --kinds estimate"
        shown = re.sub(r"\s+", " ", re.sub(r"[▁▂▃▄▅▆▇█▌]", " ", screen_text(app)))
        assert f"Play this quiz again with: {command}" in shown
        assert "`" not in shown
        assert app.replay == command
    again = generate(shipped, Settings(count=200, kinds=("estimate",), seed=9))
    assert [q.id for q in again] == played


async def test_the_seed_is_not_remembered_for_the_next_game(
    shipped: LoadedBank, tmp_path: Path
) -> None:
    """A quiz played with a seed leaves the next `quiz` on a new quiz: the seed field is
    empty next time, while the other choices come back."""
    from textual.widgets import Input

    from quiz.play.preferences import load

    first = build(shipped, tmp_path, seed=9, count=3, kinds=("estimate",))
    async with first.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert name(first) == "QuestionScreen"
    remembered = load(tmp_path / "prefs.json")
    assert (remembered.seed, remembered.count, remembered.kinds) == (None, 3, ("estimate",))
    second = build(shipped, tmp_path, **vars_of(remembered))
    async with second.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert second.screen.query_one("#seed", Input).value == ""


def vars_of(settings: object) -> dict[str, object]:
    from dataclasses import asdict

    return {k: v for k, v in asdict(settings).items() if k not in ("data_dir", "bank")}  # type: ignore[call-overload]


def dialog_text(app: object) -> str:
    """The dialog's part of the screen, as one line (borders and runs of spaces folded)."""
    import re

    from quiz.screens.app import QuizApp

    assert isinstance(app, QuizApp)
    box = app.screen.query_one("#dialog").region
    lines = screen_lines(app)[box.y : box.bottom]
    return re.sub(r"\s+", " ", re.sub(r"[█▀▄]", " ", " ".join(x[box.x : box.right] for x in lines)))


async def test_an_unwritable_data_folder_is_said_before_the_first_question(
    shipped: LoadedBank, tmp_path: Path
) -> None:
    """A data folder under a file: the first question comes with the warning (path and
    reason, and how to choose another folder); answers go on; the quit dialog says they
    are not saved."""
    from quiz.screens.app import make_app

    from quiz.play.settings import GameSettings

    blocker = tmp_path / "afile"
    blocker.write_text("not a folder", encoding="utf-8")
    app = make_app(
        loaded=shipped,
        settings=GameSettings(seed=2, count=3, kinds=("estimate",)),
        data_dir=blocker / "data",
        prefs_path=tmp_path / "prefs.json",
    )
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert name(app) == "QuestionScreen"
        await pilot.pause(0.3)  # the toast is laid out after the screen
        shown = screen_text(app)
        # The toast wraps beside the question: its words, not its line breaks.
        for words in ("Answers will not be saved:", "is a file, not a", "Set QUIZ_DATA_DIR"):
            assert words in shown
        assert app.keeper.unsaved == f"{blocker} is a file, not a folder"
        await pilot.press(*"5000", "enter")
        await pilot.pause()
        assert name(app) == "RevealScreen"
        assert "File exists" not in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert name(app) == "ConfirmQuit"
        shown = dialog_text(app)
        assert "Your answer is not saved:" in shown and "is a file, not a folder" in shown
        assert "is saved" not in shown


async def test_the_quit_dialog_says_saved_when_the_answers_were(
    shipped: LoadedBank, tmp_path: Path
) -> None:
    app = build(shipped, tmp_path, seed=2, count=3, kinds=("estimate",))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert "Nothing is answered yet, so nothing is kept." in dialog_text(app)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"5000", "enter")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert "You are on question 1 of 3. Your answer so far is saved." in dialog_text(app)


def _hangs_under(lines: list[str], label: str) -> int:
    """Check that the lines under `label`'s text start no further left than that text (a
    hanging indent; deeper lines are rows nested in it); return how many start exactly there."""
    at = next(i for i, line in enumerate(lines) if f" {label} " in f" {line} ")
    first = lines[at]
    start = first.index(label) + len(label)
    column = start + len(first[start:]) - len(first[start:].lstrip())
    wrapped = 0
    for line in lines[at + 1 :]:
        indent = len(line) - len(line.lstrip())
        if not line.strip() or (indent < column and line.lstrip()[0].isupper()):
            break  # a blank line or the next row's label
        assert indent >= column, f"{line!r} does not start under {first!r}"
        wrapped += indent == column
    return wrapped


async def test_wrapped_answer_lines_hang_under_their_text(
    shipped: LoadedBank, tmp_path: Path
) -> None:
    """At 40 columns the reveal's "Why" wraps under its own text, not under "Why" (it says
    only what the verdict and the points do not, short enough for one line at 80)."""
    for width in (40,):
        app = build(shipped, tmp_path, seed=3, count=1, kinds=("estimate",), interval=True)
        async with app.run_test(size=(width, 30)) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press(*"1-100000", "enter")
            await pilot.pause()
            assert name(app) == "RevealScreen"
            lines = [line.rstrip() for line in screen_lines(app)]
            assert _hangs_under(lines, "Why") >= 1, f"the reason wraps at {width} columns"
            _hangs_under(lines, "Answer")


async def test_the_summary_fits_40_columns_and_end_reaches_its_last_line(
    shipped: LoadedBank, tmp_path: Path
) -> None:
    """At 40x12 and 80x24: the kinds table's header and rows read whole, each missed
    question's wrapped prompt and answer hang under their text, and End shows the last
    line (the replay command)."""
    for size in ((40, 12), (80, 24)):
        app = build(shipped, tmp_path, seed=3, count=3, kinds=("estimate",))
        async with app.run_test(size=size) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            await _play_to_summary(pilot, app, "5")
            assert name(app) == "SummaryScreen"
            body = app.screen.query_one("#summary-body")
            lines = [line.rstrip() for line in screen_lines(app)]
            assert any(("Kind" in x and "Answered" in x and "Points" in x) for x in lines)
            assert any(re.search(r"\s3\s+[\d.]+ of 3$", x) for x in lines), lines
            await pilot.press("end")
            await pilot.pause()
            shown = re.sub(r"\s+", " ", re.sub(r"[▁▂▃▄▅▆▇█]", " ", screen_text(app)))
            assert "--kinds estimate" in shown, "the replay command's end is in sight"
            assert body.scroll_y == body.max_scroll_y
        app = build(shipped, tmp_path, seed=3, count=3, kinds=("estimate",))
        async with app.run_test(size=(size[0], 60)) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            await _play_to_summary(pilot, app, "5")
            lines = [line.rstrip() for line in screen_lines(app)]
            assert _hangs_under(lines, "Q1.") >= (1 if size[0] == 40 else 0)
            _hangs_under(lines, "You said")


async def test_kinds_from_the_command_line_are_the_ones_ticked(
    shipped: LoadedBank, tmp_path: Path
) -> None:
    """`quiz play --kinds estimate` over remembered choices of every kind: the start
    screen ticks Estimate only."""
    from dataclasses import replace

    from quiz.screens.app import make_app

    from quiz.cli.options import game_settings
    from quiz.cli.parser import build_parser
    from quiz.game.generate import KINDS
    from quiz.play.settings import GameSettings

    remembered = GameSettings(kinds=KINDS, count=4)
    args = build_parser().parse_args(["play", "--kinds", "estimate"])
    settings = game_settings(args, replace(remembered, bank=None))
    app = make_app(
        loaded=shipped, settings=settings, data_dir=tmp_path, prefs_path=tmp_path / "p.json"
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert list(app.screen.query_one("#kinds").selected) == ["estimate"]  # type: ignore[attr-defined]
        lines = screen_lines(app)
        assert any("▐X▌ Estimate the number" in line for line in lines)
        assert any("▐ ▌ Pick the figure" in line for line in lines)
