"""SVG snapshots of the classroom screens at 80x24: the projector's and a student's.

Deterministic: the rooms run on a fixed clock (the countdown never moves), a fixed join code
and a fixed shown address; the classmates are players joined to the `Room` directly, and the
student is a real `quiz join` app talking to a real `Host` over loopback, whose countdown is
also given a fixed clock. Regenerate with `pytest tests/test_snapshots_classroom.py
--snapshot-update` after a deliberate change, then look at each SVG (the docstrings say what
to check) before committing it.
"""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Awaitable, Callable
from pathlib import Path, PurePath
from typing import ClassVar

from pilot_wait import until
from quiz.screens.classroom import join_app
from quiz.screens.classroom.host_app import HostApp, make_host_app
from quiz.screens.classroom.host_views import HostQuestionScreen, HostRevealScreen
from quiz.screens.classroom.join_app import JoinApp
from quiz.screens.classroom.join_views import JoinQuestionScreen, JoinRevealScreen
from quiz.screens.widgets import WIDGETS_CSS
from textual.pilot import Pilot
from textual.widgets import Input

from quiz.bank.loader import LoadedBank
from quiz.classroom.room import Room
from quiz.classroom.server import Host
from quiz.game.explain import explain
from quiz.game.generate import Question, all_questions

Snap = Callable[..., bool]
SIZE = (80, 24)
CODE = "MAPS27"
ADDRESS = "192.0.2.7:8765"
"""A documentation address (RFC 5737): shown on the lobby, never dialled."""
SECONDS = 45


def frozen() -> float:
    """A clock that never moves: every countdown shows its full time."""
    return 1000.0


def pick(bank: LoadedBank, kind: str, figures: int = 1) -> Question:
    """The first question of that kind, on a measure of at least `figures` figures, in
    a seeded quiz: chosen by what it is, so a change in selection never turns the
    choice shown into a written or "how many times" one."""
    # Every question the bank gives: a quiz keeps only those no earlier screen answers,
    # and may hold a single estimate on a measure of one figure.
    questions = all_questions(bank, seed=3)
    return next(q for q in questions if q.kind == kind and len(explain(bank, q).cards) >= figures)


def new_room(bank: LoadedBank, *questions: Question) -> Room:
    return Room(list(questions), loaded=bank, seconds=SECONDS, code=CODE, clock=frozen)


async def settle(pilot: Pilot) -> None:
    """Stop every text cursor blinking so the SVG is the same each run."""
    await pilot.pause()
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


# -- the projector ------------------------------------------------------------------


def projector(
    room: Room, script: Callable[[Pilot, HostApp], Awaitable[None]]
) -> tuple[HostApp, Callable[[Pilot], Awaitable[None]]]:
    app = make_host_app(room, shown_address=ADDRESS)

    async def run(pilot: Pilot) -> None:
        await until(pilot, lambda: app.host.address is not None and app.view == "lobby")
        await script(pilot, app)
        await settle(pilot)

    return app, run


async def three_players(pilot: Pilot, app: HostApp) -> None:
    for name in ("Ana", "[b]Bo[/b]", "Chi"):
        app.room.join(name)
    app.sync()
    await until(pilot, lambda: "3 players" in str(app.screen.query_one("#count").render()))


async def start(pilot: Pilot, app: HostApp) -> None:
    await three_players(pilot, app)
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, HostQuestionScreen))


def answer(app: HostApp, name: str, *, choice: int | None = None, value: float = 0.0) -> None:
    room = app.room
    player = next(p for p in room.active() if p.name == name)
    if choice is not None:
        room.answer(player, room.number, choice, None)
    else:
        room.answer(player, room.number, None, value)
    app.sync()


async def reveal(pilot: Pilot, app: HostApp) -> None:
    await pilot.press("s")
    await until(pilot, lambda: isinstance(app.screen, HostRevealScreen))


async def choice_answers(pilot: Pilot, app: HostApp) -> None:
    """Ana and Chi pick the right option, Bo the next one."""
    question = app.room.question
    assert question is not None and question.answer_index is not None
    right = question.answer_index
    answer(app, "Ana", choice=right)
    answer(app, "[b]Bo[/b]", choice=(right + 1) % len(question.options))
    answer(app, "Chi", choice=right)


def test_projector_lobby(shipped: LoadedBank, snap_compare: Snap) -> None:
    """Lobby: "Join the quiz", the command `quiz join 192.0.2.7:8765 --code MAPS27` with the
    code in reverse video, "Code: M A P S 2 7", "3 players in the room. Enter starts the
    quiz.", the names with "[b]Bo[/b]" shown literally (not bold); Footer: Next, Remove
    player, Leaderboard, Quit."""
    room = new_room(shipped, pick(shipped, "choice"))

    async def script(pilot: Pilot, app: HostApp) -> None:
        await three_players(pilot, app)

    app, run = projector(room, script)
    assert snap_compare(app, terminal_size=SIZE, run_before=run)


def test_projector_question(shipped: LoadedBank, snap_compare: Snap) -> None:
    """A choice question: "Question 1 of 2", the prompt, four numbered options, and at the
    bottom "Time left 0:45" (frozen) and "1 of 3 answered" — no name of who answered;
    Footer: Reveal now, Pause, +15s, Leaderboard, Remove, Quit (no Next)."""
    room = new_room(shipped, pick(shipped, "choice"), pick(shipped, "estimate"))

    async def script(pilot: Pilot, app: HostApp) -> None:
        await start(pilot, app)
        answer(app, "Chi", choice=0)
        await until(pilot, lambda: "1 of 3" in str(app.screen.query_one("#answered").render()))

    app, run = projector(room, script)
    assert snap_compare(app, terminal_size=SIZE, run_before=run)


def test_projector_reveal_choice(shipped: LoadedBank, snap_compare: Snap) -> None:
    """Reveal of a choice question: "3 of 3 answered", the answer in reverse video, then a
    bar per option — the right one marked ✓ and bold with 2 votes, the next one 1 vote,
    the others 0 — readable without colour; then the chart of the figures, as on every
    reveal (◆ the answer), whose legend has no ▲: a choice draws no guess."""
    room = new_room(shipped, pick(shipped, "choice"), pick(shipped, "estimate"))

    async def script(pilot: Pilot, app: HostApp) -> None:
        await start(pilot, app)
        await choice_answers(pilot, app)
        await reveal(pilot, app)

    app, run = projector(room, script)
    assert snap_compare(app, terminal_size=SIZE, run_before=run)


def test_projector_reveal_guesses(shipped: LoadedBank, snap_compare: Snap) -> None:
    """Reveal of an estimate: "3 guesses, from ... to ...", then the log chart with a row
    per source's figure (●, ◆ the answer) and three "a guess" rows marked ▲, the decade
    axis and the legend "▲ the class's guesses" (never "your guess")."""
    question = pick(shipped, "estimate", figures=2)
    room = new_room(shipped, question)

    async def script(pilot: Pilot, app: HostApp) -> None:
        await start(pilot, app)
        for name, factor in (("Ana", 0.5), ("[b]Bo[/b]", 1.0), ("Chi", 20.0)):
            answer(app, name, value=float(f"{question.low * factor:.2g}"))
        await reveal(pilot, app)
        # The chart is past the first screenful: scroll to the answer, the chart below it.
        app.screen.query_one("#answer").scroll_visible(animate=False, top=True)
        await pilot.pause()

    app, run = projector(room, script)
    assert snap_compare(app, terminal_size=SIZE, run_before=run)


def test_projector_leaderboard(shipped: LoadedBank, snap_compare: Snap) -> None:
    """The leaderboard after question 1: "Leaderboard", Ana and Chi sharing 1st, "[b]Bo[/b]"
    literally in 3rd with 0 points; Footer shows Next."""
    room = new_room(shipped, pick(shipped, "choice"), pick(shipped, "estimate"))

    async def script(pilot: Pilot, app: HostApp) -> None:
        await start(pilot, app)
        await choice_answers(pilot, app)
        await reveal(pilot, app)
        await pilot.press("enter")
        await until(pilot, lambda: app.view == "leaderboard")

    app, run = projector(room, script)
    assert snap_compare(app, terminal_size=SIZE, run_before=run)


def test_projector_podium(shipped: LoadedBank, snap_compare: Snap) -> None:
    """The end of a one-question quiz: "Final results", 🥇 Ana and 🥇 Chi (equal points
    share a medal rank), 🥉 "[b]Bo[/b]" literal; no table after it (everyone is on the
    podium, each listed once); Footer: Leaderboard, Teacher's report, Quit."""
    room = new_room(shipped, pick(shipped, "choice"))

    async def script(pilot: Pilot, app: HostApp) -> None:
        await start(pilot, app)
        await choice_answers(pilot, app)
        await reveal(pilot, app)
        await pilot.press("enter", "enter")
        await until(pilot, lambda: app.view == "finished")

    app, run = projector(room, script)
    assert snap_compare(app, terminal_size=SIZE, run_before=run)


# -- a student's terminal -------------------------------------------------------------


class Student(JoinApp):
    """`quiz join` against a Host served on a socket bound before the app starts; the host
    lives in the app's event loop and is closed with it."""

    # Textual reads a relative CSS_PATH beside the subclass's file: point at the real ones.
    CSS_PATH: ClassVar[list[str | PurePath]] = [
        Path(join_app.__file__).with_name("classroom.tcss"),
        WIDGETS_CSS,
    ]

    def __init__(self, room: Room) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        port = self.listener.getsockname()[1]
        super().__init__("127.0.0.1", port, room.code, "Ana", rejoin_pause=0.05, clock=frozen)
        self.classroom = Host(room, tick=0.05)

    async def on_unmount(self) -> None:
        with contextlib.suppress(Exception):
            await self.student.leave()
        await self.classroom.close()


def student(
    room: Room, script: Callable[[Pilot, Student], Awaitable[None]]
) -> tuple[Student, Callable[[Pilot], Awaitable[None]]]:
    app = Student(room)

    async def run(pilot: Pilot) -> None:
        await app.classroom.start(sock=app.listener)
        await until(pilot, lambda: any(p.name == "Ana" for p in room.active()))
        for name in ("Ben", "Chi"):
            room.join(name)
        await app.classroom.next()
        await until(pilot, lambda: isinstance(app.screen, JoinQuestionScreen))
        await until(pilot, lambda: isinstance(app.focused, Input))  # keys go to the field
        await script(pilot, app)
        await settle(pilot)

    return app, run


def classmates_guess(room: Room, question: Question) -> None:
    """Ben is a little off, Chi far off (so one classmate is further off than Ana)."""
    for name, factor in (("Ben", 1.5), ("Chi", 40.0)):
        player = next(p for p in room.active() if p.name == name)
        room.answer(player, room.number, None, question.low * factor)


def test_student_question(shipped: LoadedBank, snap_compare: Snap) -> None:
    """A student's estimate question: the progress header "Question 1 of 1", the prompt,
    "Your estimate" with the typed number read back ("= ..."), the scoring rule, "Time left
    0:45" (frozen). The Footer shows no letter keys while the field has focus (they would
    type into it)."""
    question = pick(shipped, "estimate")
    room = new_room(shipped, question)

    async def script(pilot: Pilot, app: Student) -> None:
        await pilot.press(*f"{question.low * 2:.0f}")

    app, run = student(room, script)
    assert snap_compare(app, terminal_size=SIZE, run_before=run)


def test_student_reveal(shipped: LoadedBank, snap_compare: Snap) -> None:
    """The student's reveal after guessing twice the answer's low end: "Question 1 of 1 ·
    0.73 points · 2nd of 3", the prompt, the answer in reverse video, "You answered: 600,000"
    with the engine's reason stating the points once, how many classmates were further off (1), the
    scoring rule, then the chart with "your guess" marked ▲ and the legend "▲ your guess"."""
    question = pick(shipped, "estimate")
    room = new_room(shipped, question)

    async def script(pilot: Pilot, app: Student) -> None:
        classmates_guess(room, question)
        await pilot.press(*f"{question.low * 2:.0f}", "enter")
        # Ana is the only one connected: her answer closes the question.
        await until(pilot, lambda: isinstance(app.screen, JoinRevealScreen))

    app, run = student(room, script)
    assert snap_compare(app, terminal_size=SIZE, run_before=run)
