"""The classroom screens with Textual's Pilot: press the teacher's and the student's keys and
read what the projector and the student's terminal show. Students are real loopback clients.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable

from quiz.screens.classroom.host_app import HostApp, RemovePlayer, make_host_app
from quiz.screens.classroom.host_views import (
    HostQuestionScreen,
    HostRevealScreen,
    LeaderboardScreen,
    LobbyScreen,
    PodiumScreen,
)
from quiz.screens.classroom.join_app import JoinApp
from quiz.screens.classroom.join_views import JoinQuestionScreen, JoinRevealScreen
from quiz.screens.widgets.log_chart import LogChart
from textual.pilot import Pilot
from textual.widgets import Static

from quiz.bank.loader import LoadedBank
from quiz.bank.numbers import format_number
from quiz.classroom.protocol import (
    MAX_SERVER_LINE,
    PROTOCOL_VERSION,
    AnswerMsg,
    ErrorMsg,
    Hello,
    decode_server,
    encode,
)
from quiz.classroom.room import Room
from quiz.classroom.server import Host
from quiz.game.generate import Question, Settings, generate
from quiz.present.verdict import score_points, score_text

WAIT = 5.0


def _questions(bank: LoadedBank, numeric_first: bool) -> list[Question]:
    questions = generate(bank, Settings(count=20, seed=3))
    numeric = [q for q in questions if q.is_numeric]
    choice = [q for q in questions if not q.is_numeric and q.figure_ids]
    return [numeric[0], choice[0]] if numeric_first else [choice[0], numeric[0]]


def text(app: HostApp | JoinApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def screen_text(app: HostApp | JoinApp) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query(Static))


def legend(app: HostApp | JoinApp) -> str:
    """The chart's last line: the key saying what each glyph marks."""
    return str(app.screen.query_one(LogChart).render()).splitlines()[-1]


async def until(pilot: Pilot, condition: Callable[[], bool]) -> None:
    for _ in range(250):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"the screen never got there: {screen_text(pilot.app)}")


class Peer:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    @classmethod
    async def join(cls, app: HostApp, name: str) -> Peer:
        assert app.host.address is not None
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection(*app.host.address, limit=MAX_SERVER_LINE), WAIT
        )
        writer.write(encode(Hello(version=PROTOCOL_VERSION, code=app.room.code, name=name)))
        return cls(reader, writer)

    async def send(self, message: AnswerMsg) -> None:
        self.writer.write(encode(message))
        await self.writer.drain()

    async def messages(self) -> list[object]:
        """Everything received until the host closes the connection (bounded)."""
        seen = []
        with contextlib.suppress(asyncio.TimeoutError, ConnectionError):
            while line := await asyncio.wait_for(self.reader.readline(), WAIT):
                seen.append(decode_server(line))
        return seen


async def test_the_projector_lobby_question_reveal_and_leaderboard(
    second_bank: LoadedBank,
) -> None:
    """Lobby lists names literally; the question shows counts, never who; the reveal shows bars."""
    room = Room(_questions(second_bank, numeric_first=False), loaded=second_bank, seconds=600)
    app = make_host_app(room, shown_address="192.0.2.7:8765")
    async with app.run_test(size=(100, 40)) as pilot:
        assert isinstance(app.screen, LobbyScreen)
        assert "quiz join 192.0.2.7:8765  --code " + room.code in text(app, "#join-command")
        assert "Waiting for players" in text(app, "#count")
        ana = await Peer.join(app, "Ana")
        bo = await Peer.join(app, "[b]Bo[/b]")
        await until(pilot, lambda: "2 players" in text(app, "#count"))
        assert "Ana" in text(app, "#players") and "[b]Bo[/b]" in text(app, "#players")

        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, HostQuestionScreen))
        question = room.question
        assert question is not None and not question.is_numeric
        assert question.prompt in text(app, "#prompt")
        assert all(option in text(app, "#options") for option in question.options)
        assert "0 of 2 answered" in text(app, "#answered")
        await ana.send(AnswerMsg(number=1, choice=question.answer_index))
        await until(pilot, lambda: "1 of 2 answered" in text(app, "#answered"))
        assert "Ana" not in screen_text(app), "the projector never says who answered"

        await pilot.press("p")
        await until(pilot, lambda: "Paused" in text(app, "#countdown"))
        before = room.seconds_left()
        await pilot.press("plus")
        assert room.seconds_left() > before
        await pilot.press("p")
        await until(pilot, lambda: "Time left" in text(app, "#countdown"))

        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, HostRevealScreen))
        assert question.answer_text in text(app, "#answer")
        bars = text(app, "#distribution")
        assert "✓ " + str(question.answer_index + 1) in bars
        assert "█ 1" in bars, "one vote on the right option"
        assert app.screen.query("FigureCard"), "every source's figure is on the reveal"

        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, LeaderboardScreen))
        table = text(app, "#table")
        assert table.index("Ana") < table.index("[b]Bo[/b]")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, HostQuestionScreen))
        assert room.number == 2
        await bo.send(AnswerMsg(number=2, value=1.0))
        await pilot.press("s", "enter", "enter")
        await until(pilot, lambda: isinstance(app.screen, PodiumScreen))
        assert "🥇 Ana" in text(app, "#podium")
        ana.writer.close()
        bo.writer.close()


async def test_with_no_players_the_teacher_steps_through_as_a_presentation(
    second_bank: LoadedBank,
) -> None:
    room = Room(_questions(second_bank, numeric_first=True), loaded=second_bank, seconds=600)
    app = make_host_app(room, shown_address="127.0.0.1:8765")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, HostQuestionScreen))
        assert "No players" in text(app, "#answered")
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, HostRevealScreen))
        assert "No guesses" in text(app, "#distribution")
        assert "Scoring:" in text(app, "#rule")
        await pilot.press("enter")  # no players: no leaderboard, straight on
        await until(pilot, lambda: isinstance(app.screen, HostQuestionScreen))
        await pilot.press("s", "enter")
        await until(pilot, lambda: isinstance(app.screen, PodiumScreen))


async def test_the_teacher_removes_a_player(second_bank: LoadedBank) -> None:
    room = Room(_questions(second_bank, numeric_first=True), loaded=second_bank)
    app = make_host_app(room, shown_address="127.0.0.1:8765")
    async with app.run_test(size=(100, 40)) as pilot:
        ana = await Peer.join(app, "Ana")
        await until(pilot, lambda: "1 player" in text(app, "#count"))
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, RemovePlayer))
        await pilot.press("enter")
        await until(pilot, lambda: "Waiting for players" in text(app, "#count"))
        received = await ana.messages()
        assert any(isinstance(m, ErrorMsg) and "removed" in m.reason for m in received)


async def test_the_student_answers_and_sees_their_reveal(second_bank: LoadedBank) -> None:
    room = Room(_questions(second_bank, numeric_first=True), loaded=second_bank, seconds=600)
    host = Host(room, tick=0.05)
    address = await host.start("127.0.0.1", 0)
    try:
        app = JoinApp(address[0], address[1], room.code, "Ana", rejoin_pause=0.05)
        async with app.run_test(size=(90, 40)) as pilot:
            await until(pilot, lambda: "You are in as Ana" in screen_text(app))
            await host.next()
            await until(pilot, lambda: isinstance(app.screen, JoinQuestionScreen))
            question = room.question
            assert question is not None and question.is_numeric
            assert question.prompt in text(app, "#prompt")
            await until(pilot, lambda: "Time left" in text(app, "#time-left"))
            await pilot.press("x", "y", "z", "enter")  # not a number: nothing is sent
            await pilot.pause()
            assert room.answered_count() == 0
            app.screen.query_one("NumberInput Input").value = ""  # type: ignore[attr-defined]
            typed = f"{question.low:.0f}"
            await pilot.press(*typed, "enter")
            # Only Ana plays, so the reveal follows her answer at once.
            await until(pilot, lambda: isinstance(app.screen, JoinRevealScreen))
            assert room.answered_count() == 1
            body = screen_text(app)
            assert "You answered: " + format_number(float(typed)) in body
            given = room.players[1].answers[1]
            # The points and what the reason adds to them, each said once (quiz.present).
            assert score_text(given.score) in body.replace("\n", " ")
            assert body.count(score_points(given.score)) == 1
            assert "1st of 1" in body
            await until(pilot, lambda: "▲ " in legend(app))
            assert "▲ your guess" in legend(app), "a student's ▲ is their own guess"
            assert "class" not in legend(app)
            late = await asyncio.wait_for(asyncio.open_connection(*address), WAIT)
            late[1].write(encode(Hello(version=PROTOCOL_VERSION, code=room.code, name="Ben")))
            await until(pilot, lambda: len(room.players) == 2)
            await host.next()
            await until(pilot, lambda: isinstance(app.screen, JoinQuestionScreen))
            second = room.question
            assert second is not None and not second.is_numeric
            await pilot.press(str((second.answer_index or 0) + 1))
            # Ben has not answered: Ana waits, told that her answer is in.
            await until(pilot, lambda: "Answer received" in text(app, "#state"))
            await host.skip()
            await until(pilot, lambda: isinstance(app.screen, JoinRevealScreen))
            assert "✓" in text(app, "#yours")
            late[1].close()
    finally:
        await asyncio.wait_for(host.close(), WAIT)


async def test_the_projector_chart_says_the_marks_are_the_class_guesses(
    second_bank: LoadedBank,
) -> None:
    """On the projector the ▲ marks are everyone's guesses: the legend must not say "your"."""
    room = Room(_questions(second_bank, numeric_first=True), loaded=second_bank, seconds=600)
    app = make_host_app(room, shown_address="127.0.0.1:8765")
    async with app.run_test(size=(100, 40)) as pilot:
        ana = await Peer.join(app, "Ana")
        bo = await Peer.join(app, "Bo")
        await until(pilot, lambda: "2 players" in text(app, "#count"))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, HostQuestionScreen))
        question = room.question
        assert question is not None and question.is_numeric
        await ana.send(AnswerMsg(number=1, value=question.low))
        await bo.send(AnswerMsg(number=1, value=question.low * 10))
        # Both have answered, so the host reveals at once.
        await until(pilot, lambda: isinstance(app.screen, HostRevealScreen))
        await until(pilot, lambda: "2 guesses" in text(app, "#distribution"))
        # The chart renders to its width: wait for the layout to give it the whole line.
        await until(pilot, lambda: "▲ " in legend(app))
        chart = str(app.screen.query_one(LogChart).render())
        assert chart.count("▲") >= 2, "each of the class's guesses has its mark"
        assert "▲ the class's guesses" in legend(app)
        assert "your guess" not in chart
        ana.writer.close()
        bo.writer.close()


async def shown_whole(pilot: Pilot, selector: str, wanted: str) -> None:
    """The widget holds `wanted` and is laid out inside the screen, not squeezed to nothing."""
    app = pilot.app
    await until(pilot, lambda: wanted in text(app, selector))  # type: ignore[arg-type]
    widget = app.screen.query_one(selector)

    def laid_out() -> bool:
        region = widget.region
        return region.area > 0 and app.screen.region.contains_region(region)

    # A screen just switched to (or resized) is laid out on a later refresh: wait, bounded.
    await until(pilot, laid_out)


async def test_the_projector_survives_resizing_down_to_40x12(second_bank: LoadedBank) -> None:
    """Lobby and question at 80x24, squeezed to 40x12 and back: the prompt is still shown,
    and the teacher's keys still work at the small size."""
    room = Room(_questions(second_bank, numeric_first=False), loaded=second_bank, seconds=600)
    app = make_host_app(room, shown_address="127.0.0.1:8765")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.resize_terminal(40, 12)
        await until(pilot, lambda: app.screen.size.width == 40)
        # The join command wraps rather than cut the code off the edge.
        await shown_whole(pilot, "#join-command", room.code)
        await pilot.resize_terminal(80, 24)
        await shown_whole(pilot, "#count", "Waiting for players")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, HostQuestionScreen))
        question = room.question
        assert question is not None
        await shown_whole(pilot, "#prompt", question.prompt)
        await pilot.resize_terminal(40, 12)
        await until(pilot, lambda: app.screen.size.width == 40)
        await pilot.press("p")  # still answers keys while small
        await until(pilot, lambda: room.paused)
        await pilot.resize_terminal(80, 24)
        await until(pilot, lambda: app.screen.size == (80, 24))
        await shown_whole(pilot, "#prompt", question.prompt)
        await shown_whole(pilot, "#countdown", "Paused")
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, HostRevealScreen))
        await pilot.resize_terminal(40, 12)
        await pilot.resize_terminal(80, 24)
        await shown_whole(pilot, "#prompt", question.prompt)


async def test_the_student_screen_survives_resizing_down_to_40x12(
    second_bank: LoadedBank,
) -> None:
    """A student's question at 80x24, squeezed to 40x12 (answering there) and back: the
    prompt is still shown, the answer typed while small was taken, and the reveal too."""
    room = Room(_questions(second_bank, numeric_first=True), loaded=second_bank, seconds=600)
    host = Host(room, tick=0.05)
    address = await host.start("127.0.0.1", 0)
    try:
        app = JoinApp(address[0], address[1], room.code, "Ana", rejoin_pause=0.05)
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: "You are in as Ana" in screen_text(app))
            await host.next()
            await until(pilot, lambda: isinstance(app.screen, JoinQuestionScreen))
            question = room.question
            assert question is not None and question.is_numeric
            await shown_whole(pilot, "#prompt", question.prompt)
            await pilot.resize_terminal(40, 12)
            await until(pilot, lambda: app.screen.size.width == 40)
            await pilot.press(*f"{question.low:.0f}")
            await pilot.resize_terminal(80, 24)
            await until(pilot, lambda: app.screen.size == (80, 24))
            await shown_whole(pilot, "#prompt", question.prompt)
            assert app.screen.query_one("NumberInput Input").value == f"{question.low:.0f}"  # type: ignore[attr-defined]
            await pilot.resize_terminal(40, 12)
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, JoinRevealScreen))
            assert room.answered_count() == 1
            await pilot.resize_terminal(80, 24)
            await shown_whole(pilot, "#prompt", question.prompt)
    finally:
        await asyncio.wait_for(host.close(), WAIT)
