"""Keys, dialogs and sizes: quitting, text-field traps, resizing, help, palette, article.

Each test presses keys with Textual's Pilot and checks what the screen shows or which
screen is up; the engine provides every expected value.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from quiz.screens.app import make_app
from quiz.screens.widgets.number_input import NumberInput
from ui_app import build, name, screen_text

from quiz.bank.loader import LoadedBank
from quiz.cli.main import main
from quiz.game.explain import article_highlights
from quiz.play.preferences import load
from quiz.play.settings import GameSettings


async def test_q_asks_before_leaving_a_quiz(shipped: LoadedBank, tmp_path: Path) -> None:
    """q during a quiz opens the confirmation; n goes back with nothing lost; y quits."""
    app = build(shipped, tmp_path, seed=2, count=3, kinds=("choice",))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        question = app.session.current  # type: ignore[union-attr]
        await pilot.press("q")
        await pilot.pause()
        assert name(app) == "ConfirmQuit"
        assert "Quit the quiz?" in screen_text(app)
        assert "question 1 of 3" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert name(app) == "QuestionScreen"
        assert app.session.current is question  # type: ignore[union-attr]
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


async def test_q_quits_at_once_outside_a_quiz(shipped: LoadedBank, tmp_path: Path) -> None:
    """On the start screen there is nothing to lose: q quits without asking."""
    app = build(shipped, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert name(app) == "StartScreen"
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_letters_typed_in_an_estimate_stay_in_the_field(
    shipped: LoadedBank, tmp_path: Path
) -> None:
    """Typing q or ? in the number field types them; Ctrl+Q still asks to quit, and after
    Escape leaves the field, q asks too."""
    app = build(shipped, tmp_path, seed=2, count=2, kinds=("estimate",))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        field = app.screen.query_one(NumberInput)
        await pilot.press("4", "q", "?")
        await pilot.pause()
        assert field.value == "4q?"
        assert name(app) == "QuestionScreen"
        assert "not a number yet" in screen_text(app)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert name(app) == "ConfirmQuit"
        await pilot.press("escape")
        await pilot.pause()
        assert field.value == "4q?"
        await pilot.press("escape")  # leave the field
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert name(app) == "HelpScreen"
        await pilot.press("escape")
        await pilot.pause()
        # Back from help, the field has focus again (Textual's AUTO_FOCUS on resume).
        assert field.input.has_focus
        await pilot.press("escape", "q")
        await pilot.pause()
        assert name(app) == "ConfirmQuit"
        assert field.value == "4q?"


async def test_resize_keeps_the_state(shipped: LoadedBank, tmp_path: Path) -> None:
    """Down to 40x12 and back mid-question: the typed text, its reading and the progress
    stay, the header shortens instead of wrapping, and the answer still goes through."""
    app = build(shipped, tmp_path, seed=4, count=3, kinds=("estimate",))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        session = app.session
        assert session is not None
        await pilot.press(*"7.8m")
        await pilot.pause()
        for size in ((40, 12), (41, 13), (60, 15), (40, 12)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert name(app) == "QuestionScreen"
            assert app.screen.query_one(NumberInput).value == "7.8m"
        assert "Question 1 of 3" in screen_text(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert "= 7,800,000" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert name(app) == "RevealScreen"
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        assert session.state == "reveal" and len(session.results) == 1
        await pilot.press("enter")
        await pilot.pause()
        assert session.position == 2 and name(app) == "QuestionScreen"


async def test_help_lists_the_keys(shipped: LoadedBank, tmp_path: Path) -> None:
    """? on a choice question shows the general keys and the scoring rule; Esc closes."""
    app = build(shipped, tmp_path, seed=2, count=1, kinds=("choice",))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "question_mark")
        await pilot.pause()
        assert name(app) == "HelpScreen"
        shown = screen_text(app)
        assert "Number keys 1-6" in shown
        assert "Ctrl+P" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert name(app) == "QuestionScreen"


async def test_command_palette_offers_the_games_actions(
    shipped: LoadedBank, tmp_path: Path
) -> None:
    """Ctrl+P lists the game's commands; "Read the article" only once no question is left
    (the last reveal), and choosing it then opens the article."""
    app = build(shipped, tmp_path, seed=2, count=1, kinds=("choice",))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Help" in titles and "Theme" in titles
        assert "Read the article" not in titles  # it would answer the open question
        assert "New quiz" not in titles  # not while a quiz is in progress
        await pilot.press("1")
        await pilot.pause()
        assert name(app) == "RevealScreen"
        assert "Read the article" in [c.title for c in app.get_system_commands(app.screen)]
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"article")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert name(app) == "ArticleScreen"


async def test_article_moves_between_quotes(shipped: LoadedBank, tmp_path: Path) -> None:
    """From a reveal, a opens the article on the question's figure; n moves to the next
    quote and its card; Esc returns to the reveal."""
    app = build(shipped, tmp_path, seed=2, count=1, kinds=("estimate",))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        question = app.session.current  # type: ignore[union-attr]
        await pilot.press("1", "enter")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert name(app) == "ArticleScreen"
        highlights = article_highlights(app.loaded)
        figure_ids = [fid for _, _, fid in highlights]
        index = figure_ids.index(question.figure_ids[0])
        assert f"Quote {index + 1} of {len(highlights)}" in screen_text(app)
        figure = app.loaded.bank.figures[question.figure_ids[0]]
        source = app.loaded.bank.sources[figure.source].name
        assert source in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        following = (index + 1) % len(highlights)
        assert f"Quote {following + 1} of {len(highlights)}" in screen_text(app)
        assert app.screen.selected_figure == figure_ids[following]  # type: ignore[attr-defined]
        await pilot.press("escape")
        await pilot.pause()
        assert name(app) == "RevealScreen"


async def test_play_again_same_seed_gives_the_same_quiz(
    shipped: LoadedBank, tmp_path: Path
) -> None:
    """r on the summary replays the same questions; n draws a new quiz."""
    app = build(shipped, tmp_path, seed=9, count=2, kinds=("choice", "source"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        first = [q.id for q in app.session.questions]  # type: ignore[union-attr]
        for _ in first:
            await pilot.press("1")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
        assert name(app) == "SummaryScreen"
        await pilot.press("end")  # the replay command is the summary's last line
        await pilot.pause()
        assert "quiz play --seed 9" in screen_text(app)
        await pilot.press("r")
        await pilot.pause()
        assert name(app) == "QuestionScreen"
        assert [q.id for q in app.session.questions] == first  # type: ignore[union-attr]


async def test_start_screen_remembers_choices(shipped: LoadedBank, tmp_path: Path) -> None:
    """Choices made on the start screen are saved and come back next time, except the
    seed: `quiz` plays a new quiz each time (the summary's replay command replays)."""
    app = build(shipped, tmp_path, count=10)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#count").focus()
        await pilot.press("backspace", "backspace", "4", "tab", *"123", "tab", *"Bo", "enter")
        await pilot.pause()
        assert name(app) == "QuestionScreen"
        assert app.session is not None and app.session.total == 4
    remembered = load(tmp_path / "prefs.json")
    assert (remembered.count, remembered.seed, remembered.name) == (4, None, "Bo")


async def test_start_screen_refuses_a_bad_count(shipped: LoadedBank, tmp_path: Path) -> None:
    """A question count of 0 is refused on the start screen with a message."""
    app = build(shipped, tmp_path, count=10)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#count").focus()
        await pilot.press("backspace", "backspace", "0", "enter")
        await pilot.pause()
        assert name(app) == "StartScreen"
        assert "a whole number from 1 to 200" in screen_text(app)


async def test_light_theme_plays(shipped: LoadedBank, tmp_path: Path) -> None:
    """The light theme applies to every screen without errors."""
    app = build(shipped, tmp_path, seed=2, count=1, kinds=("estimate",))
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "textual-light"
        await pilot.press("enter", "5", "0", "0", "enter")
        await pilot.pause()
        assert name(app) == "RevealScreen"
        assert not app.current_theme.dark


def test_invalid_bank_on_the_command_line_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`quiz play bad.toml`: the located problems are printed once, exit 1, no TUI, no traceback."""
    monkeypatch.setenv("QUIZ_CONFIG_DIR", str(tmp_path))
    bad = tmp_path / "bad.toml"
    bad.write_text('format = 1\n[bank]\nid = "x"\ntitel = "typo"\n', encoding="utf-8")
    assert main(["play", str(bad), "--data-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:" in err and "titel" in err
    assert err.count("bank.titel:") == 1, "printed once"
    assert "Traceback" not in err


def test_unknown_kind_on_the_command_line_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUIZ_CONFIG_DIR", str(tmp_path))
    assert main(["play", "--kinds", "estimate,guess", "--data-dir", str(tmp_path)]) == 2
    assert "--kinds: unknown kind 'guess'" in capsys.readouterr().err


async def test_clicking_a_quote_selects_it(shipped: LoadedBank, tmp_path: Path) -> None:
    """In the article, a click on a highlighted quote selects it and shows its card."""
    app = build(shipped, tmp_path, count=1, kinds=("choice",))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "1", "enter", "a")  # the article opens from the summary
        await pilot.pause()
        assert name(app) == "ArticleScreen"
        highlights = article_highlights(app.loaded)
        start, end, figure_id = highlights[1]
        words = app.loaded.article_text[start:end].split()[:3]
        lines = [strip.text for strip in app.screen._compositor.render_strips()]
        top = app.screen.query_one("#article-text").region.y  # the title may quote it too
        row = next(i for i, line in enumerate(lines) if i >= top and " ".join(words) in line)
        column = lines[row].index(" ".join(words))
        await pilot.click(offset=(column + 1, row))
        await pilot.pause()
        assert app.screen.selected_figure == figure_id  # type: ignore[attr-defined]
        assert f"Quote 2 of {len(highlights)}" in screen_text(app)


async def test_a_bank_that_does_not_check_cannot_be_played(
    shipped: LoadedBank, tmp_path: Path
) -> None:
    """Choosing a broken bank on the start screen shows its located problems, literally,
    and Enter does not start a quiz; choosing the good bank again restores Play."""
    bad = tmp_path / "broken.toml"
    bad.write_text('format = 1\n[bank]\nid = "x"\ntitle = "[b]Broken"\n', encoding="utf-8")
    app = make_app(
        loaded=shipped,
        settings=GameSettings(),
        bank_paths=[shipped.path, bad],
        data_dir=tmp_path / "data",
        prefs_path=tmp_path / "prefs.json",
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        select = app.screen.query_one("#bank")
        select.value = 1  # type: ignore[attr-defined]
        await pilot.pause()
        shown = screen_text(app)
        assert "broken.toml does not check" in shown
        assert f"{bad}" in shown.replace(" ", "") or "broken.toml:" in shown
        app.screen.query_one("#play").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert name(app) == "StartScreen"
        assert "Choose a bank that checks" in screen_text(app)
        select.value = 0  # type: ignore[attr-defined]
        await pilot.pause()
        # Enter in a field plays too (the Play button ignores a second press while its
        # pressed effect shows).
        app.screen.query_one("#name").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert name(app) == "QuestionScreen"
