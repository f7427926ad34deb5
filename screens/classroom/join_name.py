"""Ask a student's name inside the app, for the web join (a browser has no terminal prompt).

`quiz join` asks on the terminal before the screen opens; a student in a browser has only
the app, so `JoinApp` opens this screen first when no name was given. The name is checked
by the engine's rules (`clean_name`, `name_problem`), as `quiz join --name` is, before it
is sent; the host can still refuse it (taken), and then the screen opens again saying why.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from quiz.classroom.names import NAME_MAX, clean_name, name_problem


class NameScreen(Screen[str]):
    """Type a name, Enter joins; dismissed with the name, stripped."""

    AUTO_FOCUS = "#name"

    def __init__(self, room: str, *, name: str = "", problem: str = "") -> None:
        super().__init__()
        self.room = room
        self.name_given = name
        self.problem = problem

    def compose(self) -> ComposeResult:
        yield Static(Content("Figures quiz · classroom"), id="title")
        yield Static(Content(f"Joining room {self.room}"), id="room", markup=False)
        yield Static(Content("Your name, as the class will see it:"), id="ask")
        with Center():
            yield Input(
                self.name_given,
                placeholder="your name",
                max_length=NAME_MAX,
                id="name",
                select_on_focus=False,
            )
        yield Static(Content(self.problem), id="problem", markup=False)
        yield Static(Content("Enter joins."), id="hint")
        yield Footer()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = clean_name(event.value)
        problem = name_problem(name)
        if problem:
            self.query_one("#problem", Static).update(Content(f"Not that name: {problem}."))
            return
        self.dismiss(name)
