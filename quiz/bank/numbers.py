"""Read numbers the way people write them in news copy and in typed guesses.

One reader serves two jobs. Provenance asks it which numbers a quote states
("between 15 and 30 million", "5,937", "7.8 million"); the game asks it what a
player typed ("7.8m", "7,800,000", "15-30 million", "about 40k").

Decisions worth knowing:

- A thousands separator is a comma followed by exactly three digits; "1,5" is
  not 1.5 (English copy; the bank format has a language field for later).
- A range shares its trailing scale: "between 15 and 30 million" is 15-30 million.
  A bare low end under 1,000 next to a high end written with thousands separators
  shares its magnitude when that keeps it below the high end: "between 20 and
  30,000" (the article's own phrasing) is 20,000-30,000, and so "between 2 and
  30,000" is read as 2,000-30,000; "between 50 and 30,000" stays 50-30,000.
- "and" joins a range only when nothing but the word stands between two numbers
  and the first is lower: "100,000 Russian and 100,000 Ukrainian" is two numbers.
- Negative numbers, zero and exponents are not read as answers ("-5", "0", "1e9"):
  figures here count people, and "-" is a range dash. "nan" and "inf" are words.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

__all__ = ["NumberReading", "find_numbers", "format_number", "read_number"]

SCALES: dict[str, float] = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "million": 1e6,
    "millions": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
    "billions": 1e9,
}

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_SCALE = r"thousand|millions?|billions?|mln|mn|bn|k|m|b"
# A single number, optionally followed by a scale word, then a word boundary so
# "5m" is read but "5 men" is not read as five million.
# The lookahead lets the regex engine skip to digits and points quickly: provenance
# reads the numbers of every quote of a bank, 10,000 of them in the benchmark.
_TOKEN = re.compile(
    rf"(?=[0-9.])(?P<num>{_NUM})(?:\s*(?P<scale>{_SCALE})(?![a-z]))?", re.IGNORECASE
)
_JOINS = frozenset({"-", "–", "—", "to", "and"})
"""What may stand between the two ends of a range, give or take spaces."""
_FILLER = re.compile(
    r"^(?:about|around|approximately|approx\.?|roughly|some|nearly|almost|over|under|"
    r"more than|less than|between|from|~|c\.|ca\.)\s*",
    re.IGNORECASE,
)
_TRAILING = re.compile(r"\s*(?:or so|people|soldiers|troops)?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class NumberReading:
    """A number read from text: a single value (low == high) or a range.

    `start` and `end` locate the reading in the text it came from, so a quote can
    highlight the number it states.
    """

    low: float
    high: float
    start: int = 0
    end: int = 0

    @property
    def is_range(self) -> bool:
        return self.low != self.high

    @property
    def value(self) -> float:
        """The single value, or the geometric middle of a range."""
        return self.low if not self.is_range else math.sqrt(self.low * self.high)

    def describe(self) -> str:
        if self.is_range:
            return f"{format_number(self.low)}–{format_number(self.high)}"
        return format_number(self.low)


def _to_float(num: str, scale: str | None) -> float:
    value = float(num.replace(",", ""))
    if scale:
        value *= SCALES[scale.lower()]
    return value


def _share_scale(
    low_num: str, low_scale: str | None, high: float, high_num: str, high_scale: str | None
) -> float:
    """Give a bare low end the magnitude its high end is written in.

    "15 and 30 million": the low end shares the scale word. "20 and 30,000": the
    writer dropped ",000" from the low end; we restore it when the low end is a
    bare short number and the result is still below the high end.
    """
    low = _to_float(low_num, low_scale)
    if low_scale:
        return low
    if high_scale:
        shared = low * SCALES[high_scale.lower()]
        if shared < high:
            return shared
        return low
    if "," in high_num and "," not in low_num and "." not in low_num:
        groups = high_num.split(".")[0].count(",")
        shared = low * 1000.0**groups
        if shared < high and low < 1000:
            return shared
    return low


def spans(text: str) -> list[tuple[float, float, int, int]]:
    """(low, high, start, end) of every number or range in `text`, in order.

    The plain-tuple form of `find_numbers`, for callers that read thousands of quotes.
    """
    readings: list[tuple[float, float, int, int]] = []
    tokens = list(_TOKEN.finditer(text))
    count = len(tokens)
    i = 0
    while i < count:
        tok = tokens[i]
        start, end = tok.span()
        if start and (text[start - 1].isalnum() or text[start - 1] == "."):
            i += 1
            continue
        num, scale = tok.groups()
        if i + 1 < count:
            nxt = tokens[i + 1]
            if text[end : nxt.start()].strip().lower() in _JOINS:
                high_num, high_scale = nxt.groups()
                high = _to_float(high_num, high_scale)
                low = _share_scale(num, scale, high, high_num, high_scale)
                # "100,000 Russian and 100,000 Ukrainian" is two numbers; an "and" range
                # needs the low end strictly lower and no words in between (checked above).
                if low < high:
                    readings.append((low, high, start, nxt.end()))
                    i += 2
                    continue
        value = _to_float(num, scale) if scale else float(num.replace(",", ""))
        readings.append((value, value, start, end))
        i += 1
    return readings


def _scan(text: str) -> list[NumberReading]:
    return [NumberReading(*reading) for reading in spans(text)]


def find_numbers(text: str) -> list[NumberReading]:
    """Every number or range stated in running text, in order."""
    return [r for r in _scan(text) if math.isfinite(r.low) and math.isfinite(r.high)]


def read_number(text: str) -> NumberReading | None:
    """Read a whole answer ("7.8m", "15-30 million", "about 40,000") or return None.

    The entire text must be one number or one range, give or take filler words
    like "about" or "or so"; anything else is refused, so the player is asked again
    rather than scored on a misreading.
    """
    stripped = text.strip().replace("\u00a0", " ").replace("_", "")
    stripped = _TRAILING.sub("", _FILLER.sub("", stripped))
    if not stripped or len(stripped) > 64:
        return None
    readings = _scan(stripped)
    if len(readings) != 1:
        return None
    reading = readings[0]
    if reading.start != 0 or reading.end != len(stripped):
        return None
    if not (math.isfinite(reading.high) and reading.low > 0):
        return None
    return NumberReading(reading.low, reading.high, 0, len(text))


def format_number(value: float) -> str:
    """Write a number as a news report would: "5,937", "7.8 million", "15 million"."""
    if not math.isfinite(value):
        return str(value)
    if value >= 1e6:
        for scale, word in ((1e9, "billion"), (1e6, "million")):
            if value >= scale:
                scaled = value / scale
                text = f"{scaled:.2f}".rstrip("0").rstrip(".")
                return f"{text} {word}"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")
