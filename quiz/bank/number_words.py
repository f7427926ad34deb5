"""Numbers written in words ("two million", "twenty-five thousand", "half a million").

The words are read by `text2num` (Allo-Media's number parser, Rust, MIT): it knows
English, French, Spanish, Portuguese, German, Dutch, Danish and Italian, which is why a
bank's `language` decides what is read. A bank in another language reads digits only.
Two English idioms of news copy that text2num leaves alone are added here: "a dozen"
(12) and a fraction of a scale word ("half a million", "a quarter of a million").

`text2num` is imported on first use only: a quote with digits is proved without it, and
the game's start never needs it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = ["WordNumber", "read_words", "word_numbers"]

_LANGUAGES = frozenset({"en", "fr", "es", "pt", "de", "nl", "da", "it"})
_TOKEN = re.compile(r"\w+|[^\w\s]")
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
_FRACTION = re.compile(
    r"\b(?P<part>half|a quarter of|three quarters of)\s+(?:a|an|one)\s+"
    r"(?P<scale>thousand|million|billion)\b",
    re.IGNORECASE,
)
_PART = {"half": 0.5, "a quarter of": 0.25, "three quarters of": 0.75}
_DOZEN = re.compile(r"\b(?:a|one)\s+dozen\b", re.IGNORECASE)


@dataclass(frozen=True)
class WordNumber:
    """A number written in words: its value, where it stands, and the scale word it ends
    with ("million" in "thirty million"), which a range's low end may share."""

    value: float
    start: int
    end: int
    scale: str | None = None


def _language(tag: str) -> str | None:
    base = tag.split("-", 1)[0].lower()
    return base if base in _LANGUAGES else None


class _Token:
    """The token protocol text2num reads: a word or a punctuation mark, with its place."""

    __slots__ = ("end", "start", "word")

    def __init__(self, word: str, start: int) -> None:
        self.word = word
        self.start = start
        self.end = start + len(word)

    def text(self) -> str:
        return self.word

    def nt_separated(self, previous: Any) -> bool:
        return False

    def not_a_number_part(self) -> bool:
        return False


def word_numbers(text: str, language: str = "en") -> list[WordNumber]:
    """Every number written in words in running text, in order (digits are not read here).

    Numbers text2num takes for lone small words ("one of them") are not reported: it reads
    a lone number word only from three up ("three", "a dozen" but not "one").
    """
    lang = _language(language)
    if lang is None:
        return []
    found = _word_numbers(text, lang)
    return list(found)


@lru_cache(maxsize=4096)
def _word_numbers(text: str, lang: str) -> tuple[WordNumber, ...]:
    from text_to_num import find_numbers

    found: list[WordNumber] = []
    taken: list[tuple[int, int]] = []
    if lang == "en":
        for match in _FRACTION.finditer(text):
            value = _PART[" ".join(match["part"].lower().split())] * _SCALES[match["scale"].lower()]
            found.append(WordNumber(value, match.start(), match.end(), None))
            taken.append(match.span())
        for match in _DOZEN.finditer(text):
            found.append(WordNumber(12.0, match.start(), match.end(), None))
            taken.append(match.span())
    tokens = [_Token(m.group(), m.start()) for m in _TOKEN.finditer(text)]
    for occurrence in find_numbers(tokens, lang):
        if occurrence.is_ordinal:
            continue
        first, last = tokens[occurrence.start], tokens[occurrence.end - 1]
        if any(first.start < end and start < last.end for start, end in taken):
            continue
        if any(token.word[0].isdigit() for token in tokens[occurrence.start : occurrence.end]):
            continue  # digits are the digit reader's
        if occurrence.start and tokens[occurrence.start - 1].word[-1].isdigit():
            continue  # the scale word of "7.8 million"
        scale = last.word.lower() if last.word.lower() in _SCALES else None
        found.append(WordNumber(float(occurrence.value), first.start, last.end, scale))
    found.sort(key=lambda number: number.start)
    return tuple(found)


def read_words(text: str, language: str = "en") -> float | None:
    """The number `text` is, written entirely in words ("twenty thousand", "half a
    million", "a dozen", "One"), or None."""
    lang = _language(language)
    stripped = " ".join(text.split())
    if lang is None or not stripped or any(c.isdigit() for c in stripped):
        return None
    if lang == "en":
        whole = _FRACTION.fullmatch(stripped)
        if whole:
            return _PART[" ".join(whole["part"].lower().split())] * _SCALES[whole["scale"].lower()]
        if _DOZEN.fullmatch(stripped):
            return 12.0
        # "a million", "a hundred": the article stands for one.
        stripped = re.sub(
            r"^(?:a|an)\s+(?=hundred|thousand|million|billion)",
            "one ",
            stripped,
            flags=re.IGNORECASE,
        )
    from text_to_num import text2num

    try:
        return float(text2num(stripped.lower(), lang))
    except ValueError:
        return None
