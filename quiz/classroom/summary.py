"""The per-player summary of a classroom session, as CSV for a gradebook.

`quiz results --csv` (the store's export) has one row per player per question; a
teacher also wants one row per player. This reads the same store and writes: session,
rank, player, points, max_points, percent, answered (questions with an answer given),
missed (no answer in time), full_marks. `quiz host` writes it beside the results store
when a session ends and prints the path. Names go through the store's formula guard.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path
from typing import TextIO

from quiz.store import Store, _csv_text

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
)


def _number(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".")


def write_summary(store: Store, session_id: int, out: TextIO) -> int:
    """Write one row per player of `session_id`, best first; return the number of players."""
    rows = store.answers(session_id)
    players: dict[str, dict[str, float]] = defaultdict(
        lambda: {"points": 0.0, "max": 0.0, "answered": 0, "missed": 0, "full": 0}
    )
    for row in rows:
        total = players[row.player]
        total["points"] += row.points
        total["max"] += row.max_points
        if row.given:
            total["answered"] += 1
        else:
            total["missed"] += 1
        total["full"] += int(row.full_marks)
    ordered = sorted(players.items(), key=lambda item: (-item[1]["points"], item[0].casefold()))
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(SUMMARY_COLUMNS)
    rank = 0
    for index, (name, total) in enumerate(ordered):
        if index == 0 or total["points"] != ordered[index - 1][1]["points"]:
            rank = index + 1
        percent = 100 * total["points"] / total["max"] if total["max"] else 0.0
        writer.writerow(
            (
                session_id,
                rank,
                _csv_text(name),
                _number(total["points"]),
                _number(total["max"]),
                f"{percent:.0f}",
                int(total["answered"]),
                int(total["missed"]),
                int(total["full"]),
            )
        )
    return len(ordered)


def summary_path(folder: Path, session_id: int) -> Path:
    return folder / f"classroom-session-{session_id}-players.csv"
