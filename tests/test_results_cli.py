"""`quiz results`: listing sessions and exporting CSV, from a store filled through the API."""

from __future__ import annotations

import csv
import io
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from quiz.bank.loader import LoadedBank
from quiz.bank.model import Bank
from quiz.game.generate import Question
from quiz.game.scoring import Score
from quiz.results.store import DB_NAME, Store

BANK = LoadedBank(
    bank=Bank.model_validate(
        {
            "format": 1,
            "bank": {"id": "bridge-traffic", "title": "Counting the bridge"},
            "article": {"title": "Bridge", "text": "About 40,000 cars cross each day."},
            "sources": {"city": {"name": "The city"}},
            "figures": {
                "cars": {
                    "source": "city",
                    "measure": "cars",
                    "counts": "cars crossing each day",
                    "value": 40_000,
                    "as_of": 2020,
                    "quote": "40,000 cars",
                    "explain": "Counted by induction loops.",
                }
            },
        }
    ),
    path=Path("bridge.toml"),
    article_text="About 40,000 cars cross each day.",
    digest="b" * 64,
)
QUESTION = Question(
    id="estimate:cars",
    kind="estimate",
    prompt="How many cars cross each day?",
    low=40_000.0,
    high=40_000.0,
    figure_ids=("cars",),
)


def results(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "QUIZ_DATA_DIR"}
    return subprocess.run(
        [sys.executable, "-m", "quiz", "results", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


@pytest.fixture
def filled(tmp_path: Path) -> tuple[Path, int, int]:
    data = tmp_path / "data"
    with Store(data) as store:
        solo = store.start_session(BANK, mode="plain", seed=4, total=2)
        kim = store.add_player(solo, "Kim")
        store.record(solo, kim, QUESTION, "80,000", Score(0.7, 1.0, False, "2x too high"), 5.0)
        store.finish_session(solo)
        room = store.start_session(BANK, mode="classroom", seed=9, total=1)
        for name, given, points in (("@Ana", "40,000", 1.0), ("Ben", "4,000", 0.0)):
            pid = store.add_player(room, name)
            store.record(room, pid, QUESTION, given, Score(points, 1.0, points == 1, "r"))
    return data, solo, room


def test_an_empty_store_is_a_friendly_line(tmp_path: Path) -> None:
    result = results(tmp_path / "none")
    assert result.returncode == 0
    assert "No results stored yet" in result.stdout
    assert not (tmp_path / "none").exists()
    exported = results(tmp_path / "none", "--csv")
    assert exported.returncode == 0
    assert exported.stdout.strip().startswith("session,time_utc,player")
    assert len(exported.stdout.strip().splitlines()) == 1


def test_the_listing_shows_each_session_with_its_players(filled: tuple[Path, int, int]) -> None:
    data, solo, room = filled
    result = results(data)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert str(data / DB_NAME) in out
    assert out.index(f"Session {room}:") < out.index(f"Session {solo}:")
    assert "Counting the bridge (bridge-traffic), seed 4, finished" in out
    assert "classroom" in out and "unfinished" in out
    assert "Kim: 0.7 of 1 point, 1 of 2 answered" in out
    assert "@Ana: 1 of 1 point, 1 of 1 answered" in out
    assert "Ben: 0 of 1 point, 1 of 1 answered" in out


def test_one_session_lists_its_answers(filled: tuple[Path, int, int]) -> None:
    data, solo, room = filled
    result = results(data, "--session", str(solo))
    assert result.returncode == 0, result.stderr
    assert f"Session {room}:" not in result.stdout
    assert "answered 80,000; the answer is 40,000; 0.7 of 1 point (2x too high)" in result.stdout


def test_csv_has_one_row_per_answer(filled: tuple[Path, int, int]) -> None:
    data, solo, room = filled
    result = results(data, "--csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["session"], r["player"], r["answer_given"], r["score"]) for r in rows] == [
        (str(solo), "Kim", "80,000", "0.7"),
        (str(room), "'@Ana", "40,000", "1"),
        (str(room), "Ben", "4,000", "0"),
    ]
    assert {r["bank"] for r in rows} == {"Counting the bridge"}
    assert {r["correct_answer"] for r in rows} == {"40,000"}
    assert {r["question"] for r in rows} == {QUESTION.prompt}
    only = list(csv.DictReader(io.StringIO(results(data, "--csv", "--session", str(room)).stdout)))
    assert [r["player"] for r in only] == ["'@Ana", "Ben"]


def test_bad_session_ids_are_clear(filled: tuple[Path, int, int]) -> None:
    data, _, _ = filled
    word = results(data, "--session", "first")
    assert word.returncode == 2
    assert "--session expects a session number" in word.stderr
    unknown = results(data, "--session", "999")
    assert unknown.returncode == 1
    assert "no session 999" in unknown.stderr


@pytest.mark.parametrize("content", [b"garbage " * 100, None])
def test_an_unusable_store_is_a_message_not_a_traceback(
    tmp_path: Path, content: bytes | None
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    if content is None:
        conn = sqlite3.connect(data / DB_NAME)
        conn.execute("PRAGMA user_version = 999")
        conn.close()
    else:
        (data / DB_NAME).write_bytes(content)
    for args in ((), ("--csv",)):
        result = results(data, *args)
        assert result.returncode == 1
        assert str(data / DB_NAME) in result.stderr
        assert "Traceback" not in result.stderr


def test_the_environment_variable_moves_the_store(filled: tuple[Path, int, int]) -> None:
    data, solo, _ = filled
    env = {**os.environ, "QUIZ_DATA_DIR": str(data)}
    result = subprocess.run(
        [sys.executable, "-m", "quiz", "results"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert f"Session {solo}:" in result.stdout


@pytest.fixture
def classroom(tmp_path: Path) -> tuple[Path, int]:
    """A classroom session of three questions: Ben missed one, Cy joined and answered none."""
    data = tmp_path / "class"
    with Store(data) as store:
        sid = store.start_session(BANK, mode="classroom", seed=9, total=3)
        ana, ben = store.add_player(sid, "=Ana"), store.add_player(sid, "Ben")
        store.add_player(sid, "Cy")
        for points in (1.0, 1.0, 0.5):
            store.record(sid, ana, QUESTION, "40,000", Score(points, 1.0, points == 1, "r"))
        store.record(sid, ben, QUESTION, "40,000", Score(1.0, 1.0, True, "right"))
        store.record(sid, ben, QUESTION, "", Score(0.0, 1.0, False, "no answer in time"))
        store.record(sid, ben, QUESTION, "50,000", Score(0.25, 1.0, False, "1.25x too high"))
    return data, sid


def test_the_listing_counts_a_missed_question_as_missed(classroom: tuple[Path, int]) -> None:
    data, sid = classroom
    result = results(data)
    assert result.returncode == 0, result.stderr
    assert "=Ana: 2.5 of 3 points, 3 of 3 answered\n" in result.stdout
    assert "Ben: 1.25 of 3 points, 2 of 3 answered, 1 missed\n" in result.stdout
    assert "Cy: 0 of 0 points, 0 of 3 answered\n" in result.stdout
    one = results(data, "--session", str(sid)).stdout
    assert "gave no answer; the answer is 40,000; 0 of 1 point (no answer in time)" in one


def test_csv_summary_has_one_row_per_player(
    classroom: tuple[Path, int], filled: tuple[Path, int, int]
) -> None:
    data, sid = classroom
    result = results(data, "--csv", "--summary")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    columns = ("session", "rank", "player", "points", "max_points", "percent")
    counts = ("answered", "missed", "full_marks", "questions")
    assert [tuple(r[c] for c in columns + counts) for r in rows] == [
        (str(sid), "1", "'=Ana", "2.5", "3", "83", "3", "0", "2", "3"),
        (str(sid), "2", "Ben", "1.25", "3", "42", "2", "1", "1", "3"),
        (str(sid), "3", "Cy", "0", "0", "0", "0", "0", "0", "3"),
    ]
    # Hot-seat and solo sessions too, oldest first; tied players share a rank.
    other, solo, room = filled
    every = list(csv.DictReader(io.StringIO(results(other, "--csv", "--summary").stdout)))
    assert [(r["session"], r["rank"], r["player"], r["answered"]) for r in every] == [
        (str(solo), "1", "Kim", "1"),
        (str(room), "1", "'@Ana", "1"),
        (str(room), "2", "Ben", "1"),
    ]
    only = results(other, "--csv", "--summary", "--session", str(solo))
    assert [r["player"] for r in csv.DictReader(io.StringIO(only.stdout))] == ["Kim"]


def test_csv_summary_ties_share_a_rank(tmp_path: Path) -> None:
    data = tmp_path / "ties"
    with Store(data) as store:
        sid = store.start_session(BANK, mode="hotseat", seed=1, total=3)
        for name, scores in (("Bo", (0.1, 0.2)), ("al", (0.3, 0.0)), ("Cy", (0.0, 0.0))):
            pid = store.add_player(sid, name)
            for points in scores:
                store.record(sid, pid, QUESTION, "1", Score(points, 1.0, False, "r"))
    rows = list(csv.DictReader(io.StringIO(results(data, "--csv", "--summary").stdout)))
    assert [(r["rank"], r["player"], r["points"]) for r in rows] == [
        ("1", "al", "0.3"),
        ("1", "Bo", "0.3"),
        ("3", "Cy", "0"),
    ]


def test_csv_summary_refusals_are_clear(tmp_path: Path, classroom: tuple[Path, int]) -> None:
    data, _ = classroom
    alone = results(data, "--summary")
    assert alone.returncode == 2
    assert "use it with --csv" in alone.stderr
    unknown = results(data, "--csv", "--summary", "--session", "999")
    assert unknown.returncode == 1
    assert "no session 999" in unknown.stderr
    empty = results(tmp_path / "none", "--csv", "--summary")
    assert empty.returncode == 0
    assert empty.stdout.strip().splitlines() == [
        "session,rank,player,points,max_points,percent,answered,missed,full_marks,questions"
    ]
    assert "no players stored" in empty.stderr
    assert not (tmp_path / "none").exists()


def test_the_classroom_file_is_the_same_summary(classroom: tuple[Path, int]) -> None:
    from quiz.classroom.summary import write_summary

    data, sid = classroom
    out = io.StringIO()
    with Store(data) as store:
        assert write_summary(store, sid, out) == 3
    assert out.getvalue() == results(data, "--csv", "--summary", "--session", str(sid)).stdout


@pytest.mark.parametrize(
    "form", [(), ("--csv",), ("--csv", "--summary"), ("--report",)], ids=" ".join
)
def test_an_unknown_session_is_one_error_in_every_form(
    filled: tuple[Path, int, int], form: tuple[str, ...]
) -> None:
    """Listing, CSV, per-player CSV and report all refuse a session the store lacks the
    same way, and print nothing on stdout (no bare CSV header passing for an empty session)."""
    data, _, _ = filled
    result = results(data, "--session", "99999", *form)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"quiz: no session 99999 in {data / DB_NAME}\n"


def test_a_reason_that_states_its_points_is_not_given_them_twice(tmp_path: Path) -> None:
    from quiz.game.scoring import NumberAnswer, score

    data = tmp_path / "data"
    with Store(data) as store:
        session = store.start_session(BANK, mode="plain", seed=1, total=1)
        pid = store.add_player(session, "Kim")
        exact = score(QUESTION, NumberAnswer(40_000))
        store.record(session, pid, QUESTION, "40,000", exact, 2.0)
    out = results(data, "--session", str(session)).stdout
    # The points once; "exactly right" says nothing the answer beside it does not.
    assert "answered 40,000; the answer is 40,000; 1 of 1 point\n" in out
    assert out.count("1 of 1 point") == 2, "once for the player's total, once for the answer"


def test_full_marks_counts_only_answers_that_scored_full_marks(tmp_path: Path) -> None:
    """Bounds that merely hold the truth earn some points, not full marks."""
    from quiz.game.scoring import IntervalAnswer, score

    data = tmp_path / "data"
    with Store(data) as store:
        session = store.start_session(BANK, mode="plain", seed=1, total=2)
        pid = store.add_player(session, "Kim")
        holding = score(QUESTION, IntervalAnswer(10_000, 90_000))
        assert holding.inside and 0 < holding.points < 1
        store.record(session, pid, QUESTION, "10,000-90,000", holding, 2.0)
        tight = score(QUESTION, IntervalAnswer(40_000, 40_000))
        store.record(session, pid, QUESTION, "40,000-40,000", tight, 2.0)
    rows = list(csv.DictReader(io.StringIO(results(data, "--csv", "--summary").stdout)))
    assert [(r["answered"], r["full_marks"]) for r in rows] == [("2", "1")]


def _readme_columns(bullet_start: str) -> list[str]:
    import re

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    start = readme.index(bullet_start)
    end = readme.index("\n- ", start + 1)  # the next bullet
    return re.findall(r"`([a-z_]+)`", readme[start:end])


def test_the_readme_lists_every_csv_column(filled: tuple[Path, int, int]) -> None:
    data, _, _ = filled
    per_answer = results(data, "--csv").stdout.splitlines()[0].split(",")
    assert _readme_columns("- `quiz results --csv [--session N]") == per_answer
    per_player = results(data, "--csv", "--summary").stdout.splitlines()[0].split(",")
    assert _readme_columns("- `quiz results --csv --summary") == per_player
