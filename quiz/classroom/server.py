"""The classroom host: a `Room` served over TCP with asyncio protocols. No Textual here.

The host is the authority; clients are untrusted. Its parts, one concept each:
`serving` (each student's connection, from hello to bye: the half of `Host` this module
builds on), `gate` (who may try to join, and how fast), `link` (one connection, an
`asyncio.Protocol`: bounded reads, writes that never wait), `saver` (answers to the
results store, one transaction per burst) and `outbox` (the messages, a reveal's shared
part encoded once). This module is the other half: the life cycle, the countdown and
the teacher's controls.

Order, which the students' screens rely on: every message names its question; a
question's reveal is built and sent in the same step that closes it, so nothing can
open the next question in between; and a student's own messages wait behind the
commit of their answer (`Link.saving`), so they read "received", then the reveal,
then the next question. The reveal waits for nobody else's save.

When an answer completes the set (every connected player in the question has
answered), or the teacher removes the last one who had not, the reveal comes at once.
A drop never triggers the reveal, so a student whose connection blinks can rejoin and
still answer. At each reveal a missed question is stored too, with no answer and zero
points, so the export has one row per player per question.

`on_change` is called (no arguments, at most once per burst of events) whenever what
the projector shows may have changed; the host screen redraws from the `room`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from quiz.classroom.gate import Gate
from quiz.classroom.link import Link
from quiz.classroom.protocol import (
    ErrorMsg,
    TimerMsg,
    encode,
)
from quiz.classroom.room import Room
from quiz.classroom.serving import Serving

if TYPE_CHECKING:
    from quiz.results.record import GameRecord

log = logging.getLogger(__name__)

TICK = 1.0
"""The longest the countdown sleeps; it wakes at the deadline itself when that is sooner."""
BACKLOG = 1024
"""Connections the kernel queues before accepting: a whole class joining at once."""


class Host(Serving):
    """Serve `room` to students; the teacher drives it with begin/next/skip/pause/extend/remove."""

    def __init__(
        self,
        room: Room,
        *,
        record: GameRecord | None = None,
        on_change: Callable[[], None] | None = None,
        tick: float = TICK,
        gate: Gate[Link] | None = None,
    ) -> None:
        super().__init__(room, record=record, on_change=on_change, gate=gate)
        self.tick = tick
        self.address: tuple[str, int] | None = None
        self._server: asyncio.Server | None = None
        self._ticker: asyncio.Task[None] | None = None
        self._closing = False
        self.revealed_at = 0.0
        """`time.perf_counter()` when the last reveal began (bench/classroom.py reads it)."""

    # -- life cycle --------------------------------------------------------------

    async def start(
        self, bind: str = "127.0.0.1", port: int = 0, *, sock: socket.socket | None = None
    ) -> tuple[str, int]:
        """Listen on bind:port, or on `sock` when the caller has bound one already."""
        loop = asyncio.get_running_loop()
        if sock is not None:
            self._server = await loop.create_server(self.connect, sock=sock, backlog=BACKLOG)
        else:
            self._server = await loop.create_server(self.connect, bind, port, backlog=BACKLOG)
        sockname = self._server.sockets[0].getsockname()
        self.address = (sockname[0], sockname[1])
        self._ticker = asyncio.create_task(self._tick())
        return self.address

    async def close(self) -> None:
        self._closing = True
        if self._ticker:
            self._ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._ticker
        # Every connection, those held for a wrong code included: each closes once what
        # was written to it has gone.
        for link in list(self._all):
            link.close()
        if self._server:
            self._server.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 2)
        await self.saver.drain()
        self.saver.close()

    async def _tick(self) -> None:
        # Wakes at the deadline (or every `tick`), never to redraw: the projector's
        # countdown keeps its own once-a-second clock.
        room = self.room
        while not self._closing:
            pause = self.tick
            if room.phase == "question" and not room.paused:
                pause = min(pause, room.seconds_left() + 0.001)
            await asyncio.sleep(max(pause, 0.001))
            try:
                if room.time_is_up():
                    await self.skip()
            except Exception:  # the countdown must outlive any one failure
                log.exception("classroom countdown")

    # -- the teacher's controls ------------------------------------------------

    async def next(self) -> None:
        """Start the quiz, or leave a reveal for the next question (or the end)."""
        room = self.room
        if room.phase not in ("lobby", "reveal"):
            return
        if room.next() == "finished":
            await self.finish()
            return
        self._late = 0
        line = encode(self._outbox.question())
        for player in room.in_question():
            link = self._links.get(player.id)
            if link:
                link.send_bytes(line)
        self.on_change()

    async def skip(self) -> None:
        """End the countdown now and reveal."""
        self.reveal_now()

    def reveal_now(self) -> None:
        """Close the question and send its reveal in one step (nothing can come between)."""
        room = self.room
        if room.phase != "question":
            return
        self.revealed_at = time.perf_counter()
        reveal = room.close()
        places = room.positions()
        shared = self._outbox.shared_reveal(len(places))
        for player in room.in_question():
            link = self._links.get(player.id)
            if link:
                link.send_bytes(self._outbox.reveal_line(shared, player, places))
        self.on_change()
        for player in room.missed():
            self.saver.missed(player, reveal.question)
        log.debug("question %d revealed", reveal.number)

    def pause(self) -> bool:
        paused = self.room.pause()
        self._send_timer()
        self.on_change()
        return paused

    def extend(self, seconds: float = 15.0) -> None:
        self.room.extend(seconds)
        self._send_timer()
        self.on_change()

    def remove(self, player_id: int) -> None:
        """Remove a player for the rest of the session (their name and token are banned)."""
        player = self.room.remove(player_id)
        if player is None:
            return
        link = self._links.pop(player_id, None)
        if link:
            link.send_now(ErrorMsg(reason="the teacher removed you from this session"))
            link.close()
        self._send_lobby()
        self.on_change()
        self._reveal_if_all_answered()

    def remove_absent(self) -> int:
        """Remove every player who has left, or (once a question was asked) never answered."""
        absent = self.room.absent()
        for player in absent:
            self.remove(player.id)
        return len(absent)

    async def finish(self) -> None:
        self.room.finish()
        top, places = self._outbox.podium()
        for player in self.room.active():
            link = self._links.get(player.id)
            if link:
                link.send(self._outbox.end(player, top, places))
        if self.saver.enabled:
            await self.saver.drain()
            record = self.record
            assert record is not None
            with contextlib.suppress(Exception):
                await asyncio.get_running_loop().run_in_executor(None, record.end, "finished")
        self.on_change()

    def _send_timer(self) -> None:
        room = self.room
        if room.phase != "question":
            return
        message = TimerMsg(number=room.number, seconds_left=room.seconds_left(), paused=room.paused)
        line = encode(message)
        for player in room.in_question():
            link = self._links.get(player.id)
            if link:
                link.send_bytes(line)
