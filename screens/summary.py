"""The end of a quiz: the total, a line per kind, the questions missed, calibration.

All figures come from the engine's `Session.summary()`; the screen formats them. The seed is
shown so the same quiz can be replayed (`r` here, or `quiz play --seed N`).
"""

from __future__ import annotations

from typing import ClassVar

from quiz.screens.messages import BackToStart, OpenArticle, PlayAgain
from quiz.screens.question import KIND_LABELS
from quiz.screens.widgets.progress_header import format_points
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from quiz.game.scoring import points_text
from quiz.game.session import Summary
from quiz.results.store import describe_answer


def total_line(summary: Summary) -> Content:
    share = summary.points / summary.max_points if summary.max_points else 0.0
    return Content.assemble(
        ("Total  ", "bold"),
        (points_text(summary.points, summary.max_points), "bold"),
        f"  ({share:.0%}, {summary.answered} of {summary.total} answered)",
    )


def kinds_table(summary: Summary) -> Content:
    rows = [Content.styled(f"{'Kind':<22}{'Answered':>9}{'Points':>14}", "bold")]
    for row in summary.by_kind:
        label = KIND_LABELS.get(row.kind, row.kind)
        points = f"{format_points(row.points)} of {format_points(row.max_points)}"
        rows.append(Content(f"{label:<22}{row.answered:>9}{points:>14}"))
    return Content("\n").join(rows)


def missed_list(summary: Summary) -> Content:
    if not summary.missed:
        return Content("Nothing missed: full marks on every question.")
    items: list[Content] = []
    for number, item in enumerate(summary.missed, start=1):
        items.append(
            Content.assemble(
                (f"{number}. ", "bold"),
                item.question.prompt,
                "\n   Answer: ",
                (item.question.answer_text, "bold"),
                "   You said: ",
                describe_answer(item.question, item.answer),
                f"   ({format_points(item.score.points)} of "
                f"{format_points(item.score.max_points)})",
            )
        )
    return Content("\n").join(items)


def calibration(summary: Summary) -> Content:
    share = summary.inside / summary.intervals
    return Content.assemble(
        ("Calibration  ", "bold"),
        f"the truth fell inside your bounds {summary.inside} of {summary.intervals} times "
        f"({share:.0%}). Well-calibrated bounds hold the truth most of the time without "
        "being so wide that they say nothing.",
    )


class SummaryScreen(Screen[None]):
    """The quiz is over: r plays the same questions again, n new ones, s the start screen."""

    CSS_PATH = "summary.tcss"
    AUTO_FOCUS = "#summary-body"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "again(True)", "Replay"),
        Binding("n", "again(False)", "New quiz"),
        Binding("s", "start", "Start"),
        Binding("a", "article", "Article"),
    ]

    def __init__(self, summary: Summary, *, seed: int, title: str, name: str = "") -> None:
        super().__init__()
        self.summary = summary
        self.seed = seed
        self.title_text = title
        self.player = name

    def compose(self) -> ComposeResult:
        summary = self.summary
        with VerticalScroll(id="summary-body", classes="body", can_focus=True):
            yield Static(Content.assemble(("Quiz over · ", "bold"), self.title_text), id="title")
            if self.player:
                yield Static(Content.assemble(("Played by ", "bold"), self.player), id="player")
            yield Static(total_line(summary), id="total")
            yield Static(kinds_table(summary), id="kinds")
            if summary.intervals:
                yield Static(calibration(summary), id="calibration")
            yield Static(Content("To read again"), classes="heading")
            yield Static(missed_list(summary), id="missed")
            yield Static(
                Content(f"Seed {self.seed}: `quiz play --seed {self.seed}` replays this quiz."),
                id="seed",
            )
        yield Footer()

    def action_again(self, same_seed: bool) -> None:
        self.post_message(PlayAgain(same_seed))

    def action_start(self) -> None:
        self.post_message(BackToStart())

    def action_article(self) -> None:
        self.post_message(OpenArticle())
