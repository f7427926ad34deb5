"""The teacher's projector: a Textual App around the classroom `Host`.

The App starts the server on mount, and on every change the server reports it shows the
screen for the room's phase (lobby, question, reveal, leaderboard, podium). All rules are
the engine's (`quiz.classroom.room` and `server`); the keys only call the host's controls.

Keys: Enter or Space starts the quiz and moves on; s reveals now (ends the countdown);
p pauses and resumes; + (or e) adds 15 seconds; l shows or hides the leaderboard between
questions; r removes a player, or at once everyone who left or never answered (the
dialog's first line); on the podium, t shows the teacher's report (and writes it as CSV
beside the results store); q quits (asking first while a quiz is under way).
With no players the same keys step through the quiz as a presentation.

With `web` (`quiz host --web`) the App also runs the browser join
(`quiz.classroom.web.server.WebJoin`) for as long as it runs, and the lobby shows its URL.
"""

from __future__ import annotations

import socket
from pathlib import PurePath
from typing import TYPE_CHECKING, ClassVar

from quiz.screens.classroom.host_views import (
    HostQuestionScreen,
    HostRevealScreen,
    LeaderboardScreen,
    LobbyScreen,
    PodiumScreen,
    ProjectorScreen,
)
from quiz.screens.dialogs.confirm_quit import ConfirmQuit
from quiz.screens.widgets import WIDGETS_CSS
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from quiz.classroom.room import Room
from quiz.classroom.server import Host
from quiz.classroom.web.server import WebJoin
from quiz.present.saving import classroom_quit_detail

if TYPE_CHECKING:
    from quiz.cli.classroom import WebPlan
    from quiz.results.record import GameRecord

EXTEND_SECONDS = 15


ABSENT = "absent"


class RemovePlayer(ModalScreen[int | str | None]):
    """Pick a player to remove, or everyone absent; Escape keeps everyone."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, room: Room) -> None:
        super().__init__()
        self.room = room

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content("Remove which player? (Enter removes, Esc cancels)"))
            absent = len(self.room.absent())
            everyone = (
                [Option(Content(f"Everyone who left or never answered ({absent})"), id=ABSENT)]
                if absent
                else []
            )
            yield OptionList(
                *everyone,
                *(Option(Content(p.name), id=str(p.id)) for p in self.room.active()),
                id="remove-list",
                markup=False,
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        choice = event.option.id or ""
        self.dismiss(ABSENT if choice == ABSENT else int(choice or 0))

    def action_cancel(self) -> None:
        self.dismiss(None)


class HostApp(App[int]):
    """Build with `make_host_app`; `error` holds why the server could not start, if so."""

    TITLE = "Figures quiz · classroom"
    CSS_PATH: ClassVar[list[str | PurePath]] = ["classroom.tcss", "lobby_web.tcss", WIDGETS_CSS]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,space", "next", "Next"),
        Binding("s", "skip", "Reveal now"),
        Binding("p", "pause", "Pause"),
        Binding("plus,e", "extend", f"+{EXTEND_SECONDS}s"),
        Binding("l", "toggle_board", "Leaderboard"),
        # "Remove", not "Remove player": with six keys the Footer must fit 80 columns.
        Binding("r", "remove", "Remove"),
        Binding("t", "report", "Teacher's report"),
        Binding("q", "request_quit", "Quit"),
        Binding("ctrl+q", "request_quit", "Quit", show=False, priority=True),
    ]

    def __init__(
        self,
        host: Host,
        *,
        bind: str,
        port: int,
        shown_address: str | None = None,
        leaderboard: bool = True,
        sock: socket.socket | None = None,
        note: str | None = None,
        web: WebPlan | None = None,
    ) -> None:
        super().__init__()
        self.note = note
        """The engine's word on a quiz shorter than asked for, shown once the room opens."""
        self.host = host
        self.room = host.room
        self.bind_address, self.port = bind, port
        self.shown_address = shown_address
        self.leaderboard = leaderboard
        self.on_board = False
        """Between a reveal and the next question, the leaderboard is showing."""
        self.view = ""
        self.error: str | None = None
        self.sock = sock
        self.web_plan = web
        self.web: WebJoin | None = None
        self.join_url: str | None = None
        """The browser join's address, shown in the lobby (with --web)."""

    async def on_mount(self) -> None:
        self.host.on_change = self.sync
        if self.host.address is None:
            try:
                await self.host.start(self.bind_address, self.port, sock=self.sock)
            except OSError as exc:
                from quiz.cli.classroom import listen_problem

                self.error = listen_problem(exc, self.bind_address, self.port)
                self.exit(1)
                return
        if self.shown_address is None:
            from quiz.cli.classroom import shown_address

            assert self.host.address is not None
            self.shown_address = shown_address(self.bind_address, self.host.address[1])
        if self.note:
            self.notify(self.note, title="A shorter quiz", timeout=10, markup=False)
        if self.web_plan is not None:
            await self._start_web(self.web_plan)
        self.sync()

    async def _start_web(self, plan: WebPlan) -> None:
        from quiz.cli.classroom import join_url, web_game_host

        assert self.host.address is not None
        self.web = WebJoin(
            self.room.code,
            web_game_host(self.bind_address),
            self.host.address[1],
            limits=plan.limits,
        )
        try:
            await self.web.start(sock=plan.sock)
        except OSError as exc:
            self.web = None
            self.notify(f"The browser join could not start: {exc}", severity="error")
            return
        self.join_url = join_url(self.bind_address, plan.port, self.room.code)

    async def on_unmount(self) -> None:
        self.host.on_change = lambda: None
        if self.web is not None:
            await self.web.close()
        await self.host.close()

    # -- following the room ----------------------------------------------------

    def _view(self) -> str:
        phase = self.room.phase
        if phase == "reveal" and self.on_board:
            return "leaderboard"
        return phase

    def _screen_for(self, view: str) -> ProjectorScreen:
        if view == "lobby":
            return LobbyScreen(self.room, self.shown_address or "", url=self.join_url)
        if view == "question":
            return HostQuestionScreen(self.room)
        if view == "reveal":
            return HostRevealScreen(self.room)
        if view == "leaderboard":
            return LeaderboardScreen(self.room)
        return PodiumScreen(self.room)

    def sync(self) -> None:
        """Show the screen for the room's phase, or redraw the one showing."""
        self.refresh_bindings()
        view = self._view()
        if view != self.view or (view == "question" and self._stale_question()):
            self.view = view
            while len(self.screen_stack) > 1:
                self.pop_screen()
            self.push_screen(self._screen_for(view))
            return
        for screen in self.screen_stack:
            if isinstance(screen, ProjectorScreen):
                screen.refresh_view()

    def _stale_question(self) -> bool:
        screen = next(
            (s for s in reversed(self.screen_stack) if isinstance(s, HostQuestionScreen)), None
        )
        return screen is not None and getattr(screen, "number", None) != self.room.number

    # -- the teacher's keys --------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show in the footer only the keys that do something now."""
        phase = self.room.phase
        if action == "next":
            return phase in ("lobby", "reveal")
        if action in ("skip", "pause", "extend"):
            return phase == "question"
        if action == "remove":
            return bool(self.room.active()) and phase != "finished"
        if action == "report":
            return phase == "finished"
        return True

    async def action_next(self) -> None:
        phase = self.room.phase
        if phase == "reveal" and self.leaderboard and not self.on_board and self.room.active():
            self.on_board = True
            self.sync()
            return
        if phase in ("lobby", "reveal"):
            self.on_board = False
            await self.host.next()
            self.sync()

    async def action_skip(self) -> None:
        await self.host.skip()

    def action_pause(self) -> None:
        self.host.pause()

    def action_extend(self) -> None:
        self.host.extend(EXTEND_SECONDS)

    def action_toggle_board(self) -> None:
        self.leaderboard = not self.leaderboard
        self.notify(
            "Leaderboard shown after each question" if self.leaderboard else "Leaderboard hidden",
            markup=False,
        )
        if self.on_board and not self.leaderboard:
            self.on_board = False
            self.sync()

    def action_remove(self) -> None:
        if not self.room.active():
            self.notify("No players to remove.", markup=False)
            return

        def removed(choice: int | str | None) -> None:
            if choice == ABSENT:
                count = self.host.remove_absent()
                self.notify(f"Removed {count} player{'s' if count != 1 else ''}.", markup=False)
            elif isinstance(choice, int) and choice:
                self.host.remove(choice)

        self.push_screen(RemovePlayer(self.room), removed)

    async def action_report(self) -> None:
        from quiz.screens.classroom.report_view import ReportScreen

        from quiz.classroom.summary import write_report
        from quiz.results.store import StoreError

        record = self.host.record
        await self.host.saver.drain()
        if record is None or record.session_id is None:
            self.notify("No results are stored for this session: no report.", markup=False)
            return
        store, session_id = record.store, record.session_id
        try:
            report = write_report(store, session_id)
        except (StoreError, OSError) as exc:
            self.notify(f"The report could not be written: {exc}", severity="error", markup=False)
            return
        if report is None:
            self.notify("This session is not in the results store.", markup=False)
            return
        written = f"Written as CSV: {report.questions_csv}\nand {report.players_csv}"
        self.push_screen(ReportScreen(report.lines, written))

    def action_request_quit(self) -> None:
        if self.room.phase in ("question", "reveal"):

            def answered(leave: bool | None) -> None:
                if leave:
                    self.exit(0)

            self.push_screen(
                ConfirmQuit(classroom_quit_detail(self.room.number, self.room.total)), answered
            )
        else:
            self.exit(0)


def make_host_app(
    room: Room,
    *,
    record: GameRecord | None = None,
    bind: str = "127.0.0.1",
    port: int = 0,
    shown_address: str | None = None,
    leaderboard: bool = True,
    sock: socket.socket | None = None,
    note: str | None = None,
    web: WebPlan | None = None,
) -> HostApp:
    """The projector app for `room`, serving on `sock` or bind:port once mounted (port 0:
    any free)."""
    host = Host(room, record=record)
    return HostApp(
        host,
        bind=bind,
        port=port,
        shown_address=shown_address,
        leaderboard=leaderboard,
        sock=sock,
        note=note,
        web=web,
    )
