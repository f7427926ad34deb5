"""The reveal: right or not, the score and its reason, then every source's figure explained.

Everything shown comes from the engine's `RevealView` (`quiz.present.reveal_view`): the
verdict and its words, points and reason, the cards and their heading, the chart's points
and legend. The screen only lays them out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from quiz.screens.messages import NextQuestion, OpenArticle
from quiz.screens.widgets.figure_card import FigureCard
from quiz.screens.widgets.log_chart import LogChart
from quiz.screens.widgets.progress_header import Progress, ProgressHeader
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from quiz.present.reveal_view import RevealView

VERDICT_STYLES = {
    "right": "bold $text-success",
    "close": "bold $text-warning",
    "wrong": "bold $text-error",
    "none": "bold",
}


def verdict(view: RevealView) -> Content:
    yours = view.yours
    if yours is None:
        return Content("")
    style = VERDICT_STYLES[yours.verdict.tone]
    return Content.assemble((yours.verdict.text, style), ("  " + yours.points, "bold"))


def labelled_rows(rows: Sequence[tuple[str, str]]) -> ComposeResult:
    """Rows of a bold label in a fixed column and its text beside it, wrapping in its own
    column; the .tcss gives both columns their widths."""
    for label, text in rows:
        with Horizontal(classes="labelled"):
            yield Static(Content.styled(label, "bold"), classes="label")
            yield Static(Content(text), classes="text")


class RevealScreen(Screen[None]):
    """After an answer. Enter (or n, or space) goes on. From the last reveal on, a opens the
    article on this figure; before it, a says why not (the article states later answers)."""

    STYLES = ("reveal.tcss",)  # added when first shown (quiz.screens.styling)
    AUTO_FOCUS = "#reveal-body"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,n,space", "next", "Next"),
        Binding("a", "article", "Article"),
        Binding("a", "article_closed", show=False),
    ]

    def __init__(
        self,
        view: RevealView,
        progress: Progress,
        *,
        figure_id: str | None = None,
        last: bool = False,
        article_open: bool = False,
    ) -> None:
        super().__init__()
        self.view = view
        self.progress = progress
        self.figure_id = figure_id
        """The figure the article opens on."""
        self.last = last
        self.article_open = article_open
        """The engine's word (`Session.article_open`): the Footer offers the article only then."""

    def compose(self) -> ComposeResult:
        yield ProgressHeader(self.progress)
        view = self.view
        with VerticalScroll(id="reveal-body", classes="body", can_focus=True):
            yield Static(verdict(view), id="verdict")
            yield Static(Content(view.prompt), id="reveal-prompt")
            with Vertical(id="answers"):
                yield from labelled_rows(view.answer_rows())
            if self.last:
                yield Static(
                    Content("That was the last question: Enter for your summary."), classes="hint"
                )
            if view.note:
                yield Static(Content(view.note), id="note")
            if view.chart:
                yield Static(Content("On one scale (each mark 10x the last)"), classes="heading")
                yield LogChart(view.chart, view.legend, id="chart")
            if view.cards:
                yield Static(Content(view.cards_heading), classes="heading")
                for card in view.cards:
                    yield FigureCard(card)
        yield Footer()

    def action_next(self) -> None:
        self.post_message(NextQuestion())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("article", "article_closed"):
            return self.article_open == (action == "article")
        return True

    def action_article(self) -> None:
        self.post_message(OpenArticle(self.figure_id))

    def action_article_closed(self) -> None:
        self.post_message(OpenArticle(self.figure_id))  # the app says why it stays closed
