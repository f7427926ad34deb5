"""Loopback helpers for the classroom tests: a raw client and a host on a free port.

Every read is bounded by `WAIT`, so a bug fails a test instead of hanging the suite.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from quiz.bank.loader import LoadedBank
from quiz.classroom.gate import Gate
from quiz.classroom.link import Link
from quiz.classroom.protocol import MAX_SERVER_LINE, PROTOCOL_VERSION, Hello, decode_server, encode
from quiz.classroom.room import Room
from quiz.classroom.server import Host
from quiz.game.generate import Question, all_questions
from quiz.results.record import GameRecord
from quiz.results.store import Store

WAIT = 5.0


class Peer:
    """A raw client from a chosen loopback address; collects every message it receives."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer
        self.seen: list[object] = []
        self.raw: list[bytes] = []
        """Every line received, as it came."""

    @classmethod
    async def connect(cls, address: tuple[str, int], source: str = "127.0.0.1") -> Peer:
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection(*address, limit=MAX_SERVER_LINE, local_addr=(source, 0)),
            WAIT,
        )
        return cls(reader, writer)

    async def send(self, message: object) -> None:
        await self.send_raw(encode(message))  # type: ignore[arg-type]

    async def send_raw(self, line: bytes) -> None:
        self.writer.write(line)
        with contextlib.suppress(ConnectionError):
            await self.writer.drain()

    async def hello(self, code: str, name: str = "", token: str | None = None) -> None:
        await self.send(Hello(version=PROTOCOL_VERSION, code=code, name=name, token=token))

    async def receive(self) -> object | None:
        line = await asyncio.wait_for(self.reader.readline(), WAIT)
        if not line:
            return None
        self.raw.append(line)
        message = decode_server(line)
        self.seen.append(message)
        return message

    async def expect(self, kind: type | tuple[type, ...]) -> object:
        """Read until a message of `kind` arrives (bounded)."""
        for _ in range(50):
            message = await self.receive()
            assert message is not None, f"connection closed while waiting for {kind}"
            if isinstance(message, kind):
                return message
        raise AssertionError(f"no {kind} in 50 messages")

    def close(self) -> None:
        self.writer.close()


def quiz(bank: LoadedBank) -> list[Question]:
    # From everything the bank gives: an honest quiz may hold one number question only.
    questions = all_questions(bank, seed=3)
    numeric = [q for q in questions if q.is_numeric]
    choice = [q for q in questions if not q.is_numeric]
    return [numeric[0], choice[0], numeric[1]]


@contextlib.asynccontextmanager
async def hosting(
    bank: LoadedBank, *, store: Store | None = None, gate: Gate[Link] | None = None
) -> AsyncIterator[Host]:
    room = Room(quiz(bank), loaded=bank, seconds=600)
    record = None
    if store is not None:
        record = GameRecord(store, bank, mode="classroom", seed=3, total=room.total)
    host = Host(room, record=record, tick=0.05, gate=gate)
    await host.start("127.0.0.1", 0)
    try:
        yield host
    finally:
        await asyncio.wait_for(host.close(), WAIT)


def wrong_code(room: Room) -> str:
    return "Z" * 6 if room.code != "Z" * 6 else "Y" * 6


def right(question: Question) -> dict[str, object]:
    if question.is_numeric:
        return {"value": question.low}
    return {"choice": question.answer_index}
