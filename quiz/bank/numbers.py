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
- Numbers written in words are read too, in the bank's language where text2num knows
  it (quiz.bank.number_words): "two million", "twenty-five thousand", "half a million",
  "a dozen", and ranges such as "between fifteen and thirty million". Provenance tries
  digits first, so a quote with digits never pays for the word reader.
- A typed answer may end with the figure's unit or its abbreviation when the caller
  passes them (`units=("kilometre", "kilometres", "km")`): "4.5 km", "12 arrests",
  "2.5 times", "17x". It may group thousands with spaces ("25 000") and use an exponent
  ("1e5").
- Answers are above zero: "0" and "-5" are refused, and `number_problem` says so in
  words rather than "can't read". In running text "-" is a range dash.
  "nan" and "inf" are words.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from quiz.bank.number_words import read_words, word_numbers

__all__ = [
    "NumberReading",
    "find_numbers",
    "format_number",
    "number_problem",
    "read_number",
    "spans",
    "word_spans",
]

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
    "trillion": 1e12,
    "trillions": 1e12,
    "tn": 1e12,
}

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_SCALE = r"thousand|millions?|billions?|trillions?|mln|mn|bn|tn|k|m|b"
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


def word_spans(text: str, language: str = "en") -> list[tuple[float, float, int, int]]:
    """(low, high, start, end) of every number or range written in digits or in words.

    Word numbers that overlap a digit reading are left to it; two word numbers joined by
    "and", "to" or a dash, the first lower, are a range whose low end shares the high
    end's scale word ("between fifteen and thirty million").
    """
    digits = spans(text)
    words = word_numbers(text, language) if _has_letters(text) else []
    if not words:
        return digits
    readings = list(digits)
    index = 0
    while index < len(words):
        word = words[index]
        if any(word.start < end and start < word.end for _, _, start, end in digits):
            index += 1
            continue
        if index + 1 < len(words):
            nxt = words[index + 1]
            if text[word.end : nxt.start].strip().lower() in _JOINS:
                low = word.value
                if word.scale is None and nxt.scale is not None:
                    shared = low * SCALES[nxt.scale]
                    low = shared if shared < nxt.value else low
                if low < nxt.value:
                    readings.append((low, nxt.value, word.start, nxt.end))
                    index += 2
                    continue
        readings.append((word.value, word.value, word.start, word.end))
        index += 1
    readings.sort(key=lambda reading: reading[2])
    return readings


def _has_letters(text: str) -> bool:
    return any(char.isalpha() for char in text)


def _scan(text: str, language: str = "en") -> list[NumberReading]:
    return [NumberReading(*reading) for reading in word_spans(text, language)]


def find_numbers(text: str, language: str = "en") -> list[NumberReading]:
    """Every number or range stated in running text, in digits or in words, in order."""
    return [r for r in _scan(text, language) if math.isfinite(r.low) and math.isfinite(r.high)]


_SPACED = re.compile(r"(?<=\d)[ \u00a0\u202f](?=\d{3}(?!\d))")
_EXPONENT = re.compile(r"(?P<num>\d+(?:\.\d+)?e\+?\d{1,3})(?![a-z0-9])", re.IGNORECASE)
_NEGATIVE = re.compile(r"^[-−–]\s*\d")


def _strip_unit(text: str, units: Iterable[str]) -> str:
    """`text` without one of `units` at its end, when a number stands before it."""
    folded = text.casefold()
    for unit in sorted({u.strip() for u in units if u.strip()}, key=len, reverse=True):
        word = unit.casefold()
        if folded.endswith(word):
            rest = text[: len(text) - len(word)]
            # "17x" and "4.5km" need no space; a word unit needs a boundary before it.
            if rest.rstrip() and (
                rest[-1:].isspace()
                or not word[0].isalpha()
                or (rest.rstrip()[-1:].isdigit() and len(word) <= 3)
            ):
                return rest.rstrip()
    return text


def _prepare(text: str, units: Iterable[str]) -> str:
    stripped = text.strip().replace("\u00a0", " ").replace("_", "")
    stripped = _TRAILING.sub("", _FILLER.sub("", stripped))
    stripped = _strip_unit(stripped, units)
    stripped = _TRAILING.sub("", stripped)
    return _SPACED.sub("", stripped)


def read_number(
    text: str, *, units: Iterable[str] = (), language: str = "en"
) -> NumberReading | None:
    """Read a whole answer ("7.8m", "15-30 million", "about 40,000", "twenty thousand",
    "4.5 km" when "km" is among `units`) or return None.

    The entire text must be one number or one range, give or take filler words
    like "about" or "or so" and the unit; anything else is refused, so the player is
    asked again rather than scored on a misreading. `number_problem` says why.
    """
    stripped = _prepare(text, units)
    # Digits fit in 64 characters; "nine hundred eighty-seven billion ... eighty-nine" not.
    if not stripped or len(stripped) > (64 if any(c.isdigit() for c in stripped) else 300):
        return None
    exponent = _EXPONENT.fullmatch(stripped)
    if exponent:
        value = float(exponent["num"])
        ok = math.isfinite(value) and value > 0
        return NumberReading(value, value, 0, len(text)) if ok else None
    readings = _scan(stripped, language)
    if len(readings) != 1 or (readings[0].start, readings[0].end) != (0, len(stripped)):
        words = read_words(stripped, language)
        if words is None or not (math.isfinite(words) and words > 0):
            return None
        return NumberReading(words, words, 0, len(text))
    reading = readings[0]
    if not (math.isfinite(reading.high) and reading.low > 0):
        return None
    return NumberReading(reading.low, reading.high, 0, len(text))


def number_problem(text: str, *, units: Iterable[str] = (), language: str = "en") -> str | None:
    """Why `text` is not an answer `read_number` takes, in a player's words; None if it is."""
    if read_number(text, units=units, language=language) is not None:
        return None
    stripped = _prepare(text, units)
    if _NEGATIVE.match(stripped):
        return f"The numbers here are above zero: {text.strip()!r} is negative."
    readings = _scan(stripped, language)
    whole = (
        len(readings) == 1 and (readings[0].start, readings[0].end) == (0, len(stripped))
    ) or read_words(stripped, language) is not None
    if whole and ((readings and readings[0].low == 0) or read_words(stripped, language) == 0):
        return f"The numbers here are above zero: {text.strip()!r} is zero."
    if whole:
        return f"{text.strip()!r} is too large to be an answer here."
    return f"Can't read {text.strip()!r} as a number."


def about_number(value: float) -> str:
    """A number the game worked out (a range's middle) to three significant figures, as a
    reader takes it in: 21,213.2 -> "21,200", 21,213,203 -> "21.2 million", 2.1213 -> "2.12".
    The exact value is kept for scoring; this is only how it is shown, after "about"."""
    if not (math.isfinite(value) and value > 0):
        return format_number(value)
    return format_number(round(value, 2 - math.floor(math.log10(value))))


def format_number(value: float) -> str:
    """Write a number as a news report would: "5,937", "7.8 million", "15 million".

    Past a thousand trillion no scale word helps a reader: the number is written with
    its power of ten ("1e+20").
    """
    if not math.isfinite(value):
        return str(value)
    if value >= 1e15:
        return f"{value:.3g}"
    if value >= 1e6:
        for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
            if value >= scale:
                scaled = value / scale
                text = f"{scaled:.2f}".rstrip("0").rstrip(".")
                return f"{text} {word}"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")
