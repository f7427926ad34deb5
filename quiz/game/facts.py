"""What a text states, as the disclosure model reads it (`quiz.game.disclosure`).

The reading's vocabulary: a text's words folded to stems, the numbers it states (and
those it states as ratios, "17 times"), whether a stated number states a figure's value
(`states`: equal once the value is written with the number's digits), and the two
records the model works with: `Facts`, what one screen or several state, and `Secret`,
what would give a question's answer away once stated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMBER_SLACK = 1.06
"""A stated number gives away a numeric answer within this factor of it ("16.8" and
"about 17" give away 17)."""

WORD = re.compile(r"[^\W_]+")
TIMES = re.compile(r"\s*(?:times|x\b|×|-fold|fold)", re.IGNORECASE)
NUMBER_WORDS = frozenset(
    {
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "thousand",
        "million",
        "billion",
        "trillion",
        "dozen",
        "half",
        "quarter",
    }
)
"""Words that may start or be part of a number in words (English)."""
SCALES = frozenset({"thousand", "million", "billion", "trillion"})
STOP = frozenset(
    {
        "about",
        "after",
        "again",
        "also",
        "been",
        "because",
        "before",
        "both",
        "does",
        "each",
        "from",
        "have",
        "into",
        "more",
        "most",
        "only",
        "other",
        "said",
        "says",
        "some",
        "such",
        "than",
        "that",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "whom",
        "will",
        "with",
        "would",
    }
)


def stems(text: str) -> frozenset[str]:
    """The content words of a text, folded to 5-letter stems ("withdrawing" and
    "withdrawal" agree); numbers stay whole, short and common words are dropped."""
    return word_stems(WORD.findall(text.casefold()))


def word_stems(words: list[str]) -> frozenset[str]:
    found: set[str] = set()
    for word in words:
        if word.isdigit():
            found.add(word)
        elif len(word) >= 4 and word not in STOP:
            found.add(word[:5])
    return frozenset(found)


def says_a_number_in_words(words: list[str]) -> bool:
    """Whether an English text's words may hold a number in words; a scale word after
    digits ("7.8 million") is the digit reader's."""
    previous = ""
    for word in words:
        if word in NUMBER_WORDS and not (word in SCALES and previous.isdigit()):
            return True
        previous = word
    return False


@dataclass(frozen=True)
class Reading:
    """What one text states, before it is tied to sources: the figures whose value it
    states, its numbers, those stated as ratios, the stems of hand-written answers it
    holds (only those: no other stem can state an answer)."""

    values: frozenset[str]
    numbers: frozenset[float]
    times: frozenset[float]
    words: frozenset[str]


VALUE_SLACK = 0.005
"""A stated number states a figure's value when it is the value written with the
number's own digits ("4.03 million" states 4,030,112: a prompt writes it so), within
this share of it ("100,000" does not state 95,000)."""


def digits_of(number: float) -> int:
    """How many significant digits a number is written with (4,030,000: 3)."""
    text = f"{abs(number):.15g}".replace(".", "").lstrip("0")
    text = text.split("e")[0]
    return max(1, len(text.rstrip("0")))


def states(number: float, value: float, digits: int | None = None) -> bool:
    """Whether a stated number states this value: equal once the value is written with
    the number's digits (`digits`, when the caller has them), and near it."""
    if number == value:
        return True
    if abs(number - value) > VALUE_SLACK * abs(value):
        return False
    rounded = float(f"{value:.{digits or digits_of(number)}g}")
    return abs(rounded - number) <= 1e-9 * max(abs(number), 1.0)


@dataclass(frozen=True)
class Facts:
    """What one screen (or several) states."""

    keys: frozenset[str] = frozenset()
    numbers: frozenset[float] = frozenset()
    times: frozenset[float] = frozenset()
    """Numbers stated as ratios ("17 times")."""
    ratios: frozenset[tuple[float, str]] = frozenset()
    """The answers of generated "how many times" questions, with their measure: a
    ratio said of one measure's figures ("5.3 times") tells nothing about another
    measure's ratio that happens to be near it."""

    def __or__(self, other: Facts) -> Facts:
        return Facts(
            self.keys | other.keys,
            self.numbers | other.numbers,
            self.times | other.times,
            self.ratios | other.ratios,
        )


@dataclass(frozen=True)
class Secret:
    """What would give a question's answer away, once stated."""

    keys: frozenset[str] = frozenset()
    low: float | None = None
    high: float | None = None
    """A numeric answer: any stated number within NUMBER_SLACK of low..high gives it away."""
    times_only: bool = False
    """Only numbers stated as ratios count (a "how many times" answer: "2" in "2 weeks"
    does not give away "2 times")."""
    measure: str = ""
    """A generated ratio's measure: another generated ratio's answer gives it away only
    when it is about the same measure."""

    def given_away_by(self, facts: Facts) -> bool:
        if not self.keys.isdisjoint(facts.keys):
            return True
        if self.low is None or self.high is None:
            return False
        if not self.times_only:
            return any(self.near(n) for n in facts.numbers)
        return any(self.near(n) for n in facts.times) or any(
            self.near(n) for n, measure in facts.ratios if measure == self.measure
        )

    def near(self, number: float) -> bool:
        """Whether a stated number gives this numeric answer away (ratio or not)."""
        assert self.low is not None and self.high is not None
        return self.low / NUMBER_SLACK <= number <= self.high * NUMBER_SLACK
