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
from datetime import date
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from quiz.errors import quoted

FORMAT_VERSION = 1

# Bidirectional overrides and isolates can make text read differently from how it
# is stored (CVE-2021-42574, "Trojan Source"); control characters would reach the
# player's terminal as escape sequences.
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


_CONTROL = "\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f"
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + "".join(sorted(_BIDI)) + "]")
# The same rule as patterns that pydantic-core checks in Rust: a Python validator per
# text field was a tenth of the check of a 10,000-figure bank. quiz.bank.checks turns a
# mismatch back into words, with `forbidden_character` finding the culprit.
_TEXT_PATTERN = "^[^" + _CONTROL + "".join(sorted(_BIDI)) + "]*$"
_LINE_PATTERN = "^[^\\n" + _CONTROL + "".join(sorted(_BIDI)) + "]*$"


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
    if "\n" in text:
        return "expected a single line of text, found a line break"
    return None


def _date_to_text(value: object) -> object:
    # TOML gives `as_of = 2022-11-09` as a date and `as_of = 2022` as an integer; both are
    # honest ways to write "when", so both become the partial-date text.
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return str(value)
    return value


def _format_version(value: int) -> int:
    if value != FORMAT_VERSION:
        raise rule(f"expected {FORMAT_VERSION} (the bank format this game reads), found {value}")
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
_PARTIAL_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
PartialDate = Annotated[
    str,
    BeforeValidator(_date_to_text),
    StringConstraints(pattern=_PARTIAL_DATE),
    # What an author may write, for editors: a TOML date reaches them as a string.
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": _PARTIAL_DATE},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ]
        }
    ),
]
"""A year, year-month or full date: 2022, "2022-11", 2022-11-09."""
Count = Annotated[float, Field(gt=0, allow_inf_nan=False)]


class Strict(BaseModel):
    """Base of every table: unknown keys refused, and no silent conversions.

    Strict mode matters for a hand-written format: lax pydantic would read `value = true`
    as 1 and `value = "100000"` as a number, so a slip would pass unnoticed.
    """

    model_config = ConfigDict(
        extra="forbid", frozen=True, strict=True, use_attribute_docstrings=True
    )


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
    published: Annotated[date, Field(strict=False)] | None = None
    """Publication date, a TOML date such as 2022-11-10 (a quoted "2022-11-10" is read too)."""
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    """Where to read the original."""
    text: ArticleText | None = None
    """The article's text inline. Give either `text` or `text_file`."""
    text_file: Line | None = None
    """Path of a UTF-8 text file holding the article, relative to the bank and inside its
    folder. Give either `text` or `text_file`."""

    @model_validator(mode="after")
    def _one_text(self) -> Article:
        if self.text is None and self.text_file is None:
            raise rule("expected `text` or `text_file` (the article's words), found neither")
        if self.text is not None and self.text_file is not None:
            raise rule("expected `text` or `text_file`, not both", "text_file")
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
    context: bool = False
    """True when the figure is context for its measure rather than one more estimate of
    it (the article's own comparison, such as a past war's toll beside this one's): the
    reveal shows it beside the others, but no comparison question ranks or divides it."""

    @model_validator(mode="after")
    def _value_or_range(self) -> Figure:
        _check_value_or_range(self.value, self.low, self.high, "value")
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
                raise rule("expected `options` for a choice question, found none")
            if not isinstance(self.answer, str):
                found = "none" if self.answer is None else f"{self.answer:g}"
                raise rule(
                    f"expected the answer of a choice question as text, one of `options`,"
                    f" found {found}",
                    "answer" if self.answer is not None else None,
                )
            seen: dict[str, str] = {}
            for option in self.options:
                folded = " ".join(option.casefold().split())
                if folded in seen:
                    raise rule(
                        f"expected distinct options, found {quoted(seen[folded])}"
                        f" and {quoted(option)}, which read the same",
                        "options",
                    )
                seen[folded] = option
            if self.answer not in self.options:
                # An answer that reads like an option would otherwise get a message in
                # which both look the same: say what differs.
                near = seen.get(" ".join(self.answer.casefold().split()))
                hint = ""
                if near is not None:
                    if " ".join(self.answer.split()) == " ".join(near.split()):
                        what = "spacing"
                    elif self.answer.casefold() == near.casefold():
                        what = "case"
                    else:
                        what = "spacing and case"
                    hint = (
                        f", which differs from option {self.options.index(near) + 1}"
                        f" ({quoted(near)}) only in {what}"
                    )
                raise rule(
                    "expected the answer to be one of `options` exactly,"
                    f" found {quoted(self.answer)}{hint}",
                    "answer",
                )
            for name in ("low", "high"):
                if getattr(self, name) is not None:
                    raise rule(f"expected no `{name}` in a choice question", name)
        else:
            if self.options is not None:
                raise rule("expected no `options` in an estimate question", "options")
            if isinstance(self.answer, str):
                raise rule(
                    f"expected a number as the answer of an estimate question,"
                    f" found the string {quoted(self.answer)}",
                    "answer",
                )
            _check_value_or_range(self.answer, self.low, self.high, "answer")
        return self


def _number(value: float) -> str:
    return f"{int(value):,}" if value == int(value) else f"{value:,}"


def _check_value_or_range(
    value: float | None, low: float | None, high: float | None, name: str
) -> None:
    """A figure or an estimate states one number or a range, never both or neither."""
    has_range = low is not None or high is not None
    if value is None and not has_range:
        raise rule(f"expected `{name}`, or `low` and `high` for a range, found none of them")
    if value is not None and has_range:
        raise rule(
            f"expected `{name}` or `low` and `high`, not both",
            "low" if low is not None else "high",
        )
    if has_range:
        if low is None or high is None:
            missing = "low" if low is None else "high"
            raise rule(f"expected both `low` and `high` for a range, found no `{missing}`")
        if not low < high:
            raise rule(
                f"expected `low` below `high`,"
                f" found low = {_number(low)} and high = {_number(high)}",
                "low",
            )


class Bank(Strict):
    """A question bank: one article, its sources, their figures, and optional questions."""

    schema_: str | None = Field(default=None, alias="$schema", exclude=True)
    """Optional JSON Schema address for editors; ignored by the game."""
    format: Annotated[int, AfterValidator(_format_version)]
    """Version of this format; this game reads format 1."""
    bank: BankInfo
    """`[bank]`: the bank's id, title, language, description and authors."""
    article: Article
    """`[article]`: the article every figure is quoted from, and its text."""
    sources: dict[Id, Source] = Field(min_length=1)
    """Who gave the figures, keyed by id."""
    figures: dict[Id, Figure] = Field(min_length=1)
    """The figures, keyed by id."""
    questions: list[WrittenQuestion] = []
    """Hand-written questions."""
