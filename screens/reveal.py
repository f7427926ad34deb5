"""The reveal: right or not, the score and its reason, then every source's figure explained.

Everything shown comes from the engine: the Score (points and reason) from the Session, the
cards and chart points from `quiz.game.explain.explain`. The screen only lays them out.
"""

from __future__ import annotations

from typing import ClassVar

from quiz.screens.messages import NextQuestion, OpenArticle
from quiz.screens.widgets.figure_card import FigureCard
from quiz.screens.widgets.log_chart import LogChart
from quiz.screens.widgets.progress_header import Progress, ProgressHeader
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from quiz.game.explain import Explanation
from quiz.game.scoring import points_text
from quiz.game.session import AnsweredQuestion
from quiz.present import bonus
from quiz.results.store import describe_answer


def verdict(result: AnsweredQuestion) -> Content:
    score = result.score
    if score.inside is not None:
        head = (
            ("✓ Inside your bounds", "bold $text-success")
            if score.inside
            else ("✗ Outside your bounds", "bold $text-error")
        )
    elif score.correct:
        head = ("✓ Right", "bold $text-success")
    elif score.points > 0:
        head = ("≈ Close", "bold $text-warning")
    else:
        head = ("✗ Not quite", "bold $text-error")
    points = "  " + points_text(score.points, score.max_points)
    return Content.assemble(head, (points, "bold"))


def answer_lines(result: AnsweredQuestion) -> Content:
    """The right answer, the player's, and the engine's reason for the score."""
    lines = [
        Content.assemble(("Answer     ", "bold"), result.question.answer_text),
        Content.assemble(("You said   ", "bold"), describe_answer(result.question, result.answer)),
        Content.assemble(("Why        ", "bold"), result.score.reason),
    ]
    if result.score.inside is not None:
        inside = "inside your bounds" if result.score.inside else "outside your bounds"
        lines.append(Content.assemble(("Truth      ", "bold"), inside))
    if line := bonus.reveal_line(result.bonus, result.bonus_reason, result.points):
        lines.append(Content.assemble(("Bonus      ", "bold"), line.removeprefix("Bonus: ")))
    return Content("\n").join(lines)


class RevealScreen(Screen[None]):
    """After an answer. Enter (or n, or space) goes on; a opens the article on this figure."""

    CSS_PATH = "reveal.tcss"
    AUTO_FOCUS = "#reveal-body"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,n,space", "next", "Next"),
        Binding("a", "article", "Article"),
    ]

    def __init__(
        self,
        result: AnsweredQuestion,
        explanation: Explanation,
        progress: Progress,
        *,
        last: bool = False,
    ) -> None:
        super().__init__()
        self.result = result
        self.explanation = explanation
        self.progress = progress
        self.last = last

    def compose(self) -> ComposeResult:
        yield ProgressHeader(self.progress)
        with VerticalScroll(id="reveal-body", classes="body", can_focus=True):
            yield Static(verdict(self.result), id="verdict")
            yield Static(Content(self.result.question.prompt), id="reveal-prompt")
            yield Static(answer_lines(self.result), id="answers")
            if self.last:
                yield Static(
                    Content("That was the last question: Enter for your summary."), classes="hint"
                )
            if self.explanation.note:
                yield Static(Content(self.explanation.note), id="note")
            if self.explanation.chart:
                yield Static(Content("On one scale (each mark 10x the last)"), classes="heading")
                yield LogChart(self.explanation.chart, id="chart")
            if self.explanation.cards:
                count = len(self.explanation.cards)
                heading = "The figure" if count == 1 else f"What each source said ({count} figures)"
                yield Static(Content(heading), classes="heading")
                for card in self.explanation.cards:
                    yield FigureCard(card)
        yield Footer()

    def action_next(self) -> None:
        self.post_message(NextQuestion())

    def action_article(self) -> None:
        figure = self.result.question.figure_ids[0] if self.result.question.figure_ids else None
        self.post_message(OpenArticle(figure))
