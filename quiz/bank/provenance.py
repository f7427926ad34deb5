"""Provenance: every figure's quote occurs in the article and states the figure's number.

Matching ignores case, runs of whitespace and typographic quotes and dashes
("Kyiv’s" matches "Kyiv's"), and respects the edges of words and numbers: a quote
does not match where it would start or end inside one, so "8 million refugees"
is not found in "7.8 million refugees" nor "937 soldiers" in "5,937 soldiers"
(a "." or "," between two digits joins them). It stays linear in the size of the bank: the article
is normalised once, and when there are many quotes it is indexed by word, so each
quote is checked at the few places its rarest inner word occurs instead of by a
scan of the whole article (10,000 quotes over a 1 MB article would otherwise be
10 GB of comparisons).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from itertools import accumulate
from typing import Any

from quiz.bank.numbers import find_numbers, format_number, spans, word_spans
from quiz.errors import Problem, dotted, quoted

_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00ad": None,
    }
)
# Digits with the separators between them; runs are maximal, so a run inside a quote is
# a whole run in the article too, unless the quote cuts it.
_DIGIT_RUN = re.compile(r"[0-9][0-9,.]*")
_INDEX_ABOVE = 2_000_000
"""Index the article when quotes x article characters exceed this."""


def normalise(text: str) -> str:
    """Fold case, whitespace and typographic quotes and dashes, for quote matching."""
    return " ".join(_fold(text).split())


def _fold(text: str) -> str:
    # Only non-ASCII characters are folded, so most quotes skip the translation.
    return text.lower() if text.isascii() else text.translate(_FOLD).casefold()


def states(quote: str, low: float, high: float, language: str = "en") -> bool:
    """Whether `quote` states the number (low == high) or the range low-high, in digits or
    in words. Digits are tried first: a quote with the right digits never costs a word
    reading."""
    for a, b, _, _ in spans(quote):
        # Equal within float rounding; inlined, as this runs for every figure.
        if abs(a - low) <= 1e-9 * max(a, low, 1.0) and abs(b - high) <= 1e-9 * max(b, high, 1.0):
            return True
    if not any(char.isalpha() for char in quote):
        return False
    return any(_same(a, low) and _same(b, high) for a, b, _, _ in word_spans(quote, language))


MIN_WORDS = 2
"""Words a quote must hold besides its numbers: "12" or "12 arrests" could stand for many
places in an article; "made 12 arrests" identifies one."""
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def words_besides_numbers(quote: str, language: str = "en") -> int:
    """How many words `quote` holds outside the numbers it states."""
    parts = quote.split()
    if len(parts) >= MIN_WORDS + 4:
        return len(parts)  # more than any number's words can take: no need to look closer
    kept = list(quote)
    for _, _, start, end in word_spans(quote, language):
        kept[start:end] = " " * (end - start)
    return len(_WORD.findall("".join(kept)))


def quote_states(figure: Any) -> bool:
    """Whether a `Figure`'s number (or range) can be read from its quote."""
    low, high = figure.bounds
    return states(figure.quote, low, high)


def matcher(article: str, quotes: list[str]) -> Callable[[str], bool]:
    """A test "does this normalised quote occur in the normalised article?"."""
    find = finder(normalise(article), quotes)
    return lambda needle: find(needle) >= 0


def finder(haystack: str, quotes: list[str]) -> Callable[[str], int]:
    """Where a normalised quote first occurs, at word and number edges, in the
    normalised article `haystack`, or -1.

    `quotes` are the normalised quotes that will be asked about. With few, each is
    looked for in the whole article. With many, each is compared only where a number
    it states occurs in the article: a run of digits inside a quote (not cut by its
    first or last character) is a whole run of digits wherever the quote occurs, and
    an article has few of each. Quotes without such a number fall back to the rarest
    of their inner words.
    """
    if len(quotes) * len(haystack) <= _INDEX_ABOVE:
        return lambda needle: bounded_find(haystack, needle)
    keys: dict[str, tuple[str, int]] = {}
    others = []
    for quote in quotes:
        for run in _DIGIT_RUN.finditer(quote):
            start, end = run.span()
            if start > 0 and end < len(quote) and quote[start - 1] not in ",.":
                keys[quote] = (run.group(), start)
                break
        else:
            others.append(quote)
    wanted = {run for run, _ in keys.values()}
    run_starts: dict[str, list[int]] = {}
    for run in _DIGIT_RUN.finditer(haystack):
        text = run.group()
        if text in wanted:
            run_starts.setdefault(text, []).append(run.start())
    # Each quote: the places in the article where it may start.
    anchors = {
        quote: [at - before for at in run_starts.get(run, ()) if at >= before]
        for quote, (run, before) in keys.items()
    }
    if others:
        by_word = _word_index(haystack, others)
        word_starts = _word_starts(haystack, {word for word, _ in by_word.values()})
        for quote, (word, before) in by_word.items():
            anchors[quote] = [at - before for at in word_starts.get(word, ()) if at >= before]

    def find(needle: str) -> int:
        places = anchors.get(needle)
        if places is None:
            return bounded_find(haystack, needle)
        # Anchors are in article order, so the first that fits is the first occurrence.
        for at in places:
            if haystack.startswith(needle, at) and _whole(haystack, at, at + len(needle)):
                return at
        return -1

    return find


def _joined(text: str, at: int) -> bool:
    """Whether the characters either side of position `at` belong to one word or number.

    Letters and digits join; so does a "." or "," with a digit on each side ("7.8", "5,937").
    """
    if at <= 0 or at >= len(text):
        return False
    before, after = text[at - 1], text[at]
    if before.isalnum() and after.isalnum():
        return True
    if after in ".," and before.isdigit():
        return at + 1 < len(text) and text[at + 1].isdigit()
    if before in ".," and after.isdigit():
        return at >= 2 and text[at - 2].isdigit()
    return False


def _whole(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] neither starts nor ends inside a word or number."""
    return not _joined(text, start) and not _joined(text, end)


def bounded_find(haystack: str, needle: str) -> int:
    """Where `needle` first occurs in `haystack` at word and number edges, or -1."""
    at = haystack.find(needle)
    while at >= 0 and not _whole(haystack, at, at + len(needle)):
        at = haystack.find(needle, at + 1)
    return at


def _word_index(haystack: str, quotes: list[str]) -> dict[str, tuple[str, int]]:
    """For each quote of three words or more: its inner word rarest in the article and
    where that word starts in the quote. Inner words are whole words wherever the quote
    occurs; the first and last may be cut ("0,000 troops")."""
    counts = Counter(haystack.split(" "))
    keys: dict[str, tuple[str, int]] = {}
    for quote in quotes:
        parts = quote.split(" ")
        if len(parts) < 3:
            continue
        # Counter gives 0 for a word the article lacks: then the quote cannot occur.
        frequencies = list(map(counts.__getitem__, parts[1:-1]))
        best = frequencies.index(min(frequencies)) + 1
        keys[quote] = (parts[best], sum(map(len, parts[:best])) + best)
    return keys


def _word_starts(haystack: str, wanted: set[str]) -> dict[str, list[int]]:
    words = haystack.split(" ")
    # ends[i] is where word i ends, so word i starts at ends[i] - len(word) (+ i spaces).
    ends = list(accumulate(map(len, words)))
    starts: dict[str, list[int]] = {}
    for index in [i for i, word in enumerate(words) if word in wanted]:
        word = words[index]
        starts.setdefault(word, []).append(ends[index] - len(word) + index)
    return starts


def _cut(article: str, quote: str) -> str | None:
    """If the quote occurs in the article only inside longer words or numbers, say where.

    Runs only for a quote that failed, so normalising the article again costs nothing
    on a valid bank.
    """
    haystack, needle = normalise(article), normalise(quote)
    at = haystack.find(needle)
    if at < 0 or not needle:
        return None
    end = at + len(needle)
    start, stop = at, end
    while _joined(haystack, start):
        start -= 1
    while _joined(haystack, stop):
        stop += 1
    words = quote.split()
    parts = []
    if start < at:
        longer = _as_written(article, haystack[start : at + len(needle.split(" ")[0])])
        parts.append(f"the article has {quoted(longer)} where the quote starts {quoted(words[0])}")
    if stop > end:
        longer = _as_written(article, haystack[end - len(needle.split(" ")[-1]) : stop])
        parts.append(f"the article has {quoted(longer)} where the quote ends {quoted(words[-1])}")
    return "found it only inside longer words or numbers: " + " and ".join(parts)


def _as_written(article: str, folded: str) -> str:
    """`folded` (a word of the normalised article) as the article writes it, where it can tell."""
    found = re.search(re.escape(folded), article, re.IGNORECASE)
    return found.group() if found else folded


def _departure(quote: str, occurs: Callable[[str], bool], article: str) -> str:
    """Where a quote stops matching the article, in the author's words, to show the difference."""
    cut = _cut(article, quote)
    if cut is not None:
        return cut
    words = quote.split()
    agreed = 0
    for count in range(1, len(words) + 1):
        if not occurs(normalise(" ".join(words[:count]))):
            break
        agreed = count
    if agreed < 2:
        return "found no match for its opening words"
    return f"found the article agrees up to {quoted(' '.join(words[:agreed]))} and then differs"


def check(
    figures: dict[str, Any],
    article: str,
    shown: str,
    locate: Callable[[tuple[str | int, ...]], tuple[int | None, int | None]],
    skip: set[str],
    language: str = "en",
) -> list[Problem]:
    """Provenance problems of the raw `[figures]` tables (those in `skip` are not checked);
    `language` is the bank's, for numbers written in words."""
    quotes: dict[str, str] = {}
    needles: dict[str, str] = {}
    for figure_id, figure in figures.items():
        quote = figure.get("quote") if isinstance(figure, dict) else None
        if isinstance(quote, str) and figure_id not in skip:
            quotes[figure_id] = quote
            needles[figure_id] = normalise(quote)
    occurs = matcher(article, list(needles.values()))
    problems = []
    for figure_id, quote in quotes.items():
        figure = figures[figure_id]
        needle = needles[figure_id]
        if not needle or not occurs(needle):
            loc = ("figures", figure_id, "quote")
            problems.append(
                Problem(
                    shown,
                    "expected the quote to occur in the article, "
                    + _departure(quote, occurs, article),
                    dotted(loc),
                    *locate(loc),
                )
            )
            continue
        if words_besides_numbers(quote, language) < MIN_WORDS:
            loc = ("figures", figure_id, "quote")
            problems.append(
                Problem(
                    shown,
                    f"expected a quote with at least {MIN_WORDS} words besides its number,"
                    f" found {quoted(quote)}; quote the clause that states it"
                    ' ("Police made 12 arrests"), so it points at one place in the article',
                    dotted(loc),
                    *locate(loc),
                )
            )
            continue
        value, low, high = figure.get("value"), figure.get("low"), figure.get("high")
        if value is not None:
            low = high = value
        if not (isinstance(low, (int, float)) and isinstance(high, (int, float))):
            continue
        if states(quote, float(low), float(high), language):
            continue
        for key, message in number_problems(quote, low, high, value is not None, language):
            loc = ("figures", figure_id, key)
            problems.append(Problem(shown, message, dotted(loc), *locate(loc)))
    return problems


def number_problems(
    quote: str, low: float, high: float, single: bool, language: str = "en"
) -> list[tuple[str, str]]:
    """(key, message) for a figure whose quote does not state its number or range.

    A range is blamed on the end that differs from a range the quote states (both
    ends when both differ), so the author edits the right line. Numbers are written
    as a news report would ("7.8 million") unless that makes the expected and the
    found read the same (7,800,001 against 7,800,000): then exact digits.
    """
    readings = [(r.low, r.high) for r in find_numbers(quote, language)]
    wanted = (float(low), float(high))
    exact = any(_text(r, False) == _text(wanted, False) for r in readings)
    what = ", ".join(_text(r, exact) for r in readings) if readings else "no number"
    ranges = [r for r in readings if r[0] != r[1]]
    if single:
        message = f"expected the quote to state {_text(wanted, exact)}, found {what}"
        if len(ranges) == 1:
            # The author read a range as one number (often its middle): say how to write it.
            low_end, high_end = ranges[0]
            message += (
                f"; the quote gives a range, so write `low = {_toml(low_end)}` and"
                f" `high = {_toml(high_end)}` instead of `value`"
            )
        return [("value", message)]
    if not ranges:
        message = f"expected the quote to state {_text(wanted, exact)}, found {what}"
        if len(readings) == 1:
            message += (
                f"; the quote gives one number, so write `value = {_toml(readings[0][0])}`"
                " instead of `low` and `high`"
            )
        return [("low", message)]
    if any(_same(r[0], wanted[0]) for r in ranges):
        wrong = ["high"]
    elif any(_same(r[1], wanted[1]) for r in ranges):
        wrong = ["low"]
    else:
        wrong = ["low", "high"]
    ends = {"low": ("from", wanted[0]), "high": ("up to", wanted[1])}
    return [
        (
            key,
            f"expected the quote to state a range {ends[key][0]} {_number(ends[key][1], exact)},"
            f" found {what}",
        )
        for key in wrong
    ]


def _toml(value: float) -> str:
    """A number as a TOML value an author can paste: 90_000, 7.8."""
    return f"{int(value):_}" if value == int(value) else repr(value)


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(a, b, 1.0)


def _number(value: float, exact: bool) -> str:
    if not exact or not math.isfinite(value):
        return format_number(value)
    return f"{int(value):,}" if value == int(value) else f"{value:,}"


def _text(reading: tuple[float, float], exact: bool) -> str:
    low, high = reading
    if low == high:
        return _number(low, exact)
    return f"{_number(low, exact)}–{_number(high, exact)}"
