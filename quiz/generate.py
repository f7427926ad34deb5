"""Turn a bank into a concrete, reproducible quiz.

CONTRACT (the UI and classroom code against these names; keep them stable).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from quiz.loader import LoadedBank

Kind = Literal["estimate", "choice", "source", "compare", "written"]
KINDS: tuple[Kind, ...] = ("estimate", "choice", "source", "compare", "written")


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
        """The right answer as a player reads it: the option, or "7.8 million"."""
        raise NotImplementedError


@dataclass(frozen=True)
class Settings:
    count: int = 10
    kinds: tuple[Kind, ...] = KINDS
    seed: int = 0


def generate(loaded: LoadedBank, settings: Settings) -> list[Question]:
    """The quiz for this bank and settings: same inputs, same list, on any machine."""
    raise NotImplementedError


def all_questions(loaded: LoadedBank) -> list[Question]:
    """Every question the bank can give, before selection (ids unique)."""
    raise NotImplementedError
