"""The teacher's report on one stored session, as data: how each question went.

Read from the store after (or during) a session, whatever way it was played; the words
and the CSV are `quiz.present.report`'s. Per question, in the order first asked:

- `players`: rows stored for it (answers and misses); `answered`, `missed`;
- `right`: answers with full marks, and `share_right` = right / players (a missed
  question counts as not right, as in a gradebook);
- `median_times_off`: for estimates, the median over the answers of how many times off
  the guess was (1 inside the answer's range; the engine's own ratio, stored with each
  answer since schema 2; answers stored before that have none);
- `common_wrong`: the wrong answer given most often (ties: the one given first) and how
  many gave it, None when nobody answered wrongly.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass

from quiz.results.rows import AnswerRow, SessionRow
from quiz.results.store import Store


@dataclass(frozen=True)
class QuestionResult:
    number: int
    question_id: str
    kind: str
    prompt: str
    correct_answer: str
    players: int
    answered: int
    right: int
    missed: int
    median_times_off: float | None
    common_wrong: str | None
    common_wrong_count: int

    @property
    def share_right(self) -> float | None:
        return self.right / self.players if self.players else None


@dataclass(frozen=True)
class SessionResults:
    session: SessionRow
    questions: tuple[QuestionResult, ...]


def question_results(answers: list[AnswerRow]) -> tuple[QuestionResult, ...]:
    """One result per question, in the order the questions were first answered."""
    by_question: dict[str, list[AnswerRow]] = {}
    for row in answers:
        by_question.setdefault(row.question_id, []).append(row)
    results = []
    for number, rows in enumerate(by_question.values(), start=1):
        given = [r for r in rows if not r.missed]
        wrong = Counter(r.given for r in given if not r.full_marks)
        common = max(wrong, key=wrong.__getitem__, default=None)  # first of the most
        offs = [r.times_off for r in given if r.times_off is not None]
        first = rows[0]
        results.append(
            QuestionResult(
                number=number,
                question_id=first.question_id,
                kind=first.kind,
                prompt=first.prompt,
                correct_answer=first.correct_answer,
                players=len(rows),
                answered=len(given),
                right=sum(1 for r in given if r.full_marks),
                missed=len(rows) - len(given),
                median_times_off=statistics.median(offs) if offs else None,
                common_wrong=common,
                common_wrong_count=wrong[common] if common is not None else 0,
            )
        )
    return tuple(results)


def session_results(store: Store, session_id: int) -> SessionResults | None:
    """The session's per-question results, or None when there is no such session."""
    sessions = store.sessions(session_id)
    if not sessions:
        return None
    return SessionResults(sessions[0], question_results(store.answers(session_id)))
