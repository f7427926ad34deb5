"""A number field that says how it read what was typed, and refuses what it cannot read.

The reading is the engine's (`quiz.bank.numbers.read_number`), the same reader plain mode and the
bank checks use, so "3.7m", "3,700,000", "about 23k" and "3.2-6.4 million" mean the same
everywhere. The example numbers in the placeholder and the messages are the engine's
(`quiz.game.hints`), made for the bank being played so that none is one of its numbers; with
none given, the field says how to type a number without an example. The field is a plain text
Input on purpose: `Input(type="integer")` would refuse "7.8m" and still accept "-".
"""

from __future__ import annotations

from typing import Literal

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static

from quiz.bank.numbers import (
    NumberReading,
    about_number,
    format_number,
    number_problem,
    read_number,
)
from quiz.game.hints import NO_EXAMPLE, field_hint


def spelled(value: float) -> str:
    """All the digits ("7,800,000"), and the words too when they help ("7.8 million")."""
    digits = f"{value:,.0f}" if value == int(value) else f"{value:,.2f}".rstrip("0").rstrip(".")
    words = format_number(value)
    return digits if words == digits else f"{digits} ({words})"


RangeMeans = Literal["range", "middle", "bounds"]
"""What a range typed into the field stands for: itself; its middle, for a field that wants
one estimate (the engine scores "15-30 million" as its middle); both bounds of an interval,
for a field that wants one bound."""


def describe_reading(reading: NumberReading, range_means: RangeMeans = "range") -> str:
    if not reading.is_range:
        return f"= {spelled(reading.low)}"
    if range_means == "middle":
        return (
            f"= about {about_number(reading.value)}, the middle of "
            f"{format_number(reading.low)} to {format_number(reading.high)}"
        )
    span = f"= {spelled(reading.low)} to {spelled(reading.high)}"
    return f"{span}: both bounds" if range_means == "bounds" else span


class NumberInput(Vertical):
    """An Input and, under it, the number it reads as ("= 7,800,000") or why it cannot.

    Enter posts `NumberInput.Submitted` only when the text reads as a number; otherwise the
    line under the field says what went wrong and the text stays for the player to fix.
    `range_means` says how a typed range is read, and the line under the field says it too.
    """

    class Submitted(Message):
        """A readable number was submitted."""

        def __init__(self, number_input: NumberInput, reading: NumberReading, text: str) -> None:
            super().__init__()
            self.number_input = number_input
            self.reading = reading
            self.text = text

        @property
        def control(self) -> NumberInput:
            return self.number_input

    def __init__(
        self,
        *,
        examples: str = "",
        placeholder: str | None = None,
        range_means: RangeMeans = "range",
        label: str | None = None,
        units: tuple[str, ...] = (),
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.units = units
        """Unit words the engine's reader accepts after the number ("km", "kilometres")."""
        self.examples = examples or NO_EXAMPLE
        """How to type a number, from the engine (`quiz.game.hints`): never the bank's."""
        if placeholder is None and examples:
            placeholder = field_hint(examples)
        self.placeholder = placeholder
        self.range_means: RangeMeans = range_means
        self.label = label

    def compose(self) -> ComposeResult:
        if self.label:
            yield Static(self.label, classes="number-label", markup=False)
        yield Input(placeholder=self.placeholder or "", max_length=64)
        yield Static("", classes="number-reading", markup=False)

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    @property
    def value(self) -> str:
        return self.input.value

    @property
    def reading_text(self) -> str:
        """What the line under the field says now."""
        return str(self.query_one(".number-reading", Static).content)

    def read(self) -> NumberReading | str:
        """The reading of the current text, or the message saying why there is none."""
        text = self.input.value
        if not text.strip():
            return f"Type a number first, such as {self.examples}."
        reading = read_number(text, units=self.units)
        if reading is None:
            problem = (
                number_problem(text, units=self.units)
                or f"Can't read {text.strip()!r} as a number."
            )
            return f"{problem} Try {self.examples}."
        return reading

    def show_error(self, message: str) -> None:
        """Say under the field why its text cannot be used."""
        self._show(message, True)

    def _show(self, text: str, error: bool) -> None:
        line = self.query_one(".number-reading", Static)
        line.update(Content(text))
        line.set_class(error, "-error")

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if not event.value.strip():
            self._show("", False)
            return
        result = self.read()
        if isinstance(result, str):
            # While typing, a half-written number is normal: say so quietly, not as an error.
            self._show("? not a number yet", False)
        else:
            self._show(describe_reading(result, self.range_means), False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        result = self.read()
        if isinstance(result, str):
            self._show(result, True)
            self.input.focus()
            return
        self._show(describe_reading(result, self.range_means), False)
        self.post_message(self.Submitted(self, result, self.input.value))

    def focus(self, scroll_visible: bool = True) -> NumberInput:
        self.input.focus(scroll_visible)
        return self
