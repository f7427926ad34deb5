"""The results store's checkpoints, taken by a program that cannot wait for a disk.

In WAL mode with `synchronous=NORMAL` a commit only appends to the WAL file: no fsync.
The fsyncs come at checkpoints, which SQLite runs by default inside whichever commit
takes the WAL past 1,000 pages. The classroom host commits on its event loop (every
student's acknowledgement waits for the commit, and a thread hand-off costs more than the
commit itself), so it switches that off for its connection (`Store.defer_checkpoints`)
and calls `checkpoint` from a thread of its own now and then. PASSIVE: it copies what it
can without waiting for, or blocking, the writer; whatever is left waits for the next one,
or for the store's close (the last connection to close checkpoints everything).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from quiz.results.failures import StoreError, explain_sqlite
from quiz.results.store import BUSY_TIMEOUT_SECONDS


def checkpoint(path: Path) -> None:
    """Copy the WAL's committed pages into the database, on a connection of its own."""
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
        try:
            conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise StoreError(explain_sqlite(exc, path)) from None
