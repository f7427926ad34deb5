"""`quiz play --plain` run as a player would: a subprocess fed a file of answers. The
answers are worked out from the quiz the same bank and seed generate, so nothing here
depends on which questions a seed happens to pick (tests/plain_game.py)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from plain_game import (
    an_answer,
    final_score,
    measure_sources,
    plain_command,
    plain_env,
    play,
    quiz_for,
    sections,
    stored,
    write_bank,
)


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    return write_bank(tmp_path / "bank")


def test_a_file_of_answers_plays_the_whole_quiz(bank: Path, tmp_path: Path) -> None:
    loaded, questions = quiz_for(bank, seed=5, count=6)
    answers = [an_answer(q) for q in questions]
    result = play(bank, tmp_path / "data", "\n".join(answers) + "\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "\x1b" not in out
    assert "Press Enter" not in out
    assert "seed 5" in out
    parts = sections(out)
    assert len(parts) == len(questions)
    for question, part in zip(questions, parts, strict=True):
        assert question.prompt in part
        assert f"the answer is {question.answer_text}" in part
        for name in measure_sources(loaded, question):
            assert name in part, f"{name} missing from the reveal of {question.id}"
    rows = stored(tmp_path / "data")
    assert [r[1] for r in rows] == [q.id for q in questions]
    assert final_score(out) == (
        pytest.approx(sum(r[3] for r in rows)),
        pytest.approx(sum(r[4] for r in rows)),
    )
    assert f"{len(questions)} of {len(questions)} questions answered" in out


def test_interval_mode_reports_calibration(bank: Path, tmp_path: Path) -> None:
    _, questions = quiz_for(bank, seed=9, count=6)
    answers = [an_answer(q, interval=True) for q in questions]
    result = play(bank, tmp_path / "data", "\n".join(answers) + "\n", "--interval", seed=9)
    assert result.returncode == 0, result.stderr
    numeric = sum(q.is_numeric for q in questions)
    assert numeric, "the seed should give at least one estimate"
    assert re.search(rf"inside your bounds \d+ of {numeric} times", result.stdout), result.stdout
    assert len(stored(tmp_path / "data")) == len(questions)


def test_bad_input_is_asked_again_and_not_stored(bank: Path, tmp_path: Path) -> None:
    _, questions = quiz_for(bank, seed=5, count=3)
    first = questions[0]
    junk = ["banana", "", "99" if not first.is_numeric else "12 to"]
    answers = [*junk, *(an_answer(q) for q in questions)]
    result = play(bank, tmp_path / "data", "\n".join(answers) + "\n", count=3)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("Try again") + result.stdout.count("Type an answer") == len(junk)
    rows = stored(tmp_path / "data")
    assert [r[1] for r in rows] == [q.id for q in questions]
    assert "banana" not in {r[2] for r in rows}


def test_end_of_input_mid_quiz_keeps_the_answers_given(bank: Path, tmp_path: Path) -> None:
    _, questions = quiz_for(bank, seed=5, count=6)
    answers = [an_answer(q) for q in questions[:2]]
    result = play(bank, tmp_path / "data", "\n".join(answers) + "\n")
    assert result.returncode == 0, result.stderr
    assert "End of input" in result.stdout
    assert f"2 of {len(questions)} questions answered" in result.stdout
    rows = stored(tmp_path / "data")
    assert [r[1] for r in rows] == [q.id for q in questions[:2]]
    assert final_score(result.stdout)[0] == pytest.approx(sum(r[3] for r in rows))


def test_no_answer_at_all_keeps_no_session(bank: Path, tmp_path: Path) -> None:
    result = play(bank, tmp_path / "data", "")
    assert result.returncode == 0, result.stderr
    assert "No questions answered" in result.stdout
    # The game record starts with the first answer: nothing was ever written.
    assert not (tmp_path / "data" / "results.sqlite3").exists()


def test_a_missing_or_broken_bank_is_reported_with_its_problems(tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    result = play(missing, tmp_path / "data", "")
    assert result.returncode == 1
    assert result.stderr.startswith(f"{missing}: ")
    assert "no such file" in result.stderr
    broken = tmp_path / "broken.toml"
    broken.write_text('format = 1\n[bank]\nid = "x"\ntitel = "typo"\n', encoding="utf-8")
    result = play(broken, tmp_path / "data", "")
    assert result.returncode == 1
    assert re.search(rf"{re.escape(str(broken))}:\d+", result.stderr), result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "data").exists()


def test_kinds_the_bank_cannot_give_are_a_message(bank: Path, tmp_path: Path) -> None:
    for command in ("play", "preview"):
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "quiz",
                command,
                str(bank),
                "--kinds",
                "written",
                *(["--plain", "--data-dir", str(tmp_path / "data")] if command == "play" else []),
            ],
            input="",
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 2
        assert "written" in result.stderr and str(bank) in result.stderr
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "data").exists()


def test_bytes_that_are_not_text_are_asked_again(bank: Path, tmp_path: Path) -> None:
    _, questions = quiz_for(bank, seed=5, count=1)
    env = plain_env()
    result = subprocess.run(
        plain_command(bank, tmp_path / "data", seed=5, count=1),
        input=b"\xff\xfe\x1b[31m\n" + an_answer(questions[0]).encode() + b"\n",
        capture_output=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert b"Try again" in result.stdout
    assert b"\x1b" not in result.stdout
    assert [r[1] for r in stored(tmp_path / "data")] == [questions[0].id]
