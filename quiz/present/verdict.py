"""The verdict on one answer: right, close, far off or wrong, in the same words everywhere.

One rule, used by every front end and by the summary's "To read again":

- Right: full marks, i.e. the points as shown equal the maximum (`Score.correct`). Only
  these count as `full_marks` in the results and stay out of "To read again".
- Close: short of full marks but with at least `CLOSE_SHARE` of the points, the share an
  estimate 2x off earns (0.73): "3.3x off" is not close.
- Far off: some points, fewer than that.
- Wrong: no points.
- Every answer short of full marks (Close, Far off, Wrong, and interval answers) is listed
  under the summary's "To read again".
- In interval mode "right" would overstate a wide range, so the verdict says where the
  truth fell instead: "Inside your bounds" (tone right) or "Outside your bounds"
  (tone wrong).
- No answer (a classroom question left unanswered): "No answer".

`mark` is a symbol for screens that show one beside the words (✓ ≈ ✗); `--plain`
prints the words only, since a screen reader would read the symbol out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from quiz.game.scoring import Score, estimate_share
from quiz.present.words import points_of

Tone = Literal["right", "close", "wrong", "none"]


@dataclass(frozen=True)
class Verdict:
    tone: Tone
    words: str
    """ "Right", "Close", "Far off", "Wrong", "Inside your bounds", "Outside your bounds",
    "No answer"."""
    mark: str
    """ "✓", "≈", "✗", or "" for no answer."""

    @property
    def text(self) -> str:
        """Mark and words: "✓ Right"."""
        return f"{self.mark} {self.words}" if self.mark else self.words


RIGHT = Verdict("right", "Right", "✓")
CLOSE = Verdict("close", "Close", "≈")
FAR_OFF = Verdict("wrong", "Far off", "✗")
WRONG = Verdict("wrong", "Wrong", "✗")
INSIDE = Verdict("right", "Inside your bounds", "✓")
OUTSIDE = Verdict("wrong", "Outside your bounds", "✗")
NO_ANSWER = Verdict("none", "No answer", "")

CLOSE_SHARE = round(estimate_share(2.0), 2)
"""The least share of a question's points a "Close" answer earns: an estimate 2x off."""


def verdict(score: Score | None) -> Verdict:
    if score is None:
        return NO_ANSWER
    if score.inside is not None:
        return INSIDE if score.inside else OUTSIDE
    if score.correct:
        return RIGHT
    if score.max_points > 0 and score.points + 1e-9 >= CLOSE_SHARE * score.max_points:
        return CLOSE
    if score.points > 0:
        return FAR_OFF
    return WRONG


def score_points(score: Score) -> str:
    """ "0.73 of 1 point"."""
    return points_of(score.points, score.max_points)


def why(score: Score) -> str:
    """What the score's reason adds to the verdict, the points and the answer, or "".

    The engine's reason ("2.1x too low: 0.73 of 1 point", "right: Several weeks") is stored
    whole with the answer; a reveal already shows the verdict, the points and the right
    answer, so it says only what they do not: how far off an estimate was ("2.1x too low"),
    how wide bounds were ("your bounds are 4x wide"), or where the truth fell outside them
    ("the truth is 2.1x above your bounds"). A choice's reason (right or wrong: the answer
    is ...) and an estimate on the answer say nothing more. It reads the reason's words, not
    the Score's other fields, because a student's app rebuilds the Score from the wire,
    where only the reason travels.
    """
    return reason_beyond(score.reason, score_points(score))


def reason_beyond(reason: str, earned: str) -> str:
    """`why` from a stored reason and its points in words ("0.73 of 1 point"), for rows
    read back from the results store."""
    text = reason.removesuffix(f": {earned}")
    if text.startswith(("right:", "wrong:", "exactly right", "inside the range")):
        return ""
    if text.startswith("the truth, ") and ", is " in text:
        where = text.rsplit(", is ", 1)[1]
        if where.startswith("inside your bounds"):
            wide = re.search(r"\(([^()]+) wide\)$", where)
            return f"your bounds are {wide.group(1)} wide" if wide else ""
        return f"the truth is {where.split(' your bounds', 1)[0]} your bounds"
    return text


def score_text(score: Score) -> str:
    """The points, and why when the verdict and the answer do not say it: "0.73 of 1 point
    (2.1x too low)", "1 of 1 point"."""
    return with_why(score_points(score), why(score))


def with_why(earned: str, reason: str) -> str:
    """Points in words and, if there is one, why in brackets: every score line's shape."""
    return f"{earned} ({reason})" if reason else earned
