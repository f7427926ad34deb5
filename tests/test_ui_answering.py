"""Answering in the full-screen game (and the student's app) as a newcomer would: typing on
a choice question picks nothing and says how to pick (quiz.present.keys), and the
estimate's field shows where to type before anything is typed, at every size down to 40x12."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from quiz.screens.app import QuizApp
from quiz.screens.classroom.join_views import JoinQuestionScreen
from quiz.screens.widgets.progress_header import Progress
from test_ui_sizes import SIZES, in_sight, settle
from textual.app import App
from textual.widgets import Input, OptionList
from ui_app import build, screen_text

from quiz.bank.loader import LoadedBank
from quiz.classroom.protocol import QuestionMsg
from quiz.game.scoring import ChoiceAnswer
from quiz.present.keys import choice_keys, not_an_option


def keys_line(app: QuizApp) -> str:
    return str(app.screen.query_one("#keys").visual)


@pytest.mark.parametrize("size", [(40, 12), (80, 24)], ids=["40x12", "80x24"])
async def test_typing_a_number_on_a_choice_question_picks_nothing_and_says_how(
    shipped: LoadedBank, tmp_path: Path, size: tuple[int, int]
) -> None:
    """ "9000" then Enter used to pick the highlighted option. Now the line under the
    question names what was typed and how to pick, Enter picks nothing, and the number key
    of an option still picks it at once."""
    app = build(shipped, tmp_path, seed=3, count=2, kinds=("choice",))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        session = app.session
        assert session is not None
        options = len(session.current.options)
        assert keys_line(app) == choice_keys(options)
        await pilot.press(*"9000", "enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "QuestionScreen"
        assert session.results == []
        message = not_an_option("9000", options)
        assert keys_line(app) == message
        assert in_sight(app, app.screen.query_one("#keys"))
        assert message in screen_text(app) or size[0] < len(message)  # wraps at 40
        await pilot.press("2")
        await settle(pilot)
        assert type(app.screen).__name__ == "RevealScreen"
        assert session.results[-1].answer == ChoiceAnswer(1)
        await pilot.press("enter")
        await settle(pilot)
        # Typing, then an arrow: the player chose with the highlight, and Enter picks it.
        await pilot.press("x")
        await settle(pilot)
        assert keys_line(app) == not_an_option("x", options)
        assert isinstance(app.focused, OptionList)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "RevealScreen"
        assert session.results[-1].answer == ChoiceAnswer(1)


async def test_the_apps_keys_still_work_on_a_choice_question(
    shipped: LoadedBank, tmp_path: Path
) -> None:
    """? opens the help, as before: only typing that means nothing here is refused."""
    app = build(shipped, tmp_path, seed=3, count=1, kinds=("choice",))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert type(app.screen).__name__ == "HelpScreen"


def background_at(app: QuizApp, x: int, y: int) -> tuple[int, int, int]:
    """The background colour of the cell at (x, y), as the screen draws it."""
    strip = app.screen._compositor.render_strips()[y]
    column = 0
    for segment in strip:
        width = segment.cell_length
        if column <= x < column + width:
            assert segment.style is not None and segment.style.bgcolor is not None
            return tuple(segment.style.bgcolor.get_truecolor())  # type: ignore[return-value]
        column += width
    raise AssertionError(f"no cell at {x},{y}")


FAINT = 60
"""Below this distance between two backgrounds (RGB, 0-441) a field does not stand out:
the unstyled field at 40x12 was #272727 on #121212, 36 apart, and read as no box at all."""


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_the_estimate_field_shows_where_to_type_before_anything_is_typed(
    shipped: LoadedBank, tmp_path: Path, size: tuple[int, int]
) -> None:
    """An empty field is on screen, has its region, and stands out: by its border where
    there is room for one, and at 40x12, where there is none, by a background of its own."""
    app = build(shipped, tmp_path, seed=3, count=1, kinds=("estimate",))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        field = app.screen.query_one("#guess Input", Input)
        assert field.value == ""
        assert app.focused is field
        region = field.region
        screen = app.screen.region
        assert region.width >= 8 and region.height >= 1, region
        assert screen.contains_region(region), (region, screen)
        assert in_sight(app, field)
        bordered = field.styles.border.top[0] not in ("", "none", "hidden")
        assert bordered is (size != (40, 12)), "a border only where there are rows for it"
        if not bordered:
            middle = region.y + region.height // 2
            inside = background_at(app, region.x + region.width // 2, middle)
            outside = background_at(app, 0, middle)
            assert math.dist(inside, outside) >= FAINT, (inside, outside)


async def test_a_students_choice_question_says_how_to_pick_and_sends_nothing() -> None:
    """The student's app uses the same options: "9000" then Enter sends no answer, and
    the state line says how to pick; a number key then sends that option."""
    message = QuestionMsg(
        number=1, total=2, kind="choice", prompt="Which?", options=("a", "b", "c"), seconds_left=60
    )
    sent: list[object] = []

    class Student(App[None]):
        def on_mount(self) -> None:
            self.push_screen(JoinQuestionScreen(message, Progress(1, 2, 0.0, 0.0), clock=lambda: 0))

        def on_join_question_screen_answered(self, event: JoinQuestionScreen.Answered) -> None:
            sent.append(event.answer)

    app = Student()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        await pilot.press(*"9000", "enter")
        await pilot.pause()
        assert sent == []
        assert str(app.screen.query_one("#state").visual) == not_an_option("9000", 3)
        await pilot.press("2")
        await pilot.pause()
        assert sent == [ChoiceAnswer(1)]
