"""The classroom host: a `Room` served over TCP with asyncio streams. No Textual here.

The host is the authority; clients are untrusted. Its parts, one concept each:
`gate` (who may try to join, and how fast), `link` (one connection: bounded reads,
writes that never wait), `saver` (answers to the results store, one transaction per
burst) and `outbox` (the messages, a reveal's shared part encoded once). A handler
never lets an exception escape, so one student cannot stall or stop the room.

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

from quiz.classroom import outbox
from quiz.classroom.gate import BUSY, FIRST_LINE_SECONDS, Gate
from quiz.classroom.link import BUCKET_SIZE, Bucket, Drop, Link
from quiz.classroom.protocol import (
    MAX_LINE,
    PROTOCOL_VERSION,
    AnswerMsg,
    Bye,
    ErrorMsg,
    Hello,
    LobbyMsg,
    Received,
    Refused,
    TimerMsg,
    encode,
)
from quiz.classroom.room import Player, Refusal, Room
from quiz.classroom.saver import Saver

if TYPE_CHECKING:
    from quiz.results.store import Store

log = logging.getLogger(__name__)

TICK = 1.0
"""The longest the countdown sleeps; it wakes at the deadline itself when that is sooner."""
BACKLOG = 1024
"""Connections the kernel queues before accepting: a whole class joining at once."""


class Busy(Drop):
    """Not now: the client should try again shortly."""


class Host:
    """Serve `room` to students; the teacher drives it with begin/next/skip/pause/extend/remove."""

    def __init__(
        self,
        room: Room,
        *,
        store: Store | None = None,
        session_id: int | None = None,
        on_change: Callable[[], None] | None = None,
        tick: float = TICK,
        gate: Gate[Link] | None = None,
    ) -> None:
        self.room = room
        self.tick = tick
        self.store = store
        self.session_id = session_id
        self.on_change = on_change or (lambda: None)
        self.address: tuple[str, int] | None = None
        self.gate: Gate[Link] = gate or Gate(room.clock)
        self._server: asyncio.Server | None = None
        self._links: dict[int, Link] = {}
        """Live connection of each player, by player id."""
        self._all: set[Link] = set()
        self._stopping = asyncio.Event()
        self._handlers: set[asyncio.Task[object]] = set()
        """Each connection's handler, ended by `close` (some are holding a wrong code)."""
        self._saver: Saver | None = None
        self._ticker: asyncio.Task[None] | None = None
        self._closing = False
        self._lobby_pending = False
        self._change_pending = False
        self._outbox = outbox.Outbox(room)
        self._late = 0
        """Players who joined during the open question (connected, not in it)."""
        self.revealed_at = 0.0
        """`time.perf_counter()` when the last reveal began (bench/classroom.py reads it)."""

    @property
    def store_error(self) -> str | None:
        """The last results-store failure, for the projector to show."""
        return self._saver.error if self._saver else None

    @property
    def saver(self) -> Saver:
        if self._saver is None:  # made on the loop: it owns an asyncio.Event
            self._saver = Saver(self.store, self.session_id)
        return self._saver

    # -- life cycle --------------------------------------------------------------

    async def start(
        self, bind: str = "127.0.0.1", port: int = 0, *, sock: socket.socket | None = None
    ) -> tuple[str, int]:
        """Listen on bind:port, or on `sock` when the caller has bound one already."""
        if sock is not None:
            self._server = await asyncio.start_server(
                self._serve, sock=sock, limit=MAX_LINE, backlog=BACKLOG
            )
        else:
            self._server = await asyncio.start_server(
                self._serve, bind, port, limit=MAX_LINE, backlog=BACKLOG
            )
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
        for link in list(self._all):
            link.close()
        # A handler holding a wrong code waits on `_stopping`: wake it and let it end
        # here. (Cancelling it would make Python 3.11's asyncio.streams print a
        # CancelledError traceback on the teacher's terminal.)
        self._stopping.set()
        handlers = [task for task in self._handlers if not task.done()]
        if handlers:
            await asyncio.wait(handlers, timeout=2)
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

    def _changed(self) -> None:
        """Tell the projector once per burst of events, not once per answer."""
        if self._change_pending:
            return
        self._change_pending = True
        asyncio.get_running_loop().call_soon(self._flush_change)

    def _flush_change(self) -> None:
        self._change_pending = False
        self.on_change()

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
        ranks = room.ranks()
        shared = self._outbox.shared_reveal(len(ranks))
        for player in room.in_question():
            link = self._links.get(player.id)
            if link:
                link.send_bytes(self._outbox.reveal_line(shared, player, ranks))
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
        podium, ranks = self._outbox.podium()
        for player in self.room.active():
            link = self._links.get(player.id)
            if link:
                link.send(self._outbox.end(player, podium, ranks))
        if self.saver.enabled:
            await self.saver.drain()
            store, session_id = self.store, self.session_id
            assert store is not None and session_id is not None
            with contextlib.suppress(Exception):
                await asyncio.get_running_loop().run_in_executor(
                    None, store.finish_session, session_id
                )
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

    def _send_lobby(self) -> None:
        """Tell everyone how many are in the room, once per burst of joins."""
        if self.room.phase != "lobby" or self._lobby_pending:
            return
        self._lobby_pending = True
        asyncio.get_running_loop().call_soon(self._flush_lobby)

    def _flush_lobby(self) -> None:
        self._lobby_pending = False
        if self.room.phase != "lobby":
            return
        line = encode(LobbyMsg(players=len(self.room.active())))
        for link in self._links.values():
            link.send_bytes(line)

    # -- one connection ------------------------------------------------------------

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        loop = asyncio.get_running_loop()
        peername = writer.get_extra_info("peername")
        link = Link(
            reader, writer, Bucket(BUCKET_SIZE, loop.time()), str(peername[0]) if peername else ""
        )
        self._all.add(link)
        task = asyncio.current_task()
        if task is not None:
            self._handlers.add(task)
            task.add_done_callback(self._handlers.discard)
        admission = self.gate.admit(link, link.peer)
        for idle in admission.evict:
            idle.send_now(ErrorMsg(reason=BUSY, retry=True))
            idle.close()
        try:
            if not admission.admitted:
                raise Busy(BUSY)
            try:
                first = await asyncio.wait_for(link.read(), FIRST_LINE_SECONDS)
            except asyncio.TimeoutError:
                raise Drop("no hello received in time") from None
            if first is None:
                return
            self.gate.spoke(link)
            if not isinstance(first, Hello):
                raise Drop("the first message must be a hello")
            await self._hello(link, first)
            self.gate.release(link)
            while not link.closed:
                message = await link.read()
                if message is None:
                    return
                if isinstance(message, AnswerMsg):
                    self._answer(link, message)
                elif isinstance(message, Bye):
                    return
                else:
                    raise Drop("already joined")
        except Drop as drop:
            link.send_now(
                ErrorMsg(reason=str(drop), retry=isinstance(drop, Busy), number=self.room.number)
            )
            self._detach(link)
            await link.linger()
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        except Exception:
            # Whatever went wrong with this student, the room goes on.
            log.exception("classroom connection")
            link.send_now(ErrorMsg(reason="the host could not handle that; please join again"))
        finally:
            self.gate.release(link)
            self._all.discard(link)
            self._detach(link)
            link.close()

    def _detach(self, link: Link) -> None:
        """The connection no longer speaks for its player (who may rejoin)."""
        player = link.player
        if player is None or self._links.get(player.id) is not link:
            return
        del self._links[player.id]
        player.connected = False
        # No reveal here even if everyone left has answered: a student whose connection
        # blinks rejoins within seconds and should still be able to answer.
        self._changed()

    async def _hello(self, link: Link, hello: Hello) -> None:
        room = self.room
        if hello.version != PROTOCOL_VERSION:
            raise Drop(
                f"this host speaks protocol {PROTOCOL_VERSION}, the client {hello.version}:"
                " use the same version of quiz"
            )
        if not room.check_code(hello.code):
            # Only this connection waits: a right code or token from the same computer
            # is taken at once (quiz.classroom.gate says why this bounds guessing).
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self.gate.wrong_code(link.peer))
            raise Drop("wrong join code")
        try:
            player = room.rejoin(hello.token) if hello.token else None
            rejoined = player is not None
            if player is None:
                player = room.join(hello.name)
        except Refusal as refusal:
            raise Drop(str(refusal)) from None
        self._attach(link, player, rejoined)

    def _attach(self, link: Link, player: Player, rejoined: bool) -> None:
        room = self.room
        old = self._links.get(player.id)
        if old is not None and old is not link:
            old.send_now(ErrorMsg(reason="you joined again from another connection"))
            old.close()
        link.player = player
        player.connected = True
        self._links[player.id] = link
        playing_now = room.phase == "question" and player.plays(room.number)
        if room.phase == "question" and not playing_now:
            self._late += 1
        link.send(self._outbox.welcome(player, rejoined))
        if room.phase == "lobby":
            self._send_lobby()
        elif playing_now:
            link.send(self._outbox.question())
            if room.number in player.answers:
                link.send(Received(number=room.number))
        elif room.phase == "reveal" and player.plays(room.number):
            ranks = room.ranks()
            shared = self._outbox.shared_reveal(len(ranks))
            link.send_bytes(self._outbox.reveal_line(shared, player, ranks))
        elif room.phase == "finished":
            podium, ranks = self._outbox.podium()
            link.send(self._outbox.end(player, podium, ranks))
        # The store learns of a player with their first answer (or first miss): a flood of
        # hellos that never answers leaves no rows behind.
        self._changed()

    def _answer(self, link: Link, message: AnswerMsg) -> None:
        player = link.player
        assert player is not None
        room = self.room
        try:
            given = room.answer(player, message.number, message.choice, message.value)
        except Refusal as refusal:
            link.send(Refused(number=message.number, reason=str(refusal)))
            return
        question = room.questions[message.number - 1]
        received = encode(Received(number=message.number))
        link.saving += 1
        self.saver.answer(
            player,
            question,
            given.text,
            given.score,
            given.seconds,
            lambda: link.saved(received),
        )
        self._changed()
        self._reveal_if_all_answered()

    def _reveal_if_all_answered(self) -> None:
        """Reveal at once when every connected player in the question has answered."""
        room = self.room
        if room.phase != "question":
            return
        if room.answered < len(self._links) - self._late:
            return  # the running count says someone connected has not answered yet
        here = [p for p in room.in_question() if p.id in self._links]
        if here and all(room.number in p.answers for p in here):
            try:
                self.reveal_now()
            except Exception:
                log.exception("classroom reveal")
