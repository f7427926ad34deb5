"""What the end of a solo game says (`SummaryView`), for the Textual summary and `--plain`.

The total with its share, a row per kind of question asked (label, answered, points),
calibration in interval mode, the questions short of full marks with their answers,
and the command that replays the quiz.
"""

from __future__ import annotations

from dataclasses import dataclass

from quiz.game.session import Session, Summary
from quiz.present.counts import questions_text
from quiz.present.kinds import kind_label
from quiz.present.verdict import score_text
from quiz.present.words import points, points_of, printable, share, total_of
from quiz.results.store import describe_answer

CALIBRATION_AIM = (
    "Well-calibrated bounds hold the truth most of the time without being so wide "
    "that they say nothing."
)


@dataclass(frozen=True)
class KindRow:
    label: str
    answered: int
    points: str
    """ "1.5 of 2"."""


@dataclass(frozen=True)
class MissedRow:
    number: int
    """The question's number in the quiz."""
    prompt: str
    answer_text: str
    given: str
    """What the player said, as stored ("20 million–30 million (its middle, about 24.5
    million)")."""
    points: str
    """ "0.3 of 1 point"."""
    score_text: str
    """The points and why, said once: "0.3 of 1 point (4.2x too high)"."""

    def rows(self) -> tuple[tuple[str, str], ...]:
        """(label, text) rows under the prompt: the answer, what was said, the score."""
        return (("Answer", self.answer_text), ("You said", self.given), ("Score", self.score_text))


@dataclass(frozen=True)
class SummaryView:
    total: str
    """ "3.2 of 5 points", "4 of 5 points + 0.6 bonus": the questions' points of their
    maximum, any bonus after it (`quiz.present.progress`)."""
    share: str
    """ "64%": the questions' points, without the bonus, as a share of the maximum."""
    answered: int
    questions: int
    kinds: tuple[KindRow, ...]
    calibration: str
    """ "The truth fell inside your bounds 3 of 4 times (75%)."; "" outside interval mode."""
    missed: tuple[MissedRow, ...]
    replay: str
    """The command that plays the same quiz again; "" when unknown."""

    @property
    def replay_line(self) -> str:
        """ "Play this quiz again with: quiz play --seed 9 --count 3"; "" when unknown."""
        return f"Play this quiz again with: {self.replay}" if self.replay else ""

    @property
    def answered_text(self) -> str:
        return f"{self.answered} of {questions_text(self.questions)} answered"


def calibration_text(summary: Summary) -> str:
    """How often the truth fell inside the player's bounds; "" outside interval mode."""
    if not summary.intervals:
        return ""
    return (
        f"The truth fell inside your bounds {summary.inside} of {summary.intervals} "
        f"times ({share(summary.inside, summary.intervals)})."
    )


def summary_view(session: Session, replay: str = "") -> SummaryView:
    """The end of `session`, played or ended early."""
    summary, questions = session.summary(), session.questions
    numbers = {q.id: n for n, q in enumerate(questions, start=1)}
    kinds = tuple(
        KindRow(
            kind_label(part.kind),
            part.answered,
            # A kind's points of its maximum, its bonus (counted in the total's) left out.
            f"{points(part.points - part.bonus)} of {points(part.max_points)}",
        )
        for part in summary.by_kind
    )
    calibration = calibration_text(summary)
    missed = tuple(
        MissedRow(
            number=numbers.get(item.question.id, 0),
            prompt=item.question.prompt,
            answer_text=item.question.answer_text,
            given=printable(describe_answer(item.question, item.answer)),
            points=points_of(item.score.points, item.score.max_points),
            score_text=score_text(item.score),
        )
        for item in summary.missed
    )
    return SummaryView(
        total=total_of(summary.points, summary.max_points, summary.bonus),
        share=share(summary.points - summary.bonus, summary.max_points),
        answered=summary.answered,
        questions=summary.total,
        kinds=kinds,
        calibration=calibration,
        missed=missed,
        replay=replay,
    )
