"""What the results store keeps and gives back: an answer in words, as it is stored, and
the sessions (with each player's totals) and answers read back.

Plain frozen values read from SQLite by `quiz.results.store.Store`; `quiz results`, the CSV
export and the classroom's summary lay them out. A `NewAnswer` is one going in, and
`insert_answers` writes many of them in one statement.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quiz.game.generate import Question
    from quiz.game.scoring import Answer, Score

ANSWER_INSERT = (
    "INSERT INTO answers (session_id, player_id, question_id, kind, prompt, given, "
    "correct_answer, points, max_points, full_marks, inside, reason, seconds, "
    "answered_at, times_off, bonus, bonus_reason) VALUES "
)
ANSWER_SLOTS = "(" + ", ".join("?" * 17) + ")"
RECORD_CHUNK = 500
"""Rows per INSERT: 17 values each, well under SQLite's 32,766 parameters."""


def describe_answer(question: Question, answer: Answer) -> str:
    """What the player answered, in words: the option's text, or "7.8 million people"
    with the question's unit, as the answer is written beside it."""
    from quiz.bank.numbers import about_number, read_number
    from quiz.game.quantity import quantity_text
    from quiz.game.scoring import ChoiceAnswer, IntervalAnswer

    if isinstance(answer, ChoiceAnswer):
        if 0 <= answer.index < len(question.options):
            return question.options[answer.index]
        return f"option {answer.index + 1}"
    if isinstance(answer, IntervalAnswer):
        return quantity_text(answer.low, answer.high, question.unit_shown)
    typed = read_number(answer.text, units=question.unit_words) if answer.text else None
    if typed is not None and typed.is_range:
        # A range given as one estimate: what was typed, and the middle it counted as.
        given = quantity_text(typed.low, typed.high, question.unit_shown)
        return f"{given} (its middle, about {about_number(answer.value)})"
    return quantity_text(answer.value, answer.value, question.unit_shown)


@dataclass(frozen=True)
class NewAnswer:
    """An answer to store: who gave it, to which question, in words, and its score."""

    player_id: int
    question: Question
    given: str
    score: Score
    seconds: float | None = None
    bonus: float = 0.0
    bonus_reason: str = ""

    def values(self, session_id: int, answered_at: str) -> tuple[object, ...]:
        """The row's values, in `ANSWER_INSERT`'s order."""
        question, score = self.question, self.score
        inside = None if score.inside is None else int(score.inside)
        return (
            *(session_id, self.player_id, question.id, question.kind, question.prompt),
            *(self.given, question.answer_text, score.points, score.max_points),
            *(int(score.correct), inside, score.reason, self.seconds, answered_at),
            *(score.times_off, self.bonus, self.bonus_reason),
        )


def insert_answers(
    conn: sqlite3.Connection, session_id: int, answers: Sequence[NewAnswer], stamp: str
) -> int:
    """Insert `answers` with one statement per `RECORD_CHUNK` rows; the last row id."""
    row = 0
    for start in range(0, len(answers), RECORD_CHUNK):
        chunk = answers[start : start + RECORD_CHUNK]
        values = [v for answer in chunk for v in answer.values(session_id, stamp)]
        cursor = conn.execute(ANSWER_INSERT + ", ".join([ANSWER_SLOTS] * len(chunk)), values)
        row = cursor.lastrowid or row
    return row


def insert_players(
    conn: sqlite3.Connection, session_id: int, names: Sequence[str], stamp: str
) -> dict[str, int]:
    """Each name's player id in the session, adding the new ones; two statements per chunk."""
    ids: dict[str, int] = {}
    for start in range(0, len(names), RECORD_CHUNK):
        chunk = list(dict.fromkeys(names[start : start + RECORD_CHUNK]))
        slots = ", ".join(["(?, ?, ?)"] * len(chunk))
        values = [v for name in chunk for v in (session_id, name, stamp)]
        conn.execute(
            f"INSERT OR IGNORE INTO players (session_id, name, joined) VALUES {slots}", values
        )
        marks = ", ".join("?" * len(chunk))
        query = f"SELECT name, id FROM players WHERE session_id = ? AND name IN ({marks})"
        ids.update(conn.execute(query, [session_id, *chunk]).fetchall())
    return ids


@dataclass(frozen=True)
class PlayerTotal:
    """One player's standing in one stored session."""

    id: int
    name: str
    points: float
    max_points: float
    answered: int
    """Questions the player gave an answer to."""
    missed: int
    """Questions stored without an answer (a classroom player out of time)."""
    full_marks: int
    bonus: float = 0.0
    """Speed and streak points, included in `points` (0 when bonuses were off)."""


@dataclass(frozen=True)
class SessionRow:
    """A stored session as `quiz results` lists it."""

    id: int
    started: datetime
    finished: datetime | None
    mode: str
    bank_id: str
    bank_digest: str
    bank_title: str
    seed: int | None
    settings: dict[str, object]
    total: int
    """Questions in the quiz (per player)."""
    players: tuple[PlayerTotal, ...]

    @property
    def points(self) -> float:
        return sum(p.points for p in self.players)

    @property
    def max_points(self) -> float:
        return sum(p.max_points for p in self.players)

    @property
    def answered(self) -> int:
        return sum(p.answered for p in self.players)

    @property
    def missed(self) -> int:
        return sum(p.missed for p in self.players)


@dataclass(frozen=True)
class AnswerRow:
    """One stored answer, with its session's bank and its player's name."""

    id: int
    session_id: int
    player_id: int
    player: str
    bank_id: str
    bank_title: str
    question_id: str
    kind: str
    prompt: str
    given: str
    correct_answer: str
    points: float
    max_points: float
    full_marks: bool
    inside: bool | None
    reason: str
    seconds: float | None
    answered_at: datetime
    times_off: float | None = None
    """An estimate's ratio to the truth (see `Score.times_off`); None otherwise."""
    bonus: float = 0.0
    """Speed and streak points on top of `points` (0 when bonuses were off)."""
    bonus_reason: str = ""
    """The bonus in words ("speed +0.3"); empty without one."""

    @property
    def missed(self) -> bool:
        """Stored without an answer: the player ran out of time (classroom)."""
        return not self.given
