"""Numbers with their units, and the rules each kind of number is judged by.

A figure's `unit` (singular, plural, optional abbreviation) is written wherever its number
is: "4.5 km", "12 arrests", "1 arrest", "about 250,000 people", "15 million–30 million
euros", "17x". The abbreviation, when the bank gives one, is the shorter and is used
everywhere the number is shown; a symbol ("%", "°C", "x") follows the number without a
space, as a reporter writes it.

A figure's `kind` decides how guesses are judged and which wrong options are offered
(docs/bank-format.md, "Kinds of number"):

- **count**, **amount**, **ratio** are on a ratio scale: twice as many is as far off as
  half as many. Guesses are scored by how many times off they are, and wrong options
  sit at factors of the answer, or are the bank's other figures of the same unit.
- **temperature**, **percentage**, **share** are on a linear scale, where 0 is not
  "nothing" (0 °C) or the scale is bounded (a share cannot exceed 1): 24 °C for 20 °C is
  as wrong as 16 °C, and 40% for 20% is 20 points off, not "2x". Guesses are scored by
  their distance from the answer in the unit, full marks within `full` and nothing from
  `zero`; wrong options sit at irregular distances, never outside the scale's bounds.
  No "how many times larger" question is made from them.
"""

from __future__ import annotations

from dataclasses import dataclass

from quiz.bank.data import Unit
from quiz.bank.numbers import format_number

LINEAR_KINDS = frozenset({"temperature", "percentage", "share"})
"""Kinds of number judged by distance rather than by ratio."""


@dataclass(frozen=True)
class LinearRule:
    """How a linear kind is judged and distracted, in the figure's own unit."""

    full: float
    """A guess at most this far off scores full marks."""
    zero: float
    """A guess this far off, or further, scores nothing."""
    gap: float
    """Options are at least this far apart."""
    lowest: float | None
    highest: float | None
    """The scale's bounds: no option is offered outside them."""


LINEAR_RULES: dict[str, LinearRule] = {
    "temperature": LinearRule(full=1.0, zero=10.0, gap=2.0, lowest=None, highest=None),
    "percentage": LinearRule(full=2.0, zero=25.0, gap=4.0, lowest=0.0, highest=100.0),
    "share": LinearRule(full=0.02, zero=0.25, gap=0.04, lowest=0.0, highest=1.0),
}


def is_linear(kind: str) -> bool:
    return kind in LINEAR_KINDS


_SYMBOLS = ("%", "°", "x", "×", "′", "″")
"""Abbreviations that follow the number with no space: "20%", "21°C", "17x"."""


@dataclass(frozen=True)
class UnitWords:
    """A unit as the game writes it, with the forms a player may type after a number."""

    singular: str = ""
    plural: str = ""
    abbreviation: str = ""

    @property
    def forms(self) -> tuple[str, ...]:
        """Every way of writing the unit after a number, for the number reader."""
        return tuple(f for f in (self.abbreviation, self.plural, self.singular) if f)

    def after(self, number: str, one: bool = False) -> str:
        """`number` followed by the unit: "4.5 km", "1 arrest", "17x", "20%"."""
        if self.abbreviation:
            glue = "" if self.abbreviation.startswith(_SYMBOLS) else " "
            return f"{number}{glue}{self.abbreviation}"
        word = self.singular if one and self.singular else self.plural
        return f"{number} {word}" if word else number


NO_UNIT = UnitWords()
TIMES = UnitWords("time", "times")
"""The unit of a "how many times larger" answer."""


def unit_display(unit: Unit) -> UnitWords:
    """A bank figure's unit as the game writes it."""
    return UnitWords(unit.singular, unit.plural, unit.abbreviation or "")


def number_text(value: float) -> str:
    """One number as a reporter writes it: "5,937", "7.8 million", "0.25"."""
    return format_number(value)


def range_text(low: float, high: float) -> str:
    """A value or range without its unit: "5,937", "15 million–30 million"."""
    if low == high:
        return number_text(low)
    return f"{number_text(low)}–{number_text(high)}"


def quantity_text(low: float, high: float, unit: UnitWords, approximate: bool = False) -> str:
    """A figure as every screen writes it: "4.5 km", "about 250,000 people", "1 arrest"."""
    text = unit.after(range_text(low, high), one=low == high == 1)
    return f"about {text}" if approximate else text
