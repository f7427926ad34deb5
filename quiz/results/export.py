"""CSV export of stored answers: `quiz results --csv`, one row per answer, for a gradebook.

Decisions worth knowing:

- Text cells pass through `quiz.results.printable` (no control character reaches a
  spreadsheet) and guard against formula injection (`csv_text`, which every CSV writer of
  the game uses): a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
  leading apostrophe (OWASP's advice), so a player called `=HYPERLINK(...)` stays a name
  in a spreadsheet. Numeric columns are plain numbers (`csv_number`: up to three
  decimals, never an exponent) and never prefixed.
- Times are written as `YYYY-MM-DD HH:MM:SS` in UTC, which spreadsheets read as a date.
- `score` is the answer's score without bonuses; `bonus` and `bonus_reason` (speed points
  and the streak bonus, when they were on) come last, so a gradebook that reads the
  first columns by position keeps working.
"""

from __future__ import annotations

import csv
from datetime import timezone
from typing import TextIO

from quiz.results.printable import printable
from quiz.results.store import Store

CSV_COLUMNS = (
    "session",
    "time_utc",
    "player",
    "bank",
    "bank_id",
    "question_id",
    "kind",
    "question",
    "answer_given",
    "correct_answer",
    "score",
    "max_score",
    "reason",
    "seconds",
    "bonus",
    "bonus_reason",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value: str) -> str:
    """A text cell a spreadsheet shows as text: unsafe characters replaced (`printable`),
    and a leading apostrophe that defuses a formula."""
    value = printable(value)
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def csv_number(value: float | None) -> str:
    """A number cell: up to three decimals, never an exponent; empty for None."""
    if value is None:
        return ""
    # + 0.0 turns a rounded -0.0 into 0.0, so no cell reads "-0".
    return f"{round(value, 3) + 0.0:.3f}".rstrip("0").rstrip(".")


def write_csv(store: Store, out: TextIO, session_id: int | None = None) -> int:
    """Write one CSV row per stored answer (header first); return the number of rows."""
    answers = store.answers(session_id)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for a in answers:
        writer.writerow(
            (
                a.session_id,
                a.answered_at.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S"),
                csv_text(a.player),
                csv_text(a.bank_title),
                csv_text(a.bank_id),
                csv_text(a.question_id),
                a.kind,
                csv_text(a.prompt),
                csv_text(a.given),
                csv_text(a.correct_answer),
                csv_number(a.points),
                csv_number(a.max_points),
                csv_text(a.reason),
                csv_number(a.seconds),
                csv_number(a.bonus),
                csv_text(a.bonus_reason),
            )
        )
    return len(answers)
