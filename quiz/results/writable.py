"""Whether answers can be saved in a results folder, found before the first answer.

The full-screen game and `--plain` ask at the start (`saving_problem`), so a player learns
that nothing will be kept before playing rather than after the first answer; the results
store uses `not_a_folder` to name the real problem when a folder on the way is a file
(the system's own words would be "File exists").

Decisions:

- Nothing is created: a missing data folder is fine when its nearest existing parent is a
  folder we can write in (the store creates it at the first answer). Writing is tried
  for real, with a temporary file removed at once, because permission bits do not tell
  (a read-only file system, or root, who passes every `os.access` check).
- The problem is "<path>: <reason>" in plain words: "is a file, not a folder",
  "permission denied", "read-only file system".
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

DB_NAME = "results.sqlite3"
"""The results store's file in the data folder."""


def _nearest_existing(folder: Path) -> Path:
    probe = folder
    while not probe.exists() and probe.parent != probe:
        probe = probe.parent
    return probe


def not_a_folder(folder: Path) -> str | None:
    """ "<path> is a file, not a folder" when `folder` or a folder above it is a file."""
    probe = _nearest_existing(folder)
    if probe.exists() and not probe.is_dir():
        return f"{probe} is a file, not a folder"
    return None


def saving_problem(folder: Path) -> str | None:
    """Why answers could not be saved in the data folder `folder`, or None if they can."""
    database = folder / DB_NAME
    problem = not_a_folder(folder)
    if problem is not None:
        return problem
    if database.exists() and not database.is_file():
        return f"{database} is a folder, not a results file"
    probe = _nearest_existing(folder)
    try:
        with tempfile.TemporaryFile(dir=probe, prefix=".quiz-write-test-"):
            pass
    except OSError as exc:
        return f"{probe}: {(exc.strerror or str(exc)).lower()}"
    if database.is_file() and not os.access(database, os.W_OK):
        return f"{database}: the file is read-only"
    return None
