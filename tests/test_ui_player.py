"""What a new player ran into (issue 14), pressed through with Pilot and read off the screen:
F1 inside the number field, the palette's Quit, ranges typed as an estimate, article cards
longer than the room under the article, and check boxes that read without colour.
"""

from __future__ import annotations

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
        assert "= 21.21 million, the middle of 15 million to 30 million" in shown
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
    app = build(shipped, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("a")
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
