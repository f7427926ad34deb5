"""The results store's schema: an ordered list of migrations, applied on open.

`PRAGMA user_version` counts the migrations a database has had. Opening runs the
missing ones in order, each in its own IMMEDIATE transaction that re-reads the
version once it holds the write lock, so two programs opening a fresh store at once
do not both create the tables. A database whose version is above the newest known
raises `NewerSchema` before anything is written: an older quiz never touches a
newer quiz's results. WAL journalling is switched on with the first migration.

To change the schema, append a tuple of statements to `MIGRATIONS`; never edit
one that has shipped, since stores in the wild have already run it.
"""

from __future__ import annotations

import sqlite3
from typing import Literal

__all__ = ["MIGRATIONS", "MODES", "SCHEMA_VERSION", "Mode", "NewerSchema", "migrate"]

Mode = Literal["solo", "plain", "hotseat", "classroom"]
MODES: tuple[Mode, ...] = ("solo", "plain", "hotseat", "classroom")

_SCHEMA_1 = (
    f"""
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        started TEXT NOT NULL,
        finished TEXT,
        bank_id TEXT NOT NULL,
        bank_digest TEXT NOT NULL,
        bank_title TEXT NOT NULL,
        seed INTEGER,
        settings TEXT NOT NULL DEFAULT '{{}}',
        mode TEXT NOT NULL CHECK (mode IN ({", ".join(repr(m) for m in MODES)})),
        total INTEGER NOT NULL DEFAULT 0
    )
    """,
    """
    CREATE TABLE players (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        joined TEXT NOT NULL,
        UNIQUE (session_id, name)
    )
    """,
    """
    CREATE TABLE answers (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        player_id INTEGER NOT NULL REFERENCES players(id) ON DELETE CASCADE,
        question_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        prompt TEXT NOT NULL,
        given TEXT NOT NULL,
        correct_answer TEXT NOT NULL,
        points REAL NOT NULL,
        max_points REAL NOT NULL,
        full_marks INTEGER NOT NULL,
        inside INTEGER,
        reason TEXT NOT NULL,
        seconds REAL,
        answered_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX answers_by_session ON answers (session_id, player_id)",
)

_SCHEMA_2 = (
    # How many times off an estimate was, as the engine scored it (the teacher's report
    # takes its median); NULL for options, intervals and answers stored before.
    "ALTER TABLE answers ADD COLUMN times_off REAL",
)

_BONUSES = (
    # Speed points and the streak bonus, stored beside the score and never inside it.
    "ALTER TABLE answers ADD COLUMN bonus REAL NOT NULL DEFAULT 0",
    "ALTER TABLE answers ADD COLUMN bonus_reason TEXT NOT NULL DEFAULT ''",
)

MIGRATIONS: tuple[tuple[str, ...], ...] = (_SCHEMA_1, _SCHEMA_2, _BONUSES)
"""Ordered schema changes; `PRAGMA user_version` = how many have been applied."""
SCHEMA_VERSION = len(MIGRATIONS)


class NewerSchema(Exception):
    """The database was written by a newer version of the quiz."""

    def __init__(self, version: int) -> None:
        super().__init__(f"schema version {version}, newer than {SCHEMA_VERSION}")
        self.version = version


def _version(conn: sqlite3.Connection) -> int:
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise NewerSchema(version)
    return version


def migrate(conn: sqlite3.Connection) -> None:
    """Bring an autocommit connection's database up to SCHEMA_VERSION."""
    version = _version(conn)
    conn.execute("PRAGMA journal_mode=WAL")
    # Durable across the process being killed; only a power cut may lose the last commits.
    conn.execute("PRAGMA synchronous=NORMAL")
    for target, statements in enumerate(MIGRATIONS, start=1):
        if version >= target:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = _version(conn)  # another program may have migrated meanwhile
            if version < target:
                for statement in statements:
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {target}")
                version = target
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
