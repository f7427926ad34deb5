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
from datetime import date, datetime
from typing import Annotated, Any, Literal

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

from quiz.bank import dates
from quiz.bank.units import singular_of
from quiz.errors import quoted

FORMAT_VERSION = 1

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


def _date_to_text(value: object) -> object:
    # TOML gives `as_of = 2022-11-09` as a date and `as_of = 2022` as an integer; both are
    # honest ways to write "when", so both become the partial-date text.
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        if not 1000 <= value <= 9999:
            raise rule(f"expected a year from 1000 to 9999, found the integer {value}")
        return str(value)
    return value


def _published(value: object) -> object:
    # A TOML date arrives as a date; a quoted "2022-11-10" is read too, but only a day that
    # exists, written as the schema's pattern says (pydantic's lax date parsing would also
    # take a Unix time or "2022-11-10T00:00Z").
    if isinstance(value, str) and re.fullmatch(dates.FULL_DATE, value):
        return date.fromisoformat(value)
    if isinstance(value, datetime):
        return value  # refused by the strict date check: a date, not a moment
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
PartialDate = Annotated[
    str,
    BeforeValidator(_date_to_text),
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
    BeforeValidator(_published),
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


def _either(*keys: str) -> dict[str, Any]:
    """JSON Schema: exactly one of `keys` (each a key or a list of keys given together)."""
    return {"oneOf": [{"required": [key]} for key in keys]}


_NO_RANGE = {"not": {"anyOf": [{"required": ["low"]}, {"required": ["high"]}]}}
_RANGE_TOGETHER = {"dependentRequired": {"low": ["high"], "high": ["low"]}}


def _when(key: str, value: object, then: dict[str, Any]) -> dict[str, Any]:
    return {"if": {"required": [key], "properties": {key: {"const": value}}}, "then": then}


class Article(Strict):
    """`[article]`: the article every figure is quoted from."""

    # The rules the validators below enforce, for editors (quiz.bank.schema).
    model_config = ConfigDict(json_schema_extra=_either("text", "text_file"))

    title: Line
    """The article's headline."""
    outlet: Line | None = None
    """Who published it."""
    published: PublishedDate | None = None
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
    """Anything more a player should know about this source; shown on every card of its
    figures."""
    named: bool = True
    """False when the article names no one for the figures: its own reporting, "it was
    estimated". Such a source is never the answer or an option of a "who said it"
    question, since there is no one to name."""


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


def _unit(value: str | Unit) -> Unit:
    # The short form names the plural; its singular is worked out (see quiz.bank.units).
    if isinstance(value, str):
        return Unit(singular=singular_of(value), plural=value)
    return value


class Figure(Strict):
    """`[figures.<id>]`: one number one source gave, quoted from the article."""

    model_config = ConfigDict(
        json_schema_extra={
            "oneOf": [{"required": ["value"]}, {"required": ["low", "high"]}],
            "dependentRequired": {"low": ["high"], "high": ["low"], "ask": ["explain"]},
            "allOf": [
                {
                    "if": {
                        "required": ["kind"],
                        "properties": {"kind": {"not": {"const": "count"}}},
                    },
                    "then": {"required": ["unit"]},
                },
                _when(
                    "kind",
                    "share",
                    {"properties": {"value": {"maximum": 1}, "high": {"maximum": 1}}},
                ),
            ],
        }
    )

    source: Id
    """The id of the source (a key of `[sources]`) who gave this figure."""
    measure: Id
    """What is measured; figures that count comparable things share a measure, and the
    reveal shows them side by side."""
    counts: Line
    """Exactly what the number counts, in a few words: "Russian soldiers killed or injured"."""
    kind: Kind = "count"
    """What sort of number it is: "count" (things counted, the default), "amount" (a length,
    a sum of money, a weight), "ratio" ("2.5 times"), "percentage", "share" (a fraction of
    one, at most 1) or "temperature". It decides the scoring rule and the wrong options."""
    unit: Annotated[Line | Unit, AfterValidator(_unit)] = PEOPLE
    """The unit: a plural such as "soldiers" or "euros", or a table with `singular`,
    `plural` and an optional `abbreviation`. Default "people"; required for every kind
    but "count"."""
    value: Count | None = None
    """The number, when the source gave one number. Give `value` or `low` and `high`."""
    low: Count | None = None
    """Lower end of a range the source gave ("between 15 and 30 million")."""
    high: Count | None = None
    """Upper end of the range."""
    approximate: bool = False
    """True when the source gave the number as an estimate ("or so", "about")."""
    as_of: PartialDate | None = None
    """When the number was true: 2022, "2022-11" or 2022-11-09. Leave it out when the
    article does not say: the article's `published` date stands in, or no date is shown."""
    quote: Text
    """The article's words stating the number, verbatim (whitespace and typographic
    quotes may differ), with at least two words besides the number."""
    ask: Line | None = None
    """A question whose answer is this figure; figures with `ask` become questions."""
    explain: Text | None = None
    """What the number counts and leaves out, who published it and why it differs from
    the others: two to four plain sentences. Required when the figure has an `ask`."""
    points: Count = 1.0
    """Weight of the questions made from this figure."""
    context: bool = False
    """True when the figure is context for its measure rather than one more estimate of
    it (the article's own comparison, such as a past war's toll beside this one's): the
    reveal shows it beside the others, but no comparison question ranks or divides it."""
    prompts: Prompts | None = None
    """The author's wording of the questions about this figure, replacing the templates."""

    @model_validator(mode="before")
    @classmethod
    def _unit_named(cls, data: object) -> object:
        if isinstance(data, dict) and "unit" not in data:
            kind = data.get("kind", "count")
            if isinstance(kind, str) and kind != "count" and kind in _KINDS:
                raise rule(
                    f"expected a `unit` for a figure of kind {quoted(kind)}"
                    f" (such as {_UNIT_EXAMPLES[kind]}), found none"
                )
        return data

    @model_validator(mode="after")
    def _value_or_range(self) -> Figure:
        _check_value_or_range(self.value, self.low, self.high, "value")
        if self.kind == "share" and self.bounds[1] > 1:
            key = "value" if self.value is not None else "high"
            raise rule(
                f"expected a share of at most 1 (write 0.25 for a quarter),"
                f' found {_number(self.bounds[1])}; for 25% use kind = "percentage"',
                key,
            )
        if self.ask is not None and self.explain is None:
            raise rule(
                "expected `explain` for a figure with `ask` (the reveal after its questions"
                " says what the number counts), found none"
            )
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

    model_config = ConfigDict(
        json_schema_extra={
            "allOf": [
                _when(
                    "kind",
                    "choice",
                    {
                        "required": ["options", "answer"],
                        "properties": {"answer": {"type": "string"}},
                        **_NO_RANGE,
                    },
                ),
                _when(
                    "kind",
                    "estimate",
                    {
                        "not": {"required": ["options"]},
                        "properties": {"answer": {"type": "number"}},
                        "oneOf": [{"required": ["answer"]}, {"required": ["low", "high"]}],
                        **_RANGE_TOGETHER,
                    },
                ),
            ]
        }
    )

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
    options: list[Line] | None = Field(
        default=None, min_length=2, max_length=6, json_schema_extra={"uniqueItems": True}
    )
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


_KINDS = ("count", "amount", "ratio", "percentage", "share", "temperature")
_UNIT_EXAMPLES = {
    "amount": '"kilometres" or "euros"',
    "ratio": '"times"',
    "percentage": '"percent"',
    "share": '"of the vote"',
    "temperature": '{ singular = "degree Celsius", plural = "degrees Celsius" }',
}


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
    format: Annotated[
        int, AfterValidator(_format_version), Field(json_schema_extra={"const": FORMAT_VERSION})
    ]
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
