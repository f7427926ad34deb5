"""The building blocks of the bank format: text rules, field types and small tables.

quiz.bank.model assembles the bank's tables from these; they live apart so that the model
reads as the format's outline. Everything here is part of what decides validity, so the
bank cache fingerprints this file too (quiz.bank.cache).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from quiz.bank import dates
from quiz.bank.units import singular_of

# Bidirectional overrides and isolates can make text read differently from how it
# is stored (CVE-2021-42574, "Trojan Source"); control characters would reach the
# player's terminal as escape sequences.
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


# C0 controls but tab, line feed and carriage return; DEL; C1. A carriage return is allowed
# only before a line feed: a bank saved with Windows line endings keeps them in multi-line
# strings for an editor's schema check (tomli itself folds them), and the schema and
# `quiz check` must agree on such a file.
_CONTROL = "\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f"
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f" + "".join(sorted(_BIDI)) + "]|\r(?!\n)"
)
# The same rule as patterns that pydantic-core checks in Rust: a Python validator per
# text field was a tenth of the check of a 10,000-figure bank. quiz.bank.checks turns a
# mismatch back into words, with `forbidden_character` finding the culprit.
_TEXT_PATTERN = "^(?:[^\\r" + _CONTROL + "".join(sorted(_BIDI)) + "]|\\r\\n)*$"
_LINE_PATTERN = "^[^\\n\\r" + _CONTROL + "".join(sorted(_BIDI)) + "]*$"


def forbidden_character(text: str) -> re.Match[str] | None:
    """The first control character (C0, C1, DEL; tab and newline allowed) or bidi control."""
    return _FORBIDDEN.search(text)


def text_problem(text: str) -> str | None:
    """Why `text` breaks the text rules, in words, or None when it does not."""
    found = _FORBIDDEN.search(text)
    if found:
        char = found.group()
        kind = "a bidirectional control" if char in _BIDI else "a control character"
        return (
            f"expected plain text, found {kind} (U+{ord(char):04X}) at character"
            f" {found.start() + 1}; text shown to players may not carry escape sequences"
            " or direction overrides"
        )
    if "\n" in text or "\r" in text:
        return "expected a single line of text, found a line break"
    return None


def date_to_text(value: object) -> object:
    # TOML gives `as_of = 2022-11-09` as a date and `as_of = 2022` as an integer; both are
    # honest ways to write "when", so both become the partial-date text.
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        if not 1000 <= value <= 9999:
            raise rule(f"expected a year from 1000 to 9999, found the integer {value}")
        return str(value)
    return value


def published_date(value: object) -> object:
    # A TOML date arrives as a date; a quoted "2022-11-10" is read too, but only a day that
    # exists, written as the schema's pattern says (pydantic's lax date parsing would also
    # take a Unix time or "2022-11-10T00:00Z").
    if isinstance(value, str) and re.fullmatch(dates.FULL_DATE, value):
        return date.fromisoformat(value)
    if isinstance(value, datetime):
        return value  # refused by the strict date check: a date, not a moment
    return value


def rule(message: str, key: str | None = None) -> PydanticCustomError:
    """A cross-field rule broken inside one table; `key` names the key to point at."""
    # The message travels in the context, not the template, so that braces in an author's
    # text are never taken for template fields.
    return PydanticCustomError("bank_rule", "{message}", {"message": message, "key": key or ""})


Text = Annotated[str, StringConstraints(min_length=1, max_length=4000, pattern=_TEXT_PATTERN)]
"""Free text shown to players: not empty, no control characters."""
Line = Annotated[str, StringConstraints(min_length=1, max_length=4000, pattern=_LINE_PATTERN)]
"""One line of free text."""
ArticleText = Annotated[
    str, StringConstraints(min_length=1, max_length=2_000_000, pattern=_TEXT_PATTERN)
]
"""An article's text: up to two million characters."""
Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$"),
]
"""An identifier: lower-case letters, digits, `-` and `_`, at most 64 characters."""
PartialDate = Annotated[
    str,
    BeforeValidator(date_to_text),
    StringConstraints(pattern=dates.PARTIAL_DATE),
    # What an author may write, for editors: a TOML date reaches them as a string.
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": dates.PARTIAL_DATE},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ]
        }
    ),
]
"""A year, year-month or date that exists: 2022, "2022-11", 2022-11-09."""
PublishedDate = Annotated[
    date,
    BeforeValidator(published_date),
    WithJsonSchema({"type": "string", "pattern": dates.FULL_DATE}),
]
"""A day that exists: a TOML date 2022-11-10, or the same as a string."""
Count = Annotated[float, Field(gt=0, allow_inf_nan=False)]


class Strict(BaseModel):
    """Base of every table: unknown keys refused, and no silent conversions.

    Strict mode matters for a hand-written format: lax pydantic would read `value = true`
    as 1 and `value = "100000"` as a number, so a slip would pass unnoticed.
    """

    model_config = ConfigDict(
        extra="forbid", frozen=True, strict=True, use_attribute_docstrings=True
    )


def either(*keys: str) -> dict[str, Any]:
    """JSON Schema: exactly one of `keys` (each a key or a list of keys given together)."""
    return {"oneOf": [{"required": [key]} for key in keys]}


NO_RANGE_OR_UNIT = {
    "not": {"anyOf": [{"required": ["low"]}, {"required": ["high"]}, {"required": ["unit"]}]}
}
"""A choice question states no range and no unit: its options carry their own."""
RANGE_TOGETHER = {"dependentRequired": {"low": ["high"], "high": ["low"]}}


def when(key: str, value: object, then: dict[str, Any]) -> dict[str, Any]:
    return {"if": {"required": [key], "properties": {key: {"const": value}}}, "then": then}


class Prompts(Strict):
    """`[figures.<id>.prompts]`: the author's own sentence for a question the game would
    otherwise word from a template (docs/bank-format.md, "How questions are worded")."""

    estimate: Line | None = None
    """Type-the-number question; default `ask`."""
    choice: Line | None = None
    """Pick-the-number question; default `ask`."""
    source: Line | None = None
    """"Who said it": which source gave this figure."""
    times: Line | None = None
    """"How many times larger", asked when this figure is the larger of the two."""
    rank: Line | None = None
    """"Which source gave the highest (or higher) figure", asked when this figure is the
    answer."""


Kind = Literal["count", "amount", "ratio", "percentage", "share", "temperature"]
"""What sort of number a figure is; see docs/bank-format.md, "Kinds of number"."""


class Unit(Strict):
    """A figure's unit, as a table: `unit = { singular = "kilometre", plural = "kilometres",
    abbreviation = "km" }`. `unit = "kilometres"` is short for the plural alone."""

    singular: Line
    """One of the unit: "kilometre", "arrest", "degree Celsius"."""
    plural: Line
    """More than one: "kilometres", "arrests", "degrees Celsius"."""
    abbreviation: (
        Annotated[str, StringConstraints(min_length=1, max_length=16, pattern=_LINE_PATTERN)] | None
    ) = None
    """A short form a player may type or read after a number: "km", "°C", "%", "x"."""


PEOPLE = Unit(singular="person", plural="people")
"""The unit of a figure that names none."""

Finite = Annotated[float, Field(allow_inf_nan=False)]


class Plausible(Strict):
    """`plausible = { low = ..., high = ... }`: the values a reader would not rule out at a
    glance for this measure (no count of a country's refugees above its population). Give
    `low`, `high` or both. Every option of a choice question about the measure's figures
    is drawn inside it."""

    model_config = ConfigDict(
        json_schema_extra={"anyOf": [{"required": ["low"]}, {"required": ["high"]}]}
    )

    low: Finite | None = None
    """No option below this."""
    high: Finite | None = None
    """No option above this."""

    @model_validator(mode="after")
    def _a_range(self) -> Plausible:
        if self.low is None and self.high is None:
            raise rule("expected `low`, `high` or both (the plausible range's ends), found neither")
        if self.low is not None and self.high is not None and not self.low < self.high:
            raise rule(
                f"expected `low` below `high`,"
                f" found low = {written_number(self.low)} and high = {written_number(self.high)}",
                "low",
            )
        return self


def written_number(value: float) -> str:
    """A number as an author writes it in a message: 40,000,000, 0.5."""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


class Measure(Strict):
    """`[measures.<id>]`: what the author says about a measure (the `measure` of figures)."""

    plausible: Plausible | None = None
    """The range every option about this measure's figures is drawn in."""


def as_unit(value: str | Unit) -> Unit:
    # The short form names the plural; its singular is worked out (see quiz.bank.units).
    if isinstance(value, str):
        return Unit(singular=singular_of(value), plural=value)
    return value
