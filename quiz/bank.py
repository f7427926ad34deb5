"""The question-bank format (TOML) as strict pydantic models.

Every model forbids unknown keys, so a typo such as `qoute = "..."` is an error
rather than a silently missing quote. The field docstrings double as the
documentation of the format: `quiz schema` publishes them in the JSON Schema,
which editors show while an author types. Cross-checks that span tables (a
figure's source exists, a quote occurs in the article) live in the loader, so
they can be reported with their own key paths.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

FORMAT_VERSION = 1

# Bidirectional overrides and isolates can make text read differently from how it
# is stored (CVE-2021-42574, "Trojan Source"); control characters would reach the
# player's terminal as escape sequences.
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


def _no_control(text: str) -> str:
    for offset, char in enumerate(text):
        if char in "\n\t":
            continue
        if char in _BIDI or unicodedata.category(char) == "Cc":
            raise ValueError(
                f"a control or bidirectional character (U+{ord(char):04X}) at offset {offset};"
                " text may not carry escape sequences"
            )
    return text


def _single_line(text: str) -> str:
    if "\n" in text:
        raise ValueError("a single line of text, found a line break")
    return text


def _date_to_text(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


Text = Annotated[str, StringConstraints(min_length=1, max_length=4000), AfterValidator(_no_control)]
"""Free text shown to players: not empty, no control characters."""
Line = Annotated[Text, AfterValidator(_single_line)]
Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$"),
]
"""An identifier: lower-case letters, digits, `-` and `_`, at most 64 characters."""
PartialDate = Annotated[
    str,
    BeforeValidator(_date_to_text),
    StringConstraints(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$"),
]
"""A year, year-month or full date: 2022, "2022-11", 2022-11-09."""
Count = Annotated[float, Field(gt=0, allow_inf_nan=False)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class BankInfo(Strict):
    """`[bank]`: what the bank is."""

    id: Id
    """Stable identifier, stored with every result so answers stay tied to this bank."""
    title: Line
    """Title shown on the start screen."""
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")] = "en"
    """Language of the bank's text, as a BCP 47 tag such as "en" or "uk"."""
    description: Text | None = None
    """A sentence or two for the start screen."""
    authors: list[Line] = []
    """Who wrote the bank."""


class Article(Strict):
    """`[article]`: the article every figure is quoted from."""

    title: Line
    """The article's headline."""
    outlet: Line | None = None
    """Who published it."""
    published: date | None = None
    """Publication date, a TOML date such as 2022-11-10."""
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    """Where to read the original."""
    text: Text | None = Field(default=None, max_length=1_000_000)
    """The article's text inline. Give either `text` or `text_file`."""
    text_file: Line | None = None
    """Path of a UTF-8 text file holding the article, relative to the bank and inside its
    folder. Give either `text` or `text_file`."""

    @model_validator(mode="after")
    def _one_text(self) -> Article:
        if (self.text is None) == (self.text_file is None):
            raise ValueError("exactly one of `text` or `text_file`")
        return self


class Source(Strict):
    """`[sources.<id>]`: who gave figures."""

    name: Line
    """The source as the article names it: "Gen. Mark Milley", "the UN"."""
    role: Line | None = None
    """Their position, which tells a player why they might know or want a number."""
    note: Text | None = None
    """Anything more a player should know about this source."""


class Figure(Strict):
    """`[figures.<id>]`: one number one source gave, quoted from the article."""

    source: Id
    """The id of the source (a key of `[sources]`) who gave this figure."""
    measure: Id
    """What is measured; figures that count comparable things share a measure, and the
    reveal shows them side by side."""
    counts: Line
    """Exactly what the number counts, in a few words: "Russian soldiers killed or injured"."""
    unit: Line = "people"
    """The unit counted, plural: "people", "soldiers"."""
    value: Count | None = None
    """The number, when the source gave one number. Give `value` or `low` and `high`."""
    low: Count | None = None
    """Lower end of a range the source gave ("between 15 and 30 million")."""
    high: Count | None = None
    """Upper end of the range."""
    approximate: bool = False
    """True when the source gave the number as an estimate ("or so", "about")."""
    as_of: PartialDate
    """When the number was true: 2022, "2022-11" or 2022-11-09."""
    quote: Text
    """The article's words stating the number, verbatim (whitespace and typographic
    quotes may differ)."""
    ask: Line | None = None
    """A question whose answer is this figure; figures with `ask` become questions."""
    explain: Text
    """What the number counts and leaves out, who published it and why it differs from
    the others: two to four plain sentences."""
    points: Count = 1.0
    """Weight of the questions made from this figure."""

    @model_validator(mode="after")
    def _value_or_range(self) -> Figure:
        has_range = self.low is not None or self.high is not None
        if self.value is None and not has_range:
            raise ValueError("`value`, or `low` and `high`")
        if self.value is not None and has_range:
            raise ValueError("either `value` or `low` and `high`, not both")
        if has_range:
            if self.low is None or self.high is None:
                raise ValueError("both `low` and `high` for a range")
            if not self.low < self.high:
                raise ValueError(f"`low` below `high`, found low = {self.low:g}, high = {self.high:g}")
        return self

    @property
    def bounds(self) -> tuple[float, float]:
        """(low, high); equal for a single value."""
        if self.value is not None:
            return (self.value, self.value)
        assert self.low is not None and self.high is not None
        return (self.low, self.high)

    @property
    def middle(self) -> float:
        low, high = self.bounds
        return math.sqrt(low * high)


class WrittenQuestion(Strict):
    """`[[questions]]`: a hand-written question, for what generation cannot ask."""

    kind: Literal["choice", "estimate"]
    """"choice": pick one of `options`; "estimate": type a number."""
    prompt: Text
    """The question as the player reads it."""
    answer: Line | Count | None = None
    """For "choice", the right option, exactly as in `options`; for "estimate", the
    number (or give `low` and `high`)."""
    low: Count | None = None
    """For an "estimate" whose answer is a range: its lower end."""
    high: Count | None = None
    """For an "estimate" whose answer is a range: its upper end."""
    options: list[Line] | None = Field(default=None, min_length=2, max_length=6)
    """For "choice": two to six distinct options, the answer among them."""
    figure: Id | None = None
    """The id of the figure this question is about; its card is shown after the answer."""
    explain: Text | None = None
    """Shown after the answer: why the answer is right, in the article's terms."""
    points: Count = 1.0
    """Weight of this question."""

    @model_validator(mode="after")
    def _answer_fits_kind(self) -> WrittenQuestion:
        if self.kind == "choice":
            if self.options is None:
                raise ValueError("`options` for a choice question")
            if not isinstance(self.answer, str):
                raise ValueError("`answer` as a string that is one of `options`")
            folded = [o.casefold().strip() for o in self.options]
            if len(set(folded)) != len(folded):
                raise ValueError("distinct `options`, found two that read the same")
            if self.answer not in self.options:
                raise ValueError(f"`answer` among `options`, found {self.answer!r}")
            if self.low is not None or self.high is not None:
                raise ValueError("no `low` or `high` for a choice question")
        else:
            if self.options is not None:
                raise ValueError("no `options` for an estimate question")
            has_range = self.low is not None or self.high is not None
            if isinstance(self.answer, str):
                raise ValueError("`answer` as a number for an estimate question")
            if (self.answer is None) == (not has_range):
                pass
            else:
                raise ValueError("`answer`, or `low` and `high`, for an estimate question")
            if has_range and (self.low is None or self.high is None or not self.low < self.high):
                raise ValueError("`low` below `high` for a range answer")
        return self


class Bank(Strict):
    """A question bank: one article, its sources, their figures, and optional questions."""

    schema_: str | None = Field(default=None, alias="$schema", exclude=True)
    """Optional JSON Schema address for editors; ignored by the game."""
    format: Literal[1]
    """Version of this format; this game reads format 1."""
    bank: BankInfo
    article: Article
    sources: dict[Id, Source] = Field(min_length=1)
    """Who gave the figures, keyed by id."""
    figures: dict[Id, Figure] = Field(min_length=1)
    """The figures, keyed by id."""
    questions: list[WrittenQuestion] = []
    """Hand-written questions."""
