"""The teacher's report in words and as CSV: what `quiz results --report`, the projector's
podium and `quiz host` give a teacher after a session.

Per question: how many got it right (and the share), the median times-off of the
estimates, the most common wrong answer, how many missed it. Per player: rank, points,
answered, missed (the same ranking as the per-player summary: ties share a rank). The
numbers are `quiz.results.report`'s; every name, prompt and answer passes through
`printable` on its way to a terminal and the CSV's text guard on its way to a cell.

The CSV (`write_report_csv`) has one row per question; the per-player table is the
per-player summary (`write_summary_csv`), written beside it.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import TextIO

from quiz.present.results import ranked_players
from quiz.present.words import printable, total_of
from quiz.results.export import csv_number, csv_text
from quiz.results.report import QuestionResult, SessionResults

REPORT_COLUMNS = (
    "session",
    "question",
    "question_id",
    "kind",
    "prompt",
    "correct_answer",
    "players",
    "answered",
    "right",
    "percent_right",
    "missed",
    "median_times_off",
    "most_common_wrong_answer",
    "most_common_wrong_count",
)


def _percent(share: float | None) -> str:
    return "" if share is None else f"{100 * share:.0f}"


def _times(value: float) -> str:
    return f"{value:.1f}x" if value < 100 else f"{value:,.0f}x"


def question_line(result: QuestionResult) -> str:
    """ "2 of 4 right (50%), guesses a median 1.8x off; most common wrong answer ..."."""
    parts = [f"{result.right} of {result.players} right ({_percent(result.share_right)}%)"]
    if result.median_times_off is not None:
        parts.append(f"estimates a median {_times(result.median_times_off)} off")
    if result.common_wrong is not None:
        parts.append(
            f"most common wrong answer {printable(result.common_wrong)}"
            f" ({result.common_wrong_count})"
        )
    parts.append(f"{result.missed} missed" if result.missed else "none missed")
    return "; ".join(parts)


def report_lines(results: SessionResults) -> Iterator[str]:
    session = results.session
    players = len(session.players)
    yield (
        f"Teacher's report, session {session.id}: {printable(session.bank_title)}, "
        f"{len(results.questions)} question{'s' if len(results.questions) != 1 else ''}, "
        f"{players} player{'s' if players != 1 else ''}"
    )
    yield ""
    yield "Questions"
    if not results.questions:
        yield "  no answers stored"
    for result in results.questions:
        yield f"  {result.number}. {printable(result.prompt)}"
        yield f"     answer: {printable(result.correct_answer)}"
        yield f"     {question_line(result)}"
    yield ""
    yield "Players"
    if not session.players:
        yield "  no players"
    ranked = ranked_players(session)
    width = max((len(printable(p.name)) for _, p in ranked), default=0)
    for rank, player in ranked:
        yield (
            f"  {rank:>3}. {printable(player.name):<{width}}  "
            f"{total_of(player.points, player.max_points, player.bonus)}, "
            f"{player.answered} answered, {player.missed} missed"
        )


def write_report_csv(out: TextIO, results: SessionResults) -> int:
    """Write the header and one row per question; return the number of rows."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(REPORT_COLUMNS)
    for r in results.questions:
        writer.writerow(
            (
                results.session.id,
                r.number,
                csv_text(r.question_id),
                r.kind,
                csv_text(r.prompt),
                csv_text(r.correct_answer),
                r.players,
                r.answered,
                r.right,
                _percent(r.share_right),
                r.missed,
                csv_number(r.median_times_off),
                csv_text(r.common_wrong or ""),
                r.common_wrong_count,
            )
        )
    return len(results.questions)
