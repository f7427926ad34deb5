"""One student's connection as the host sees it: an `asyncio.Protocol`, no task per student.

A class of a thousand answering at once is a thousand reads in one sweep of the event
loop; a coroutine and a `StreamReader` per student made each of them a future, a task
wake-up and a second trip round the loop before the answer was even parsed. Here the
bytes are split into lines in `data_received` and each line goes straight to the host
(`Conversation.on_message`), in the same callback that read it.

Each line is bounded by `MAX_LINE`, spends a token from the connection's own bucket,
and is decoded; the first line that is too long, not a valid message, or over the rate
drops the connection (with an `ErrorMsg`, `Drop`). Writes never wait on a slow reader:
a client that stops reading is dropped once its buffer passes `MAX_BUFFER`.

Order: while a player's answer is being committed, everything else for that player is
held back and sent after its "received", so a student always reads received, then the
reveal, then the next question, whatever the store's pace.

One timer per connection at a time: the deadline for the first line, the hold of a
wrong code, or the end of a linger; closing cancels it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from quiz.classroom.protocol import (
    MAX_LINE,
    AnswerMsg,
    Bye,
    ErrorMsg,
    Hello,
    Message,
    WireError,
    decode_client,
    encode,
)

if TYPE_CHECKING:
    from quiz.classroom.room import Player

log = logging.getLogger(__name__)

MAX_BUFFER = 1024 * 1024
"""Bytes queued for one client before it is judged not to be reading, and dropped."""
BUCKET_SIZE = 12
BUCKET_RATE = 4.0
"""Lines per second a client may send on average, after a burst of BUCKET_SIZE."""
LINGER_SECONDS = 1.0
BUSY_LINGER_SECONDS = 0.2
"""A connection turned away as busy lingers less: a flood must not pile up sockets."""
LINGER_BYTES = 256 * 1024
TOO_LONG = f"a message may be at most {MAX_LINE} bytes"


class Drop(Exception):
    """Close this connection, telling the client why."""


class Busy(Drop):
    """Not now: the client should try again shortly."""


class Conversation(Protocol):
    """What the host does with a connection (`quiz.classroom.serving.Serving`)."""

    def on_connect(self, link: Link) -> None: ...
    def on_message(self, link: Link, message: Hello | AnswerMsg | Bye) -> None: ...
    def on_drop(self, link: Link, drop: Drop) -> None: ...
    def on_lost(self, link: Link) -> None: ...


@dataclass
class Bucket:
    tokens: float
    stamp: float

    def take(self, now: float) -> bool:
        self.tokens = min(BUCKET_SIZE, self.tokens + (now - self.stamp) * BUCKET_RATE)
        self.stamp = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


class Link(asyncio.Protocol):
    def __init__(self, host: Conversation, loop: asyncio.AbstractEventLoop) -> None:
        self.host = host
        self.loop = loop
        self.bucket = Bucket(BUCKET_SIZE, loop.time())
        self.transport: asyncio.Transport | None = None
        self.peer = ""
        self.player: Player | None = None
        self.spoke = False
        """The first line has arrived."""
        self.closed = False
        self.saving = 0
        """Answers of this player still being committed: sends wait behind them."""
        self.held: list[bytes] = []
        self.ended = False
        """Nothing more may be written (the end of the stream was sent)."""
        self.holding = False
        """A wrong code is held: no line is read until the reply."""
        self._lingering = False
        self._discarded = 0
        self._buffer = b""
        self._timer: asyncio.TimerHandle | None = None

    # -- asyncio.Protocol ------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        peername = transport.get_extra_info("peername")
        self.peer = str(peername[0]) if peername else ""
        self._guard(lambda: self.host.on_connect(self))

    def data_received(self, data: bytes) -> None:
        if self._lingering:
            self._discarded += len(data)
            if self._discarded >= LINGER_BYTES:
                self.close()
            return
        if self.closed or self.holding:
            return
        try:
            self._lines(data)
        except Drop as drop:
            self._dropped(drop)
        except Exception:
            self._failed()

    def eof_received(self) -> bool:
        # A half-open connection is of no use to the room: close it (a partial last line
        # is discarded, as a reader's `readline` would).
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        self._cancel_timer()
        self._guard(lambda: self.host.on_lost(self))

    # -- reading -----------------------------------------------------------------

    def _lines(self, data: bytes) -> None:
        if self._buffer:
            data = self._buffer + data
        *lines, self._buffer = data.split(b"\n")
        for line in lines:
            if self.closed or self.holding or self._lingering:
                return
            if not self.spoke:
                self.spoke = True
                self._cancel_timer()
            if len(line) >= MAX_LINE:
                raise Drop(TOO_LONG)
            if not self.bucket.take(self.loop.time()):
                raise Drop("too many messages: slow down and join again")
            try:
                message = decode_client(line)
            except WireError as exc:
                raise Drop(str(exc)) from None
            self.host.on_message(self, message)
        if len(self._buffer) >= MAX_LINE:
            raise Drop(TOO_LONG)

    def _guard(self, step: Callable[[], None]) -> None:
        """Run one of the host's steps for this connection: whatever goes wrong with this
        student, the room goes on."""
        try:
            step()
        except Drop as drop:
            self._dropped(drop)
        except Exception:
            self._failed()

    def _dropped(self, drop: Drop) -> None:
        try:
            self.host.on_drop(self, drop)
        except Exception:
            self._failed()

    def _failed(self) -> None:
        log.exception("classroom connection")
        self.send_now(ErrorMsg(reason="the host could not handle that; please join again"))
        self.close()

    # -- timers ------------------------------------------------------------------

    def after(self, seconds: float, then: Callable[[], None]) -> None:
        """Run `then` (for this connection, guarded) in `seconds`, replacing any timer."""
        self._cancel_timer()
        self._timer = self.loop.call_later(seconds, self._fire, then)

    def _fire(self, then: Callable[[], None]) -> None:
        self._timer = None
        if not self.closed:
            self._guard(then)

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def hold(self, seconds: float, then: Callable[[], None]) -> None:
        """Read nothing more for `seconds`, then run `then` (a wrong code's reply)."""
        self.holding = True
        if self.transport is not None and not self.transport.is_closing():
            self.transport.pause_reading()
        self.after(seconds, then)

    # -- writing -----------------------------------------------------------------

    def send(self, message: Message) -> None:
        self.send_bytes(encode(message))

    def send_bytes(self, data: bytes) -> None:
        if self.saving:
            self.held.append(data)
            return
        self._write(data)

    def saved(self, data: bytes) -> None:
        """One answer is committed: send its acknowledgement, then what waited behind it."""
        self.saving -= 1
        if not self.saving and self.held:
            # One write (one system call) for the acknowledgement and what waited for it:
            # in a class answering at once, that is most students' reveal.
            data = b"".join((data, *self.held))
            self.held = []
        self._write(data)

    def send_now(self, message: Message) -> None:
        """A last word (an error before closing): ahead of anything held back."""
        self.held.clear()
        self._write(encode(message))

    def _write(self, data: bytes) -> None:
        transport = self.transport
        if self.closed or self.ended or transport is None or transport.is_closing():
            return
        transport.write(data)
        if transport.get_write_buffer_size() > MAX_BUFFER:
            self.abort()

    def abort(self) -> None:
        self.closed = True
        self._cancel_timer()
        if self.transport is not None:
            self.transport.abort()

    def close(self) -> None:
        """Close once what is written has gone (the transport flushes it first)."""
        if self.closed:
            return
        self.closed = True
        self._cancel_timer()
        if self.transport is not None:
            with contextlib.suppress(Exception):
                self.transport.close()

    def linger(self, seconds: float = LINGER_SECONDS) -> None:
        """Let an error reach the client before closing.

        Closing a socket with unread input makes the kernel reset the connection, and a
        reset can discard the error message on its way; so stop writing, then read and
        discard what the client still sends, within bounds (`LINGER_BYTES`, `seconds`).
        """
        transport = self.transport
        if self.closed or self._lingering or transport is None or transport.is_closing():
            return
        self._lingering = True
        self.holding = False
        self._buffer = b""
        try:
            if transport.can_write_eof():
                self.ended = True
                transport.write_eof()
            transport.resume_reading()
        except Exception:
            self.close()
            return
        self.after(seconds, self.close)
