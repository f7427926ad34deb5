"""The per-player summary `quiz host` writes beside the results store when a session ends.

The rows are the generic per-player summary of any stored session
(`quiz.present.results.write_summary_csv`, also `quiz results --csv --summary`); this
module only names the file a classroom session gets.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from quiz.present.results import SUMMARY_COLUMNS, write_summary_csv
from quiz.results.store import Store

__all__ = ["SUMMARY_COLUMNS", "summary_path", "write_summary"]


def write_summary(store: Store, session_id: int, out: TextIO) -> int:
    """Write one row per player of `session_id`, best first; return the number of players."""
    return write_summary_csv(out, store.sessions(session_id))


def summary_path(folder: Path, session_id: int) -> Path:
    return folder / f"classroom-session-{session_id}-players.csv"
