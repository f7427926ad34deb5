"""The number reader: the article's own phrasings, typed guesses, refusals, round trips."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz.bank.numbers import find_numbers, format_number, number_problem, read_number

ARTICLE_PHRASINGS = [
    ("100,000", 100_000, 100_000),
    ("5,937", 5_937, 5_937),
    ("7.8 million", 7_800_000, 7_800_000),
    ("between 15 and 30 million", 15_000_000, 30_000_000),
    ("between 20 and 30,000", 20_000, 30_000),
    ("300,000", 300_000, 300_000),
    ("40,000 or so", 40_000, 40_000),
    ("15,000", 15_000, 15_000),
    ("9,000", 9_000, 9_000),
]

TYPED_GUESSES = [
    ("7.8m", 7_800_000, 7_800_000),
    ("7.8M", 7_800_000, 7_800_000),
    ("7,800,000", 7_800_000, 7_800_000),
    ("7800000", 7_800_000, 7_800_000),
    ("15-30 million", 15_000_000, 30_000_000),
    ("15 to 30 million", 15_000_000, 30_000_000),
    ("15–30m", 15_000_000, 30_000_000),
    ("about 40k", 40_000, 40_000),
    ("40k-50k", 40_000, 50_000),
    ("1.5bn", 1_500_000_000, 1_500_000_000),
    ("2 billion", 2_000_000_000, 2_000_000_000),
    ("  42  ", 42, 42),
    ("around 1,000 people", 1_000, 1_000),
    ("1_000", 1_000, 1_000),
    ("1,234.5", 1_234.5, 1_234.5),
    ("0.5", 0.5, 0.5),
    ("between 2 and 30,000", 2_000, 30_000),
    ("between 50 and 30,000", 50, 30_000),
]

REFUSED = [
    "",
    "   ",
    "abc",
    "-5",
    "0",
    "1,5",
    "12,34",
    "nan",
    "inf",
    "12 34",
    "30-15",
    "10x",
    "5%",
    "1e-",
    "7.8 million refugees and 3",
    "1" * 70,
]


@pytest.mark.parametrize(("text", "low", "high"), ARTICLE_PHRASINGS + TYPED_GUESSES)
def test_reads(text: str, low: float, high: float) -> None:
    reading = read_number(text)
    assert reading is not None, text
    assert (reading.low, reading.high) == (low, high)
    assert reading.is_range == (low != high)


@pytest.mark.parametrize("text", REFUSED)
def test_refuses(text: str) -> None:
    assert read_number(text) is None


def test_range_value_is_the_geometric_middle() -> None:
    reading = read_number("between 15 and 30 million")
    assert reading is not None
    assert reading.value == pytest.approx(math.sqrt(15e6 * 30e6))
    assert reading.describe() == "15 million–30 million"


@pytest.mark.parametrize(
    ("quote", "found"),
    [
        # Two numbers joined by "and" with words between are not a range.
        (
            "claimed the lives or injured 100,000 Russian and 100,000 Ukrainian soldiers",
            [(100_000, 100_000), (100_000, 100_000)],
        ),
        ("Russia had gathered between 20 and 30,000 troops in the city", [(20_000, 30_000)]),
        (
            "since Russia's incursion began on February 24, between 15 and 30 million people",
            [(24, 24), (15_000_000, 30_000_000)],
        ),
        ("5 men and 3 women", [(5, 5), (3, 3)]),  # "5 m..." is not five million
        ("The UN has reported 7.8 million Ukrainian refugees", [(7_800_000, 7_800_000)]),
        ("no numbers here", []),
        ("a code like A380 or v2.5 is not a count", []),
    ],
)
def test_find_numbers_in_running_text(quote: str, found: list[tuple[float, float]]) -> None:
    assert [(r.low, r.high) for r in find_numbers(quote)] == found


def test_find_numbers_locates_the_number() -> None:
    quote = "Only 5,937 soldiers have died"
    (reading,) = find_numbers(quote)
    assert quote[reading.start : reading.end] == "5,937"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (5_937, "5,937"),
        (100_000, "100,000"),
        (7_800_000, "7.8 million"),
        (15_000_000, "15 million"),
        (1_500_000_000, "1.5 billion"),
        (0.5, "0.5"),
        (1_234.5, "1,234.5"),
    ],
)
def test_format_number(value: float, text: str) -> None:
    assert format_number(value) == text


@given(st.integers(min_value=1, max_value=10**12))
def test_format_then_read_round_trips(value: int) -> None:
    reading = read_number(format_number(value))
    assert reading is not None
    assert not reading.is_range
    # Millions and billions are written to two decimals: at most half a unit of the
    # last shown digit off, i.e. within 0.5% of the value.
    assert reading.value == pytest.approx(value, rel=0.005)
    if value < 1_000_000:
        assert reading.value == value


@given(st.text(max_size=80))
def test_read_number_never_raises(text: str) -> None:
    reading = read_number(text)
    if reading is not None:
        assert 0 < reading.low <= reading.high
        assert math.isfinite(reading.high)


# -- issue 14: what the reader says about zero, negatives, spaces and exponents -------------


@pytest.mark.parametrize(
    ("text", "words"),
    [("0", "'0' is zero"), ("-5", "'-5' is negative"), ("zero", "'zero' is zero")],
)
def test_zero_and_negative_numbers_are_refused_with_a_word_about_positive_numbers(
    text: str, words: str
) -> None:
    assert read_number(text) is None
    problem = number_problem(text)
    assert problem is not None and "above zero" in problem and words in problem
    assert "Can't read" not in problem


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("25 000", 25_000),
        ("1 250 000", 1_250_000),
        ("1e5", 100_000),
        ("2.5E6", 2_500_000),
        ("million", 1_000_000),
    ],
)
def test_spaced_thousands_and_exponents_are_read(text: str, value: float) -> None:
    reading = read_number(text)
    assert reading is not None and reading.value == value
    assert number_problem(text) is None


def test_a_huge_number_is_written_with_its_power_of_ten() -> None:
    reading = read_number("99999999999999999999")
    assert reading is not None
    assert format_number(reading.value) == "1e+20"
    assert "billion" not in format_number(reading.value)
    assert format_number(2.5e12) == "2.5 trillion"


def test_what_cannot_be_read_says_so() -> None:
    assert number_problem("abc") == "Can't read 'abc' as a number."
    assert number_problem("7.8m") is None
