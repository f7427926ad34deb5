"""Provenance: every figure's quote occurs in the article and states the figure's number.

Matching ignores case, runs of whitespace and typographic quotes and dashes
("Kyiv’s" matches "Kyiv's"). It stays linear in the size of the bank: the article
is normalised once, and when there are many quotes it is indexed by word, so each
quote is checked at the few places its rarest inner word occurs instead of by a
scan of the whole article (10,000 quotes over a 1 MB article would otherwise be
10 GB of comparisons).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from quiz.errors import Problem, dotted, quoted
from quiz.numbers import find_numbers, format_number

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
_SPACE = re.compile(r"\s+")
_INDEX_ABOVE = 2_000_000
"""Index the article when quotes x article characters exceed this."""


def normalise(text: str) -> str:
    """Fold case, whitespace and typographic quotes and dashes, for quote matching."""
    return _SPACE.sub(" ", text.translate(_FOLD)).strip().casefold()


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1.0)


def states(quote: str, low: float, high: float) -> bool:
    """Whether `quote` states the number (low == high) or the range low-high."""
    return any(_close(r.low, low) and _close(r.high, high) for r in find_numbers(quote))


def quote_states(figure: Any) -> bool:
    """Whether a `Figure`'s number (or range) can be read from its quote."""
    low, high = figure.bounds
    return states(figure.quote, low, high)


def matcher(article: str, quotes: int) -> Callable[[str], bool]:
    """A test "does this normalised quote occur in the normalised article?"."""
    haystack = normalise(article)
    if quotes * len(haystack) <= _INDEX_ABOVE:
        return lambda needle: needle in haystack
    starts: dict[str, list[int]] = {}
    offset = 0
    for word in haystack.split(" "):
        starts.setdefault(word, []).append(offset)
        offset += len(word) + 1

    def occurs(needle: str) -> bool:
        words = needle.split(" ")
        # Inner words are whole words wherever the quote occurs; the first and last
        # may be cut ("0,000 troops"), so they cannot be looked up.
        inner = [(len(starts.get(w, ())), i) for i, w in enumerate(words[1:-1], start=1)]
        if not inner:
            return needle in haystack
        count, index = min(inner)
        if count == 0:
            return False
        before = sum(len(w) + 1 for w in words[:index])
        return any(
            haystack.startswith(needle, at - before) for at in starts[words[index]] if at >= before
        )

    return occurs


def _departure(quote: str, occurs: Callable[[str], bool]) -> str:
    """Where a quote stops matching the article, in the author's words, to show the difference."""
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
) -> list[Problem]:
    """Provenance problems of the raw `[figures]` tables (those in `skip` are not checked)."""
    occurs = matcher(article, len(figures))
    problems = []
    for figure_id, figure in figures.items():
        if figure_id in skip or not isinstance(figure, dict):
            continue
        quote = figure.get("quote")
        if not isinstance(quote, str):
            continue
        needle = normalise(quote)
        if not needle or not occurs(needle):
            loc = ("figures", figure_id, "quote")
            problems.append(
                Problem(
                    shown,
                    "expected the quote to occur in the article, " + _departure(quote, occurs),
                    dotted(loc),
                    *locate(loc),
                )
            )
            continue
        value, low, high = figure.get("value"), figure.get("low"), figure.get("high")
        if value is not None:
            low = high = value
            key = "value"
        else:
            key = "low"
        if not (isinstance(low, int | float) and isinstance(high, int | float)):
            continue
        if not states(quote, float(low), float(high)):
            wanted = format_number(low)
            if low != high:
                wanted += f"–{format_number(high)}"
            stated = [r.describe() for r in find_numbers(quote)]
            what = ", ".join(stated) if stated else "no number"
            loc = ("figures", figure_id, key)
            problems.append(
                Problem(
                    shown,
                    f"expected the quote to state {wanted}, found {what}",
                    dotted(loc),
                    *locate(loc),
                )
            )
    return problems
