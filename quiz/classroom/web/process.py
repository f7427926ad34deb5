"""One browser student's app: a child process speaking Textual's web-driver protocol.

textual-serve's `AppService` relays the browser's keys and the app's output; its own
start runs a command line through a shell. Here the command is a fixed argv built by the
host from its own values (interpreter, address, port, room code, a folder it made), run
without a shell, so nothing a browser sends can reach a command line. Stopping asks the
app to quit and kills it if it has not gone within `STOP_SECONDS`, so a hung student app
never outlives its tab or the host.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
from asyncio.subprocess import Process
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

STUDENT_MODULE = "quiz.screens.classroom.web_student"
STOP_SECONDS = 3.0
MAX_COLUMNS = 400
MAX_ROWS = 200


def student_argv(host: str, port: int, code: str, seat: Path) -> list[str]:
    """The only command the web join ever starts."""
    return [sys.executable, "-m", STUDENT_MODULE, host, str(port), code, str(seat)]


def clamp_size(width: int, height: int) -> tuple[int, int]:
    return max(10, min(MAX_COLUMNS, width)), max(5, min(MAX_ROWS, height))


class StudentProcess(AppService):
    """textual-serve's relay around `argv`, started without a shell."""

    def __init__(
        self,
        argv: list[str],
        *,
        write_bytes: Callable[[bytes], Awaitable[None]],
        write_str: Callable[[str], Awaitable[None]],
        close: Callable[[], Awaitable[None]],
        download_manager: DownloadManager,
    ) -> None:
        super().__init__(
            " ".join(argv),  # only for textual-serve's log lines; never run
            write_bytes=write_bytes,
            write_str=write_str,
            close=close,
            download_manager=download_manager,
        )
        self.argv = list(argv)

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment: dict[str, str] = super()._build_environment(width, height)
        # The teacher's shell may carry a devtools or log setting; a student app never should.
        for key in ("TEXTUAL", "TEXTUAL_LOG", "PYTHONSTARTUP", "PYTHONINSPECT"):
            environment.pop(key, None)
        return environment

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        width, height = clamp_size(width, height)
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=self._build_environment(width=width, height=height),
            start_new_session=os.name == "posix",
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    async def set_terminal_size(self, width: int, height: int) -> None:
        await super().set_terminal_size(*clamp_size(width, height))

    async def stop(self) -> None:
        """Ask the app to quit; kill it if it does not within STOP_SECONDS."""
        process = self._process
        asked = False
        # A quit that fails or hangs is answered by the kill below.
        with contextlib.suppress(Exception):
            await asyncio.wait_for(super().stop(), STOP_SECONDS)
            asked = True
        if process is not None and process.returncode is None:
            # The app closed its output: let asyncio see it exit before any kill. Killing
            # an exited child whose exit asyncio has not yet seen makes Popen reap it
            # first, and asyncio's watcher then prints "Unknown child process pid N" on
            # the teacher's terminal (once per browser student).
            if asked:
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(process.wait(), STOP_SECONDS)
            if process.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    process.kill()
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(process.wait(), STOP_SECONDS)
        if self._task is not None:
            self._task.cancel()
            self._task = None
