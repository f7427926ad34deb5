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
from textual.lazy import Lazy
from textual.screen import Screen
from textual.widgets import Footer, Static

from quiz.bank.numbers import format_number
from quiz.game.generate import Question
from quiz.game.hints import Examples
from quiz.game.scoring import (
    ChoiceAnswer,
    IntervalAnswer,
    NumberAnswer,
    read_answer,
    rule_text,
)
from quiz.present.keys import choice_keys, estimate_keys, not_an_option
from quiz.present.kinds import kind_label


class QuestionScreen(Screen[None]):
    """One question. Choice: number keys 1-6, arrows + Enter, or a click. Estimate: type and
    press Enter; Escape leaves the field so that letter keys (q, ?) work again."""

    # Focused by hand, without the scroll Textual's AUTO_FOCUS does at compose time: that
    # scroll is worked out before the layout and can hide the prompt on a small terminal.
    # "" turns auto focus off (None would inherit the App's "*", focusing the scrolling body
    # first: two restyles of the whole body before the control gets the focus).
    AUTO_FOCUS = ""
    CONTROLS = "Options, NumberInput Input"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave_field", "Leave field", show=False),
        Binding("tab", "app.focus_next", "Next field", show=False),
        # Also here, not only on Options, so a click elsewhere does not disable them.
        *[Binding(str(n), f"pick({n - 1})", show=False) for n in range(1, 7)],
    ]

    def __init__(
        self,
        question: Question,
        progress: Progress,
        *,
        interval: bool = False,
        examples: Examples | None = None,
    ) -> None:
        super().__init__()
        self.examples = examples.for_question(question) if examples is not None else None
        """Example numbers for the field and its messages, from the engine (`quiz.game.hints`):
        none of them a number of the bank, and ratio-sized for a "how many times" question."""
        self.question = question
        self.progress = progress
        self.interval = interval and question.is_numeric
        self.answered = False

    def compose(self) -> ComposeResult:
        question = self.question
        yield ProgressHeader(self.progress)
        with VerticalScroll(id="question-body", classes="body"):
            yield Static(Content(kind_label(question.kind)), id="kind")
            yield Static(Content(question.prompt), id="prompt", markup=False)
            if not question.is_numeric:
                yield Options(question.options, id="options")
            elif self.interval:
                yield NumberInput(
                    label="Low: at least",
                    range_means="bounds",
                    units=question.unit_words,
                    id="low",
                    examples=self._examples,
                    placeholder="the lowest you think it could be",
                )
                yield NumberInput(
                    label="High: at most",
                    range_means="bounds",
                    units=question.unit_words,
                    id="high",
                    examples=self._examples,
                    placeholder="the highest you think it could be",
                )
            else:
                unit = f" ({question.unit})" if question.unit else ""
                yield NumberInput(
                    label=f"Your estimate{unit}",
                    range_means="middle",
                    units=question.unit_words,
                    id="guess",
                    examples=self._examples,
                )
            if question.is_numeric:
                rule = rule_text(question, self.interval)
                if rule:
                    yield Static(Content(f"Scoring: {rule}"), id="rule", classes="hint")
        # Outside the scrolling body, so the keys stay in sight however small the terminal.
        yield Static(Content(self._keys_hint()), id="keys", classes="hint")
        # Mounted after the first frame: the prompt and the answer widget come first.
        yield Lazy(Footer())

    @property
    def _examples(self) -> str:
        return self.examples.placeholder if self.examples is not None else ""

    def _keys_hint(self) -> str:
        if not self.question.is_numeric:
            return choice_keys(len(self.question.options))
        return estimate_keys()

    def on_resize(self) -> None:
        # Show the prompt from its first line, then as little scrolling as keeps the focused
        # control in sight: after a resize (or the first layout, laid out before the size
        # classes applied) the old scroll position can hide either.
        self.call_after_refresh(self._show_prompt_and_focus)

    def on_mount(self) -> None:
        self._focus_control()

    def on_screen_resume(self) -> None:
        if self.focused is None:
            self._focus_control()

    def _focus_control(self) -> None:
        control = self.query(self.CONTROLS).first()
        self.set_focus(control, scroll_visible=False)
        self.call_after_refresh(self._show_prompt_and_focus)

    def _show_prompt_and_focus(self) -> None:
        focused = self.focused
        body = self.query_one("#question-body", VerticalScroll)
        body.scroll_home(animate=False, immediate=True)
        if focused is not None and focused is not body:
            body.scroll_to_widget(focused, animate=False, immediate=True)

    # -- answering -----------------------------------------------------------------

    def _give(self, answer: ChoiceAnswer | NumberAnswer | IntervalAnswer) -> None:
        if self.answered:
            return
        self.answered = True
        self.post_message(AnswerGiven(answer))

    def on_options_picked(self, event: Options.Picked) -> None:
        self._give(ChoiceAnswer(event.index))

    def on_options_not_an_option(self, event: Options.NotAnOption) -> None:
        """Typing that picks nothing: the line under the question says how to pick."""
        keys = self.query_one("#keys", Static)
        keys.update(Content(not_an_option(event.typed, len(self.question.options))))
        keys.add_class("-warning")

    def on_number_input_submitted(self, event: NumberInput.Submitted) -> None:
        if not self.interval:
            try:
                answer = read_answer(self.question, event.text, examples=self.examples)
            except ValueError as exc:
                event.number_input.show_error(f"Not answered: {exc}.")
                return
            self._give(answer)
            return
        low = self.query_one("#low", NumberInput)
        high = self.query_one("#high", NumberInput)
        for field in (event.number_input, low, high):
            # A range typed into either bound is both bounds, as the line under it said.
            reading = field.read()
            if not isinstance(reading, str) and reading.is_range:
                self._give(IntervalAnswer(reading.low, reading.high, field.value.strip()))
                return
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
