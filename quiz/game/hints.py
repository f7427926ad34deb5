"""Example numbers for hints, made so that none of them is a number of the bank.

Placeholders, the help screen, messages about a mistyped number, `--plain`'s header and
the classroom student's field show how to type a number ("6.4m, 6,400,000, about 23k,
3.2-6.4 million"). Fixed examples would sooner or later be a bank's answer (the first ones,
"7.8m, 7,800,000, about 40k, 15-30 million", were the shipped bank's UN, civilian and
refugee figures), so the examples are chosen per bank and per quiz: the first candidates
none of whose numbers (a range's middle included) is within a factor `AWAY` of a number
the bank states (figure values and ranges, hand-written answers, options and bounds,
every number in its titles, quotes, prompts and explanations, the ratios a "how many
times" question can ask) or of an option or bound of the quiz being played.

Every input style still shows: a suffix ("6.4m"), commas ("6,400,000"), "about", a range
and a scale word ("3.2-6.4 million"). If no candidate is clear (a bank stating numbers at
every scale), the hints say how to type a number without one (`NONE`).

Numbers are read in digits (with "m", "k" or a scale word: "7.8 million"), not spelled
out ("twenty thousand"): the word reader loads text2num, which a game must not import
before its first screen (tests/test_game_imports.py). Figures, written answers and
bounds are numbers already, and generated options are written in digits.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from quiz.bank.loader import LoadedBank
from quiz.bank.numbers import spans
from quiz.game.question import Question

AWAY = 1.5
"""Every example is more than this factor from every number of the bank and the quiz."""

_MANTISSAS = (6.4, 3.7, 2.3, 8.6, 4.9, 1.3, 5.2, 7.1, 9.4, 2.8, 1.7, 4.3, 1.1, 3.2, 5.8)
_SCALES = (1e6, 1e3, 1e9, 1e4, 1e5, 1e7, 1e8, 1e10, 1e11, 1e12)
"""Candidates are tried in this order: everyday-looking numbers, millions first."""
_RANGE_RATIO = 2.0
"""A range example spans this factor ("3.2-6.4 million")."""

_UNITS = ((1e9, "bn", "billion"), (1e6, "m", "million"), (1e3, "k", "thousand"))


@dataclass(frozen=True)
class Examples:
    """One number written several ways, a rough one, a range and an interval's bounds."""

    short: str
    """ "6.4m": a suffix """
    digits: str
    """ "6,400,000": commas """
    words: str
    """ "6.4 million": a scale word """
    about: str
    """ "about 23k" """
    range: str
    """ "3.2-6.4 million": a range, read as its middle for one estimate """
    interval: str
    """ "1,300-2,600": a low and a high bound, for interval mode """

    @property
    def placeholder(self) -> str:
        """Every style, for an estimate field: "6.4m, 6,400,000, about 23k, 3.2-6.4 million"."""
        if not self.short:
            return NO_EXAMPLE
        return f"{self.short}, {self.digits}, {self.about}, {self.range}"

    @property
    def typed(self) -> str:
        """One number, for a line of text: "6.4 million, 6,400,000, 6.4m or about 23k"."""
        if not self.short:
            return NO_EXAMPLE
        return f"{self.words}, {self.digits}, {self.short} or {self.about}"

    @property
    def bounds(self) -> str:
        """Two bounds on one line, for interval mode: "1,300-2,600"."""
        return self.interval or "a low and a high number with a dash between"


NONE = Examples("", "", "", "", "", "")
"""No example at all: the hints say how to type a number without one."""

NO_EXAMPLE = "digits with commas, k, m or million, or about"
"""How to type a number without an example, when no candidate is clear of the bank."""


def _ratios(loaded: LoadedBank) -> list[float]:
    """Every ratio between two figures of one measure: what "how many times" asks."""
    by_measure: dict[str, list[float]] = {}
    for figure in loaded.bank.figures.values():
        by_measure.setdefault(figure.measure, []).extend(figure.bounds)
    ratios = []
    for values in by_measure.values():
        ratios += [a / b for a in values for b in values if a > b > 0]
    return ratios


def bank_numbers(loaded: LoadedBank) -> list[float]:
    """Every number the bank states or asks on a screen of the quiz. The article's own
    text is left out: every figure's number is in its quote, the rest (dates, "1979")
    answers nothing, and reading a long article's number words would slow the start."""
    bank = loaded.bank
    texts = [bank.bank.title, bank.bank.description or ""]
    texts.append(bank.article.title or "")
    numbers: list[float] = _ratios(loaded)
    for figure in bank.figures.values():
        numbers.extend(figure.bounds)
        texts += [figure.quote, figure.explain or "", figure.counts, figure.ask or ""]
    for written in bank.questions:
        texts += [written.prompt, written.explain or "", *(written.options or [])]
        for value in (written.answer, written.low, written.high):
            if isinstance(value, (int, float)):
                numbers.append(float(value))
            elif isinstance(value, str):
                texts.append(value)
    for text in texts:
        numbers += [n for low, high, _, _ in spans(text) for n in (low, high)]
    return numbers


def _quiz_numbers(questions: Iterable[Question]) -> list[float]:
    numbers: list[float] = []
    for question in questions:
        numbers += [n for n in (question.low, question.high) if n is not None]
        for option in question.options:
            numbers += [n for low, high, _, _ in spans(option) for n in (low, high)]
    return numbers


def clear(value: float, numbers: Iterable[float]) -> bool:
    """Whether `value` is more than AWAY from every one of `numbers` (both above zero)."""
    return all(not (n / AWAY <= value <= n * AWAY) for n in numbers if n > 0)


def _scaled(value: float) -> tuple[float, str, str]:
    for scale, suffix, word in _UNITS:
        if value >= scale:
            return value / scale, suffix, word
    return value, "", ""


def _short(value: float) -> str:
    number, suffix, _ = _scaled(value)
    return f"{number:g}{suffix}"


def _words(value: float) -> str:
    number, _, word = _scaled(value)
    return f"{number:g} {word}".strip()


def _pick(numbers: list[float], taken: list[float], ratio: float, first: float) -> list[float]:
    """The first candidate v with v * ratio (and their middle) clear of `numbers` and
    not already `taken`, trying the scale `first` before the others."""
    for scale in (first, *(s for s in _SCALES if s != first)):
        for mantissa in _MANTISSAS:
            low = round(mantissa * scale, 6)
            values = [low] if ratio == 1 else [low, low * ratio, low * math.sqrt(ratio)]
            if low not in taken and all(clear(v, numbers) for v in values):
                taken.extend(values)
                return values
    return []


def examples(loaded: LoadedBank, questions: Iterable[Question] = ()) -> Examples:
    """Examples none of whose numbers is within AWAY of a number of the bank or the quiz.

    The same bank and questions give the same examples, so the TUI, `--plain` and the
    classroom show the same hints for one quiz.
    """
    numbers = bank_numbers(loaded) + _quiz_numbers(questions)
    taken: list[float] = []
    main = _pick(numbers, taken, 1, 1e6)
    rough = _pick(numbers, taken, 1, 1e3)
    span = _pick(numbers, taken, _RANGE_RATIO, 1e6)
    bounds = _pick(numbers, taken, _RANGE_RATIO, 1e3)
    if not (main and rough and span and bounds):
        return NONE
    low, high = span[0], span[1]
    scaled_low, _, word = _scaled(low)
    # "3.2-6.4 million": both ends in the low end's scale word, as a reporter writes a range.
    scale = low / scaled_low
    range_text = f"{scaled_low:g}-{high / scale:g} {word}".strip()
    return Examples(
        short=_short(main[0]),
        digits=f"{main[0]:,.0f}",
        words=_words(main[0]),
        about=f"about {_short(rough[0])}",
        range=range_text,
        interval=f"{bounds[0]:,.0f}-{bounds[1]:,.0f}",
    )
