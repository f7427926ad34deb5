"""The end of a quiz: the total, a line per kind, the questions missed, calibration.

Every text comes from the engine's `SummaryView` (`quiz.present.summary_view`); the screen
lays it out. The replay command is shown so the same quiz can be played again (`r` here).
"""

from __future__ import annotations

from typing import ClassVar

from quiz.screens.messages import BackToStart, OpenArticle, PlayAgain
from quiz.screens.reveal import labelled_rows
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from quiz.present.summary_view import CALIBRATION_AIM, SummaryView


def total_line(view: SummaryView) -> Content:
    return Content.assemble(
        ("Total  ", "bold"), (view.total, "bold"), f"  ({view.share}, {view.answered_text})"
    )


def kinds_table(view: SummaryView) -> ComposeResult:
    """Kind, answered, points, as a grid: the kind's column takes the room the two numbers'
    leave (a long label wraps in its column), so the table fits from 40 columns up."""
    with Grid(id="kinds"):
        for text, column in (("Kind", "kind"), ("Answered", "answered"), ("Points", "points")):
            yield Static(Content.styled(text, "bold"), classes=column)
        for row in view.kinds:
            yield Static(Content(row.label), classes="kind")
            yield Static(Content(str(row.answered)), classes="answered")
            yield Static(Content(row.points), classes="points")


def missed_list(view: SummaryView) -> ComposeResult:
    """Each question short of full marks: its number in a column of its own, the prompt,
    the answer and what was said beside it, every wrapped line under its own text."""
    if not view.missed:
        yield Static(Content("Nothing missed: full marks on every question."), id="missed")
        return
    with Vertical(id="missed"):
        for row in view.missed:
            with Horizontal(classes="missed-item"):
                yield Static(Content.styled(f"Q{row.number}.", "bold"), classes="number")
                with Vertical(classes="missed-body"):
                    yield Static(Content(row.prompt))
                    yield from labelled_rows(row.rows())


def calibration(view: SummaryView) -> Content:
    return Content.assemble(("Calibration  ", "bold"), f"{view.calibration} {CALIBRATION_AIM}")


class SummaryScreen(Screen[None]):
    """The quiz is over: r plays the same questions again, n new ones, s the start screen."""

    STYLES = ("summary.tcss",)  # added when first shown (quiz.screens.styling)
    AUTO_FOCUS = "#summary-body"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "again(True)", "Replay"),
        Binding("n", "again(False)", "New quiz"),
        Binding("s", "start", "Start"),
        Binding("a", "article", "Article"),
    ]

    def __init__(self, view: SummaryView, *, seed: int, title: str, name: str = "") -> None:
        super().__init__()
        self.view = view
        self.seed = seed
        self.title_text = title
        self.player = name

    def compose(self) -> ComposeResult:
        view = self.view
        with VerticalScroll(id="summary-body", classes="body", can_focus=True):
            yield Static(Content.assemble(("Quiz over · ", "bold"), self.title_text), id="title")
            if self.player:
                yield Static(Content.assemble(("Played by ", "bold"), self.player), id="player")
            yield Static(total_line(view), id="total")
            yield from kinds_table(view)
            if view.calibration:
                yield Static(calibration(view), id="calibration")
            yield Static(Content("To read again"), classes="heading")
            yield from missed_list(view)
            if view.replay_line:
                yield Static(Content(view.replay_line), id="seed")
        yield Footer()

    def action_again(self, same_seed: bool) -> None:
        self.post_message(PlayAgain(same_seed))

    def action_start(self) -> None:
        self.post_message(BackToStart())

    def action_article(self) -> None:
        self.post_message(OpenArticle())
