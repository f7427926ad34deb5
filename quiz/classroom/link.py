"""One student's connection as the host sees it: bounded reads, writes that never wait.

Each connection is read line by line through a `StreamReader` whose limit is
`MAX_LINE`, spends a token from its own bucket per line, and is dropped (with an
`ErrorMsg`) on the first line that is too long, not a valid message, or over the rate.
Writes never wait on a slow reader: a client that stops reading is dropped once its
buffer passes `MAX_BUFFER`.

Order: while a player's answer is being committed, everything else for that player is
held back and sent after its "received", so a student always reads received, then the
reveal, then the next question, whatever the store's pace.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from quiz.classroom.protocol import MAX_LINE, Message, WireError, decode_client, encode

if TYPE_CHECKING:
    from quiz.classroom.room import Player

MAX_BUFFER = 1024 * 1024
"""Bytes queued for one client before it is judged not to be reading, and dropped."""
BUCKET_SIZE = 12
BUCKET_RATE = 4.0
"""Lines per second a client may send on average, after a burst of BUCKET_SIZE."""
LINGER_SECONDS = 1.0
BUSY_LINGER_SECONDS = 0.2
"""A connection turned away as busy lingers less: a flood must not pile up sockets."""
LINGER_BYTES = 256 * 1024


class Drop(Exception):
    """Close this connection, telling the client why."""


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


@dataclass(eq=False)
class Link:
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    bucket: Bucket
    peer: str = ""
    player: Player | None = None
    closed: bool = False
    saving: int = 0
    """Answers of this player still being committed: sends wait behind them."""
    held: list[bytes] = field(default_factory=list)
    ended: bool = False
    """Nothing more may be written (the end of the stream was sent)."""

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
        self._write(data)
        if not self.saving and self.held:
            held, self.held = self.held, []
            for line in held:
                self._write(line)

    def send_now(self, message: Message) -> None:
        """A last word (an error before closing): ahead of anything held back."""
        self.held.clear()
        self._write(encode(message))

    def _write(self, data: bytes) -> None:
        if self.closed or self.ended or self.writer.is_closing():
            return
        self.writer.write(data)
        if self.writer.transport.get_write_buffer_size() > MAX_BUFFER:
            self.abort()

    def abort(self) -> None:
        self.closed = True
        self.writer.transport.abort()

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        with contextlib.suppress(Exception):
            self.writer.close()

    async def read(self) -> object | None:
        """The next valid message, None at the end of the stream, or Drop."""
        try:
            line = await self.reader.readline()
        except (ValueError, asyncio.LimitOverrunError):
            raise Drop(f"a message may be at most {MAX_LINE} bytes") from None
        if not line or not line.endswith(b"\n"):
            return None
        if len(line) > MAX_LINE:
            raise Drop(f"a message may be at most {MAX_LINE} bytes")
        if not self.bucket.take(asyncio.get_running_loop().time()):
            raise Drop("too many messages: slow down and join again")
        try:
            return decode_client(line)
        except WireError as exc:
            raise Drop(str(exc)) from None

    async def linger(self, seconds: float = LINGER_SECONDS) -> None:
        """Let an error reach the client before closing.

        Closing a socket with unread input makes the kernel reset the connection, and a
        reset can discard the error message on its way; so stop writing, then read and
        discard what the client still sends, within bounds.
        """
        if self.closed or self.writer.is_closing():
            return
        with contextlib.suppress(Exception):
            if self.writer.can_write_eof():
                self.ended = True
                self.writer.write_eof()
            loop = asyncio.get_running_loop()
            end = loop.time() + seconds
            discarded = 0
            while discarded < LINGER_BYTES and loop.time() < end:
                chunk = await asyncio.wait_for(self.reader.read(65536), end - loop.time())
                if not chunk:
                    break
                discarded += len(chunk)
