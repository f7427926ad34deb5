"""The question model every part of the game reads: `Question`, its kinds, `Settings`.

A question is immutable and self-contained: the generator (`quiz.game.generate`) makes
it, the session scores it, the reveal explains it, the store and the classroom send it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from quiz.game.quantity import NO_UNIT, UnitWords, quantity_text

Kind = Literal["estimate", "choice", "source", "compare", "written"]
KINDS: tuple[Kind, ...] = ("estimate", "choice", "source", "compare", "written")

COMPARE_GAP = 1.25
"""Two figures are compared only when one is at least this factor above the other."""
MAX_OPTIONS = 4


@dataclass(frozen=True)
class Question:
    """One concrete question, immutable and self-contained.

    A question is answered either by picking one of `options` (`answer_index` is
    the right one) or by typing a number (`low`..`high` is the right answer; equal
    for an exact value). `is_numeric` tells which.
    """

    id: str
    """Stable within a bank: the same question has the same id in every quiz."""
    kind: Kind
    prompt: str
    options: tuple[str, ...] = ()
    answer_index: int | None = None
    low: float | None = None
    high: float | None = None
    unit: str = ""
    """What a typed number counts, plural ("people", "kilometres", "times" for a ratio);
    empty for options."""
    unit_words: tuple[str, ...] = ()
    """What a player may type after a number for this question's unit: the singular, the
    plural and the abbreviation ("kilometre", "kilometres", "km"; "times" and "x")."""
    unit_shown: UnitWords = NO_UNIT
    """The unit as numbers are written with it ("4.5 km", "1 arrest"); options carry it
    already."""
    number_kind: str = "count"
    """The figure's kind of number, which decides the scoring rule (quiz.game.quantity)."""
    approximate: bool = False
    """The answer was given as an estimate: it reads "about 110,000 people"."""
    figure_ids: tuple[str, ...] = ()
    """Figures this question is about; the reveal explains their measure(s)."""
    points: float = 1.0
    explain: str | None = None
    """A hand-written question's own explanation."""

    @property
    def is_numeric(self) -> bool:
        return not self.options

    @property
    def answer_text(self) -> str:
        """The right answer as a player reads it: the option, or "about 7.8 million people"."""
        if self.options:
            assert self.answer_index is not None
            return self.options[self.answer_index]
        assert self.low is not None and self.high is not None
        return quantity_text(self.low, self.high, self.unit_shown, self.approximate)


DEFAULT_COUNT = 7
"""Questions in a quiz when nobody says how many: the largest count at which the shipped
bank's quizzes are both honest and fair (every figure and hand-written question asked
within a factor 2 as often as any other; `quiz.game.select` explains why 10 cannot be)."""


@dataclass(frozen=True)
class Settings:
    count: int = DEFAULT_COUNT
    kinds: tuple[Kind, ...] = KINDS
    seed: int = 0
