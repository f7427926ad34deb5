"""The web join's HTTP side without a browser: routes, caps, the fixed command, processes.

`WebJoin` is served on loopback and asked with aiohttp's client. The student apps it
starts here have no game server to reach (port 9 on loopback); they start, show their
name screen and are stopped, which is all these tests need of them.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp
import pytest

from quiz.classroom.web.page import patched_script
from quiz.classroom.web.process import STUDENT_MODULE, student_argv
from quiz.classroom.web.server import WRONG_CODES, WebJoin, WebLimits

CODE = "K7QF2M"
WAIT = 60.0
"""Upper bound for a student process to start or stop on a busy machine."""


@asynccontextmanager
async def serving(limits: WebLimits | None = None) -> AsyncIterator[tuple[WebJoin, str]]:
    web = WebJoin(CODE, "127.0.0.1", 9, limits=limits)
    host, port = await web.start("127.0.0.1", 0)
    try:
        yield web, f"http://{host}:{port}"
    finally:
        await web.close()


async def get(url: str) -> tuple[int, str, aiohttp.ClientResponse]:
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        body = await response.read()
        return response.status, body.decode("utf-8", "replace"), response


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie has exited; asyncio reaps it when the process is waited for.
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


async def until(condition: object, what: str) -> None:
    loop = asyncio.get_running_loop()
    end = loop.time() + WAIT
    while not condition():  # type: ignore[operator]
        if loop.time() > end:
            raise AssertionError(f"never happened: {what}")
        await asyncio.sleep(0.05)


def test_the_only_command_is_the_student_app_with_the_hosts_own_values(tmp_path: Path) -> None:
    argv = student_argv("127.0.0.1", 8765, CODE, tmp_path)
    assert argv == [sys.executable, "-m", STUDENT_MODULE, "127.0.0.1", "8765", CODE, str(tmp_path)]


async def test_the_room_page_is_under_its_code_in_any_case_and_works_offline() -> None:
    async with serving() as (_, base):
        for path in (CODE, CODE.lower(), CODE + "/"):
            status, page, response = await get(f"{base}/{path}")
            assert status == 200, path
        assert "googleapis" not in page, "no font from the internet: a school may have none"
        assert "/static/fonts/RobotoMono-VariableFont_wght.ttf" in page
        assert 'name="viewport"' in page
        assert f"'/{CODE}/ws'" in page
        assert "quiz-seat" in response.cookies, "the browser gets a seat to rejoin from"
        font_status, _, font = await get(f"{base}/static/fonts/RobotoMono-VariableFont_wght.ttf")
        assert font_status == 200 and font.content_length and font.content_length > 10_000
        assert (await get(f"{base}/static/css/xterm.css"))[0] == 200
        script_status, script, _ = await get(f"{base}/static/js/textual.js")
        assert script_status == 200 and "screenReaderMode:!0" in script


async def test_every_other_path_is_a_plain_404() -> None:
    async with serving() as (_, base):
        for path in (
            "",
            "ZZZZZZ",
            f"{CODE}x",
            "favicon.ico",
            "static/",
            "static/fonts/",
            "static/images/background.png",
            "static/fonts/..%2F..%2Fserver.py",
            f"{CODE}/ws/x",
        ):
            status, text, _ = await get(f"{base}/{path}")
            assert (status, text) == (404, "404: Not Found"), path


async def test_an_address_guessing_codes_gets_nothing_after_too_many() -> None:
    async with serving() as (_, base):
        for n in range(WRONG_CODES):
            assert (await get(f"{base}/WRONG{n}"))[0] == 404
        status, _, _ = await get(f"{base}/{CODE}")
        assert status == 404, "the right code no longer opens the room for this address"


async def test_the_caps_refuse_with_a_page_that_says_why() -> None:
    async with serving(WebLimits(students=3, per_address=2)) as (web, base):
        web.live["127.0.0.1"] = 2
        status, page, _ = await get(f"{base}/{CODE}")
        assert status == 429
        assert "2 students are already playing from this network address" in page
        assert "--web-max-per-address" in page
        web.live["192.0.2.9"] = 1
        status, page, _ = await get(f"{base}/{CODE}")
        assert status == 503
        assert "All 3 browser places in this room are taken" in page
        assert "--web-max" in page
        web.live.clear()


async def test_a_socket_from_another_site_is_refused() -> None:
    async with serving() as (web, base), aiohttp.ClientSession() as session:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await session.ws_connect(f"{base}/{CODE}/ws", origin="http://evil.example")
        assert refused.value.status == 403
        assert web.students == 0


async def test_a_full_room_sends_the_socket_back_to_the_page() -> None:
    async with serving(WebLimits(students=1)) as (web, base), aiohttp.ClientSession() as session:
        web.live["192.0.2.9"] = 1
        ws = await session.ws_connect(f"{base}/{CODE}/ws")
        message = await ws.receive_json(timeout=WAIT)
        assert message == ["open_url", {"url": f"/{CODE}", "new_tab": False}]
        assert not web.services, "no student app was started"
        web.live.clear()


async def test_closing_the_tab_ends_the_students_process() -> None:
    async with serving() as (web, base), aiohttp.ClientSession() as session:
        ws = await session.ws_connect(f"{base}/{CODE}/ws?width=60&height=20")
        await ws.receive_bytes(timeout=WAIT)  # the app is drawing
        assert web.students == 1
        (service,) = web.services
        assert service.argv[2] == STUDENT_MODULE
        pid = service.pid
        assert pid is not None and alive(pid)
        await ws.close()
        await until(lambda: not alive(pid), "the student's process ends with its tab")
        await until(lambda: web.students == 0, "the place is free again")


async def test_the_web_server_stops_every_student_app_when_the_host_stops(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Each app is asked to quit and waited for: none outlives the host, and none is
    reaped behind asyncio's back (which printed "Unknown child process pid N" on the
    teacher's terminal, once per browser student, and lost the exit status)."""
    web = WebJoin(CODE, "127.0.0.1", 9)
    host, port = await web.start("127.0.0.1", 0)
    async with aiohttp.ClientSession() as session:
        sockets = [await session.ws_connect(f"http://{host}:{port}/{CODE}/ws") for _ in range(3)]
        for ws in sockets:
            await ws.receive_bytes(timeout=WAIT)
        processes = [s._process for s in web.services]
        pids = [s.pid for s in web.services]
        assert len(pids) == 3 and all(pid and alive(pid) for pid in pids)
        await web.close()
        assert not any(alive(pid) for pid in pids if pid)  # type: ignore[arg-type]
        assert [p.returncode for p in processes if p is not None] == [0, 0, 0], "each quit"
        assert "Unknown child process" not in caplog.text
    with pytest.raises(aiohttp.ClientConnectionError):
        await get(f"http://{host}:{port}/{CODE}")


def test_the_terminal_script_is_served_unchanged_when_it_no_longer_matches() -> None:
    assert patched_script("a,scrollback:0,b") == "a,scrollback:0,screenReaderMode:!0,b"
    assert patched_script("nothing to patch") == "nothing to patch"
