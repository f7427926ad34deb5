"""The student's side of a classroom session, without Textual.

`Connection` is one TCP connection speaking the protocol. `Student` keeps a student in
the session: it joins, hands every message from the host to a callback, and when the
connection drops it rejoins with the token the host gave, so the score is kept. It
stops for good on a fatal error from the host (wrong code, name taken, removed), on
`EndMsg`, or after `REJOIN_ATTEMPTS` failed rejoins.

A host that answers "busy, try again shortly" (`ErrorMsg.retry`, a flooded port) is
tried again after a pause that doubles from `RETRY_PAUSE` up to `RETRY_PAUSE_MAX`, at
most `RETRY_ATTEMPTS` times; each wait is reported as status "retrying" with the
seconds, so the student sees that it is retrying rather than a frozen screen.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import Literal

from quiz.classroom.protocol import (
    DEFAULT_PORT,
    MAX_SERVER_LINE,
    PROTOCOL_VERSION,
    AnswerMsg,
    Bye,
    EndMsg,
    ErrorMsg,
    Hello,
    Message,
    Welcome,
    WireError,
    decode_server,
    encode,
)

REJOIN_ATTEMPTS = 30
REJOIN_PAUSE = 1.0
CONNECT_SECONDS = 10.0
RETRY_PAUSE = 0.5
RETRY_PAUSE_MAX = 8.0
RETRY_ATTEMPTS = 20


class JoinError(Exception):
    """The student could not join; the message says why in words."""

    def __init__(self, message: str, *, retry: bool = False) -> None:
        super().__init__(message)
        self.retry = retry


def parse_address(text: str, default_port: int = DEFAULT_PORT) -> tuple[str, int]:
    """ "HOST", "HOST:PORT", "[IPv6]:PORT" or a bare IPv6 address -> (host, port)."""
    text = text.strip()
    if not text:
        raise JoinError("an address is needed, such as 192.168.1.20:8765")
    host, port_text = text, ""
    if text.startswith("["):
        host, _, rest = text[1:].partition("]")
        port_text = rest[1:] if rest.startswith(":") else rest
    elif text.count(":") == 1:
        host, _, port_text = text.partition(":")
    if not host:
        raise JoinError(f"no host in {text!r}")
    if not port_text:
        return host, default_port
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise JoinError(f"the port must be a number from 1 to 65535, found {port_text!r}")
    return host, int(port_text)


class Connection:
    """One connection to a host: send client messages, receive validated host messages."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer

    @classmethod
    async def open(cls, host: str, port: int, timeout: float = CONNECT_SECONDS) -> Connection:
        try:
            reader, writer = await asyncio.wait_for(
                asyncio.open_connection(host, port, limit=MAX_SERVER_LINE), timeout
            )
        except asyncio.TimeoutError:
            raise JoinError(f"no answer from {host}:{port}") from None
        except OSError as exc:
            raise JoinError(
                f"cannot reach {host}:{port} ({exc.strerror or exc}); check the address the"
                " teacher's screen shows"
            ) from None
        return cls(reader, writer)

    async def send(self, message: Message) -> None:
        self.writer.write(encode(message))
        await self.writer.drain()

    async def receive(self) -> object | None:
        """The next message from the host, or None when the connection has ended."""
        try:
            line = await self.reader.readline()
        except (ValueError, ConnectionError):
            return None
        if not line.endswith(b"\n"):
            return None
        try:
            return decode_server(line)
        except WireError:
            return None

    async def close(self) -> None:
        with contextlib.suppress(Exception):
            self.writer.close()
            await asyncio.wait_for(self.writer.wait_closed(), 2)


Status = Literal["connecting", "joined", "reconnecting", "retrying", "ended", "refused"]


class Student:
    """Join `host:port` with `code` as `name`, and stay joined until the end."""

    def __init__(
        self,
        host: str,
        port: int,
        code: str,
        name: str,
        on_message: Callable[[object], None],
        on_status: Callable[[Status, str], None] | None = None,
        rejoin_pause: float = REJOIN_PAUSE,
        token: str | None = None,
        retry_pause: float = RETRY_PAUSE,
    ) -> None:
        self.rejoin_pause = rejoin_pause
        self.retry_pause = retry_pause
        self.host, self.port, self.code, self.name = host, port, code, name
        self.on_message = on_message
        self.on_status = on_status or (lambda status, text: None)
        self.token: str | None = token
        """Given by the host in its welcome; a remembered one may be passed in."""
        self.status: Status = "connecting"
        self._conn: Connection | None = None
        self._stopping = False

    def _set(self, status: Status, text: str = "") -> None:
        self.status = status
        self.on_status(status, text)

    async def join_once(self) -> Welcome:
        """Connect and say hello; JoinError when the host refuses or cannot be reached."""
        conn = await Connection.open(self.host, self.port)
        hello = Hello(version=PROTOCOL_VERSION, code=self.code, name=self.name, token=self.token)
        try:
            await conn.send(hello)
            reply = await asyncio.wait_for(conn.receive(), CONNECT_SECONDS)
        except (OSError, asyncio.TimeoutError):
            await conn.close()
            raise JoinError("the host did not answer the hello") from None
        if isinstance(reply, ErrorMsg):
            await conn.close()
            raise JoinError(reply.reason, retry=reply.retry)
        if reply is None:  # closed unanswered: a host this busy may drop the reply too
            await conn.close()
            raise JoinError("the host closed the connection before answering", retry=True)
        if not isinstance(reply, Welcome):
            await conn.close()
            raise JoinError("the host sent something unexpected; is this a quiz host?")
        self.token = reply.token
        self.name = reply.name
        self._conn = conn
        return reply

    async def run(self) -> None:
        """Join, relay messages, rejoin after a drop; returns when the session is over."""
        attempts = retries = 0
        while not self._stopping:
            try:
                welcome = await self.join_once()
            except JoinError as exc:
                if exc.retry and retries < RETRY_ATTEMPTS:
                    pause = min(self.retry_pause * 2**retries, RETRY_PAUSE_MAX)
                    retries += 1
                    self._set("retrying", f"{exc}; trying again in {pause:g} s (try {retries})")
                    await asyncio.sleep(pause)
                    continue
                # A host that answered with a reason has decided; only silence is retried.
                fatal = self.token is None or "cannot reach" not in str(exc)
                if fatal or attempts >= REJOIN_ATTEMPTS:
                    self._set("refused", str(exc))
                    return
                attempts += 1
                self._set("reconnecting", str(exc))
                await asyncio.sleep(self.rejoin_pause)
                continue
            attempts = retries = 0
            self._set("joined", welcome.name)
            self.on_message(welcome)
            if await self._relay():
                return
            if not self._stopping:
                self._set("reconnecting", "connection lost; rejoining")

    async def _relay(self) -> bool:
        """Hand messages on until the connection ends; True when the session is over."""
        conn = self._conn
        assert conn is not None
        while True:
            message = await conn.receive()
            if message is None:
                await conn.close()
                return self._stopping
            self.on_message(message)
            if isinstance(message, EndMsg):
                self._set("ended", "")
                await conn.close()
                return True
            if isinstance(message, ErrorMsg) and message.fatal:
                self._set("refused", message.reason)
                await conn.close()
                return True

    async def answer(
        self, number: int, *, choice: int | None = None, value: float | None = None
    ) -> bool:
        """Send an answer; False when not connected (the student may try again).

        Only the value travels: the host writes the answer's text for the record.
        """
        if self._conn is None:
            return False
        try:
            await self._conn.send(AnswerMsg(number=number, choice=choice, value=value))
        except (OSError, RuntimeError):
            return False
        return True

    async def leave(self) -> None:
        self._stopping = True
        if self._conn is not None:
            with contextlib.suppress(OSError, RuntimeError):
                await self._conn.send(Bye())
            await self._conn.close()
