"""The results store: schema migrations, immediate commits, clear errors, CSV export."""

from __future__ import annotations

import csv
import io
import sqlite3
from contextlib import closing
from datetime import datetime, timezone
from pathlib import Path

import pytest

from quiz.bank.loader import LoadedBank
from quiz.bank.model import Bank
from quiz.game.generate import Question
from quiz.game.scoring import ChoiceAnswer, IntervalAnswer, NumberAnswer, Score
from quiz.game.session import AnsweredQuestion
from quiz.results import export
from quiz.results import schema as store_schema
from quiz.results import store as store_module
from quiz.results.record import GameRecord
from quiz.results.store import SCHEMA_VERSION, Store, StoreError, describe_answer

BANK = LoadedBank(
    bank=Bank.model_validate(
        {
            "format": 1,
            "bank": {"id": "harbour-counts", "title": "Counting the harbour"},
            "article": {"title": "Ships in port", "text": "The port saw 1,200 ships."},
            "sources": {"port": {"name": "The port authority"}},
            "figures": {
                "ships": {
                    "source": "port",
                    "measure": "ships",
                    "counts": "ships calling at the port",
                    "value": 1200,
                    "as_of": 2021,
                    "quote": "1,200 ships",
                    "explain": "Counted at the harbour gate.",
                }
            },
        }
    ),
    path=Path("harbour.toml"),
    article_text="The port saw 1,200 ships.",
    digest="d" * 64,
)

CHOICE = Question(
    id="choice-ships",
    kind="choice",
    prompt="How many ships called at the port?",
    options=("120", "1,200", "12,000", "120,000"),
    answer_index=1,
    figure_ids=("ships",),
)
ESTIMATE = Question(
    id="estimate-ships",
    kind="estimate",
    prompt="How many ships called?",
    low=1200.0,
    high=1200.0,
    figure_ids=("ships",),
)


def _score(points: float, reason: str = "a reason") -> Score:
    return Score(points=points, max_points=1.0, correct=points == 1.0, reason=reason)


def _tables(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as conn:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {name for (name,) in rows}


def _user_version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


def test_reading_a_missing_store_creates_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "not-yet"
    store = Store(folder)
    assert store.sessions() == []
    assert store.answers() == []
    assert store.schema_version() == 0
    assert not folder.exists()


def test_first_write_creates_the_folder_and_applies_every_migration(tmp_path: Path) -> None:
    folder = tmp_path / "deep" / "results"
    with Store(folder) as store:
        store.start_session(BANK, mode="plain", seed=7, total=2)
    db = folder / store_module.DB_NAME
    assert db.is_file()
    assert _user_version(db) == SCHEMA_VERSION == len(store_schema.MIGRATIONS)
    assert {"sessions", "players", "answers"} <= _tables(db)
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_an_empty_database_file_is_migrated_from_version_zero(tmp_path: Path) -> None:
    (tmp_path / store_module.DB_NAME).write_bytes(b"")
    with Store(tmp_path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        sid = store.start_session(BANK, mode="solo", seed=None, total=1)
    # Reopening an up-to-date store runs no migration again (tables would clash).
    with Store(tmp_path) as store:
        assert [s.id for s in store.sessions()] == [sid]


def test_an_older_store_is_migrated_forward_keeping_its_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store(tmp_path) as store:
        sid = store.start_session(BANK, mode="plain", seed=3, total=1)
        store.record(sid, store.add_player(sid, "Ana"), CHOICE, "1,200", _score(1.0))
    later = (*store_schema.MIGRATIONS, ("ALTER TABLE answers ADD COLUMN note TEXT",))
    monkeypatch.setattr(store_schema, "MIGRATIONS", later)
    monkeypatch.setattr(store_schema, "SCHEMA_VERSION", len(later))
    with Store(tmp_path) as store:
        assert store.schema_version() == len(later)
        assert [a.given for a in store.answers(sid)] == ["1,200"]
    with closing(sqlite3.connect(tmp_path / store_module.DB_NAME)) as conn:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(answers)")}
    assert "note" in columns


def test_a_store_from_a_newer_version_is_refused_and_left_alone(tmp_path: Path) -> None:
    db = tmp_path / store_module.DB_NAME
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    store = Store(tmp_path)
    with pytest.raises(StoreError) as caught:
        store.start_session(BANK, mode="plain", seed=1, total=1)
    message = str(caught.value)
    assert "newer version" in message
    assert str(db) in message
    assert _user_version(db) == SCHEMA_VERSION + 1
    assert _tables(db) == set()


def test_each_answer_is_committed_before_record_returns(tmp_path: Path) -> None:
    store = Store(tmp_path)
    sid = store.start_session(BANK, mode="plain", seed=3, total=2)
    pid = store.add_player(sid, "Ana")
    store.record(sid, pid, CHOICE, "1,200", _score(1.0))
    # A second connection, while the store's own is still open, sees the row.
    other = sqlite3.connect(tmp_path / store_module.DB_NAME)
    try:
        rows = other.execute(
            "SELECT question_id, given, correct_answer, points FROM answers"
        ).fetchall()
        assert rows == [("choice-ships", "1,200", "1,200", 1.0)]
        store.record(sid, pid, ESTIMATE, "2,400", _score(0.5))
        assert other.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 2
    finally:
        other.close()
        store.close()


def test_the_recorder_stores_a_session_answer_under_its_player(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        record = GameRecord(store, BANK, mode="hotseat", seed=3, total=1)
        ana, ben = record.add_player("Ana"), record.add_player("Ben")
        record.recorder("Ben")(
            AnsweredQuestion(CHOICE, ChoiceAnswer(2), _score(0.0, "wrong option"), 4.25)
        )
        assert record.session_id is not None
        (row,) = store.answers(record.session_id)
    assert (row.player_id, row.player) == (ben, "Ben")
    assert ana != ben
    assert (row.given, row.correct_answer, row.reason) == ("12,000", "1,200", "wrong option")
    assert row.seconds == 4.25
    assert row.full_marks is False


def test_add_player_is_idempotent_within_a_session_only(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        first = store.start_session(BANK, mode="classroom", seed=1, total=3)
        second = store.start_session(BANK, mode="classroom", seed=1, total=3)
        ana = store.add_player(first, "Ana")
        assert store.add_player(first, "Ana") == ana
        assert store.add_player(second, "Ana") != ana
        assert store.add_player(first, "ana") != ana


def test_sessions_list_players_totals_and_finish(tmp_path: Path) -> None:
    moments = iter(datetime(2026, 3, day, 9, 30, tzinfo=timezone.utc) for day in range(1, 20))
    with Store(tmp_path, now=lambda: next(moments)) as store:
        old = store.start_session(BANK, mode="plain", seed=11, total=2, settings={"count": 2})
        solo = store.add_player(old, "Zoë")
        store.record(old, solo, CHOICE, "1,200", _score(1.0))
        store.finish_session(old)
        new = store.start_session(BANK, mode="hotseat", seed=12, total=2)
        ana, ben = store.add_player(new, "Ana"), store.add_player(new, "Ben")
        store.record(new, ana, CHOICE, "1,200", _score(1.0))
        store.record(new, ben, CHOICE, "120", _score(0.0))
        store.record(new, ana, ESTIMATE, "1,000", _score(0.75))
        listed = store.sessions()
        assert [s.id for s in listed] == [new, old]
        latest, earlier = listed
        assert earlier.finished is not None and latest.finished is None
        assert earlier.settings == {"count": 2}
        assert (earlier.seed, earlier.mode, earlier.bank_title) == (
            11,
            "plain",
            "Counting the harbour",
        )
        assert earlier.bank_digest == BANK.digest
        assert [(p.name, p.points, p.max_points, p.answered) for p in latest.players] == [
            ("Ana", 1.75, 2.0, 2),
            ("Ben", 0.0, 1.0, 1),
        ]
        assert (latest.points, latest.answered, latest.total) == (1.75, 3, 2)
        assert [s.id for s in store.sessions(old)] == [old]


def test_a_missed_question_counts_towards_the_maximum_not_as_answered(tmp_path: Path) -> None:
    """A classroom player out of time is stored with given="" and zero points."""
    with Store(tmp_path) as store:
        sid = store.start_session(BANK, mode="classroom", seed=3, total=3)
        ana, ben = store.add_player(sid, "Ana"), store.add_player(sid, "Ben")
        for question in (CHOICE, ESTIMATE, CHOICE):
            store.record(sid, ana, question, "1,200", _score(1.0))
        store.record(sid, ben, CHOICE, "1,200", _score(1.0))
        store.record(sid, ben, ESTIMATE, "", _score(0.0, "no answer in time"))
        store.record(sid, ben, CHOICE, "120", _score(0.0))
        (session,) = store.sessions(sid)
        rows = store.answers(sid)
    totals = {
        p.name: (p.points, p.max_points, p.answered, p.missed, p.full_marks)
        for p in session.players
    }
    assert totals == {"Ana": (3.0, 3.0, 3, 0, 3), "Ben": (1.0, 3.0, 2, 1, 1)}
    assert (session.answered, session.missed) == (5, 1)
    assert [r.missed for r in rows if r.player == "Ben"] == [False, True, False]


def test_a_player_without_answers_has_zero_totals(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        sid = store.start_session(BANK, mode="classroom", seed=3, total=2)
        store.add_player(sid, "Late")
        (player,) = store.sessions(sid)[0].players
    assert (player.points, player.max_points, player.answered, player.missed) == (0, 0, 0, 0)
    assert player.full_marks == 0


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (None, ""),
        (0.7, "0.7"),
        (1.0, "1"),
        (2 / 3, "0.667"),
        (1_234_567.0, "1234567"),
        (-0.0001, "0"),
    ],
)
def test_csv_numbers_are_plain_decimals(value: float | None, cell: str) -> None:
    assert export.csv_number(value) == cell


def test_csv_has_one_row_per_answer_and_defuses_formulas(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        sid = store.start_session(BANK, mode="plain", seed=5, total=2)
        pid = store.add_player(sid, '=HYPERLINK("http://x")')
        store.record(sid, pid, CHOICE, "1,200", _score(1.0, "right"))
        store.record(sid, pid, ESTIMATE, "-5", _score(0.25, "+4x too high"), seconds=3.0)
        out = io.StringIO()
        assert export.write_csv(store, out) == 2
    header, *rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert tuple(header) == export.CSV_COLUMNS
    assert len(rows) == 2
    first, second = (dict(zip(header, row, strict=True)) for row in rows)
    assert first["player"] == '\'=HYPERLINK("http://x")'
    assert first["bank"] == "Counting the harbour"
    assert first["question"] == CHOICE.prompt
    assert (first["answer_given"], first["correct_answer"]) == ("1,200", "1,200")
    assert (first["score"], first["max_score"]) == ("1", "1")
    assert second["answer_given"] == "'-5"
    assert second["reason"] == "'+4x too high"
    assert (second["score"], second["seconds"]) == ("0.25", "3")
    assert first["session"] == str(sid)
    datetime.strptime(first["time_utc"], "%Y-%m-%d %H:%M:%S")


def test_csv_of_one_session_only(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        a = store.start_session(BANK, mode="plain", seed=1, total=1)
        b = store.start_session(BANK, mode="plain", seed=2, total=1)
        store.record(a, store.add_player(a, "A"), CHOICE, "1,200", _score(1.0))
        store.record(b, store.add_player(b, "B"), CHOICE, "120", _score(0.0))
        out = io.StringIO()
        assert export.write_csv(store, out, session_id=b) == 1
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [(r["session"], r["player"]) for r in rows] == [(str(b), "B")]


def test_a_damaged_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / store_module.DB_NAME).write_bytes(b"this is not sqlite at all\n" * 200)
    store = Store(tmp_path)
    for action in (
        store.sessions,
        lambda: store.start_session(BANK, mode="plain", seed=1, total=1),
    ):
        with pytest.raises(StoreError) as caught:
            action()
        assert "damaged or is not a results database" in str(caught.value)


def test_an_unusable_folder_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    store = Store(blocker / "results")
    with pytest.raises(StoreError) as caught:
        store.start_session(BANK, mode="plain", seed=1, total=1)
    assert str(blocker / "results") in str(caught.value)
    assert "--data-dir" in str(caught.value)


def test_a_store_locked_by_another_program_is_a_clear_error(tmp_path: Path) -> None:
    with Store(tmp_path) as first:
        sid = first.start_session(BANK, mode="plain", seed=1, total=1)
        pid = first.add_player(sid, "Ana")
    blocker = sqlite3.connect(tmp_path / store_module.DB_NAME, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        store = Store(tmp_path, busy_timeout=0.05)
        with pytest.raises(StoreError) as caught:
            store.record(sid, pid, CHOICE, "1,200", _score(1.0))
        assert "busy" in str(caught.value)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    # Once the other program lets go, the same store works.
    store.record(sid, pid, CHOICE, "1,200", _score(1.0))
    assert len(store.answers(sid)) == 1
    store.close()


def test_names_and_text_are_stored_literally(tmp_path: Path) -> None:
    name = "[bold]Robert'); DROP TABLE answers;--"
    with Store(tmp_path) as store:
        sid = store.start_session(BANK, mode="plain", seed=1, total=1)
        store.record(sid, store.add_player(sid, name), CHOICE, "1,200", _score(1.0))
        assert [p.name for p in store.sessions(sid)[0].players] == [name]
        assert store.answers(sid)[0].player == name


def test_describe_answer_reads_as_the_player_answered() -> None:
    assert describe_answer(CHOICE, ChoiceAnswer(3)) == "120,000"
    assert describe_answer(ESTIMATE, NumberAnswer(7_800_000, "7.8m")) == "7.8 million"
    assert describe_answer(ESTIMATE, IntervalAnswer(1000, 30_000)) == "1,000–30,000"
