"""Asked before leaving a quiz in progress. The line under the question is the engine's
(`quiz.present.saving.quit_detail`): "saved" only when the answers were."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmQuit(ModalScreen[bool]):
    """Returns True to quit. y / Enter on "Quit" quits; n / Esc goes back to the quiz."""

    CSS_PATH = "confirm_quit.tcss"
    AUTO_FOCUS = "#stay"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "choose(True)", "Quit", show=False),
        Binding("n,escape", "choose(False)", "Stay", show=False),
    ]

    def __init__(self, detail: str) -> None:
        super().__init__()
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content("Quit the quiz?"), id="question")
            yield Static(Content(self.detail), id="detail")
            with Horizontal(id="buttons"):
                yield Button("Quit (y)", id="quit", variant="error")
                yield Button("Keep playing (n)", id="stay", variant="primary")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "quit")

    def action_choose(self, leave: bool) -> None:
        self.dismiss(leave)
