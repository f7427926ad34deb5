"""The bank models on their own: strictness, text rules, the value-or-range rule."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from quiz.bank.fields import PEOPLE, forbidden_character, text_problem
from quiz.bank.model import Article, BankInfo, Figure, Source, WrittenQuestion


def figure(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "source": "mayor",
        "measure": "crowd",
        "counts": "people who came",
        "value": 1250,
        "as_of": "2024-01",
        "quote": "The mayor said 1,250 people came",
        "explain": "The organiser's count.",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def errors(model: type, data: dict[str, Any]) -> list[tuple[tuple[Any, ...], str]]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return [(e["loc"], e["type"]) for e in caught.value.errors()]


def test_a_figure_and_its_bounds() -> None:
    one = Figure.model_validate(figure())
    assert one.bounds == (1250, 1250) and one.middle == 1250
    assert one.unit == PEOPLE and one.unit.singular == "person" and one.unit.plural == "people"
    assert one.points == 1 and one.approximate is False and one.kind == "count"
    both = Figure.model_validate(figure(value=None, low=15e6, high=30e6))
    assert both.bounds == (15e6, 30e6)
    assert both.middle == pytest.approx(math.sqrt(15e6 * 30e6))


@pytest.mark.parametrize(
    "changes",
    [
        {"value": True},  # lax pydantic would read true as 1
        {"value": "1250"},  # ... and a numeric string as a number
        {"counts": 5},
        {"approximate": "yes"},
        {"approximate": 1},
        {"value": math.nan},
        {"value": math.inf},
        {"value": 0},
        {"value": -5},
        {"source": "The Mayor"},
        {"qoute": "x"},
    ],
)
def test_figure_refuses(changes: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        Figure.model_validate(figure(**changes))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"value": None}, "expected `value`, or `low` and `high`"),
        ({"low": 1}, "not both"),
        ({"value": None, "low": 1}, "found no `high`"),
        ({"value": None, "low": 30, "high": 20}, "found low = 30 and high = 20"),
        ({"value": None, "low": 20, "high": 20}, "expected `low` below `high`"),
    ],
)
def test_value_or_range(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Figure.model_validate(figure(**changes))
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("as_of", "stored"), [(2022, "2022"), ("2022-11", "2022-11"), (date(2022, 11, 9), "2022-11-09")]
)
def test_as_of_accepts_year_month_or_date(as_of: object, stored: str) -> None:
    assert Figure.model_validate(figure(as_of=as_of)).as_of == stored


@pytest.mark.parametrize("as_of", ["Nov 2022", "2022-1", 22, True])
def test_as_of_refuses(as_of: object) -> None:
    with pytest.raises(ValidationError):
        Figure.model_validate(figure(as_of=as_of))


@pytest.mark.parametrize(
    "text",
    ["\x1b[2J", "bell\x07", "del\x7f", "c1\x85", "rtl\u202eoverride", "isolate\u2066", "\u200f"],
)
def test_text_refuses_control_and_bidi_characters(text: str) -> None:
    assert forbidden_character(text) is not None
    assert errors(Source, {"name": "x", "note": "a " + text}) == [
        (("note",), "string_pattern_mismatch")
    ]
    problem = text_problem("a " + text)
    assert problem is not None
    assert problem.endswith("may not carry escape sequences or direction overrides")


def test_text_allows_tabs_newlines_and_non_latin_text() -> None:
    note = "Line one\n\tLine two: Київ, «кавычки», 東京, café"
    assert Source.model_validate({"name": "Київ", "note": note}).note == note


def test_single_line_fields_refuse_line_breaks() -> None:
    assert errors(Source, {"name": "two\nlines"}) == [(("name",), "string_pattern_mismatch")]
    assert errors(Source, {"name": "trailing\n"}) == [(("name",), "string_pattern_mismatch")]
    assert text_problem("two\nlines") == "expected a single line of text, found a line break"
    assert text_problem("fine\ttext") is None


def test_empty_text_is_refused() -> None:
    assert errors(Source, {"name": ""}) == [(("name",), "string_too_short")]


def test_bank_info() -> None:
    info = BankInfo.model_validate({"id": "a-b_1", "title": "T"})
    assert (info.language, info.authors, info.description) == ("en", [], None)
    assert errors(BankInfo, {"id": "A", "title": "T", "language": "English"}) == [
        (("id",), "string_pattern_mismatch"),
        (("language",), "string_pattern_mismatch"),
    ]


def test_article_text_or_file() -> None:
    assert Article.model_validate({"title": "T", "text": "words"}).text == "words"
    published = Article.model_validate({"title": "T", "text": "w", "published": "2022-11-10"})
    assert published.published == date(2022, 11, 10)
    assert errors(Article, {"title": "T"}) == [((), "bank_rule")]
    assert errors(Article, {"title": "T", "text": "w", "text_file": "a.txt"}) == [((), "bank_rule")]
    assert errors(Article, {"title": "T", "text": "w", "url": "ftp://x"}) == [
        (("url",), "string_pattern_mismatch")
    ]


def choice(**changes: Any) -> dict[str, Any]:
    data = {"kind": "choice", "prompt": "Who?", "answer": "a", "options": ["a", "b"]}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_written_questions() -> None:
    assert WrittenQuestion.model_validate(choice()).answer == "a"
    estimate = WrittenQuestion.model_validate(
        {"kind": "estimate", "prompt": "How many?", "low": 10, "high": 20}
    )
    assert (estimate.low, estimate.high, estimate.answer) == (10, 20, None)


@pytest.mark.parametrize(
    ("data", "key", "message"),
    [
        (choice(answer="c"), "answer", 'found "c"'),
        (choice(answer="A"), "answer", "one of `options` exactly"),
        (choice(options=["a", "b", " A"]), "options", "which read the same"),
        (choice(options=None), "", "expected `options`"),
        (choice(answer=3), "answer", "found 3"),
        (choice(low=1), "low", "no `low`"),
        ({"kind": "estimate", "prompt": "?", "answer": "many"}, "answer", "found the string"),
        ({"kind": "estimate", "prompt": "?"}, "", "expected `answer`"),
        ({"kind": "estimate", "prompt": "?", "answer": 5, "options": ["a", "b"]}, "options", ""),
    ],
)
def test_written_question_rules(data: dict[str, Any], key: str, message: str) -> None:
    """Rules that span keys name the key to point at, for the located message."""
    with pytest.raises(ValidationError) as caught:
        WrittenQuestion.model_validate(data)
    (error,) = caught.value.errors()
    assert error["type"] == "bank_rule"
    assert error["ctx"]["key"] == key
    assert message in error["ctx"]["message"]


def test_options_count() -> None:
    assert errors(WrittenQuestion, choice(options=["a"])) == [(("options",), "too_short")]
    many = [str(n) for n in range(7)]
    assert errors(WrittenQuestion, choice(options=many, answer="1")) == [(("options",), "too_long")]


def test_author_braces_are_not_template_fields() -> None:
    with pytest.raises(ValidationError) as caught:
        WrittenQuestion.model_validate(choice(answer="{message}"))
    assert '"{message}"' in caught.value.errors()[0]["ctx"]["message"]


def test_a_unit_is_a_plural_or_a_table() -> None:
    short = Figure.model_validate(figure(unit="soldiers")).unit
    assert (short.singular, short.plural, short.abbreviation) == ("soldier", "soldiers", None)
    # Collective nouns and units of several words keep their plural as the singular.
    assert Figure.model_validate(figure(unit="police")).unit.singular == "police"
    assert Figure.model_validate(figure(unit="degrees Celsius")).unit.singular == (
        "degrees Celsius"
    )
    table = {"singular": "kilometre", "plural": "kilometres", "abbreviation": "km"}
    full = Figure.model_validate(figure(unit=table, kind="amount")).unit
    assert (full.singular, full.plural, full.abbreviation) == ("kilometre", "kilometres", "km")
    for bad in ({"plural": "km"}, {"singular": "a", "plural": "b", "short": "c"}, "", 5):
        with pytest.raises(ValidationError):
            Figure.model_validate(figure(unit=bad))


@pytest.mark.parametrize("kind", ["amount", "ratio", "percentage", "share", "temperature"])
def test_every_kind_but_count_names_its_unit(kind: str) -> None:
    with pytest.raises(ValidationError, match=f'kind "{kind}"'):
        Figure.model_validate(figure(kind=kind, value=0.5))
    assert Figure.model_validate(figure(kind=kind, value=0.5, unit="units")).kind == kind


def test_a_share_is_at_most_one() -> None:
    with pytest.raises(ValidationError, match="share of at most 1"):
        Figure.model_validate(figure(kind="share", unit="of voters", value=25))


def test_explain_may_be_left_out_only_without_ask() -> None:
    assert Figure.model_validate(figure(explain=None)).explain is None
    with pytest.raises(ValidationError, match="expected `explain` for a figure with `ask`"):
        Figure.model_validate(figure(explain=None, ask="How many came?"))
