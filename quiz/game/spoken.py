"""English numbers written in words, read without the full word reader.

`quiz.bank.number_words` reads numbers in words with text2num (eight languages, ranges,
idioms), which the game does not load before its first screen. The disclosure model
(`quiz.game.disclosure`) reads every card of a quiz before that screen, and a card says
"two months later" or "about seventeen times": this reader covers what news copy writes
in English — units, tens, "twenty-five", "a hundred", "two hundred thousand", "one
million two hundred thousand", "a dozen", and a low end sharing the high end's scale
("between fifteen and thirty million"). A lone "one" or "two" is no number ("one of
them"), as for text2num. Fractions ("half a million") are left to the full reader: a
text holding one is read by it.
"""

from __future__ import annotations

import re

_UNIT_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
    " fifteen sixteen seventeen eighteen nineteen"
)
_TEN_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety"
UNITS = {word: value for value, word in enumerate(_UNIT_WORDS.split(" "))}
TENS = {word: 10 * (n + 2) for n, word in enumerate(_TEN_WORDS.split(" "))}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
FRACTIONS = frozenset({"half", "quarter"})
"""Words this reader leaves to the full one."""
_TOKEN = re.compile(r"[^\W\d_]+|\d[\d,.]*|-")
_JOINS = frozenset({"and", "to", "-"})


def spoken_numbers(text: str) -> list[tuple[float, float, int]]:
    """(low, high, end) of every number in words in an English text (digits are not
    read here), `end` where its last word ends."""
    found: list[tuple[float, float, int]] = []
    total = current = 0.0
    words = 0
    end = 0
    previous = ""

    def close() -> None:
        nonlocal total, current, words
        value = total + current
        if words and not (words == 1 and value < 3 and not total):
            found.append((value, value, end))
        total = current = 0.0
        words = 0

    for match in _TOKEN.finditer(text):
        word = match.group().casefold()
        article = previous in ("a", "an")
        if word in UNITS and not (words and current % 10 and current < 100):
            current += UNITS[word]
        elif word in TENS and not (words and current % 100):
            current += TENS[word]
        elif word == "hundred" and (words or article):
            current = (current or 1) * 100
        elif word in SCALES and (words or article) and not previous[:1].isdigit():
            total += (current or 1) * SCALES[word]
            current = 0.0
        elif word == "dozen" and (article or previous == "one"):
            current = 12.0
            words += 1  # "a dozen" reads as a number however short
        elif word == "-" and words:
            previous = word
            continue  # "twenty-five"
        elif word == "and" and words and (current >= 100 or total):
            previous = word
            continue  # "one hundred and five"
        else:
            close()
            previous = word
            continue
        words += 1
        end = match.end()
        previous = word
    close()
    return _ranges(found, text)


def _ranges(found: list[tuple[float, float, int]], text: str) -> list[tuple[float, float, int]]:
    """Join "fifteen and thirty million" into one range, the low end taking the high
    end's scale when that keeps it lower."""
    joined: list[tuple[float, float, int]] = []
    index = 0
    while index < len(found):
        low, _, end = found[index]
        if index + 1 < len(found):
            high, _, high_end = found[index + 1]
            between = text[end:high_end].casefold().split()
            if between and between[0] in _JOINS and low < high:
                for scale in sorted(SCALES.values(), reverse=True):
                    if high >= scale and high % scale == 0 and low < 1000 and low * scale < high:
                        low *= scale
                        break
                joined.append((low, high, high_end))
                index += 2
                continue
        joined.append(found[index])
        index += 1
    return joined
