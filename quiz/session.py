"""The game as a pure state machine. CONTRACT: the UI and classroom drive it.

    session = Session(questions, settings=SessionSettings(), on_answer=store_callback)
    session.state            # "question" | "reveal" | "finished"
    session.current          # the Question being asked (or just revealed)
    session.position         # 1-based number of the current question
    session.total            # number of questions
    result = session.answer(answer)   # question -> reveal; returns AnsweredQuestion;
                                      # calls on_answer(result) before returning
    session.next()           # reveal -> question, or -> finished after the last
    session.points, session.max_points   # running totals (answered questions only)
    session.results          # list[AnsweredQuestion] so far
    session.summary()        # Summary: totals, per-kind breakdown, missed, calibration
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from quiz.generate import Question
from quiz.scoring import Answer, Score

State = Literal["question", "reveal", "finished"]


@dataclass(frozen=True)
class SessionSettings:
    interval: bool = False
    """Estimates are answered with a low and a high bound."""
    speed_points: bool = False
    streak_bonus: bool = False


@dataclass(frozen=True)
class AnsweredQuestion:
    question: Question
    answer: Answer
    score: Score
    seconds: float
    """Time from the question being shown to the answer."""


@dataclass(frozen=True)
class KindBreakdown:
    kind: str
    answered: int
    points: float
    max_points: float


@dataclass(frozen=True)
class Summary:
    points: float
    max_points: float
    answered: int
    total: int
    by_kind: tuple[KindBreakdown, ...]
    missed: tuple[AnsweredQuestion, ...]
    """Answers short of full marks, with their questions (and so the right answers)."""
    intervals: int
    """Interval mode: how many interval answers were given ..."""
    inside: int
    """... and how many of them contained the truth."""


class Session:
    def __init__(
        self,
        questions: list[Question],
        settings: SessionSettings | None = None,
        on_answer: Callable[[AnsweredQuestion], None] | None = None,
        clock: Callable[[], float] | None = None,
    ) -> None:
        raise NotImplementedError
