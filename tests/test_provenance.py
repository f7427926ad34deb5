"""Provenance details the golden banks do not reach: the indexed matcher used for large
banks keeps to word and number edges as the plain one does, and messages quote the
author's own words and name the number that is wrong."""

from __future__ import annotations

from typing import Any

import pytest

from quiz.bank import provenance
from quiz.bank.provenance import bounded_find, matcher, normalise, number_problems

ARTICLE = (
    "The UN has reported 7.8 million Ukrainian refugees across Europe. Only 5,937 soldiers "
    "have died in all. Kyiv's 37,000 workers stayed; another 7,000 workers left. "
    "Gen. Zaluzhniy said 9,000 Ukrainian soldiers have perished so far in August."
)


@pytest.mark.parametrize(
    ("needle", "found"),
    [
        ("8 million ukrainian refugees", False),  # inside 7.8 million
        ("937 soldiers have died", False),  # inside 5,937
        ("he un has reported", False),  # inside "The"
        ("only 5", False),  # cut before ",937"
        ("reported 7", False),  # cut before ".8"
        ("7.8 million ukrainian refugees", True),
        ("5,937 soldiers", True),
        ("7,000 workers left", True),  # cut inside 37,000 first, whole later
        ("europe.", True),  # a full stop after a word ends it
        ("in august.", True),  # the article's last characters
        ("the un", True),  # its first
    ],
)
@pytest.mark.parametrize("indexed", [False, True])
def test_quotes_match_only_at_word_and_number_edges(
    needle: str, found: bool, indexed: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if indexed:
        # The path a 10,000-figure bank takes: quotes anchored at their digits or words.
        monkeypatch.setattr(provenance, "_INDEX_ABOVE", 0)
    occurs = matcher(ARTICLE, [needle])
    assert occurs(needle) is found
    assert (bounded_find(normalise(ARTICLE), needle) >= 0) is found


def test_bounded_find_skips_a_cut_occurrence_to_the_whole_one() -> None:
    haystack = normalise(ARTICLE)
    at = bounded_find(haystack, "7,000 workers")
    assert haystack.find("7,000 workers") < at
    assert haystack[at - 8 : at] == "another "


def _check(quote: str, **number: int) -> list[str]:
    figures: dict[str, Any] = {"f": {"quote": quote, **number}}
    problems = provenance.check(figures, ARTICLE, "bank.toml", lambda loc: (1, 1), set())
    return [f"{p.key}: {p.message}" for p in problems]


def test_a_quote_that_departs_is_shown_in_the_authors_own_words() -> None:
    assert _check("9,000 Ukrainian Soldiers have died so far", value=9_000) == [
        "figures.f.quote: expected the quote to occur in the article, found the article"
        ' agrees up to "9,000 Ukrainian Soldiers have" and then differs'
    ]


def test_a_quote_cut_from_a_longer_number_says_where() -> None:
    assert _check("8 million Ukrainian refugees across Europe", value=8_000_000) == [
        "figures.f.quote: expected the quote to occur in the article, found it only inside"
        ' longer words or numbers: the article has "7.8" where the quote starts "8"'
    ]


def test_a_value_hidden_by_rounding_is_shown_in_full_digits() -> None:
    assert number_problems("7.8 million refugees", 7_800_001, 7_800_001, True) == [
        ("value", "expected the quote to state 7,800,001, found 7,800,000")
    ]
    # Rounding that does not hide the difference keeps the news-report form.
    assert number_problems("7.8 million refugees", 8_000_000, 8_000_000, True) == [
        ("value", "expected the quote to state 8 million, found 7.8 million")
    ]


@pytest.mark.parametrize(
    ("low", "high", "keys"),
    [
        (20_000, 40_000, ["high"]),
        (10_000, 30_000, ["low"]),
        (10_000, 40_000, ["low", "high"]),
    ],
)
def test_a_wrong_range_is_reported_at_the_end_that_differs(
    low: int, high: int, keys: list[str]
) -> None:
    found = number_problems("between 20 and 30,000 came", low, high, False)
    assert [key for key, _ in found] == keys
    assert all(message.endswith("found 20,000–30,000") for _, message in found)
