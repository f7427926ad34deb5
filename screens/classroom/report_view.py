"""The teacher's report on the projector, offered by the podium screen (key t).

It shows the engine's words (`quiz.present.report`) and where the CSV files were
written; the names, prompts and answers in them are data, shown literally.

Each line is laid out as the reveal's label and text columns are (`quiz.screens.reveal`):
its lead (margin and marker, `quiz.present.report.split_lead`) in a column as wide as
itself, its text in the rest, so a long question or name wraps under its own text at any
size, and the report reflows when the window is resized.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from quiz.present.report import split_lead


def hanging_lines(lines: Iterable[str]) -> ComposeResult:
    """A row per line: the lead in a column of its own width, the text wrapping beside it."""
    for line in lines:
        lead, text = split_lead(line)
        if not lead:
            yield Static(Content(text), classes="report-line", markup=False)
            continue
        with Horizontal(classes="report-line"):
            column = Static(Content(lead), classes="lead", markup=False)
            column.styles.width = Content(lead).cell_length
            yield column
            yield Static(Content(text), classes="text", markup=False)


class ReportScreen(ModalScreen[None]):
    """The report's lines; Escape (or t again) goes back to the podium."""

    DEFAULT_CSS = """
    ReportScreen #report-text, ReportScreen .report-line {
        height: auto;
    }
    ReportScreen .report-line .text {
        width: 1fr;
    }
    ReportScreen #report-files {
        margin: 1 0 0 0;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,t", "close", "Back to the podium"),
    ]

    def __init__(self, lines: list[str], written: str) -> None:
        super().__init__()
        self.lines = lines
        self.written = written

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="report"):
            with Vertical(id="report-text"):
                yield from hanging_lines(self.lines)
            yield Static(Content(self.written), id="report-files", markup=False)
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)
