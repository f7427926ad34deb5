"""What to show after an answer. CONTRACT: the UI only lays this out."""

from __future__ import annotations

from dataclasses import dataclass

from quiz.generate import Question
from quiz.loader import LoadedBank
from quiz.scoring import Answer


@dataclass(frozen=True)
class Card:
    """One figure, explained."""

    figure_id: str
    source: str
    """The source's name."""
    role: str | None
    counts: str
    as_of: str
    value_text: str
    """The figure as a reader says it: "100,000", "15 million–30 million"."""
    quote: str
    number_start: int
    number_end: int
    """quote[number_start:number_end] is the number, to highlight."""
    explain: str
    is_answer: bool
    """This figure is the one the question asked about."""


@dataclass(frozen=True)
class ChartPoint:
    label: str
    low: float
    high: float
    kind: str
    """"figure", "answer" or "guess"."""


@dataclass(frozen=True)
class Explanation:
    cards: tuple[Card, ...]
    chart: tuple[ChartPoint, ...]
    """Figures (and the guess) to place on one log scale; empty when not numeric."""
    note: str | None
    """A hand-written question's explanation, if any."""


def explain(loaded: LoadedBank, question: Question, answer: Answer | None = None) -> Explanation:
    raise NotImplementedError


def article_highlights(loaded: LoadedBank) -> list[tuple[int, int, str]]:
    """(start, end, figure_id) of every figure's quote in the article text, in order."""
    raise NotImplementedError
