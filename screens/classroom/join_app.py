"""The student's terminal in a classroom session: a Textual App around `Student`.

`Student` (Textual-free) keeps the connection and rejoins after a drop; this App shows
each message from the host on the right screen and sends the answers picked on the
question screen. q (or Ctrl+Q) leaves, asking first mid-quiz; a student who leaves by
mistake runs the same `quiz join` again and is back with their points, by the token
remembered in `token_file` (`quiz.classroom.tokens`).

Messages are taken only for the question on screen: a reveal for an earlier question,
and a timer, "received" or refusal naming another question, are ignored (they are
late), and so is a question older than the one shown. Every text from the host arrives
already stripped of control and bidirectional characters (`quiz.classroom.protocol.Text`)
and is shown literally.

With no name (the web join: a browser has no terminal prompt) the app asks for one first
(`NameScreen`), and keeps the token in `token_folder` under that name; a name the host
refuses (taken) opens the name screen again with the reason.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Callable
from pathlib import Path, PurePath
from typing import ClassVar

from quiz.screens.classroom.join_name import NameScreen
from quiz.screens.classroom.join_views import (
    EndScreen,
    JoinQuestionScreen,
    JoinRevealScreen,
    WaitingScreen,
)
from quiz.screens.dialogs.confirm_quit import ConfirmQuit
from quiz.screens.widgets import WIDGETS_CSS
from quiz.screens.widgets.progress_header import Progress
from textual.app import App
from textual.binding import Binding, BindingType

from quiz.classroom.client import Status, Student
from quiz.classroom.protocol import (
    EndMsg,
    ErrorMsg,
    LobbyMsg,
    QuestionMsg,
    Received,
    Refused,
    RevealMsg,
    TimerMsg,
    Welcome,
)
from quiz.classroom.tokens import remember, remembered, token_path
from quiz.game.scoring import ChoiceAnswer, NumberAnswer
from quiz.present.saving import classroom_quit_detail
from quiz.present.words import points_words


class JoinApp(App[int]):
    """Join host:port with code as name; `refusal` says why the host refused, if it did."""

    TITLE = "Figures quiz · classroom"
    CSS_PATH: ClassVar[list[str | PurePath]] = ["classroom.tcss", "join_name.tcss", WIDGETS_CSS]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "request_quit", "Leave"),
        Binding("ctrl+q", "request_quit", "Leave", show=False, priority=True),
    ]

    def __init__(
        self,
        host: str,
        port: int,
        code: str,
        name: str | None,
        *,
        rejoin_pause: float = 1.0,
        token: str | None = None,
        token_file: Path | None = None,
        token_folder: Path | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.student = Student(
            host,
            port,
            code,
            name or "",
            self.on_host_message,
            self.on_status,
            rejoin_pause=rejoin_pause,
            token=token,
        )
        self.token_file = token_file
        self.token_folder = token_folder
        self.ask_name = name is None
        """The name is typed in the app (and asked again when the host refuses it)."""
        self.welcomed = False
        self.clock = clock
        """The question screen's countdown clock (the host's clock still decides)."""
        self.total = 0
        self.points = 0.0
        self.max_points = 0.0
        self.bonus = 0.0
        """Bonus points seen on this app's reveals: the header keeps them apart from the
        questions' points (`quiz.present.progress`)."""
        self.question: QuestionMsg | None = None
        self.refusal: str | None = None
        self.ended = False
        self.reconnecting = False
        self.revealed = 0
        """The number of the last question whose reveal was shown."""
        self._task: asyncio.Task[None] | None = None

    def on_mount(self) -> None:
        if self.ask_name:
            self._ask_name()
            return
        self._start()

    def _ask_name(self, problem: str = "") -> None:
        name = self.student.name or _last_name(self.token_folder)
        self.push_screen(NameScreen(self.student.code, name=name, problem=problem), self._named)

    def _named(self, name: str | None) -> None:
        if not name:
            return
        student = self.student
        student.name = name
        if self.token_folder is not None:
            self.token_file = token_path(
                self.token_folder, student.host, student.port, student.code, name
            )
            student.token = remembered(self.token_file, name)
        self._start()

    def _start(self) -> None:
        self.refusal = None
        self.push_screen(WaitingScreen(f"Joining {self.student.host}:{self.student.port}…"))
        self._task = asyncio.create_task(self.student.run())

    async def on_unmount(self) -> None:
        await self.student.leave()
        if self._task is not None:
            self._task.cancel()

    # -- from the host -----------------------------------------------------------

    def _wait(self, text: str) -> None:
        screen = self.screen
        if isinstance(screen, WaitingScreen):
            screen.show(text)
        else:
            self.switch_screen(WaitingScreen(text))

    def on_host_message(self, message: object) -> None:
        if isinstance(message, Welcome):
            self.welcomed = True
            if self.token_file is not None:
                remember(self.token_file, message.name, message.token)
            self.total = message.total
            self.points = message.points
            self.max_points = message.max_points
            if message.rejoined:
                self.notify(
                    f"Back in, {message.name}: your {points_words(message.points)} are kept.",
                    markup=False,
                )
            if message.waiting:
                self._wait(f"You are in as {message.name}. Waiting for the next question…")
        elif isinstance(message, LobbyMsg):
            self._wait(
                f"You are in as {self.student.name}. {message.players} in the room; "
                "waiting for the teacher to start…"
            )
        elif not self._current(message):
            return
        elif isinstance(message, QuestionMsg):
            self.question = message
            progress = Progress(
                message.number, message.total, self.points, self.max_points, bonus=self.bonus
            )
            self.switch_screen(JoinQuestionScreen(message, progress, clock=self.clock))
        elif isinstance(message, TimerMsg):
            if isinstance(self.screen, JoinQuestionScreen):
                self.screen.set_timer_state(message.seconds_left, message.paused)
        elif isinstance(message, Received):
            if isinstance(self.screen, JoinQuestionScreen):
                self.screen.show_state("Answer received. Wait for the reveal…")
        elif isinstance(message, Refused):
            if isinstance(self.screen, JoinQuestionScreen):
                self.screen.show_state(f"Not taken: {message.reason}.")
        elif isinstance(message, RevealMsg):
            self.points = message.points
            self.max_points = message.max_points
            if message.yours is not None:
                self.bonus = round(self.bonus + message.yours.bonus, 2)
            prompt = self.question.prompt if self.question else ""
            self.revealed = message.number
            self.switch_screen(JoinRevealScreen(message, prompt, self.total))
        elif isinstance(message, EndMsg):
            self.ended = True
            self.switch_screen(EndScreen(message))
        elif isinstance(message, ErrorMsg) and message.fatal:
            self.refusal = message.reason

    def _current(self, message: object) -> bool:
        """Whether a question-bound message is for the question this student is on."""
        shown = self.question.number if self.question else 0
        if isinstance(message, QuestionMsg):
            return message.number > shown
        if isinstance(message, RevealMsg):
            # A student back in a fresh app during a reveal has not seen its question.
            return message.number >= shown and self.revealed < message.number
        if isinstance(message, (TimerMsg, Received, Refused)):
            return message.number == shown and self.revealed != shown
        return True

    def on_status(self, status: Status, text: str) -> None:
        if status == "reconnecting" and not self.reconnecting:
            self.reconnecting = True
            self.notify("Connection to the host lost: rejoining…", severity="warning")
        elif status == "retrying":
            self._wait(f"The host is busy: {text}…")
        elif status == "joined":
            self.reconnecting = False
        elif status == "refused":
            if self.ask_name and not self.welcomed:
                self.pop_screen()
                self._ask_name(f"The host said: {text}.")
                return
            self.refusal = text
            self._wait(f"Could not stay in the quiz: {text}\n\nPress q to leave.")

    # -- from the student ----------------------------------------------------------

    async def on_join_question_screen_answered(self, event: JoinQuestionScreen.Answered) -> None:
        answer = event.answer
        if isinstance(answer, ChoiceAnswer):
            sent = await self.student.answer(event.number, choice=answer.index)
        elif isinstance(answer, NumberAnswer):
            sent = await self.student.answer(event.number, value=answer.value)
        else:
            sent = False
        if not sent and isinstance(self.screen, JoinQuestionScreen):
            self.screen.sent = False
            self.screen.show_state(
                "Not connected: your answer was not sent. Try again.", settled=False
            )

    def action_request_quit(self) -> None:
        if self.ended or self.refusal or self.question is None:
            self.exit(0)
            return

        def answered(leave: bool | None) -> None:
            if leave:
                self.exit(0)

        self.push_screen(
            ConfirmQuit(classroom_quit_detail(self.question.number, self.total)), answered
        )


def _last_name(folder: Path | None) -> str:
    """The name this browser joined with last, so a student who reopens the page rejoins
    with Enter."""
    if folder is None:
        return ""
    with contextlib.suppress(OSError):
        files = sorted(folder.glob("classroom-*.json"), key=lambda p: p.stat().st_mtime)
        for path in reversed(files):
            with contextlib.suppress(OSError, ValueError):
                data = json.loads(path.read_text(encoding="utf-8"))
                if isinstance(data, dict) and isinstance(data.get("name"), str):
                    return str(data["name"])
    return ""
