"""What to show after an answer. CONTRACT: the UI only lays this out.

Cards: every figure of the measure(s) the question is about, the figures the question
asked about first, then the rest by value, smallest first. The chart places those
figures on one log scale; a hand-written number question shows its own answer instead
(its answer may be a ratio or a difference, not one of the figures). Which guesses are
drawn beside them is decided by `quiz.present.chart`, once for every front end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quiz.bank.data import Figure
from quiz.bank.dates import figure_date
from quiz.bank.loader import LoadedBank
from quiz.bank.numbers import find_numbers
from quiz.bank.provenance import finder, normalise
from quiz.game.quantity import quantity_text, unit_display
from quiz.game.question import Question


@dataclass(frozen=True)
class Card:
    """One figure, explained."""

    figure_id: str
    source: str
    """The source's name."""
    role: str | None
    counts: str
    as_of: str | None
    """When the figure was true, in words ("November 2022"), or None when nothing says."""
    value_text: str
    """The figure as a reader says it, with its unit: "about 100,000 soldiers",
    "15 million–30 million people", "4.5 km"."""
    quote: str
    number_start: int
    number_end: int
    """quote[number_start:number_end] is the number, to highlight (both 0 if unread)."""
    explain: str
    is_answer: bool
    """This figure is the one the question asked about."""
    unit: str = "people"
    low: float = 0.0
    high: float = 0.0
    """The figure's bounds (equal for a single value)."""
    approximate: bool = False
    note: str | None = None
    """The source's `note`: what a player should know about who gave the figure."""


@dataclass(frozen=True)
class ChartPoint:
    label: str
    low: float
    high: float
    kind: str
    """"figure", "answer" or "guess"."""
    text: str = ""
    """The value as the chart labels it, with its unit ("4.5 km"); empty: the bare number."""


@dataclass(frozen=True)
class Explanation:
    cards: tuple[Card, ...]
    chart: tuple[ChartPoint, ...]
    """The figures (or a written question's answer) to place on one log scale; the
    guesses are added by `quiz.present.chart`."""
    note: str | None
    """A hand-written question's explanation, if any."""


def _number_span(figure: Figure) -> tuple[int, int]:
    """Where the quote states the figure's number (the reading matching its bounds)."""
    low, high = figure.bounds
    readings = find_numbers(figure.quote)
    for reading in readings:
        if _close(reading.low, low) and _close(reading.high, high):
            return reading.start, reading.end
    return (0, 0)


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1.0)


def chart_text(figure: Figure) -> str:
    """A figure's value as the chart labels it: "4.5 km", "≈ 100,000 soldiers"."""
    text = quantity_text(*figure.bounds, unit_display(figure.unit))
    return f"≈ {text}" if figure.approximate else text


def card(loaded: LoadedBank, figure_id: str, is_answer: bool = False) -> Card:
    """The card of one figure."""
    figure = loaded.bank.figures[figure_id]
    source = loaded.bank.sources[figure.source]
    start, end = _number_span(figure)
    low, high = figure.bounds
    return Card(
        figure_id=figure_id,
        source=source.name,
        role=source.role,
        counts=figure.counts,
        as_of=figure_date(figure.as_of, loaded.bank.article.published),
        value_text=quantity_text(low, high, unit_display(figure.unit), figure.approximate),
        quote=figure.quote,
        number_start=start,
        number_end=end,
        explain=figure.explain or "",
        is_answer=is_answer,
        unit=figure.unit.plural,
        low=low,
        high=high,
        approximate=figure.approximate,
        note=source.note,
    )


_measures_of: list[tuple[LoadedBank, dict[str, list[str]]]] = []
"""The last bank's figures by measure: a game explains one bank many times."""


def _by_measure(loaded: LoadedBank) -> dict[str, list[str]]:
    if _measures_of and _measures_of[0][0] is loaded:
        return _measures_of[0][1]
    index: dict[str, list[str]] = {}
    for figure_id, figure in loaded.bank.figures.items():
        index.setdefault(figure.measure, []).append(figure_id)
    _measures_of[:] = [(loaded, index)]
    return index


def explain(loaded: LoadedBank, question: Question) -> Explanation:
    figures = loaded.bank.figures
    asked = [f for f in question.figure_ids if f in figures]
    measures = list(dict.fromkeys(figures[f].measure for f in asked))
    by_measure = _by_measure(loaded)
    others = [f for m in measures for f in by_measure[m] if f not in asked]
    others.sort(key=lambda f: (figures[f].middle, f))
    # A hand-written question is about its figure, but its answer is its own (a reason, a
    # difference): the figure is shown, not marked as the answer.
    is_answer = question.kind != "written"
    cards = tuple(card(loaded, f, is_answer) for f in asked) + tuple(
        card(loaded, f, False) for f in others
    )
    chart: tuple[ChartPoint, ...]
    if question.kind == "written" and question.is_numeric:
        assert question.low is not None and question.high is not None
        chart = (ChartPoint("the answer", question.low, question.high, "answer"),)
    else:
        chart = tuple(
            ChartPoint(
                c.source,
                c.low,
                c.high,
                "answer" if c.is_answer else "figure",
                chart_text(figures[c.figure_id]),
            )
            for c in cards
        )
    return Explanation(cards, chart, question.explain)


_SPACE = re.compile(r"\s")


def _normalised_with_map(text: str) -> tuple[str, list[int]]:
    """`normalise(text)` and, for each of its characters, the index it came from.

    Rebuilds normalise's steps one character at a time (translate, collapse
    whitespace, strip, casefold) so that positions map back to the original text.
    """
    chars: list[str] = []
    origin: list[int] = []
    previous_space = False
    for index, char in enumerate(text):
        if _SPACE.match(char):
            if not previous_space and chars:
                chars.append(" ")
                origin.append(index)
            previous_space = True
            continue
        previous_space = False
        # ASCII folds by lower(); anything else goes through normalise itself.
        for piece in char.lower() if char.isascii() else normalise(char):
            chars.append(piece)
            origin.append(index)
    while chars and chars[-1] == " ":
        chars.pop()
        origin.pop()
    return "".join(chars), origin


def article_highlights(loaded: LoadedBank) -> list[tuple[int, int, str]]:
    """(start, end, figure_id) of every figure's quote in the article text, in order.

    Quotes are matched as the loader checks them (quiz.bank.provenance: case, whitespace
    and typographic quotes folded, at word and number edges), each at its first
    occurrence; a quote
    the article does not contain (possible only when loaded without provenance
    checks) has no span.
    """
    text = loaded.article_text
    haystack, origin = _normalised_with_map(text)
    needles = {figure_id: normalise(f.quote) for figure_id, f in loaded.bank.figures.items()}
    find = finder(haystack, list(needles.values()))
    spans: list[tuple[int, int, str]] = []
    for figure_id, needle in needles.items():
        if not needle:
            continue
        at = find(needle)
        if at < 0:
            continue
        start = origin[at]
        end = origin[at + len(needle) - 1] + 1
        spans.append((start, end, figure_id))
    spans.sort()
    return spans
