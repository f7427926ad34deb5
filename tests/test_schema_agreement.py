"""One truth for validity: the JSON Schema `quiz schema` prints and `quiz check` agree.

Hypothesis builds banks by breaking a valid one in the ways authors do (a key left out or
added, a value of the wrong type, a date that does not exist, a bad id, both or neither of
two alternatives, a question missing what its kind needs) and asserts that the schema, as
an editor applies it, accepts exactly the banks `quiz check` accepts. The checks JSON
Schema cannot express are kept out of the generated banks and listed in
docs/bank-format.md and quiz/bank/schema.py: the article (every quote here occurs and
states its number), cross-references (every `source` named exists), comparisons (`low` is
always below `high`, a choice's answer is among its options) and NaN or infinity (JSON has
neither).
"""

from __future__ import annotations

import copy
import re
from datetime import date, datetime
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from quiz.bank import checks
from quiz.bank.model import Bank
from quiz.bank.schema import bank_schema

ARTICLE = "The mayor said 1,250 people came. Police counted between 5 and 10 thousand."

BASE: dict[str, Any] = {
    "format": 1,
    "bank": {"id": "base", "title": "A bank", "language": "en", "authors": ["A. Author"]},
    "article": {"title": "An article", "published": date(2024, 2, 29), "text": ARTICLE},
    "sources": {"mayor": {"name": "the mayor"}, "police": {"name": "the police", "role": "r"}},
    "figures": {
        "crowd-mayor": {
            "source": "mayor",
            "measure": "crowd",
            "counts": "people who came",
            "value": 1250,
            "as_of": "2024-01",
            "quote": "The mayor said 1,250 people came",
            "ask": "How many came?",
            "explain": "The organiser's count.",
        },
        "crowd-police": {
            "source": "police",
            "measure": "crowd",
            "counts": "people who came",
            "low": 5000,
            "high": 10000,
            "quote": "Police counted between 5 and 10 thousand",
        },
    },
    "questions": [
        {"kind": "choice", "prompt": "Who?", "answer": "A", "options": ["A", "B"]},
        {"kind": "estimate", "prompt": "How many?", "answer": 3},
    ],
}

TEXT = st.sampled_from(
    [
        "ok",
        "",
        "two\nlines",
        "windows\r\nlines",
        "lone\rreturn",
        "esc\x1b[31m",
        "bidi\u202e",
        12,
        True,
        ["ok"],
        "x" * 4001,
    ]
)
IDS = st.sampled_from(["mayor", "police", "Police", "police arrests", "-dash", "a" * 65, 7])
NUMBER = st.sampled_from([1250, 1.5, 0, -3, 10**6, True, "100", 0.5, 2])
DATES = st.sampled_from(
    [
        "2024",
        2024,
        0,
        99999,
        "0000",
        "2024-13",
        "2024-00",
        "2024-02-30",
        "2023-02-29",
        "2024-02-29",
        date(2024, 2, 29),
        "2022-11",
        "Nov 2022",
        "2022-1",
        datetime(2024, 1, 1, 10, 0),
        "2024-01-01\n",
        True,
    ]
)
UNITS = st.sampled_from(
    [
        "soldiers",
        "",
        5,
        {"singular": "kilometre", "plural": "kilometres", "abbreviation": "km"},
        {"plural": "km"},
        {"singular": "a", "plural": "b", "extra": 1},
        {"singular": "a", "plural": "b", "abbreviation": "x" * 17},
    ]
)
KINDS = st.sampled_from(
    ["count", "amount", "ratio", "percentage", "share", "temperature", "bogus", 3]
)
OPTIONS = st.sampled_from(
    [
        ["A", "B"],
        ["A"],
        ["A", "A"],
        [],
        ["A", "B", "C", "D", "E", "F", "G"],
        ["A", 1],
        ["A", "B\nC"],
        "A",
    ]
)
ANSWERS = st.sampled_from(["A", 2.5, 0, True, "2.5"])
MISSING = object()

# (path to a table, key, values): each is one way to change a bank. MISSING deletes the key.
FIGURE = ("figures", "crowd-mayor")
RANGE = ("figures", "crowd-police")
CHOICE = ("questions", 0)
ESTIMATE = ("questions", 1)
CHANGES: list[tuple[tuple[Any, ...], str, st.SearchStrategy[Any]]] = [
    ((), "format", st.sampled_from([1, 2, "1", True, MISSING])),
    ((), "extra", st.just("x")),
    ((), "sources", st.sampled_from([MISSING, {}])),
    (("bank",), "id", IDS),
    (("bank",), "title", TEXT),
    (("bank",), "language", st.sampled_from(["en", "pt-BR", "EN", "english", "en\n", 1])),
    (("bank",), "authors", st.sampled_from([[], ["a\nb"], "A", [1]])),
    (("bank",), "descripton", st.just("typo")),
    (("article",), "text", st.sampled_from([MISSING, "other text", ""])),
    (("article",), "text_file", st.sampled_from(["a.txt", "a\nb.txt"])),
    (("article",), "published", DATES),
    (("article",), "url", st.sampled_from(["https://x.org/a", "ftp://x", "https://", 3])),
    (("sources", "mayor"), "name", TEXT),
    (("sources", "mayor"), "note", TEXT),
    (("sources",), "Police", st.just({"name": "p"})),
    (("sources",), "police arrests", st.just({"name": "p"})),
    (("figures",), "Bad Id", st.just(copy.deepcopy(BASE["figures"]["crowd-mayor"]))),
    (FIGURE, "source", st.sampled_from(["mayor", "police", "Police", 3, MISSING])),
    (FIGURE, "measure", IDS),
    (FIGURE, "counts", TEXT),
    (FIGURE, "kind", KINDS),
    (FIGURE, "unit", UNITS),
    (FIGURE, "value", st.one_of(NUMBER, st.just(MISSING))),
    (FIGURE, "low", st.sampled_from([0.25, 1, 0, "1"])),
    (FIGURE, "high", st.sampled_from([1e7, 0.9, "9"])),
    (FIGURE, "approximate", st.sampled_from([True, 1, "yes"])),
    (FIGURE, "as_of", st.one_of(DATES, st.just(MISSING))),
    (FIGURE, "quote", st.sampled_from([MISSING, "q\x00"])),
    (FIGURE, "ask", st.sampled_from([MISSING, "two\nlines"])),
    (FIGURE, "explain", st.sampled_from([MISSING, "windows\r\nline endings", ""])),
    (FIGURE, "points", NUMBER),
    (RANGE, "low", st.sampled_from([MISSING, 0, 1, "1", True])),
    (RANGE, "high", st.sampled_from([MISSING, 1e9, "9"])),
    (RANGE, "value", st.sampled_from([7000, MISSING])),
    (RANGE, "kind", KINDS),
    (RANGE, "unit", UNITS),
    (RANGE, "ask", st.just("How many?")),
    (CHOICE, "kind", st.sampled_from(["estimate", "other", MISSING])),
    (CHOICE, "options", st.one_of(OPTIONS, st.just(MISSING))),
    (CHOICE, "answer", st.sampled_from(["A", 3, MISSING])),
    (CHOICE, "low", st.just(1)),
    (CHOICE, "high", st.just(2)),
    (CHOICE, "figure", st.sampled_from(["crowd-mayor", "Crowd"])),
    (ESTIMATE, "kind", st.sampled_from(["choice", MISSING])),
    (ESTIMATE, "answer", st.one_of(ANSWERS, st.just(MISSING))),
    (ESTIMATE, "options", OPTIONS),
    (ESTIMATE, "low", st.sampled_from([1, 0, MISSING])),
    (ESTIMATE, "high", st.sampled_from([1e9, "9", MISSING])),
    (ESTIMATE, "points", NUMBER),
]


@st.composite
def banks(draw: st.DrawFn) -> dict[str, Any]:
    bank = copy.deepcopy(BASE)
    for index in draw(st.lists(st.integers(0, len(CHANGES) - 1), max_size=4, unique=True)):
        path, key, values = CHANGES[index]
        table: Any = bank
        for part in path:
            if isinstance(table, dict):
                table = table.get(part)
            elif isinstance(table, list) and isinstance(part, int) and part < len(table):
                table = table[part]
            else:
                table = None
        if not isinstance(table, dict):
            continue
        value = draw(values)
        if value is MISSING:
            table.pop(key, None)
        else:
            table[key] = copy.deepcopy(value)
    return bank


def _check_accepts(data: dict[str, Any]) -> bool:
    """`quiz check`'s verdict on everything but the article: the schema and the cross-checks."""
    try:
        Bank.model_validate(data)
    except ValidationError:
        return False
    return not checks.cross_check(data, "", "bank.toml")


def _as_json(value: Any) -> Any:
    """The bank as an editor's schema check sees it: TOML dates and times are strings."""
    if isinstance(value, dict):
        return {key: _as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_json(item) for item in value]
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def _ecma_pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Any:
    # JSON Schema patterns are ECMA-262, where `$` is the end of the text; Python's `$`
    # also matches before a final line break, which would let "en\n" through.
    if isinstance(instance, str) and not re.search(re.sub(r"\$$", r"\\Z", pattern), instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


Validator = jsonschema.validators.extend(
    jsonschema.Draft202012Validator, {"pattern": _ecma_pattern}
)
SCHEMA = bank_schema()


def _schema_accepts(data: dict[str, Any]) -> bool:
    return Validator(SCHEMA).is_valid(_as_json(data))


def test_the_schema_is_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_the_base_bank_is_valid_both_ways() -> None:
    assert _check_accepts(BASE) and _schema_accepts(BASE)


def _range_out_of_order(bank: dict[str, Any]) -> bool:
    """A figure whose `low` is not below its `high`: a comparison only `quiz check` makes."""
    for figure in bank.get("figures", {}).values():
        if not isinstance(figure, dict):
            continue
        low, high = figure.get("low"), figure.get("high")
        numbers = all(
            isinstance(end, int | float) and not isinstance(end, bool) for end in (low, high)
        )
        if numbers and low >= high:
            return True
    return False


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(banks())
def test_schema_and_check_agree(bank: dict[str, Any]) -> None:
    # Comparisons between keys are outside what JSON Schema can say (module docstring).
    assume(not _range_out_of_order(bank))
    assert _schema_accepts(bank) == _check_accepts(bank), _errors(bank)


def test_a_range_out_of_order_is_left_to_quiz_check() -> None:
    bank = copy.deepcopy(BASE)
    figure = next(iter(bank["figures"].values()))
    figure.pop("value", None)
    figure.update(low=1, high=0.9)
    assert _range_out_of_order(bank)
    assert _schema_accepts(bank) and not _check_accepts(bank)


def _errors(bank: dict[str, Any]) -> str:
    try:
        Bank.model_validate(bank)
        check = "check: ok"
    except ValidationError as exc:
        check = f"check: {exc.errors(include_url=False)[0]}"
    schema = [e.message for e in Validator(SCHEMA).iter_errors(_as_json(bank))][:3]
    return f"{check}\nschema: {schema}"


@pytest.mark.parametrize(
    ("table", "key", "value"),
    [
        ((), "format", 2),
        (FIGURE, "low", 1),  # value and low: both
        (("sources",), "Police", {"name": "p"}),
        (CHOICE, "options", MISSING),
        (ESTIMATE, "options", ["A", "B"]),
        (FIGURE, "as_of", "2024-02-30"),
        (CHOICE, "unit", "times"),  # a choice's options carry their own unit
    ],
)
def test_what_the_issue_found_the_schema_let_through_is_refused(
    table: tuple[Any, ...], key: str, value: Any
) -> None:
    bank = copy.deepcopy(BASE)
    target: Any = bank
    for part in table:
        target = target[part]
    if value is MISSING:
        del target[key]
    else:
        target[key] = value
    assert not _schema_accepts(bank) and not _check_accepts(bank)


def test_windows_line_endings_pass_both() -> None:
    bank = copy.deepcopy(BASE)
    bank["figures"]["crowd-mayor"]["explain"] = "One line.\r\nAnother line.\r\n"
    assert _schema_accepts(bank) and _check_accepts(bank)
