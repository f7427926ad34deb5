"""What `quiz host` leaves beside the results store when a session ends, and the report.

Two CSV files, named for the session: `classroom-session-N-players.csv`, the generic
per-player summary of a stored session (`quiz.present.results.write_summary_csv`, also
`quiz results --csv --summary`), and `classroom-session-N-report.csv`, the teacher's
report's per-question table (`quiz.present.report`). `write_report` writes both and
returns the report's words, for `quiz results --report`, the projector's podium and
`quiz host` alike. (Another mode's session gets its mode in place of "classroom".)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from quiz.present.report import report_lines, write_report_csv
from quiz.present.results import SUMMARY_COLUMNS, write_summary_csv
from quiz.results.report import session_results
from quiz.results.store import Store

__all__ = ["SUMMARY_COLUMNS", "Report", "summary_path", "write_report", "write_summary"]


def write_summary(store: Store, session_id: int, out: TextIO) -> int:
    """Write one row per player of `session_id`, best first; return the number of players."""
    return write_summary_csv(out, store.sessions(session_id))


def summary_path(folder: Path, session_id: int, mode: str = "classroom") -> Path:
    return folder / f"{mode}-session-{session_id}-players.csv"


def report_path(folder: Path, session_id: int, mode: str = "classroom") -> Path:
    return folder / f"{mode}-session-{session_id}-report.csv"


@dataclass(frozen=True)
class Report:
    lines: list[str]
    """The report in words, one line each."""
    questions_csv: Path
    players_csv: Path
    players: int


def write_report(store: Store, session_id: int) -> Report | None:
    """Write the session's report and per-player summary beside the store (None: no
    such session). Raises StoreError or OSError when the store or folder fails."""
    results = session_results(store, session_id)
    if results is None:
        return None
    mode = results.session.mode
    questions = report_path(store.folder, session_id, mode)
    players = summary_path(store.folder, session_id, mode)
    with questions.open("w", encoding="utf-8", newline="") as out:
        write_report_csv(out, results)
    with players.open("w", encoding="utf-8", newline="") as out:
        count = write_summary_csv(out, [results.session])
    return Report(list(report_lines(results)), questions, players, count)
