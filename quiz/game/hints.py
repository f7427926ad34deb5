"""Example numbers for hints, made so that none of them is a number of the bank.

Placeholders, the help screen, messages about a mistyped number, `--plain`'s header and
the classroom student's field show how to type a number ("6.4m, 6,400,000, about 23k,
3.2-4.8 million"). Fixed examples would sooner or later be a bank's answer (the first ones,
"7.8m, 7,800,000, about 40k, 15-30 million", were the shipped bank's UN, civilian and
refugee figures), so the examples are chosen per bank and per quiz: the candidates
nearest the bank's own scale (`bank_span`: its median figure, and never beyond x`SPAN`
of its smallest and largest, so a bank of soldier counts gets thousands or millions,
never "6.4-12.8 billion" beside them) none of whose numbers (a range's middle included)
is within a factor `AWAY` of a number the bank states (figure values and ranges,
hand-written answers, options and bounds, every number in its titles, quotes, prompts
and explanations, the ratios a "how many times" question can ask) or of an option or
bound of the quiz being played.

A "how many times" question gets ratio-sized examples instead ("5.8x, 5.8, about 9.1x"),
the same for every such question of a quiz, chosen by the same rule among the ratios a
reader meets (1.2 to 60); "64k" would be no help there. Where none is clear (the shipped
bank's ratios cover 1.5 to 17, and the numbers around them), the hint says "a plain
number, with or without an x" and shows none.

Every input style still shows: a suffix ("6.4m"), commas ("6,400,000"), "about", a range
and a scale word ("3.2-4.8 million"). If no candidate is clear (a bank stating numbers at
every scale), examples need only differ from each other; if none is clear at all, the
hints say how to type a number without one (`NONE`: on the shipped bank, about 1 quiz in
300, whose options fill the rest of its scale).

Numbers are read in digits (with "m", "k" or a scale word: "7.8 million"), not spelled
out ("twenty thousand"): the word reader loads text2num, which a game must not import
before its first screen (tests/test_game_imports.py). Figures, written answers and
bounds are numbers already, and generated options are written in digits.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable
from dataclasses import dataclass

from quiz.bank.loader import LoadedBank
from quiz.bank.numbers import spans
from quiz.game.distractors import round_significant
from quiz.game.question import Question

AWAY = 1.5
"""Every example is more than this factor from every number of the bank and the quiz."""

_MANTISSAS = (
    6.4, 3.7, 2.3, 8.6, 4.9, 1.3, 5.2, 7.1, 9.4, 2.8, 1.7, 4.3, 1.1, 3.2, 5.8,
    1.2, 1.5, 1.9, 2.1, 2.6, 3.4, 3.9, 4.6, 5.5, 6.1, 6.7, 7.6, 8.2, 9.1,
)  # fmt: skip
_SCALES = (1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12)
"""Candidates are everyday-looking mantissas at these scales (from a thousand up, so that
every example can show a suffix and a scale word), tried nearest the bank's scale first."""
_RANGE_RATIO = 1.5
"""A range example spans this factor ("3.2-4.8 million"): narrow enough to fit between
the numbers of a bank and its quiz (a range needs a gap of `AWAY`**2 times this) near
the bank's own scale."""

SPAN = 10.0
"""Examples stay within this factor of the bank's smallest and largest figures."""

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
    """ "3.2-4.8 million": a range, read as its middle for one estimate """
    interval: str
    """ "1,300-1,950": a low and a high bound, for interval mode """
    fallback: str = ""
    """What the hints say instead when there is no example (`NO_EXAMPLE` if empty)."""
    ratios: Examples | None = None
    """The same styles for a "how many times" question ("2.6x, 2.6, about 8.2x, 1.3-1.9"),
    where "64k" would be no help; None when no ratio is clear of the bank's numbers."""

    def for_question(self, question: Question) -> Examples:
        """The examples to show while `question` is asked: ratio-sized for a "how many
        times" question (the same for every such question of the quiz, so they tell
        nothing of one answer), else these. A ratio question with no clear ratio example
        gets none rather than "64k"."""
        if question.unit != "times":
            return self
        return self.ratios or NO_RATIO

    @property
    def without_example(self) -> str:
        """How to type a number when there is no example."""
        return self.fallback or NO_EXAMPLE

    @property
    def placeholder(self) -> str:
        """Every style, for an estimate field: "6.4m, 6,400,000, about 23k, 3.2-4.8 million"."""
        if not self.short:
            return self.without_example
        return f"{self.short}, {self.digits}, {self.about}, {self.range}"

    @property
    def typed(self) -> str:
        """One number, for a line of text: "6.4 million, 6,400,000, 6.4m or about 23k"."""
        if not self.short:
            return self.without_example
        return f"{self.words}, {self.digits}, {self.short} or {self.about}"

    @property
    def bounds(self) -> str:
        """Two bounds on one line, for interval mode: "1,300-1,950"."""
        return self.interval or "a low and a high number with a dash between"


NONE = Examples("", "", "", "", "", "")
"""No example at all: the hints say how to type a number without one."""

NO_EXAMPLE = "digits with commas, a k or m suffix, or about"
"""How to type a number without an example, when no candidate is clear of the bank. It
has no number word: "million" alone reads as 1,000,000, a number the bank may state."""


def field_hint(examples: str) -> str:
    """An estimate field's placeholder for `examples` (an `Examples.placeholder`, or the
    words a host sent): "e.g." only before numbers; without an example the words say how."""
    return f"e.g. {examples}" if any(c.isdigit() for c in examples) else examples


NO_RATIO = Examples("", "", "", "", "", "", fallback="a plain number, with or without an x")
"""A "how many times" question's hint when no ratio is clear of the bank's numbers (on
the shipped bank, whose ratios run from 1.5 to 17, none is)."""


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


def bank_span(loaded: LoadedBank) -> tuple[float, float, float]:
    """The bank's own scale: its smallest and largest figures widened by `SPAN` each way,
    and its median figure (a million and no bounds for a bank with no positive figure).
    Examples are sought nearest the median and only within the span, so a bank of soldier
    counts gets examples in thousands or millions, never "6.4-12.8 billion"."""
    middles = sorted(
        math.sqrt(low * high)
        for low, high in (f.bounds for f in loaded.bank.figures.values())
        if low > 0
    )
    if not middles:
        return 0.0, math.inf, 1e6
    return middles[0] / SPAN, middles[-1] * SPAN, middles[len(middles) // 2]


def _candidates(loaded: LoadedBank) -> list[float]:
    """Every candidate within the bank's span, nearest its median first (on a log scale);
    ties in mantissa order."""
    lowest, highest, median = bank_span(loaded)
    centre = math.log(median)
    found = [round(m * s, 6) for s in _SCALES for m in _MANTISSAS]
    return sorted(
        (v for v in found if lowest <= v and v * _RANGE_RATIO <= highest),
        key=lambda v: abs(math.log(v) - centre),
    )


def _pick(
    numbers: list[float], taken: list[float], ratio: float, candidates: list[float]
) -> list[float]:
    """The first of `candidates` v with v * ratio (and their middle) clear of `numbers`
    and of the examples already `taken`; its numbers join `taken`."""
    for low in candidates:
        if _scaled(low)[0] * ratio >= 1000:
            continue  # "520-780 thousand": a reporter changes scale word first
        # A range's high end as a person writes it: 4.9 x 1.5 is "7.4", not "7.35".
        high = low if ratio == 1 else round_significant(low * ratio, 2)
        values = [low] if ratio == 1 else [low, high, math.sqrt(low * high)]
        if all(clear(v, numbers) and clear(v, taken) for v in values):
            taken.extend(values)
            return values
    return []


def _four(numbers: list[float], candidates: list[float], apart: bool) -> list[list[float]]:
    """The main, rough, range and interval examples; `apart`: each more than AWAY from
    the others too (no "64k, about 61k"), else only distinct."""
    taken: list[float] = []
    found = []
    for ratio in (1, 1, _RANGE_RATIO, _RANGE_RATIO):
        values = _pick(numbers, taken if apart else [], ratio, candidates)
        if not apart:
            candidates = [c for c in candidates if c not in values]
        found.append(values)
    return found


_RATIO_CANDIDATES = sorted(
    (round(m * s, 6) for s in (1, 10) for m in _MANTISSAS if 1.2 <= m * s <= 60),
    key=lambda v: abs(math.log(v) - math.log(3)),
)
"""Ratios as a reader meets them, nearest "3 times" first."""


def _ratio_examples(numbers: list[float]) -> Examples | None:
    """Ratio-sized examples clear of `numbers` (the bank's ratios among them), or None."""
    main, rough, _, bounds = _four(numbers, _RATIO_CANDIDATES, apart=True)
    if not (main and rough and bounds):
        return None
    return Examples(
        short=f"{main[0]:g}x",
        digits=f"{main[0]:g}",
        words=f"{main[0]:g} times",
        about=f"about {rough[0]:g}x",
        range=f"{bounds[0]:g}-{bounds[1]:g}",
        interval=f"{bounds[0]:g}-{bounds[1]:g}",
    )


def examples(loaded: LoadedBank, questions: Iterable[Question] = ()) -> Examples:
    """Examples none of whose numbers is within AWAY of a number of the bank or the quiz.

    The same bank and questions give the same examples, so the TUI, `--plain` and the
    classroom show the same hints for one quiz.
    """
    numbers = bank_numbers(loaded) + _quiz_numbers(questions)
    ratios = _ratio_examples(numbers)
    candidates = _candidates(loaded)
    main, rough, span, bounds = _four(numbers, candidates, apart=True)
    if not (main and rough and span and bounds):
        # A crowded bank: examples only distinct from each other, rather than none.
        main, rough, span, bounds = _four(numbers, candidates, apart=False)
    if not (main and rough and span and bounds):
        return NONE if ratios is None else dataclasses.replace(NONE, ratios=ratios)
    low, high = span[0], span[1]
    scaled_low, _, word = _scaled(low)
    # "3.2-4.8 million": both ends in the low end's scale word, as a reporter writes a range.
    scale = low / scaled_low
    range_text = f"{scaled_low:g}-{high / scale:g} {word}".strip()
    return Examples(
        short=_short(main[0]),
        digits=f"{main[0]:,.0f}",
        words=_words(main[0]),
        about=f"about {_short(rough[0])}",
        range=range_text,
        interval=f"{bounds[0]:,.0f}-{bounds[1]:,.0f}",
        ratios=ratios,
    )
