"""Issue 12, problem 6: names and bank text are literal on every classroom screen.

Audit of the places that hold a player's name or a bank's text, one test each: the
projector's lobby, remove dialog, question, reveal, leaderboard and podium; the
student's waiting line, rejoin notice, question, reveal and podium. Each is shown a
text made of markup that Textual 8.2.8 would act on (`[@click=app.quit]`) or crash on
(a lone `[/`, textual#6155): it must appear as typed.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable

import pytest
from quiz.screens.classroom.host_app import HostApp, RemovePlayer, make_host_app
from quiz.screens.classroom.join_app import JoinApp
from quiz.screens.classroom.join_views import EndScreen, JoinQuestionScreen, JoinRevealScreen
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from quiz.bank.loader import LoadedBank
from quiz.classroom.room import Room
from quiz.classroom.server import Host
from quiz.game.generate import Question, Settings, generate

NAME = "[/x[@click=app.quit]X[/]"
"""24 characters: a player's name may be this."""
TEXT = "[@click=app.quit]Q[/] [b]B[/b] [/ end"


def marked(bank: LoadedBank) -> list[Question]:
    """A choice question and an estimate whose bank text is all markup."""
    questions = generate(bank, Settings(count=20, seed=3))
    choice = next(q for q in questions if not q.is_numeric)
    numeric = next(q for q in questions if q.is_numeric)
    options = tuple(f"{TEXT} {n}" for n in range(len(choice.options)))
    return [
        dataclasses.replace(
            choice,
            prompt=f"{TEXT}?",
            options=options,
        ),
        dataclasses.replace(numeric, prompt=f"{TEXT}?", unit=f"{TEXT} unit"),
    ]


def shown(app: HostApp | JoinApp) -> str:
    statics = "\n".join(str(w.render()) for w in app.screen.query(Static))
    options = "\n".join(
        str(option.prompt) for w in app.screen.query(OptionList) for option in w.options
    )
    return f"{statics}\n{options}"


async def until(pilot: Pilot, condition: Callable[[], bool]) -> None:
    for _ in range(250):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"the screen never got there: {shown(pilot.app)}")  # type: ignore[arg-type]


def flat(text: str) -> str:
    return "".join(text.split())


def on_screen(app: HostApp | JoinApp, text: str) -> bool:
    return flat(text) in flat(shown(app))


# -- the projector -----------------------------------------------------------------


@pytest.mark.parametrize("place", ["lobby", "remove", "question", "reveal", "board", "podium"])
async def test_the_projector_shows_names_and_bank_text_literally(
    second_bank: LoadedBank, place: str
) -> None:
    room = Room(marked(second_bank), loaded=second_bank, seconds=600)
    player = room.join(NAME)
    app = make_host_app(room, shown_address="127.0.0.1:8765")
    async with app.run_test(size=(120, 50)) as pilot:
        if place == "lobby":
            await until(pilot, lambda: on_screen(app, NAME))
            return
        if place == "remove":
            await pilot.press("r")
            await until(pilot, lambda: isinstance(app.screen, RemovePlayer))
            option = app.screen.query_one(OptionList).get_option_at_index(0)
            assert str(option.prompt) == NAME
            return
        await pilot.press("enter")
        await until(pilot, lambda: room.phase == "question")
        if place == "question":
            await until(pilot, lambda: on_screen(app, TEXT + "?"))
            assert on_screen(app, f"{TEXT} 1")
            return
        room.answer(player, 1, 0, None)
        await app.host.skip()
        await until(pilot, lambda: app.view == "reveal")
        if place == "reveal":
            await until(pilot, lambda: on_screen(app, f"Answer: {room.questions[0].answer_text}"))
            return
        await pilot.press("enter")
        await until(pilot, lambda: app.view == "leaderboard")
        if place == "board":
            await until(pilot, lambda: on_screen(app, NAME))
            return
        await app.host.finish()
        await until(pilot, lambda: app.view == "finished")
        # On the podium, once: a class of one has no table after it (quiz.present.final_board).
        await until(pilot, lambda: flat(shown(app)).count(flat(NAME)) == 1)
        assert app.is_running, "no click, no crash"


# -- the student -------------------------------------------------------------------


async def student_in(bank: LoadedBank, place: str) -> None:
    room = Room(marked(bank), loaded=bank, seconds=600)
    host = Host(room, tick=0.05)
    address = await host.start("127.0.0.1", 0)
    try:
        app = JoinApp(address[0], address[1], room.code, NAME, rejoin_pause=0.05)
        async with app.run_test(size=(120, 50)) as pilot:
            await until(pilot, lambda: on_screen(app, f"You are in as {NAME}"))
            if place == "waiting":
                return
            if place == "rejoin":
                host._links[1].abort()  # the connection blinks; the client rejoins
                await until(
                    pilot,
                    lambda: any(n.message.startswith("Back in") for n in app._notifications),
                )
                await pilot.pause(0.1)  # the toast is drawn: a markup parse would raise here
                notice = next(n for n in app._notifications if n.message.startswith("Back in"))
                assert notice.message.startswith(f"Back in, {NAME}:") and not notice.markup
                assert app.is_running
                return
            await host.next()
            await until(pilot, lambda: isinstance(app.screen, JoinQuestionScreen))
            if place == "question":
                await until(pilot, lambda: on_screen(app, TEXT + "?"))
                assert on_screen(app, f"{TEXT} 1")
                return
            await pilot.press("1")
            await until(pilot, lambda: isinstance(app.screen, JoinRevealScreen))
            if place == "reveal":
                assert on_screen(app, f"Answer: {room.questions[0].answer_text}")
                assert on_screen(app, f"You answered: {TEXT} 0")
                return
            await host.next()
            await until(pilot, lambda: isinstance(app.screen, JoinQuestionScreen))
            assert on_screen(app, f"Your estimate ({TEXT} unit)")
            await host.finish()
            await until(pilot, lambda: isinstance(app.screen, EndScreen))
            await until(pilot, lambda: on_screen(app, NAME))
            await app.student.leave()
    finally:
        await asyncio.wait_for(host.close(), 5)


@pytest.mark.parametrize("place", ["waiting", "rejoin", "question", "reveal", "end"])
async def test_the_student_sees_names_and_bank_text_literally(
    second_bank: LoadedBank, place: str
) -> None:
    await student_in(second_bank, place)
