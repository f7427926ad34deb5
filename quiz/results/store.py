"""The results store: every answer, kept in SQLite the moment it is given.

The low-level API under the game record (`quiz.results.record.GameRecord`, through which
every front end stores a game: sessions, players, answers, and how the game ended) and
`quiz results` (`sessions()` and `answers()`, as `quiz.results.rows`; CSV in
`quiz.results.export`). Nothing is touched until the first call that needs the file.

Decisions worth knowing:

- Where: `results.sqlite3` in `quiz.paths.data_dir()` (the user data folder, or
  `QUIZ_DATA_DIR`), or in the folder given (`--data-dir`). The folder and the file are
  created on the first write, never on import or on a read: `quiz results` on a
  fresh machine creates nothing.
- Durability: autocommit, so each INSERT is its own committed transaction before
  `record` returns; WAL journal with `synchronous=NORMAL`, which survives the
  process being killed (the issue's SIGKILL test) at the cost of possibly losing
  the last commits on a power cut, and keeps a classroom's burst of answers from
  waiting on one fsync each.
- Schema: versioned by `PRAGMA user_version`, migrated on open (`quiz.results.schema`);
  a store written by a newer version is refused, never modified.
- Every failure of SQLite or the file system (locked past the busy timeout,
  not a database, unwritable folder, disk full) becomes a `StoreError` (a
  `QuizError`, exit 1) whose message names the file and says what to do.
- A missed question (a classroom player out of time) is a row with `given` empty:
  it counts towards the player's maximum, not as answered.
- Speed and streak bonuses are stored beside the score (`bonus`, `bonus_reason`),
  never inside it; a player's total points include them.
- Text is stored as given (player names included) and only ever bound as a
  parameter; times as ISO 8601 in UTC.
- A connection may be used from any thread (the TUI's workers, the classroom
  server's executor); a lock serialises use of it.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from quiz import paths
from quiz.results.failures import StoreError, explain_sqlite
from quiz.results.rows import (
    AnswerRow,
    NewAnswer,
    PlayerTotal,
    SessionRow,
    describe_answer,
    insert_answers,
    insert_players,
)
from quiz.results.schema import MODES, SCHEMA_VERSION, Mode, NewerSchema, migrate
from quiz.results.writable import DB_NAME, not_a_folder

if TYPE_CHECKING:
    from quiz.bank.loader import LoadedBank
    from quiz.game.generate import Question
    from quiz.game.scoring import Score

__all__ = ["DB_NAME", "SCHEMA_VERSION", "Store", "StoreError", "describe_answer"]

BUSY_TIMEOUT_SECONDS = 5.0
"""How long a write waits for another program holding the store before giving up."""


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


class Store:
    """The results database in one folder; opened lazily, on the first call that needs it."""

    def __init__(
        self,
        folder: Path | str | None = None,
        *,
        now: Callable[[], datetime] = _now,
        busy_timeout: float = BUSY_TIMEOUT_SECONDS,
    ) -> None:
        self.folder = paths.data_dir(Path(folder) if folder is not None else None)
        self.path = self.folder / DB_NAME
        self._now = now
        self._busy_timeout = busy_timeout
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.RLock()

    # -- connection and schema --------------------------------------------

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    @property
    def exists(self) -> bool:
        """Whether the database file exists (reading a missing store creates nothing)."""
        return self.path.is_file()

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Turn every SQLite or OS failure into a StoreError that names the file."""
        try:
            yield
        except sqlite3.Error as exc:
            raise StoreError(explain_sqlite(exc, self.path)) from None
        except OSError as exc:
            raise StoreError(  # mkdir's "File exists" is a file where a folder should be
                f"cannot use the results store {self.path}: "
                f"{not_a_folder(self.folder) or exc.strerror or exc}. "
                "Use --data-dir to store results elsewhere."
            ) from None

    def _connection(self) -> sqlite3.Connection:
        if self._conn is not None:
            return self._conn
        if self.path.exists() and not self.path.is_file():
            raise StoreError(f"the results store {self.path} is not a file.")
        with self._guard():
            self.folder.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(
                self.path,
                timeout=self._busy_timeout,
                isolation_level=None,  # autocommit: each INSERT is committed when it runs
                check_same_thread=False,
            )
            try:
                self._prepare(conn)
            except BaseException:
                conn.close()
                raise
        self._conn = conn
        return conn

    def _prepare(self, conn: sqlite3.Connection) -> None:
        conn.execute("PRAGMA foreign_keys=ON")
        try:
            migrate(conn)
        except NewerSchema as exc:
            raise StoreError(
                f"the results store {self.path} was written by a newer version of the quiz "
                f"(schema {exc.version}; this version reads up to {SCHEMA_VERSION}). "
                "Upgrade the quiz, or use --data-dir for a separate store."
            ) from None

    def open(self) -> None:
        """Create or migrate the database now, for a program that must not run without it
        (the classroom host); StoreError when it cannot be used."""
        with self._lock, self._guard():
            self._connection()

    def schema_version(self) -> int:
        """The schema version of the store on disk (0 when there is none yet)."""
        if not self.exists:
            return 0
        with self._lock, self._guard():
            return int(self._connection().execute("PRAGMA user_version").fetchone()[0])

    # -- writing ------------------------------------------------------------

    def defer_checkpoints(self) -> None:
        """This connection's commits never checkpoint (never fsync): the caller runs
        `quiz.results.checkpoint.checkpoint` elsewhere (the classroom host's thread)."""
        with self._lock, self._guard():
            self._connection().execute("PRAGMA wal_autocheckpoint=0")

    def start_session(
        self,
        bank: LoadedBank,
        *,
        mode: Mode,
        seed: int | None,
        total: int,
        settings: Mapping[str, object] | None = None,
    ) -> int:
        """Store a new session and return its id; `total` is the quiz's question count."""
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
        settings_json = json.dumps(dict(settings or {}), sort_keys=True, default=str)
        with self._lock, self._guard():
            cursor = self._connection().execute(
                "INSERT INTO sessions (started, bank_id, bank_digest, bank_title, seed, "
                "settings, mode, total) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    _stamp(self._now()),
                    bank.id,
                    bank.digest,
                    bank.bank.bank.title,
                    seed,
                    settings_json,
                    mode,
                    total,
                ),
            )
            return int(cursor.lastrowid or 0)

    def add_player(self, session_id: int, name: str) -> int:
        """The player's id in this session, adding them if the name is new to it."""
        return self.add_players(session_id, [name])[name]

    def add_players(self, session_id: int, names: Sequence[str]) -> dict[str, int]:
        """Each player's id in this session, adding new names: two statements per 500."""
        with self._lock, self._guard():
            return insert_players(self._connection(), session_id, names, _stamp(self._now()))

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Everything stored inside is committed together at the end, or not at all.

        A classroom host writes a burst of answers this way: one commit (one WAL write)
        for the burst instead of one per answer.
        """
        with self._lock, self._guard():
            conn = self._connection()
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def record(
        self,
        session_id: int,
        player_id: int,
        question: Question,
        given: str,
        score: Score,
        seconds: float | None = None,
        bonus: float = 0.0,
        bonus_reason: str = "",
    ) -> int:
        """Store one answer (committed before this returns) and return its row id.

        `given` is the answer in words; a classroom host records a missed question
        with given="" and a zero Score saying why. `bonus` is speed and streak points
        on top of the score.
        """
        answer = NewAnswer(player_id, question, given, score, seconds, bonus, bonus_reason)
        return self.record_many(session_id, [answer])

    def record_many(self, session_id: int, answers: Sequence[NewAnswer]) -> int:
        """Store answers with one INSERT per 500 of them; the last row id.

        Inside a `transaction` they are committed together. One statement for a burst
        matters to a classroom host, which writes on its event loop: a statement per
        answer would cost a class answering at once a prepare and a step each.
        """
        with self._lock, self._guard():
            return insert_answers(self._connection(), session_id, answers, _stamp(self._now()))

    def finish_session(self, session_id: int) -> None:
        """Mark the session finished (played to the end, or ended by the player)."""
        with self._lock, self._guard():
            self._connection().execute(
                "UPDATE sessions SET finished = ? WHERE id = ? AND finished IS NULL",
                (_stamp(self._now()), session_id),
            )

    def discard_if_empty(self, session_id: int) -> bool:
        """Delete the session if no answer was stored in it (a game quit at once)."""
        with self._lock, self._guard():
            cursor = self._connection().execute(
                "DELETE FROM sessions WHERE id = ? "
                "AND NOT EXISTS (SELECT 1 FROM answers WHERE session_id = ?)",
                (session_id, session_id),
            )
            return cursor.rowcount > 0

    # -- reading ------------------------------------------------------------

    def sessions(self, session_id: int | None = None) -> list[SessionRow]:
        """Stored sessions, newest first, with each player's totals."""
        if not self.exists:
            return []
        where = "WHERE s.id = ?" if session_id is not None else ""
        params = (session_id,) if session_id is not None else ()
        with self._lock, self._guard():
            conn = self._connection()
            rows = conn.execute(
                "SELECT s.id, s.started, s.finished, s.mode, s.bank_id, s.bank_digest, "
                f"s.bank_title, s.seed, s.settings, s.total FROM sessions s {where} "
                "ORDER BY s.id DESC",
                params,
            ).fetchall()
            totals: dict[int, list[PlayerTotal]] = {}
            for sid, pid, name, points, max_points, answered, missed, full, bonus in conn.execute(
                "SELECT p.session_id, p.id, p.name, COALESCE(SUM(a.points + a.bonus), 0), "
                "COALESCE(SUM(a.max_points), 0), COUNT(CASE WHEN a.given <> '' THEN 1 END), "
                "COUNT(CASE WHEN a.given = '' THEN 1 END), COALESCE(SUM(a.full_marks), 0), "
                "COALESCE(SUM(a.bonus), 0) "
                "FROM players p "
                "LEFT JOIN answers a ON a.player_id = p.id "
                + ("WHERE p.session_id = ? " if session_id is not None else "")
                + "GROUP BY p.id ORDER BY p.id",
                params,
            ):
                totals.setdefault(sid, []).append(
                    PlayerTotal(
                        id=pid,
                        name=name,
                        points=float(points),
                        max_points=float(max_points),
                        answered=int(answered),
                        missed=int(missed),
                        full_marks=int(full),
                        bonus=float(bonus),
                    )
                )
        result = []
        for sid, started, finished, mode, bank_id, digest, title, seed, settings, total in rows:
            try:
                parsed = json.loads(settings)
            except ValueError:
                parsed = {}
            result.append(
                SessionRow(
                    id=sid,
                    started=datetime.fromisoformat(started),
                    finished=datetime.fromisoformat(finished) if finished else None,
                    mode=mode,
                    bank_id=bank_id,
                    bank_digest=digest,
                    bank_title=title,
                    seed=seed,
                    settings=parsed if isinstance(parsed, dict) else {},
                    total=total,
                    players=tuple(totals.get(sid, ())),
                )
            )
        return result

    def answers(self, session_id: int | None = None) -> list[AnswerRow]:
        """Stored answers in the order given, oldest session first."""
        if not self.exists:
            return []
        where = "WHERE a.session_id = ?" if session_id is not None else ""
        params = (session_id,) if session_id is not None else ()
        with self._lock, self._guard():
            rows = (
                self._connection()
                .execute(
                    "SELECT a.id, a.session_id, a.player_id, p.name, s.bank_id, s.bank_title, "
                    "a.question_id, a.kind, a.prompt, a.given, a.correct_answer, a.points, "
                    "a.max_points, a.full_marks, a.inside, a.reason, a.seconds, a.answered_at, "
                    "a.times_off, a.bonus, a.bonus_reason "
                    "FROM answers a JOIN players p ON p.id = a.player_id "
                    f"JOIN sessions s ON s.id = a.session_id {where} "
                    "ORDER BY a.session_id, a.id",
                    params,
                )
                .fetchall()
            )
        return [
            AnswerRow(
                id=row[0],
                session_id=row[1],
                player_id=row[2],
                player=row[3],
                bank_id=row[4],
                bank_title=row[5],
                question_id=row[6],
                kind=row[7],
                prompt=row[8],
                given=row[9],
                correct_answer=row[10],
                points=row[11],
                max_points=row[12],
                full_marks=bool(row[13]),
                inside=None if row[14] is None else bool(row[14]),
                reason=row[15],
                seconds=row[16],
                answered_at=datetime.fromisoformat(row[17]),
                times_off=row[18],
                bonus=row[19],
                bonus_reason=row[20],
            )
            for row in rows
        ]
