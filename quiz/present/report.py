"""The teacher's report in words and as CSV: what `quiz results --report`, the projector's
podium and `quiz host` give a teacher after a session.

Per question: how many got it right (and the share), the median times-off of the
estimates, the most common wrong answer, how many missed it. Per player: rank, points,
answered, missed (the same ranking as the per-player summary: ties share a rank). The
numbers are `quiz.results.report`'s; every name, prompt and answer passes through
`printable` on its way to a terminal and the CSV's text guard on its way to a cell.

The CSV (`write_report_csv`) has one row per question; the per-player table is the
per-player summary (`write_summary_csv`), written beside it.

Wrapping: every line is a lead (its margin and its entry's marker: "  1. ", "     answer: ",
"    2. ") and a text (`split_lead`). A line too long for the screen continues under its
own text, the lead's width in from the margin, so a question's second line never reads as
a new entry: `wrap_report` does it for a terminal, and the projector lays the lead and the
text out as two columns (`quiz.screens.classroom.report_view`). The title and the section
headings have no lead: they wrap at the margin, each a paragraph of its own.
"""

from __future__ import annotations

import csv
import re
import textwrap
from collections.abc import Iterable, Iterator
from typing import TextIO

from quiz.game.scoring import times_text
from quiz.present.counts import players_text, questions_text
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


_LEAD = re.compile(r" *(?:\d+\. +|answer: )?")
"""A line's margin, then the marker its entry starts with: a question's or a rank's
number, or the answer's label. Only the start is read, so a prompt or a name that holds
"3. " or "answer: " is text."""


def split_lead(line: str) -> tuple[str, str]:
    """`line` as (lead, text): where a wrapped line of this entry continues (under the
    text, the lead's width in)."""
    lead = _LEAD.match(line)
    end = lead.end() if lead else 0
    return line[:end], line[end:]


def wrap_report(lines: Iterable[str], width: int | None) -> Iterator[str]:
    """The report's lines for a terminal `width` columns wide, each entry continuing under
    its own text. A word longer than its room is kept whole (the terminal folds it), so a
    number, a name or an answer is never cut in two. `width` None (the width is unknown: a
    pipe or a file) gives the lines whole, one line per fact, as grep and a file want them.
    Widths are counted in characters: a wide (East Asian) character counts as one."""
    for line in lines:
        if width is None or len(line) <= width:
            yield line
            continue
        lead, text = split_lead(line)
        # On a very narrow terminal the text keeps at least half the width.
        hang = " " * min(len(lead), width // 2)
        yield from textwrap.wrap(
            text,
            width,
            initial_indent=lead,
            subsequent_indent=hang,
            break_long_words=False,
            break_on_hyphens=False,
        ) or [line]


def _percent(share: float | None) -> str:
    return "" if share is None else f"{100 * share:.0f}"


def question_line(result: QuestionResult) -> str:
    """ "2 of 4 right (50%), guesses a median 1.8x off; most common wrong answer ..."."""
    parts = [f"{result.right} of {result.players} right ({_percent(result.share_right)}%)"]
    if result.median_times_off is not None:
        parts.append(f"estimates a median {times_text(result.median_times_off)} off")
    if result.common_wrong is not None:
        parts.append(
            f"most common wrong answer {printable(result.common_wrong)}"
            f" ({result.common_wrong_count})"
        )
    parts.append(f"{result.missed} missed" if result.missed else "none missed")
    return "; ".join(parts)


def report_lines(results: SessionResults) -> Iterator[str]:
    session = results.session
    yield (
        f"Teacher's report, session {session.id}: {printable(session.bank_title)}, "
        f"{questions_text(len(results.questions))}, {players_text(len(session.players))}"
    )
    yield ""
    yield "Questions"
    if not results.questions:
        yield "  no answers stored"
    # Numbers right-aligned, so question 10's prompt, answer and figures start in the
    # same column as question 9's.
    digits = len(str(max((r.number for r in results.questions), default=1)))
    under = " " * (4 + digits)
    for result in results.questions:
        yield f"  {result.number:>{digits}}. {printable(result.prompt)}"
        yield f"{under}answer: {printable(result.correct_answer)}"
        yield f"{under}{question_line(result)}"
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
