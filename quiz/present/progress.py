"""The line always on screen during a quiz: question n of N and the score so far.

`Progress` holds plain numbers, whoever keeps the game (a solo Session or the
classroom); its texts are what the header shows, with a short form for narrow
terminals.

Bonus points (speed, streak) come on top of the questions' points, so a score "of" the
questions' maximum never counts them: "Score 1 of 1 + 0.44 bonus", not "Score 1.44 of 1".
A front end that does not know how much of its total is bonus (a student's app that
rejoined: the wire carries the total only) passes none, and whatever lies above the
maximum is shown as bonus, since only a bonus can take a total there.
"""

from __future__ import annotations

from dataclasses import dataclass

from quiz.game.session import Session
from quiz.present.words import points, points_of, with_bonus


@dataclass(frozen=True)
class Progress:
    position: int
    total: int
    points: float
    """Points so far, any bonus included."""
    max_points: float
    """The points of the questions answered so far (no bonus)."""
    title: str = ""
    """Bank text, shown literally."""
    bonus: float = 0.0
    """How much of `points` is speed and streak bonus."""

    @property
    def _split(self) -> tuple[float, float]:
        """(the questions' points, the bonus), the first never above the maximum."""
        bonus = max(self.bonus, self.points - self.max_points, 0.0)
        return round(self.points - bonus, 2), round(bonus, 2)

    @property
    def position_text(self) -> str:
        return f"Question {self.position} of {self.total}"

    @property
    def score_text(self) -> str:
        """ "Score 0.73 of 2", "Score 1 of 1 + 0.44 bonus"."""
        earned, bonus = self._split
        text = f"Score {points(earned)} of {points(self.max_points)}"
        return with_bonus(text, bonus)

    @property
    def points_text(self) -> str:
        """ "2 of 2 points + 0.1 bonus": the score so far in words, as `--plain` says it."""
        earned, bonus = self._split
        return with_bonus(points_of(earned, self.max_points), bonus)

    @property
    def short_position(self) -> str:
        return f"Q {self.position}/{self.total}"

    @property
    def short_score(self) -> str:
        """ "0.73/2 pts", "1/1+0.44 pts"."""
        earned, bonus = self._split
        extra = f"+{points(bonus)}" if bonus else ""
        return f"{points(earned)}/{points(self.max_points)}{extra} pts"


def session_progress(session: Session, title: str = "") -> Progress:
    """A solo or hot-seat player's progress, bonus kept apart."""
    return Progress(
        position=session.position,
        total=session.total,
        points=session.points,
        max_points=session.max_points,
        title=title,
        bonus=session.bonus,
    )
