"""What `quiz results` prints: the listing of stored sessions, and the per-player CSV.

The listing has one block per session, newest first: its number, local start time,
mode, bank, seed and whether it was finished (a session whose program was killed
stays "unfinished", with every answer given before), then one line per player with
points, answered/total and, in a classroom, how many questions they missed (no
answer in time). With `--session N`, every answer follows. Player names come from
outside the bank, so they pass through `printable`.

The per-player summary (`quiz results --csv --summary`, and the file `quiz host`
writes when a session ends) has one row per player of each session, oldest session
first, best player first: session, rank (ties share a rank, `quiz.present.ranking`), player, points,
max_points, percent, answered, missed, full_marks, questions (the quiz's length, so
a player who stopped early shows as 3 answered of 10). Every player stored with the
session is listed, one who answered nothing included. Names go through the store's
formula guard.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from typing import TextIO

from quiz.present.ranking import rank as rank_items
from quiz.present.verdict import reason_beyond, with_why
from quiz.present.words import points_of, printable, total_of
from quiz.results.export import csv_number, csv_text
from quiz.results.rows import AnswerRow, PlayerTotal, SessionRow

SUMMARY_COLUMNS = (
    "session",
    "rank",
    "player",
    "points",
    "max_points",
    "percent",
    "answered",
    "missed",
    "full_marks",
    "questions",
)


def answer_score(answer: AnswerRow) -> str:
    """ "0.73 of 1 point (2.1x too low)", "1 of 1 point": the points once, and what the
    stored reason adds to them and to the answer (`quiz.present.verdict.why`)."""
    earned = points_of(answer.points, answer.max_points)
    return with_why(earned, reason_beyond(printable(answer.reason), earned))


def _when(session: SessionRow) -> str:
    return session.started.astimezone().strftime("%Y-%m-%d %H:%M")


def session_lines(sessions: Sequence[SessionRow], answers: Sequence[AnswerRow]) -> Iterator[str]:
    by_session: dict[int, list[AnswerRow]] = {}
    for answer in answers:
        by_session.setdefault(answer.session_id, []).append(answer)
    for session in sessions:
        state = "finished" if session.finished else "unfinished"
        seed = f"seed {session.seed}" if session.seed is not None else "no seed"
        yield ""
        yield (
            f"Session {session.id}: {_when(session)}, {session.mode}, "
            f"{printable(session.bank_title)} ({printable(session.bank_id)}), {seed}, {state}"
        )
        if not session.players:
            yield "  no players"
        for player in session.players:
            missed = f", {player.missed} missed" if player.missed else ""
            yield (
                f"  {printable(player.name)}: "
                f"{total_of(player.points, player.max_points, player.bonus)}, "
                f"{player.answered} of {session.total} answered{missed}"
            )
        for number, answer in enumerate(by_session.get(session.id, ()), start=1):
            given = "gave no answer" if answer.missed else f"answered {printable(answer.given)}"
            yield f"  {number}. {printable(answer.player)} on {printable(answer.prompt)}"
            yield (
                f"     {given}; the answer is {printable(answer.correct_answer)}; "
                f"{answer_score(answer)}"
            )


def ranked_players(session: SessionRow) -> list[tuple[int, PlayerTotal]]:
    """The session's players best first, with their rank (`quiz.present.ranking`: points
    that read the same share a rank)."""
    players = sorted(session.players, key=lambda p: p.id)
    return [(r.rank, r.item) for r in rank_items(players, lambda p: p.points, lambda p: p.name)]


def write_summary_csv(out: TextIO, sessions: Iterable[SessionRow]) -> int:
    """Write the header and one row per player per session; return the number of rows."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(SUMMARY_COLUMNS)
    written = 0
    for session in sorted(sessions, key=lambda s: s.id):
        for rank, player in ranked_players(session):
            percent = 100 * player.points / player.max_points if player.max_points else 0.0
            writer.writerow(
                (
                    session.id,
                    rank,
                    csv_text(player.name),
                    csv_number(player.points),
                    csv_number(player.max_points),
                    f"{percent:.0f}",
                    player.answered,
                    player.missed,
                    player.full_marks,
                    session.total,
                )
            )
            written += 1
    return written
