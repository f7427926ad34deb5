"""The classroom host: a `Room` served over TCP with asyncio streams. No Textual here.

The host is the authority; clients are untrusted. Each connection is read line by
line through a `StreamReader` whose limit is `MAX_LINE`, spends a token from its own
bucket per line, and is closed with an `ErrorMsg` on the first line that is too long,
not a valid message, or over the rate. A handler never lets an exception escape, and
writes never wait on a slow reader (a client that stops reading is dropped once its
buffer passes `MAX_BUFFER`), so one student cannot stall or stop the room.

Answers go to the results store (`quiz.results.store.Store`) on one worker thread, so the
event loop keeps serving while SQLite commits; "received" is sent once the answer is
committed. At each reveal a missed question is stored too, with no answer and zero
points, so the export has one row per player per question.

When an answer completes the set (every connected player in the question has answered),
the reveal comes at once: nobody is left to wait for. A drop never triggers the reveal,
so a student whose connection blinks can rejoin and still answer.

`on_change` is called (no arguments) whenever what the projector shows may have
changed; the host screen redraws from the `room`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from quiz.classroom.protocol import (
    MAX_LINE,
    PROTOCOL_VERSION,
    AnswerMsg,
    Bye,
    CardMsg,
    EndMsg,
    ErrorMsg,
    Hello,
    LobbyMsg,
    Message,
    PointMsg,
    QuestionMsg,
    Received,
    Refused,
    RevealMsg,
    TimerMsg,
    Welcome,
    WireError,
    YourAnswer,
    decode_client,
    encode,
)
from quiz.classroom.room import Player, Refusal, Room
from quiz.game.scoring import Score

if TYPE_CHECKING:
    from quiz.game.explain import Card
    from quiz.results.store import Store

log = logging.getLogger(__name__)

MAX_BUFFER = 1024 * 1024
"""Bytes queued for one client before it is judged not to be reading, and dropped."""
HELLO_SECONDS = 15.0
BUCKET_SIZE = 12
BUCKET_RATE = 4.0
"""Lines per second a client may send on average, after a burst of BUCKET_SIZE."""
MAX_CONNECTIONS = 600
MAX_WRONG_CODES = 20
"""Wrong codes one address may try before the host stops listening to its hellos: six
characters from 32 are a billion codes, and this keeps a guesser to twenty of them."""
LINGER_SECONDS = 1.0
LINGER_BYTES = 256 * 1024
TICK = 0.2
"""How often the countdown is checked; the deadline itself is judged exactly."""


class _Drop(Exception):
    """Close this connection, telling the client why."""


@dataclass
class _Bucket:
    tokens: float
    stamp: float

    def take(self, now: float) -> bool:
        self.tokens = min(BUCKET_SIZE, self.tokens + (now - self.stamp) * BUCKET_RATE)
        self.stamp = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


@dataclass(eq=False)
class _Conn:
    writer: asyncio.StreamWriter
    bucket: _Bucket
    player: Player | None = None
    closed: bool = False
    peer: str = ""
    sent: list[Message] = field(default_factory=list)

    def send(self, message: Message) -> None:
        if self.closed or self.writer.is_closing():
            return
        self.writer.write(encode(message))
        if self.writer.transport.get_write_buffer_size() > MAX_BUFFER:
            self.abort()

    def abort(self) -> None:
        self.closed = True
        self.writer.transport.abort()


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
    ) -> None:
        self.room = room
        self.tick = tick
        self.store = store
        self.session_id = session_id
        self.on_change = on_change or (lambda: None)
        self.address: tuple[str, int] | None = None
        self._server: asyncio.Server | None = None
        self._conns: dict[int, _Conn] = {}
        """Live connection of each player, by player id."""
        self._all: set[_Conn] = set()
        self._io = ThreadPoolExecutor(max_workers=1, thread_name_prefix="quiz-store")
        self._ticker: asyncio.Task[None] | None = None
        self._closing = False
        self._tasks: set[asyncio.Task[None]] = set()
        self._wrong_codes: dict[str, int] = {}
        self._lobby_pending = False
        self.store_error: str | None = None
        """The last results-store failure, for the projector to show."""

    # -- life cycle --------------------------------------------------------------

    async def start(
        self, bind: str = "127.0.0.1", port: int = 0, *, sock: socket.socket | None = None
    ) -> tuple[str, int]:
        """Listen on bind:port, or on `sock` when the caller has bound one already."""
        if sock is not None:
            self._server = await asyncio.start_server(self._serve, sock=sock, limit=MAX_LINE)
        else:
            self._server = await asyncio.start_server(self._serve, bind, port, limit=MAX_LINE)
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
        for conn in list(self._all):
            with contextlib.suppress(Exception):
                conn.writer.close()
        if self._server:
            self._server.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 2)
        self._io.shutdown(wait=True)

    async def _tick(self) -> None:
        while not self._closing:
            await asyncio.sleep(self.tick)
            try:
                if self.room.time_is_up():
                    await self.skip()
                elif self.room.phase == "question":
                    self.on_change()
            except Exception:  # the countdown must outlive any one failure
                log.exception("classroom countdown")

    async def _store(self, function: Callable[..., object], *args: object) -> object:
        if self.store is None:
            return None
        try:
            return await asyncio.get_running_loop().run_in_executor(self._io, function, *args)
        except Exception as exc:
            self.store_error = str(exc)
            log.exception("results store")
            return None

    # -- the teacher's controls ------------------------------------------------

    async def next(self) -> None:
        """Start the quiz, or leave a reveal for the next question (or the end)."""
        room = self.room
        if room.phase not in ("lobby", "reveal"):
            return
        if room.next() == "finished":
            await self.finish()
            return
        question = room.question
        assert question is not None
        for player in room.in_question():
            conn = self._conns.get(player.id)
            if conn:
                conn.send(self._question_msg())
        self.on_change()

    async def skip(self) -> None:
        """End the countdown now and reveal."""
        room = self.room
        if room.phase != "question":
            return
        number = room.number
        reveal = room.close()
        question = reveal.question
        missed = room.missed()
        ranks = room.ranks()
        outgoing = [
            (player.id, self._reveal_msg(player, ranks))
            for player in room.in_question()
            if player.id in self._conns
        ]
        # Answers taken before the close are still being committed; the store's one
        # worker runs in order, so once this no-op has run every one is stored and
        # acknowledged, and no student sees the reveal before "received".
        await self._store(_nothing)
        for player_id, message in outgoing:
            conn = self._conns.get(player_id)
            if conn:
                conn.send(message)
        self.on_change()
        if self.store is not None and self.session_id is not None:
            zero = Score(0.0, question.points, False, "no answer in time")
            for player in missed:
                if player.store_id is not None:
                    await self._store(
                        self.store.record,
                        self.session_id,
                        player.store_id,
                        question,
                        "",
                        zero,
                        None,
                    )
        log.debug("question %d revealed", number)

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
        player = self.room.remove(player_id)
        if player is None:
            return
        conn = self._conns.pop(player_id, None)
        if conn:
            conn.send(ErrorMsg(reason="the teacher removed you from this session"))
            self._close(conn)
        self._send_lobby()
        self.on_change()

    async def finish(self) -> None:
        self.room.finish()
        standings = self.room.standings()
        podium = tuple((s.name, s.points) for s in standings[:3])
        ranks = {s.player_id: s.rank for s in standings}
        for player in self.room.active():
            conn = self._conns.get(player.id)
            if conn:
                conn.send(self._end_msg(player, podium, ranks))
        if self.store is not None and self.session_id is not None:
            await self._store(self.store.finish_session, self.session_id)
        self.on_change()

    # -- messages ------------------------------------------------------------------

    def _question_msg(self) -> QuestionMsg:
        room = self.room
        assert room.question is not None, "a question message is sent only while one is open"
        return QuestionMsg.of(
            room.question, room.number, room.total, room.seconds_left(), room.paused
        )

    def _reveal_msg(self, player: Player, ranks: dict[int, int] | None = None) -> RevealMsg:
        room = self.room
        reveal = room.reveal
        assert reveal is not None
        question = reveal.question
        given = player.answers.get(reveal.number)
        yours = None
        if given is not None:
            yours = YourAnswer(
                text=given.text,
                points=given.score.points,
                max_points=given.score.max_points,
                correct=given.score.correct,
                reason=given.score.reason,
            )
        cards: tuple[CardMsg, ...] = ()
        chart: tuple[PointMsg, ...] = ()
        note = question.explain
        if reveal.explanation is not None:
            cards = tuple(_card(c) for c in reveal.explanation.cards)
            chart = tuple(
                PointMsg(label=p.label, low=p.low, high=p.high, kind=p.kind)
                for p in reveal.explanation.chart
            )
            note = reveal.explanation.note
            if given is not None and question.is_numeric and chart:
                value = given.answer.value  # type: ignore[union-attr]
                chart += (PointMsg(label="your guess", low=value, high=value, kind="guess"),)
        return RevealMsg(
            number=reveal.number,
            answer_text=question.answer_text,
            answer_index=question.answer_index,
            rule=reveal.rule,
            yours=yours,
            further_off=room.further_off(player),
            answered=reveal.answered,
            cards=cards,
            chart=chart,
            note=note,
            points=player.points,
            max_points=self._available(player, reveal.number),
            rank=(ranks or room.ranks()).get(player.id, 0),
            players=len(ranks) if ranks is not None else len(room.active()),
        )

    def _available(self, player: Player, upto: int) -> float:
        """Points of the questions this player has been in, up to question `upto`."""
        return sum(q.points for q in self.room.questions[player.first - 1 : upto])

    def _end_msg(
        self,
        player: Player,
        podium: tuple[tuple[str, float], ...],
        ranks: dict[int, int] | None = None,
    ) -> EndMsg:
        room = self.room
        ranks = ranks if ranks is not None else room.ranks()
        return EndMsg(
            points=player.points,
            max_points=self._available(player, room.total),
            rank=ranks.get(player.id, 0),
            players=len(ranks),
            podium=podium,
        )

    def _send_timer(self) -> None:
        room = self.room
        if room.phase != "question":
            return
        message = TimerMsg(number=room.number, seconds_left=room.seconds_left(), paused=room.paused)
        for player in room.in_question():
            conn = self._conns.get(player.id)
            if conn:
                conn.send(message)

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
        message = LobbyMsg(players=len(self.room.active()))
        for conn in self._conns.values():
            conn.send(message)

    # -- one connection ------------------------------------------------------------

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        loop = asyncio.get_running_loop()
        peername = writer.get_extra_info("peername")
        conn = _Conn(
            writer, _Bucket(BUCKET_SIZE, loop.time()), peer=str(peername[0]) if peername else ""
        )
        self._all.add(conn)
        try:
            if len(self._all) > MAX_CONNECTIONS:
                raise _Drop("the host has too many connections; try again shortly")
            try:
                first = await asyncio.wait_for(self._read(reader, conn), HELLO_SECONDS)
            except asyncio.TimeoutError:
                raise _Drop("no hello received in time") from None
            if first is None:
                return
            if not isinstance(first, Hello):
                raise _Drop("the first message must be a hello")
            self._hello(conn, first)
            while not conn.closed:
                message = await self._read(reader, conn)
                if message is None:
                    return
                if isinstance(message, AnswerMsg):
                    await self._answer(conn, message)
                elif isinstance(message, Bye):
                    return
                else:
                    raise _Drop("already joined")
        except _Drop as drop:
            conn.send(ErrorMsg(reason=str(drop)))
            self._detach(conn)
            await self._linger(reader, conn)
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        except Exception:
            # Whatever went wrong with this student, the room goes on.
            log.exception("classroom connection")
            conn.send(ErrorMsg(reason="the host could not handle that; please join again"))
        finally:
            self._all.discard(conn)
            self._detach(conn)
            self._close(conn)

    def _detach(self, conn: _Conn) -> None:
        """The connection no longer speaks for its player (who may rejoin)."""
        player = conn.player
        if player is None or self._conns.get(player.id) is not conn:
            return
        del self._conns[player.id]
        player.connected = False
        # No reveal here even if everyone left has answered: a student whose connection
        # blinks rejoins within seconds and should still be able to answer.
        self.on_change()

    async def _linger(self, reader: asyncio.StreamReader, conn: _Conn) -> None:
        """Let the error reach the client before closing.

        Closing a socket with unread input makes the kernel reset the connection, and a
        reset can discard the error message on its way; so stop writing, then read and
        discard what the client still sends, within bounds.
        """
        if conn.closed or conn.writer.is_closing():
            return
        with contextlib.suppress(Exception):
            if conn.writer.can_write_eof():
                conn.writer.write_eof()
            loop = asyncio.get_running_loop()
            end = loop.time() + LINGER_SECONDS
            discarded = 0
            while discarded < LINGER_BYTES and loop.time() < end:
                chunk = await asyncio.wait_for(reader.read(65536), end - loop.time())
                if not chunk:
                    break
                discarded += len(chunk)

    def _close(self, conn: _Conn) -> None:
        if conn.closed:
            return
        conn.closed = True
        with contextlib.suppress(Exception):
            conn.writer.close()

    async def _read(self, reader: asyncio.StreamReader, conn: _Conn) -> object | None:
        """The next valid message, None at the end of the stream, or _Drop."""
        try:
            line = await reader.readline()
        except (ValueError, asyncio.LimitOverrunError):
            raise _Drop(f"a message may be at most {MAX_LINE} bytes") from None
        if not line or not line.endswith(b"\n"):
            return None
        if len(line) > MAX_LINE:
            raise _Drop(f"a message may be at most {MAX_LINE} bytes")
        if not conn.bucket.take(asyncio.get_running_loop().time()):
            raise _Drop("too many messages: slow down and join again")
        try:
            return decode_client(line)
        except WireError as exc:
            raise _Drop(str(exc)) from None

    def _hello(self, conn: _Conn, hello: Hello) -> None:
        room = self.room
        if hello.version != PROTOCOL_VERSION:
            raise _Drop(
                f"this host speaks protocol {PROTOCOL_VERSION}, the client {hello.version}:"
                " use the same version of quiz"
            )
        peer = conn.peer
        if self._wrong_codes.get(peer, 0) >= MAX_WRONG_CODES:
            raise _Drop("too many wrong join codes from this computer")
        if not room.check_code(hello.code):
            self._wrong_codes[peer] = self._wrong_codes.get(peer, 0) + 1
            raise _Drop("wrong join code")
        try:
            player = room.rejoin(hello.token) if hello.token else None
            rejoined = player is not None
            if player is None:
                player = room.join(hello.name)
        except Refusal as refusal:
            raise _Drop(str(refusal)) from None
        old = self._conns.get(player.id)
        if old is not None and old is not conn:
            old.send(ErrorMsg(reason="you joined again from another connection"))
            self._close(old)
        conn.player = player
        player.connected = True
        self._conns[player.id] = conn
        playing_now = room.phase == "question" and player.plays(room.number)
        conn.send(
            Welcome(
                name=player.name,
                token=player.token,
                total=room.total,
                points=player.points,
                max_points=self._available(
                    player, room.number if room.phase != "question" else room.number - 1
                ),
                rejoined=rejoined,
                waiting=not (playing_now or room.phase in ("reveal", "finished")),
            )
        )
        if room.phase == "lobby":
            self._send_lobby()
        elif playing_now:
            conn.send(self._question_msg())
            if room.number in player.answers:
                conn.send(Received(number=room.number))
        elif room.phase == "reveal" and player.plays(room.number):
            conn.send(self._reveal_msg(player))
        elif room.phase == "finished":
            podium = tuple((s.name, s.points) for s in room.standings()[:3])
            conn.send(self._end_msg(player, podium))
        if not rejoined and self.store is not None and self.session_id is not None:
            task = asyncio.get_running_loop().create_task(self._add_player(player))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        self.on_change()

    async def _add_player(self, player: Player) -> None:
        assert self.store is not None
        store_id = await self._store(self.store.add_player, self.session_id, player.name)
        if isinstance(store_id, int):
            player.store_id = store_id

    async def _answer(self, conn: _Conn, message: AnswerMsg) -> None:
        player = conn.player
        assert player is not None
        room = self.room
        try:
            given = room.answer(player, message.number, message.choice, message.value, message.text)
        except Refusal as refusal:
            conn.send(Refused(number=message.number, reason=str(refusal)))
            return
        self.on_change()
        question = room.questions[message.number - 1]
        if self.store is not None and self.session_id is not None:
            if player.store_id is None:
                await self._add_player(player)
            if player.store_id is not None:
                await self._store(
                    self.store.record,
                    self.session_id,
                    player.store_id,
                    question,
                    given.text,
                    given.score,
                    given.seconds,
                )
        conn.send(Received(number=message.number))
        await self._reveal_if_all_answered()

    async def _reveal_if_all_answered(self) -> None:
        """Reveal at once when every connected player in the question has answered."""
        room = self.room
        if room.phase != "question":
            return
        here = [p for p in room.in_question() if p.id in self._conns]
        if here and all(room.number in p.answers for p in here):
            try:
                await self.skip()
            except Exception:
                log.exception("classroom reveal")


def _nothing() -> None:
    return None


def _card(card: Card) -> CardMsg:
    # The wire model names what may leave the host: copy exactly its fields, no more.
    return CardMsg(**{name: getattr(card, name) for name in CardMsg.model_fields})
