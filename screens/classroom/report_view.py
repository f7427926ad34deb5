"""The teacher's report on the projector, offered by the podium screen (key t).

It shows the engine's words (`quiz.present.report`) and where the CSV files were
written; the names, prompts and answers in them are data, shown literally.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static


class ReportScreen(ModalScreen[None]):
    """The report's lines; Escape (or t again) goes back to the podium."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,t", "close", "Back to the podium"),
    ]

    def __init__(self, lines: list[str], written: str) -> None:
        super().__init__()
        self.lines = lines
        self.written = written

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="report"):
            yield Static(Content("\n".join(self.lines)), id="report-text", markup=False)
            yield Static(Content(self.written), id="report-files", markup=False)
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)
