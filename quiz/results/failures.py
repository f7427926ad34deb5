"""The results store's one error, and SQLite's failures said in the user's words."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from quiz.errors import QuizError


class StoreError(QuizError):
    """The results store cannot be used; the message says which file and what to do."""


def explain_sqlite(exc: sqlite3.Error, path: Path) -> str:
    text = str(exc)
    lowered = text.lower()
    if "locked" in lowered or "busy" in lowered:
        return (
            f"the results store {path} is busy: another program is writing to it. "
            "Try again when it has finished, or use --data-dir for a separate store."
        )
    if "not a database" in lowered or "malformed" in lowered or "corrupt" in lowered:
        return (
            f"the results store {path} is damaged or is not a results database ({text}). "
            "Move it aside to start a new one, or use --data-dir for a separate store."
        )
    if "readonly" in lowered or "unable to open" in lowered or "disk i/o" in lowered:
        return (
            f"cannot write the results store {path} ({text}). "
            "Check the folder's permissions, or use --data-dir to store results elsewhere."
        )
    if "full" in lowered:
        return f"cannot write the results store {path}: the disk is full."
    return f"the results store {path} failed: {text}"


class NoSession(QuizError):
    """`quiz results --session N` names a session the store does not hold (exit 1)."""

    def __init__(self, session_id: int, path: Path) -> None:
        super().__init__(f"no session {session_id} in {path}")
        self.session_id = session_id
