"""A validated bank as plain frozen dataclasses: what the game reads at run time.

quiz.bank.model defines the format (pydantic models that validate a bank and publish its
JSON Schema); importing pydantic and building those models costs more than the whole
start-up budget of the game, so the engine and the screens work on these mirrors
instead. Each class has exactly the fields of its model in quiz.bank.model, with the same
names and defaults (tests/test_bankdata.py compares them, so they cannot drift), and
`build` copies a validated model, or the JSON the bank cache stored, into them field by
field without a second list of field names.

This module must stay free of pydantic: the warm start path imports it.
"""

# No `from __future__ import annotations`: `build` reads the field types at run time,
# and real type objects are cheaper to read than strings to evaluate.

import dataclasses
import math
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class BankInfo:
    """`[bank]`: what the bank is."""

    id: str
    title: str
    language: str = "en"
    description: str | None = None
    authors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Article:
    """`[article]`: the article every figure is quoted from."""

    title: str
    outlet: str | None = None
    published: date | None = None
    url: str | None = None
    text: str | None = None
    text_file: str | None = None


@dataclass(frozen=True)
class Source:
    """`[sources.<id>]`: who gave figures."""

    name: str
    role: str | None = None
    note: str | None = None
    named: bool = True


@dataclass(frozen=True)
class Prompts:
    """`[figures.<id>.prompts]`: the author's own wording of a figure's questions."""

    estimate: str | None = None
    choice: str | None = None
    source: str | None = None
    times: str | None = None
    rank: str | None = None


@dataclass(frozen=True)
class Unit:
    """A figure's unit: "1 kilometre", "4.5 kilometres", "4.5 km"."""

    singular: str
    plural: str
    abbreviation: str | None = None


PEOPLE = Unit(singular="person", plural="people")
"""The unit of a figure that names none."""


@dataclass(frozen=True)
class Figure:
    """`[figures.<id>]`: one number one source gave, quoted from the article."""

    source: str
    measure: str
    counts: str
    quote: str
    kind: Literal["count", "amount", "ratio", "percentage", "share", "temperature"] = "count"
    unit: Unit = PEOPLE
    value: float | None = None
    low: float | None = None
    high: float | None = None
    approximate: bool = False
    as_of: str | None = None
    ask: str | None = None
    explain: str | None = None
    points: float = 1.0
    context: bool = False
    prompts: Prompts | None = None

    @property
    def bounds(self) -> tuple[float, float]:
        """(low, high); equal for a single value."""
        if self.value is not None:
            return (self.value, self.value)
        assert self.low is not None and self.high is not None
        return (self.low, self.high)

    @property
    def middle(self) -> float:
        """The geometric middle of the bounds: the value itself for a single value."""
        low, high = self.bounds
        return math.sqrt(low * high)


@dataclass(frozen=True)
class Plausible:
    """`plausible = { low, high }` of a `[measures.<id>]` table."""

    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class Measure:
    """`[measures.<id>]`: what the author says about a measure."""

    plausible: Plausible | None = None


@dataclass(frozen=True)
class WrittenQuestion:
    """`[[questions]]`: a hand-written question."""

    kind: Literal["choice", "estimate"]
    prompt: str
    answer: str | float | None = None
    low: float | None = None
    high: float | None = None
    options: list[str] | None = None
    figure: str | None = None
    explain: str | None = None
    points: float = 1.0
    unit: Unit | None = None
    """An estimate's unit, when it names one ("times" for a ratio)."""


@dataclass(frozen=True)
class Bank:
    """A validated question bank: one article, its sources, their figures, questions."""

    format: int
    bank: BankInfo
    article: Article
    sources: dict[str, Source]
    figures: dict[str, Figure]
    questions: list[WrittenQuestion] = field(default_factory=list)
    schema_: str | None = None
    measures: dict[str, Measure] = field(default_factory=dict)


def build(kind: type[T], value: Any) -> T:
    """`value` (a validated pydantic model, or JSON data as `to_json` wrote it) as `kind`.

    Walks the dataclass fields of `kind`, reading each by name from `value` (an
    attribute of a model, a key of a dict) and recursing by the field's type into
    nested dataclasses, dicts and lists. Raises KeyError, TypeError, AttributeError or
    ValueError when `value` does not have the shape of `kind`.
    """
    result: T = _converter(kind)(value)
    return result


Convert = Callable[[Any], Any]


def _same(value: Any) -> Any:
    return value


def _converter(kind: Any) -> Convert:
    """The function that converts a value to `kind`, worked out once per type.

    A 10,000-figure bank has about 160,000 values to convert; deciding what each
    type needs once, rather than per value, keeps the conversion a small part of a load.
    """
    found = _CONVERTERS.get(kind)
    if found is None:
        found = _CONVERTERS[kind] = _make_converter(kind)
    return found


def _make_converter(kind: Any) -> Convert:
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        fields = [(f.name, _converter(f.type)) for f in dataclasses.fields(kind)]

        def to_dataclass(value: Any) -> Any:
            # A pydantic model keeps its fields in __dict__: read them as JSON data is read.
            data = value if isinstance(value, dict) else value.__dict__
            return kind(**{name: convert(data[name]) for name, convert in fields})

        return to_dataclass
    origin = typing.get_origin(kind)
    if origin is dict:
        item = _converter(typing.get_args(kind)[1])
        return lambda value: {str(key): item(entry) for key, entry in value.items()}
    if origin is list:
        element = _converter(typing.get_args(kind)[0])
        return lambda value: [element(entry) for entry in value]
    if origin is types.UnionType or origin is typing.Union:
        options = [arg for arg in typing.get_args(kind) if arg is not type(None)]
        # `str | float` holds a value of either type as it is; only a union with one
        # real type (X | None) can need converting.
        if len(options) != 1:
            return _same
        inner = _converter(options[0])
        return _same if inner is _same else lambda value: None if value is None else inner(value)
    if kind is date:
        return lambda value: date.fromisoformat(value) if isinstance(value, str) else value
    if kind is float:
        return lambda value: float(value) if type(value) is int else value
    return _same


_CONVERTERS: dict[Any, Convert] = {}


def to_json(bank: Bank) -> dict[str, Any]:
    """`bank` as JSON-ready data (dates as ISO text), which `build(Bank, data)` reverses."""
    data: dict[str, Any] = dataclasses.asdict(bank)
    published = bank.article.published
    if published is not None:
        data["article"]["published"] = published.isoformat()
    return data
