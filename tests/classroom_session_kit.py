"""A raw classroom client and a host on loopback, for the host's session and wire tests.

Every read and wait is bounded by `WAIT` so a bug fails a test instead of hanging the
suite; no test asserts on how long anything took.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import classroom_loopback as loopback

from quiz.bank.loader import LoadedBank
from quiz.classroom.protocol import (
    PROTOCOL_VERSION,
    Hello,
    Welcome,
    decode_server,
)
from quiz.classroom.room import Room
from quiz.classroom.server import Host
from quiz.game.generate import Question, all_questions
from quiz.results.record import GameRecord
from quiz.results.store import Store

WAIT = 5.0


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Peer(loopback.Peer):
    """The loopback client, with what the session tests add: waiting for the host to
    close, joining in one call, and hanging up until the socket is closed."""

    async def closed(self) -> bool:
        """True when the host closes the connection (after any messages still queued)."""
        for _ in range(50):
            try:
                line = await asyncio.wait_for(self.reader.readline(), WAIT)
            except ConnectionError:
                return True
            if not line:
                return True
            self.raw.append(line)
            self.seen.append(decode_server(line))
        return False

    async def join(self, code: str, name: str, token: str | None = None) -> Welcome:
        await self.send(Hello(version=PROTOCOL_VERSION, code=code, name=name, token=token))
        reply = await self.receive()
        assert isinstance(reply, Welcome), reply
        return reply

    async def hang_up(self) -> None:
        self.writer.close()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.writer.wait_closed(), WAIT)


def quiz_of(bank: LoadedBank) -> list[Question]:
    """A quiz with both a number question and an option question first."""
    # From everything the bank gives: an honest quiz may hold one number question only.
    questions = all_questions(bank, seed=3)
    numeric = [q for q in questions if q.is_numeric]
    choice = [q for q in questions if not q.is_numeric and q.figure_ids]
    assert numeric and choice, "the test bank must give both kinds of question"
    return [numeric[0], choice[0], numeric[1] if len(numeric) > 1 else choice[1]]


@contextlib.asynccontextmanager
async def hosting(
    bank: LoadedBank, tmp_path: Path | None = None, **room_options: object
) -> AsyncIterator[Host]:
    room = Room(quiz_of(bank), loaded=bank, **room_options)  # type: ignore[arg-type]
    store = record = None
    if tmp_path is not None:
        store = Store(tmp_path)
        record = GameRecord(store, bank, mode="classroom", seed=3, total=room.total)
    tick = 3600.0 if isinstance(room.clock, FakeClock) else 0.05
    host = Host(room, record=record, tick=tick)
    await host.start("127.0.0.1", 0)
    try:
        yield host
    finally:
        await asyncio.wait_for(host.close(), WAIT)
        if store is not None:
            store.close()


def wrong(question: Question) -> dict[str, object]:
    if question.is_numeric:
        assert question.high is not None
        return {"value": question.high * 50}
    assert question.answer_index is not None
    return {"choice": (question.answer_index + 1) % len(question.options)}


def right(question: Question) -> dict[str, object]:
    if question.is_numeric:
        assert question.low is not None
        return {"value": question.low}
    return {"choice": question.answer_index}


async def joined(host: Host, names: list[str]) -> list[Peer]:
    peers = []
    for name in names:
        peer = await Peer.connect(host.address)  # type: ignore[arg-type]
        await peer.join(host.room.code, name)
        peers.append(peer)
    return peers
