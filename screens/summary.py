"""The end of a quiz: the total, a line per kind, the questions missed, calibration.

Every text comes from the engine's `SummaryView` (`quiz.present.summary_view`); the screen
lays it out. The replay command is shown so the same quiz can be played again (`r` here).
"""

from __future__ import annotations

from typing import ClassVar

from quiz.screens.messages import BackToStart, OpenArticle, PlayAgain
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from quiz.present.summary_view import CALIBRATION_AIM, SummaryView


def total_line(view: SummaryView) -> Content:
    return Content.assemble(
        ("Total  ", "bold"), (view.total, "bold"), f"  ({view.share}, {view.answered_text})"
    )


def kinds_table(view: SummaryView) -> Content:
    rows = [Content.styled(f"{'Kind':<22}{'Answered':>9}{'Points':>14}", "bold")]
    for row in view.kinds:
        rows.append(Content(f"{row.label:<22}{row.answered:>9}{row.points:>14}"))
    return Content("\n").join(rows)


def missed_list(view: SummaryView) -> Content:
    if not view.missed:
        return Content("Nothing missed: full marks on every question.")
    items: list[Content] = []
    for row in view.missed:
        items.append(
            Content.assemble(
                (f"Q{row.number}. ", "bold"),
                row.prompt,
                "\n   Answer: ",
                (row.answer_text, "bold"),
                "   You said: ",
                row.given,
                f"   ({row.points})",
            )
        )
    return Content("\n").join(items)


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
            yield Static(kinds_table(view), id="kinds")
            if view.calibration:
                yield Static(calibration(view), id="calibration")
            yield Static(Content("To read again"), classes="heading")
            yield Static(missed_list(view), id="missed")
            if view.replay_line:
                yield Static(Content(view.replay_line), id="seed")
        yield Footer()

    def action_again(self, same_seed: bool) -> None:
        self.post_message(PlayAgain(same_seed))

    def action_start(self) -> None:
        self.post_message(BackToStart())

    def action_article(self) -> None:
        self.post_message(OpenArticle())
