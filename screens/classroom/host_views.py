"""What the projector shows, one screen per phase of a classroom session.

Each screen reads the `Room` (the engine's state) in `refresh_view`, which the host App
calls whenever the server says something changed; the screens hold no game state. Names,
prompts and options are data and are always wrapped in `Content`, never parsed as markup.
Answers are shown only as counts until the reveal: the projector never says who answered
what.
"""

from __future__ import annotations

from collections.abc import Sequence

from quiz.screens.classroom.lobby_web import WebWays
from quiz.screens.widgets.figure_card import FigureCard
from quiz.screens.widgets.log_chart import LogChart
from textual import events
from textual.app import ComposeResult
from textual.containers import Center, Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from quiz.classroom.room import Room
from quiz.present.bonus import rules
from quiz.present.class_answers import guesses_text
from quiz.present.final_board import final_board, more_text
from quiz.present.ranking import Standing, medal

BAR_WIDTH = 40


def clock_text(seconds: float) -> str:
    whole = int(seconds + 0.999)
    return f"{whole // 60}:{whole % 60:02d}"


class ProjectorScreen(Screen[None]):
    """Base of the host's screens: `refresh_view` redraws from the room."""

    def __init__(self, room: Room) -> None:
        super().__init__()
        self.room = room

    def on_mount(self) -> None:
        self.draw()

    def refresh_view(self) -> None:
        """Redraw from the room (called on every change the server reports)."""
        if self.is_mounted:
            self.draw()

    def draw(self) -> None:
        """Lay out the room's state; only called once the screen's widgets exist."""


class LobbyScreen(ProjectorScreen):
    """The join address and code, big, and the players as they arrive; with `url` (the
    browser join) its QR code and URL beside the command (`lobby_web.WebWays`)."""

    def __init__(self, room: Room, address: str, *, url: str | None = None) -> None:
        super().__init__(room)
        self.address = address
        self.url = url

    def compose(self) -> ComposeResult:
        command = Content.assemble(
            ("quiz join ", "bold"),
            (self.address, "bold"),
            ("  --code ", "bold"),
            (self.room.code, "bold reverse"),
        )
        if self.url is not None:
            yield WebWays(self.url, command, self.room.code)
        else:
            yield Static(Content("Join the quiz"), id="title")
            with Center():
                yield Static(command, id="join-command")
        yield Static(id="code", markup=False)
        yield Static(id="count")
        # The class reads the bonus rules here before the first question (quiz.present.bonus).
        yield Static(Content("\n".join(rules(self.room.bonuses))), id="bonus-rules")
        yield Static(id="players", markup=False)
        yield Footer()

    def on_resize(self, event: events.Resize) -> None:
        for ways in self.query(WebWays):
            ways.fit(event.size.width, event.size.height)

    def draw(self) -> None:
        code = self.query_one("#code", Static)
        code.display = self.url is None  # the browser layout shows it beside the command
        code.update(Content(f"Code: {' '.join(self.room.code)}"))
        self.query_one("#bonus-rules", Static).display = bool(rules(self.room.bonuses))
        players = self.room.active()
        count = len(players)
        if count:
            self.query_one("#count", Static).update(
                Content(
                    f"{count} player{'s' if count != 1 else ''} in the room. Enter starts the quiz."
                )
            )
        else:
            self.query_one("#count", Static).update(
                Content("Waiting for players. Enter starts anyway, as a presentation.")
            )
        self.query_one("#players", Static).update(
            Content("   ").join(Content(p.name) for p in players)
        )


class HostQuestionScreen(ProjectorScreen):
    """The question, the countdown and how many have answered (never who)."""

    def __init__(self, room: Room) -> None:
        super().__init__(room)
        self.number = room.number

    def compose(self) -> ComposeResult:
        yield Static(id="progress")
        with VerticalScroll(id="question-body"):
            yield Static(id="prompt", markup=False)
            yield Static(id="options", markup=False)
        with Horizontal(id="status"):
            yield Static(id="countdown")
            yield Static(id="answered")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        # The countdown shows whole seconds: redraw once a second, and only if it changed
        # (an idle projector then costs next to nothing).
        self._shown = ""
        self.set_interval(1.0, self._tick)

    def _tick(self) -> None:
        countdown = self._countdown()
        if countdown.plain != self._shown:
            self._shown = countdown.plain
            self.query_one("#countdown", Static).update(countdown)

    def _countdown(self) -> Content:
        room = self.room
        text = clock_text(room.seconds_left())
        if room.paused:
            return Content.assemble(("Paused ", "bold reverse"), f" {text} left")
        return Content.assemble(("Time left ", "bold"), text)

    def draw(self) -> None:
        room = self.room
        question = room.question
        if question is None:
            return
        self.query_one("#progress", Static).update(
            Content(f"Question {room.number} of {room.total}")
        )
        self.query_one("#prompt", Static).update(Content(question.prompt))
        if question.is_numeric:
            unit = f" ({question.unit})" if question.unit else ""
            options = Content(f"Type a number{unit} on your screen.")
        else:
            options = Content("\n").join(
                Content.assemble((f"{n}  ", "bold"), Content(text))
                for n, text in enumerate(question.options, start=1)
            )
        self.query_one("#options", Static).update(options)
        self._shown = ""
        self._tick()
        answered, players = room.answered_of()
        self.query_one("#answered", Static).update(
            Content(f"{answered} of {players} answered")
            if players
            else Content("No players: s reveals the answer")
        )


class HostRevealScreen(ProjectorScreen):
    """The answer, how the class answered, the score rule and every source's figure."""

    def compose(self) -> ComposeResult:
        yield Static(id="progress")
        with VerticalScroll(id="reveal-body"):
            yield Static(id="prompt", markup=False)
            yield Static(id="answer", markup=False)
            yield Static(id="distribution", markup=False)
            # The ▲ marks on the projector are the whole class's guesses, never one player's.
            yield LogChart(id="chart")
            yield Static(id="rule", markup=False)
            yield Static(id="note", markup=False)
            yield VerticalScroll(id="cards")
        yield Footer()

    def draw(self) -> None:
        room = self.room
        reveal = room.reveal
        if reveal is None:
            return
        question = reveal.question
        view = reveal.view
        self.query_one("#progress", Static).update(
            Content(
                f"Question {reveal.number} of {room.total} · {reveal.answered} of "
                f"{reveal.players} answered"
            )
        )
        self.query_one("#prompt", Static).update(Content(view.prompt))
        self.query_one("#answer", Static).update(
            Content.assemble(("Answer: ", "bold"), (view.answer_text, "bold reverse"))
        )
        self.query_one("#chart", LogChart).show(view.chart, view.legend)
        if question.is_numeric:
            self.query_one("#distribution", Static).update(Content(guesses_text(reveal.guesses)))
        else:
            self.query_one("#distribution", Static).update(self._bars())
        self.query_one("#rule", Static).update(
            Content.assemble(("Scoring: ", "bold"), view.rule) if view.rule else Content("")
        )
        self.query_one("#note", Static).update(Content(view.note or ""))
        cards = self.query_one("#cards", VerticalScroll)
        if not cards.children:
            cards.mount_all(FigureCard(card) for card in view.cards)

    def _bars(self) -> Content:
        reveal = self.room.reveal
        assert reveal is not None
        question = reveal.question
        most = max(reveal.counts, default=0) or 1
        lines = []
        for index, (option, count) in enumerate(zip(question.options, reveal.counts, strict=True)):
            right = index == question.answer_index
            bar = "█" * round(BAR_WIDTH * count / most)
            lines.append(
                Content.assemble(
                    ("✓ " if right else "  ", "bold"),
                    (f"{index + 1}  ", "bold"),
                    (option, "bold" if right else ""),
                    "\n    ",
                    (bar, "bold" if right else "dim"),
                    f" {count}",
                )
            )
        return Content("\n").join(lines)


class LeaderboardScreen(ProjectorScreen):
    """The standings after a question (l hides it between questions)."""

    TOP = 10

    def compose(self) -> ComposeResult:
        yield Static(Content("Leaderboard"), id="title")
        with Center():  # the table is centred as a block, its lines left-aligned
            yield Static(id="table", markup=False)
        yield Footer()

    def draw(self) -> None:
        standings = self.room.standings()
        self.query_one("#table", Static).update(
            table_content(standings[: self.TOP], more_text(len(standings) - self.TOP))
            if standings
            else Content("No players.")
        )


class PodiumScreen(ProjectorScreen):
    """The end: the medal winners, then the rest of the class (`quiz.present.final_board`
    decides who is in which, so nobody is listed twice)."""

    def compose(self) -> ComposeResult:
        yield Static(Content("Final results"), id="title")
        with Center():
            yield Static(id="podium", markup=False)
        with Center():
            yield Static(id="table", markup=False)
        yield Footer()

    def draw(self) -> None:
        board = final_board(self.room.standings())
        self.query_one("#podium", Static).update(
            podium_content(board.medals) if board.medals else Content("The quiz is over.")
        )
        table = self.query_one("#table", Static)
        # Everyone on the podium: no second table (nor its blank line).
        table.display = bool(board.rest)
        table.update(table_content(board.rest, board.more_text))


def table_content(rows: Sequence[Standing], more: str = "") -> Content:
    """Leaderboard rows, one per line: rank, name, points; `more` ("… and 4 more") last."""
    lines = [
        Content.assemble((f"{s.place:>5}  ", "bold"), Content(s.name), f"  {s.points_text}")
        for s in rows
    ]
    if more:
        lines.append(Content(more))
    return Content("\n").join(lines)


def podium_content(rows: Sequence[Standing]) -> Content:
    """The medal winners, ranked by the engine; equal points share a medal."""
    return Content("\n").join(
        Content.assemble(f"{medal(s)} ", (s.name, "bold"), f"  {s.points_text}") for s in rows
    )
