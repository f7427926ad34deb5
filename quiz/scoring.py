"""Scores with reasons. CONTRACT: the UI and classroom code against these names."""

from __future__ import annotations

from dataclasses import dataclass

from quiz.generate import Question


@dataclass(frozen=True)
class ChoiceAnswer:
    index: int


@dataclass(frozen=True)
class NumberAnswer:
    value: float
    text: str = ""
    """What the player typed, kept for the record."""


@dataclass(frozen=True)
class IntervalAnswer:
    low: float
    high: float
    text: str = ""


Answer = ChoiceAnswer | NumberAnswer | IntervalAnswer


@dataclass(frozen=True)
class Score:
    points: float
    max_points: float
    correct: bool
    """Full marks (choice right, estimate within the full-marks band)."""
    reason: str
    """One line in words: "2.1x too low: 0.46 of 1 point"."""
    inside: bool | None = None
    """Interval mode: whether the truth fell inside the player's bounds."""


RULE_TEXT: str = ""
"""The estimate scoring rule in one line, shown on screen."""


def score(question: Question, answer: Answer) -> Score:
    raise NotImplementedError
