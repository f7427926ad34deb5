"""The verdict on one answer: right, close or wrong, in the same words everywhere.

- Right: full marks (a choice right, an estimate within the full-marks band).
- Close: some points but not full marks (an estimate a few times off).
- Wrong: no points.
- In interval mode "right" would overstate a wide range, so the verdict says where the
  truth fell instead: "Inside your bounds" (tone right) or "Outside your bounds"
  (tone wrong).
- No answer (a classroom question left unanswered): "No answer".

`mark` is a symbol for screens that show one beside the words (✓ ≈ ✗); `--plain`
prints the words only, since a screen reader would read the symbol out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from quiz.game.scoring import Score
from quiz.present.words import points_of

Tone = Literal["right", "close", "wrong", "none"]


@dataclass(frozen=True)
class Verdict:
    tone: Tone
    words: str
    """ "Right", "Close", "Wrong", "Inside your bounds", "Outside your bounds", "No answer"."""
    mark: str
    """ "✓", "≈", "✗", or "" for no answer."""

    @property
    def text(self) -> str:
        """Mark and words: "✓ Right"."""
        return f"{self.mark} {self.words}" if self.mark else self.words


RIGHT = Verdict("right", "Right", "✓")
CLOSE = Verdict("close", "Close", "≈")
WRONG = Verdict("wrong", "Wrong", "✗")
INSIDE = Verdict("right", "Inside your bounds", "✓")
OUTSIDE = Verdict("wrong", "Outside your bounds", "✗")
NO_ANSWER = Verdict("none", "No answer", "")


def verdict(score: Score | None) -> Verdict:
    if score is None:
        return NO_ANSWER
    if score.inside is not None:
        return INSIDE if score.inside else OUTSIDE
    if score.correct:
        return RIGHT
    if score.points > 0:
        return CLOSE
    return WRONG


def score_points(score: Score) -> str:
    """ "0.73 of 1 point"."""
    return points_of(score.points, score.max_points)


def score_text(score: Score) -> str:
    """The points and their reason, without saying the points twice."""
    earned = score_points(score)
    return score.reason if earned in score.reason else f"{earned} ({score.reason})"
