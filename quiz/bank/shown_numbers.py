"""The numbers a bank's start-screen texts state, read once when the bank is checked.

The start screen masks every number of the bank's title, description and article
headline that a question asks (quiz.game.start_texts), in digits and in words ("a
hundred thousand", "seventeen", "half a million"). Reading words takes text2num, which
a game must not import before its first screen (tests/test_game_imports.py): so the
readings are made by the full check, which reads words anyway (provenance), and kept
in the bank cache and the shipped entry beside the bank (quiz.bank.cache). A bank
loaded from either has them without reading a word; `LoadedBank.readings` is None only
for a bank built by hand, and `readings_of` then reads the text itself.
"""

from __future__ import annotations

import math

from quiz.bank import data as bankdata
from quiz.bank.numbers import word_spans

Reading = tuple[float, float, int, int]
"""(low, high, start, end) of a number or range in a text."""
Readings = dict[str, list[Reading]]
"""Each shown text's readings, keyed by the text itself."""


def shown_texts(bank: bankdata.Bank) -> list[str]:
    """The bank's texts a player reads before the first question."""
    texts = [bank.bank.title, bank.bank.description or "", bank.article.title or ""]
    return [text for text in texts if text]


def read_shown(bank: bankdata.Bank) -> Readings:
    """Every number, in digits or words, of the bank's shown texts."""
    return {text: word_spans(text, bank.bank.language) for text in shown_texts(bank)}


def readings_of(text: str, language: str, readings: Readings | None) -> list[Reading]:
    """The readings of `text`: kept ones when there are, else read now."""
    if readings is not None and text in readings:
        return readings[text]
    return word_spans(text, language)


def from_json(data: object) -> Readings | None:
    """Readings as the cache stored them, or None when they are not well formed."""
    if not isinstance(data, dict):
        return None
    found: Readings = {}
    for text, items in data.items():
        if not isinstance(text, str) or not isinstance(items, list):
            return None
        readings: list[Reading] = []
        for item in items:
            if not (isinstance(item, list) and len(item) == 4):
                return None
            low, high, start, end = item
            numbers = (low, high)
            if not all(isinstance(n, int | float) and math.isfinite(n) for n in numbers):
                return None
            if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end):
                return None
            readings.append((float(low), float(high), start, end))
        found[text] = readings
    return found
