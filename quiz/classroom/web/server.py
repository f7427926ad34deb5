"""The web join's HTTP server: one room's page under its code, and nothing else.

Routes: `GET /CODE` (the page; case does not matter, so the QR code can be all capitals),
`GET /CODE/ws` (the web socket that drives one student app), `/static/...` (textual-serve's
terminal, CSS and fonts). Any other path is a plain 404, and so is everything from an
address after `WRONG_CODES` wrong codes, as the game server does for `quiz join`: the code
guards the room on both doors.

Bounds, each refused with a page that says why: `students` browser students at once
(each is a process on the teacher's machine) and `per_address` from one address. Only
`process.student_argv` is ever started; the one value from a request that reaches it is
the browser's seat cookie, and only as a key to a folder this server made (`_seat`), in
which the student app keeps its rejoin token: a student who closes the tab and opens the
page again types the same name and is back with their points.

`close()` closes every socket and stops every student process; the host calls it when it
stops.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import secrets
import shutil
import socket
import tempfile
from collections import Counter
from pathlib import Path

from aiohttp import WSMsgType, web
from textual_serve.download_manager import DownloadManager

from quiz.classroom.web.limits import WebLimits
from quiz.classroom.web.page import patched_script, refusal_page, room_page, static_folder
from quiz.classroom.web.process import StudentProcess, student_argv

log = logging.getLogger(__name__)
# textual-serve logs a student app's failure; with no handler Python would print it on
# the teacher's terminal, under the projector's screen.
logging.getLogger("textual-serve").addHandler(logging.NullHandler())

WRONG_CODES = 20
SEAT_COOKIE = "quiz-seat"
MAX_SEATS = 5000
MAX_MESSAGE = 64 * 1024
"""Bytes in one web-socket message: keys and resizes are tiny."""
TITLE = "Figures quiz"
STATIC_FILES = {
    "css": ("xterm.css",),
    "fonts": ("RobotoMono-VariableFont_wght.ttf",),
}
_SEAT = re.compile(r"[0-9a-f]{32}")
_CODE_LIKE = re.compile(r"[A-Za-z0-9]{1,32}")


class WebJoin:
    """Serve the student app for room `code`, whose game server is game_host:game_port."""

    def __init__(
        self,
        code: str,
        game_host: str,
        game_port: int,
        *,
        limits: WebLimits | None = None,
    ) -> None:
        self.code = code.upper()
        self.game_host, self.game_port = game_host, game_port
        self.limits = limits or WebLimits()
        self.address: tuple[str, int] | None = None
        self.live: Counter[str] = Counter()
        """Student apps running, by the address of the browser driving them."""
        self.services: set[StudentProcess] = set()
        self._wrong: Counter[str] = Counter()
        self._seats: dict[str, Path] = {}
        self._folder: Path | None = None
        self._runner: web.AppRunner | None = None
        self._sockets: set[web.WebSocketResponse] = set()
        self._downloads = DownloadManager()
        self._script: bytes | None = None

    @property
    def students(self) -> int:
        return sum(self.live.values())

    # -- life cycle --------------------------------------------------------------

    def make_app(self) -> web.Application:
        app = web.Application()
        app.add_routes(
            [
                web.get("/static/js/textual.js", self._script_file),
                web.get("/static/{kind:css|fonts}/{name}", self._static_file),
                web.get("/{code}", self._page),
                web.get("/{code}/", self._page),
                web.get("/{code}/ws", self._socket),
            ]
        )
        return app

    async def start(
        self, bind: str = "127.0.0.1", port: int = 0, *, sock: socket.socket | None = None
    ) -> tuple[str, int]:
        """Listen on bind:port, or on `sock` when the caller has bound one already."""
        self._folder = Path(tempfile.mkdtemp(prefix="quiz-web-"))
        self._runner = web.AppRunner(
            self.make_app(), access_log=None, handle_signals=False, shutdown_timeout=1.0
        )
        await self._runner.setup()
        site: web.BaseSite
        if sock is not None:
            site = web.SockSite(self._runner, sock)
        else:
            site = web.TCPSite(self._runner, bind, port)
        await site.start()
        server = site._server  # aiohttp keeps the asyncio server private
        assert isinstance(server, asyncio.base_events.Server)
        name = server.sockets[0].getsockname()
        self.address = (str(name[0]), int(name[1]))
        return self.address

    async def close(self) -> None:
        for ws in list(self._sockets):
            with contextlib.suppress(Exception):
                await ws.close()
        services = list(self.services)
        await asyncio.gather(*(s.stop() for s in services), return_exceptions=True)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None

    # -- pages -------------------------------------------------------------------

    def _room(self, request: web.Request) -> None:
        """Raise a plain 404 unless the path names this room (and the address may ask)."""
        address = request.remote or ""
        code = request.match_info.get("code", "")
        if self._wrong[address] >= WRONG_CODES:
            raise web.HTTPNotFound()
        if code.upper() != self.code:
            if _CODE_LIKE.fullmatch(code):
                self._wrong[address] += 1
            raise web.HTTPNotFound()

    def refusal(self, address: str) -> tuple[int, str] | None:
        """The HTTP status and the reason this address may not start a student app now."""
        limits = self.limits
        if self.students >= limits.students:
            return 503, (
                f"All {limits.students} browser places in this room are taken. "
                "Ask your teacher: `quiz host --web-max N` allows more, or join from a "
                "terminal with `quiz join`."
            )
        if self.live[address] >= limits.per_address:
            return 429, (
                f"{limits.per_address} students are already playing from this network "
                f"address ({address}). Close a tab you no longer use, or ask your teacher "
                "(`quiz host --web-max-per-address N`)."
            )
        return None

    async def _page(self, request: web.Request) -> web.Response:
        self._room(request)
        refused = self.refusal(request.remote or "")
        if refused is not None:
            status, reason = refused
            return web.Response(
                status=status,
                text=refusal_page("You cannot join just now", reason),
                content_type="text/html",
                headers={"Cache-Control": "no-store", "Retry-After": "10"},
            )
        response = web.Response(
            text=room_page(self.code, f"{TITLE} · room {self.code}"),
            content_type="text/html",
            headers={"Cache-Control": "no-store"},
        )
        if not _SEAT.fullmatch(request.cookies.get(SEAT_COOKIE, "")):
            response.set_cookie(
                SEAT_COOKIE,
                secrets.token_hex(16),
                path=f"/{request.match_info['code']}",
                httponly=True,
                samesite="Strict",
                max_age=12 * 3600,
            )
        return response

    async def _script_file(self, request: web.Request) -> web.Response:
        if self._script is None:
            source = (static_folder() / "js" / "textual.js").read_text(encoding="utf-8")
            self._script = patched_script(source).encode("utf-8")
        return web.Response(body=self._script, content_type="application/javascript")

    async def _static_file(self, request: web.Request) -> web.FileResponse:
        """The terminal's CSS and fonts: a fixed list, nothing else under /static."""
        kind, name = request.match_info["kind"], request.match_info["name"]
        if name not in STATIC_FILES.get(kind, ()):
            raise web.HTTPNotFound()
        return web.FileResponse(static_folder() / kind / name)

    # -- one student -------------------------------------------------------------

    def _seat(self, request: web.Request) -> Path:
        """This browser's folder for its rejoin token (a fresh one for a new browser)."""
        assert self._folder is not None
        cookie = request.cookies.get(SEAT_COOKIE, "")
        if _SEAT.fullmatch(cookie) and cookie in self._seats:
            return self._seats[cookie]
        folder = Path(tempfile.mkdtemp(prefix="seat-", dir=self._folder))
        if _SEAT.fullmatch(cookie) and len(self._seats) < MAX_SEATS:
            self._seats[cookie] = folder
        return folder

    def _same_origin(self, request: web.Request) -> bool:
        origin = request.headers.get("Origin")
        if origin is None:
            return True
        return origin.split("://", 1)[-1].rstrip("/") == request.host

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        self._room(request)
        if not self._same_origin(request):
            raise web.HTTPForbidden(text="this page may only be opened from the room's own address")
        address = request.remote or ""
        ws = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE)
        await ws.prepare(request)
        if self.refusal(address) is not None:
            # The page will say why: send the browser back to it.
            page = f"/{self.code}"
            await ws.send_str(json.dumps(["open_url", {"url": page, "new_tab": False}]))
            await ws.close()
            return ws
        width = _number(request.query.get("width"), 80)
        height = _number(request.query.get("height"), 24)
        argv = student_argv(self.game_host, self.game_port, self.code, self._seat(request))

        async def close() -> None:
            await ws.close()

        service = StudentProcess(
            argv,
            write_bytes=ws.send_bytes,
            write_str=ws.send_str,
            close=close,
            download_manager=self._downloads,
        )
        self.live[address] += 1
        self.services.add(service)
        self._sockets.add(ws)
        try:
            await service.start(width, height)
            await self._relay(ws, service)
        except Exception:  # one student's failure never reaches the room or the host
            log.exception("web join")
        finally:
            self._sockets.discard(ws)
            await service.stop()
            self.services.discard(service)
            self.live[address] -= 1
            if self.live[address] <= 0:
                del self.live[address]
            with contextlib.suppress(Exception):
                await ws.close()
        return ws

    async def _relay(self, ws: web.WebSocketResponse, service: StudentProcess) -> None:
        """Keys and resizes from the browser to the app, until either side ends."""
        app_task = service._task  # ends when the app exits, whatever the browser does
        browser = asyncio.ensure_future(self._from_browser(ws, service))
        waiting: set[asyncio.Future[None]] = {browser}
        if app_task is not None:
            waiting.add(app_task)
        try:
            await asyncio.wait(waiting, return_when=asyncio.FIRST_COMPLETED)
        finally:
            browser.cancel()
            with contextlib.suppress(BaseException):
                await browser

    async def _from_browser(self, ws: web.WebSocketResponse, service: StudentProcess) -> None:
        async for message in ws:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
            except ValueError:
                continue
            if not isinstance(envelope, list) or not envelope:
                continue
            kind = envelope[0]
            data = envelope[1] if len(envelope) > 1 else None
            if kind == "stdin" and isinstance(data, str):
                await service.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                width, height = data.get("width"), data.get("height")
                if isinstance(width, int) and isinstance(height, int):
                    await service.set_terminal_size(width, height)
            elif kind == "ping" and isinstance(data, str):
                await ws.send_json(["pong", data[:32]])
            elif kind == "blur":
                await service.blur()
            elif kind == "focus":
                await service.focus()


def _number(text: str | None, default: int) -> int:
    try:
        return int(text or "")
    except ValueError:
        return default
