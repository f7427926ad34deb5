"""The student's connection logic against a real host on loopback (no Textual)."""

from __future__ import annotations

import asyncio
import contextlib

import pytest

from quiz.bank.loader import LoadedBank
from quiz.classroom import tokens
from quiz.classroom.client import JoinError, Student, parse_address
from quiz.classroom.protocol import EndMsg, QuestionMsg, Received, RevealMsg, Welcome
from quiz.classroom.room import Room
from quiz.classroom.server import Host
from quiz.game.generate import Settings, generate

WAIT = 5.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("192.168.1.20", ("192.168.1.20", 8765)),
        ("10.0.0.5:9000", ("10.0.0.5", 9000)),
        ("[::1]:9000", ("::1", 9000)),
        ("::1", ("::1", 8765)),
        ("teacher.local", ("teacher.local", 8765)),
    ],
)
def test_addresses_are_read_with_or_without_a_port(text: str, expected: tuple[str, int]) -> None:
    assert parse_address(text) == expected


@pytest.mark.parametrize("text", ["", "host:port", "host:70000", ":8765"])
def test_a_bad_address_says_what_is_wrong(text: str) -> None:
    with pytest.raises(JoinError):
        parse_address(text)


class Inbox:
    """Collects what a Student hands on, and waits (bounded) for a kind of message."""

    def __init__(self) -> None:
        self.messages: list[object] = []
        self.statuses: list[tuple[str, str]] = []
        self.event = asyncio.Event()

    def on_message(self, message: object) -> None:
        self.messages.append(message)
        self.event.set()

    def on_status(self, status: str, text: str) -> None:
        self.statuses.append((status, text))
        self.event.set()

    async def wait_for(self, test) -> None:  # type: ignore[no-untyped-def]
        async def loop() -> None:
            while not test():
                self.event.clear()
                await self.event.wait()

        await asyncio.wait_for(loop(), WAIT)

    def count(self, kind: type) -> int:
        return sum(isinstance(m, kind) for m in self.messages)


def _has(inbox: Inbox, kind: type, number: int) -> bool:
    return any(isinstance(m, kind) and m.number == number for m in inbox.messages)


@contextlib.asynccontextmanager
async def hosting(bank: LoadedBank):
    room = Room(generate(bank, Settings(count=2, seed=5)), loaded=bank, seconds=600)
    host = Host(room, tick=0.05)
    await host.start("127.0.0.1", 0)
    try:
        yield host
    finally:
        await asyncio.wait_for(host.close(), WAIT)


def _right(question):  # type: ignore[no-untyped-def]
    if question.is_numeric:
        return {"value": question.low}
    return {"choice": question.answer_index}


async def test_a_student_plays_drops_and_rejoins_keeping_the_score(
    second_bank: LoadedBank,
) -> None:
    async with hosting(second_bank) as host:
        inbox = Inbox()
        host_name, port = host.address  # type: ignore[misc]
        student = Student(
            host_name,
            port,
            host.room.code,
            "Ana",
            inbox.on_message,
            inbox.on_status,
            rejoin_pause=0.05,
        )
        running = asyncio.create_task(student.run())
        await inbox.wait_for(lambda: inbox.count(Welcome) == 1)
        await host.next()
        await inbox.wait_for(lambda: inbox.count(QuestionMsg) == 1)
        assert await student.answer(1, **_right(host.room.question))
        await inbox.wait_for(lambda: inbox.count(RevealMsg) == 1)
        points = host.room.players[1].points
        assert points > 0
        # The network drops: the student is back, as the same player, by themselves.
        host._links[1].abort()
        await inbox.wait_for(lambda: inbox.count(Welcome) == 2)
        welcome = [m for m in inbox.messages if isinstance(m, Welcome)][-1]
        assert welcome.rejoined and welcome.points == pytest.approx(points)
        assert ("reconnecting", "connection lost; rejoining") in inbox.statuses
        assert len(host.room.players) == 1
        await host.next()
        await inbox.wait_for(lambda: inbox.count(QuestionMsg) == 2)
        assert await student.answer(2, **_right(host.room.question))
        # The rejoin was sent question 1's reveal again: wait for question 2's by number.
        await inbox.wait_for(lambda: _has(inbox, Received, 2) or _has(inbox, RevealMsg, 2))
        await inbox.wait_for(lambda: _has(inbox, RevealMsg, 2))
        await host.next()
        await asyncio.wait_for(running, WAIT)
        end = [m for m in inbox.messages if isinstance(m, EndMsg)][-1]
        assert end.rank == 1 and end.points == pytest.approx(host.room.players[1].points)
        assert student.status == "ended"


async def test_a_refusal_ends_the_student_with_the_reason(second_bank: LoadedBank) -> None:
    async with hosting(second_bank) as host:
        inbox = Inbox()
        host_name, port = host.address  # type: ignore[misc]
        student = Student(host_name, port, "WRONG1", "Ana", inbox.on_message, inbox.on_status)
        await asyncio.wait_for(student.run(), WAIT)
        assert student.status == "refused"
        assert inbox.statuses[-1] == ("refused", "wrong join code")


async def test_no_host_is_a_clear_message() -> None:
    server = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    server.close()
    await server.wait_closed()
    student = Student("127.0.0.1", port, "ABCDEF", "Ana", lambda m: None)
    with pytest.raises(JoinError, match="cannot reach"):
        await asyncio.wait_for(student.join_once(), WAIT)


def test_a_token_is_remembered_per_session_and_name(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tokens.token_path(tmp_path, "192.168.1.20", 8765, "ABC234", "Ana")
    assert tokens.remembered(path, "Ana") is None
    tokens.remember(path, "Ana", "secret-token")
    assert tokens.remembered(path, "ana") == "secret-token"
    assert tokens.remembered(path, "Ben") is None
    assert tokens.token_path(tmp_path, "192.168.1.20", 8765, "XYZ789", "Ana") != path
    assert tokens.token_path(tmp_path, "192.168.1.20", 8765, "ABC234", " ANA") == path
    assert tokens.token_path(tmp_path, "192.168.1.20", 8765, "ABC234", "Ben") != path
    path.write_text("{not json", encoding="utf-8")
    assert tokens.remembered(path, "Ana") is None


async def test_a_student_who_closed_the_terminal_comes_back_with_the_token(
    second_bank: LoadedBank,
) -> None:
    async with hosting(second_bank) as host:
        host_name, port = host.address  # type: ignore[misc]
        first = Inbox()
        student = Student(host_name, port, host.room.code, "Ana", first.on_message)
        running = asyncio.create_task(student.run())
        await first.wait_for(lambda: first.count(Welcome) == 1)
        await host.next()
        await first.wait_for(lambda: first.count(QuestionMsg) == 1)
        await student.answer(1, **_right(host.room.question))
        await first.wait_for(lambda: first.count(RevealMsg) == 1)
        await student.leave()
        await asyncio.wait_for(running, WAIT)
        points = host.room.players[1].points
        second = Inbox()
        back = Student(
            host_name, port, host.room.code, "Ana", second.on_message, token=student.token
        )
        running = asyncio.create_task(back.run())
        await second.wait_for(lambda: second.count(Welcome) == 1)
        welcome = second.messages[0]
        assert isinstance(welcome, Welcome) and welcome.rejoined
        assert welcome.points == pytest.approx(points) and len(host.room.players) == 1
        await back.leave()
        await asyncio.wait_for(running, WAIT)
