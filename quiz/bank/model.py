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
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from quiz.bank.fields import (
    NO_RANGE_OR_UNIT,
    PEOPLE,
    RANGE_TOGETHER,
    ArticleText,
    Count,
    Id,
    Kind,
    Line,
    Measure,
    PartialDate,
    Prompts,
    PublishedDate,
    Strict,
    Text,
    Unit,
    as_unit,
    either,
    rule,
    when,
    written_number,
)
from quiz.errors import quoted

FORMAT_VERSION = 1


def _format_version(value: int) -> int:
    if value != FORMAT_VERSION:
        raise rule(f"expected {FORMAT_VERSION} (the bank format this game reads), found {value}")
    return value


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
    authors: list[Line] = []  # noqa: RUF012 (a pydantic model copies defaults)
    """Who wrote the bank."""


class Article(Strict):
    """`[article]`: the article every figure is quoted from."""

    # The rules the validators below enforce, for editors (quiz.bank.schema).
    model_config = ConfigDict(json_schema_extra=either("text", "text_file"))

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
                when(
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
    unit: Annotated[Line | Unit, AfterValidator(as_unit)] = PEOPLE
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
                f' found {written_number(self.bounds[1])}; for 25% use kind = "percentage"',
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
                when(
                    "kind",
                    "choice",
                    {
                        "required": ["options", "answer"],
                        "properties": {"answer": {"type": "string"}},
                        **NO_RANGE_OR_UNIT,
                    },
                ),
                when(
                    "kind",
                    "estimate",
                    {
                        "not": {"required": ["options"]},
                        "properties": {"answer": {"type": "number"}},
                        "oneOf": [{"required": ["answer"]}, {"required": ["low", "high"]}],
                        **RANGE_TOGETHER,
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
    unit: Annotated[Line | Unit, AfterValidator(as_unit)] | None = None
    """For "estimate": the answer's unit, as a figure's; "times" for a ratio (typed 17x)."""

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
            for name in ("low", "high", "unit"):
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
                f" found low = {written_number(low)} and high = {written_number(high)}",
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
    measures: dict[Id, Measure] = {}  # noqa: RUF012 (a pydantic model copies defaults)
    """What the author says about a measure, keyed by the `measure` its figures name."""
    questions: list[WrittenQuestion] = []  # noqa: RUF012 (a pydantic model copies defaults)
    """Hand-written questions."""
