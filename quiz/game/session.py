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

Also: `session.read(text)` turns what a player typed into an Answer (ValueError with a
message to show otherwise), `session.finish()` ends early from any state but
"finished", `session.last` is the latest AnsweredQuestion, and `session.article_open`
(`article_open(session)` when there may be no quiz yet) says whether the article may be
shown: it states every figure, so not before the last answer (ARTICLE_CLOSED says why).

A transition the state does not allow (answering during a reveal, `next()` while a
question waits, anything once finished) raises SessionError: that is a bug in the
caller, not bad input. An answer that does not fit the question (an option for a
number question, an option number out of range, bounds outside interval mode, a
single number in interval mode) raises ValueError: that is bad input, and the
session stays on the question.

Storing: `on_answer(result)` runs inside `answer()`, before the session moves to the
reveal. If it raises, the answer is not taken (the session stays on the question and
the exception propagates), so the session never counts an answer the store lost.
Inside the callback, the session's totals do not yet include the answer.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from quiz.game.question import KINDS, Question
from quiz.game.scoring import Answer, ChoiceAnswer, IntervalAnswer, Score, read_answer, score

State = Literal["question", "reveal", "finished"]

SPEED_SHARE = 0.5
"""Speed points: an instant answer earns this share of its points again as a bonus."""
STREAK_STEP = 0.1
"""Streak bonus: each earlier answer in an unbroken run of full marks adds this share of
the question's points ..."""
STREAK_CAP = 0.5
"""... up to this share."""


ARTICLE_CLOSED = "The article opens after your last answer: it states every figure the quiz asks."
"""What a front end says when the article is asked for while it is closed."""


def article_open(session: Session | None) -> bool:
    """The one rule for every front end: the article opens from the last reveal of a quiz
    on (its summary included), never before or during one (no quiz yet: the start screen
    would otherwise hand out every answer of the quiz about to be played)."""
    return session is not None and session.article_open


class SessionError(Exception):
    """A transition the session's state does not allow; a bug in the caller."""


@dataclass(frozen=True)
class SessionSettings:
    """How a session scores. Bonuses are off by default: forced time pressure makes
    people guess instead of think, which is the habit this game tries to break.

    - `speed_points`: an answer that earns points earns up to SPEED_SHARE (half) of
      those points again, falling linearly from an instant answer to nothing at
      `speed_seconds`. A wrong answer earns no speed points however fast.
    - `streak_bonus`: a full-marks answer that follows k full-marks answers in a row
      earns STREAK_STEP x k of the question's points more, at most STREAK_CAP. In
      interval mode bounds rarely earn full marks (points shrink with their width), so
      there an answer whose bounds hold the truth keeps the run going instead: the answers
      whose verdict is "Inside your bounds" (`keeps_streak`).

    Bonuses are added on top of the score (AnsweredQuestion.bonus), never folded into
    it: Score.points stays within Score.max_points, and a session can total more than
    its max_points when bonuses are on.
    """

    interval: bool = False
    """Estimates are answered with a low and a high bound."""
    speed_points: bool = False
    streak_bonus: bool = False
    speed_seconds: float = 20.0
    """Speed points fall to nothing at this many seconds."""


@dataclass(frozen=True)
class AnsweredQuestion:
    question: Question
    answer: Answer
    score: Score
    seconds: float
    """Time from the question being shown to the answer."""
    bonus: float = 0.0
    """Speed and streak points on top of the score (0 unless enabled in settings)."""
    bonus_reason: str = ""
    """The bonus in words: "speed +0.3, streak of 3 +0.2"; empty without one."""

    @property
    def points(self) -> float:
        """The score's points plus any bonus."""
        return self.score.points + self.bonus


@dataclass(frozen=True)
class KindBreakdown:
    kind: str
    answered: int
    points: float
    max_points: float
    bonus: float = 0.0
    """Bonus points included in `points`."""


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
    seconds: float = 0.0
    """Time spent answering, summed over the answers."""
    bonus: float = 0.0
    """Bonus points included in `points`."""

    @property
    def calibration(self) -> float | None:
        """Share of interval answers that held the truth; None without any. Aim: 0.8."""
        return self.inside / self.intervals if self.intervals else None


@dataclass(frozen=True)
class Bonus:
    """Speed and streak points earned by one answer (see SessionSettings)."""

    speed: float
    streak_points: float
    streak: int
    """Answers in a row that kept the run going, this one included (0 after a miss)."""

    @property
    def points(self) -> float:
        return round(self.speed + self.streak_points, 2)

    @property
    def reason(self) -> str:
        """The bonus in words, as stored with the answer: "speed +0.3, streak of 3 +0.2"
        (it starts with a word, so a spreadsheet never reads it as a formula); empty without
        one."""
        parts = []
        if self.speed:
            parts.append(f"speed +{self.speed:g}")
        if self.streak_points:
            parts.append(f"streak of {self.streak} +{self.streak_points:g}")
        return ", ".join(parts)


def keeps_streak(result: Score) -> bool:
    """Whether an answer adds to a run for the streak bonus: full marks, or in interval mode
    bounds that hold the truth (the answers a reveal calls right, "Inside your bounds")."""
    return result.inside if result.inside is not None else result.correct


def bonus_for(settings: SessionSettings, result: Score, seconds: float, streak: int) -> Bonus:
    """The bonus an answer scored `result` earns after `streak` answers in a row that kept
    the run going (`keeps_streak`), answered `seconds` after it was shown. The classroom
    scores each student with it too."""
    streak = streak + 1 if keeps_streak(result) else 0
    speed = 0.0
    if settings.speed_points and result.points > 0 and settings.speed_seconds > 0:
        left = max(0.0, 1.0 - seconds / settings.speed_seconds)
        speed = round(result.points * SPEED_SHARE * left, 2)
    extra = 0.0
    if settings.streak_bonus and streak > 1:
        extra = round(result.max_points * min(STREAK_CAP, STREAK_STEP * (streak - 1)), 2)
    return Bonus(speed, extra, streak)


class Session:
    def __init__(
        self,
        questions: list[Question],
        settings: SessionSettings | None = None,
        on_answer: Callable[[AnsweredQuestion], None] | None = None,
        clock: Callable[[], float] | None = None,
    ) -> None:
        if not questions:
            raise ValueError("expected at least one question for a session, found none")
        self.questions: tuple[Question, ...] = tuple(questions)
        self.settings = settings or SessionSettings()
        self._on_answer = on_answer
        self._clock = clock or time.monotonic
        self._state: State = "question"
        self._index = 0
        self._results: list[AnsweredQuestion] = []
        self._streak = 0
        self._shown_at = self._clock()

    @property
    def state(self) -> State:
        return self._state

    @property
    def article_open(self) -> bool:
        """Whether the article (and its figure cards) may be shown: it states every
        figure, so only once no question is left to answer (the last reveal, after)."""
        return self._state == "finished" or (
            self._state == "reveal" and self._index == len(self.questions) - 1
        )

    @property
    def current(self) -> Question:
        """The question asked or revealed; once finished, the last one shown."""
        return self.questions[self._index]

    @property
    def position(self) -> int:
        return self._index + 1

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def results(self) -> list[AnsweredQuestion]:
        return list(self._results)

    @property
    def last(self) -> AnsweredQuestion | None:
        return self._results[-1] if self._results else None

    @property
    def points(self) -> float:
        return round(sum(r.points for r in self._results), 2)

    @property
    def max_points(self) -> float:
        return round(sum(r.score.max_points for r in self._results), 2)

    @property
    def bonus(self) -> float:
        """Bonus points so far, included in `points`."""
        return round(sum(r.bonus for r in self._results), 2)

    def _require(self, state: State, action: str) -> None:
        if self._state != state:
            raise SessionError(f"cannot {action} while the session is in state {self._state!r}")

    def read(self, text: str) -> Answer:
        """What the player typed, as an Answer for the current question (or ValueError)."""
        return read_answer(self.current, text, self.settings.interval)

    def _check_fits(self, answer: Answer) -> None:
        question = self.current
        if question.is_numeric and not isinstance(answer, ChoiceAnswer):
            if self.settings.interval and not isinstance(answer, IntervalAnswer):
                raise ValueError(
                    "expected a low and a high bound (interval mode), found one number"
                )
            if not self.settings.interval and isinstance(answer, IntervalAnswer):
                raise ValueError("expected one number, found bounds (not in interval mode)")

    def answer(self, answer: Answer) -> AnsweredQuestion:
        """Score the answer, hand it to on_answer, and move to the reveal."""
        self._require("question", "answer")
        self._check_fits(answer)
        result_score = score(self.current, answer)  # raises ValueError for misfits
        seconds = max(0.0, self._clock() - self._shown_at)
        bonus, reason, streak = self._bonus(result_score, seconds)
        result = AnsweredQuestion(self.current, answer, result_score, seconds, bonus, reason)
        if self._on_answer is not None:
            self._on_answer(result)
        self._streak = streak
        self._results.append(result)
        self._state = "reveal"
        return result

    def _bonus(self, result: Score, seconds: float) -> tuple[float, str, int]:
        earned = bonus_for(self.settings, result, seconds, self._streak)
        return earned.points, earned.reason, earned.streak

    def next(self) -> State:
        """From the reveal to the next question, or to finished after the last; the new state."""
        self._require("reveal", "go to the next question")
        if self._index + 1 >= len(self.questions):
            self._state = "finished"
            return self._state
        self._index += 1
        self._state = "question"
        self._shown_at = self._clock()
        return self._state

    def finish(self) -> None:
        """End the session now; answers given so far are kept."""
        if self._state == "finished":
            raise SessionError("cannot finish: the session is already finished")
        self._state = "finished"

    def summary(self) -> Summary:
        by_kind = []
        kinds_present = {q.kind for q in self.questions}
        for kind in KINDS:
            if kind not in kinds_present:
                continue
            answered = [r for r in self._results if r.question.kind == kind]
            by_kind.append(
                KindBreakdown(
                    kind,
                    len(answered),
                    round(sum(r.points for r in answered), 2),
                    round(sum(r.score.max_points for r in answered), 2),
                    sum(r.bonus for r in answered),
                )
            )
        intervals = [r for r in self._results if isinstance(r.answer, IntervalAnswer)]
        return Summary(
            points=self.points,
            max_points=self.max_points,
            answered=len(self._results),
            total=self.total,
            by_kind=tuple(by_kind),
            missed=tuple(r for r in self._results if not r.score.correct),
            intervals=len(intervals),
            inside=sum(1 for r in intervals if r.score.inside),
            seconds=round(sum(r.seconds for r in self._results), 3),
            bonus=self.bonus,
        )
