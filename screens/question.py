"""The question screen: the prompt, and options to pick or a number to type.

It reads the player's input and posts `AnswerGiven`; whether the answer is right, and what
it scores, is the engine's business. Typed text becomes an Answer through the engine's
`read_answer` (one number for an estimate); in interval mode the two bounds are read by the
engine's number reader, one field each, so "5" and "20k" mean 5 and 20,000.
"""

from __future__ import annotations

from typing import ClassVar

from quiz.screens.messages import AnswerGiven
from quiz.screens.widgets.number_input import NumberInput
from quiz.screens.widgets.options import Options
from quiz.screens.widgets.progress_header import Progress, ProgressHeader
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from quiz.bank.numbers import format_number
from quiz.game.generate import Question
from quiz.game.scoring import (
    INTERVAL_RULE_TEXT,
    RULE_TEXT,
    ChoiceAnswer,
    IntervalAnswer,
    NumberAnswer,
    read_answer,
)

KIND_LABELS = {
    "estimate": "Estimate the number",
    "choice": "Pick the figure",
    "source": "Who said it?",
    "compare": "Compare the figures",
    "written": "Author's question",
}


def kind_label(question: Question) -> str:
    return KIND_LABELS.get(question.kind, question.kind.capitalize())


class QuestionScreen(Screen[None]):
    """One question. Choice: number keys 1-6, arrows + Enter, or a click. Estimate: type and
    press Enter; Escape leaves the field so that letter keys (q, ?) work again."""

    AUTO_FOCUS = "Options, NumberInput Input"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave_field", "Leave field", show=False),
        Binding("tab", "app.focus_next", "Next field", show=False),
        # Also here, not only on Options, so a click elsewhere does not disable them.
        *[Binding(str(n), f"pick({n - 1})", show=False) for n in range(1, 7)],
    ]

    def __init__(self, question: Question, progress: Progress, *, interval: bool = False) -> None:
        super().__init__()
        self.question = question
        self.progress = progress
        self.interval = interval and question.is_numeric
        self.answered = False

    def compose(self) -> ComposeResult:
        question = self.question
        yield ProgressHeader(self.progress)
        with VerticalScroll(id="question-body", classes="body"):
            yield Static(Content(kind_label(question)), id="kind")
            yield Static(Content(question.prompt), id="prompt", markup=False)
            if not question.is_numeric:
                yield Options(question.options, id="options")
                yield Static(
                    Content(f"Press 1-{len(question.options)}, or move with ↑↓ and press Enter."),
                    classes="hint",
                )
            elif self.interval:
                yield NumberInput(
                    label="Low: at least",
                    allow_range=False,
                    units=question.unit_words,
                    id="low",
                    placeholder="the lowest you think it could be",
                )
                yield NumberInput(
                    label="High: at most",
                    allow_range=False,
                    units=question.unit_words,
                    id="high",
                    placeholder="the highest you think it could be",
                )
                yield self._numeric_footer()
            else:
                unit = f" ({question.unit})" if question.unit else ""
                yield NumberInput(
                    label=f"Your estimate{unit}",
                    allow_range=False,
                    units=question.unit_words,
                    id="guess",
                )
                yield self._numeric_footer()
        yield Footer()

    def _numeric_footer(self) -> Static:
        text = INTERVAL_RULE_TEXT if self.interval else RULE_TEXT
        rule = f"Scoring: {text}\n" if text else ""
        return Static(
            Content(rule + "Enter to answer · Esc leaves the field · Ctrl+Q quit · F1 help"),
            classes="hint",
        )

    # -- answering -----------------------------------------------------------------

    def _give(self, answer: ChoiceAnswer | NumberAnswer | IntervalAnswer) -> None:
        if self.answered:
            return
        self.answered = True
        self.post_message(AnswerGiven(answer))

    def on_options_picked(self, event: Options.Picked) -> None:
        self._give(ChoiceAnswer(event.index))

    def on_number_input_submitted(self, event: NumberInput.Submitted) -> None:
        if not self.interval:
            try:
                answer = read_answer(self.question, event.text)
            except ValueError as exc:
                event.number_input.show_error(f"Not answered: {exc}.")
                return
            self._give(answer)
            return
        low = self.query_one("#low", NumberInput)
        high = self.query_one("#high", NumberInput)
        if event.number_input is low and not high.value.strip():
            high.focus()
            return
        bounds = [low.read(), high.read()]
        for field, result in zip((low, high), bounds, strict=True):
            if isinstance(result, str):
                field.focus()
                field.show_error(result)
                return
        low_reading, high_reading = bounds
        assert not isinstance(low_reading, str) and not isinstance(high_reading, str)
        if low_reading.low > high_reading.low:
            high.show_error(
                f"The high bound is below the low bound ({format_number(low_reading.low)})."
            )
            high.focus()
            return
        text = f"{low.value.strip()} to {high.value.strip()}"
        self._give(IntervalAnswer(low_reading.low, high_reading.low, text))

    def action_pick(self, index: int) -> None:
        for options in self.query(Options):
            options.action_pick(index)

    def action_leave_field(self) -> None:
        self.set_focus(None)
