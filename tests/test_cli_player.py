"""Small things a new player met on the command line (issue 14, item 10), as printed."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.cli import main as cli
from quiz.present.counts import questions_text


def test_a_play_option_before_any_command_points_at_quiz_play(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`quiz --seed abc` used to talk about an invalid command 'abc'."""
    assert cli.main(["--seed", "abc"]) == 2
    assert capsys.readouterr().err == (
        "quiz: --seed is an option of `quiz play`: quiz play --seed abc\n"
    )
    assert cli.main(["--data-dir", "X", "--count=3"]) == 2
    assert "--count is an option of `quiz play`: quiz play --data-dir X --count=3" in (
        capsys.readouterr().err
    )


def test_quiz_check_with_no_path_checks_the_shipped_banks(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from quiz.questions import shipped_banks

    assert cli.main(["check"]) == 0
    out = capsys.readouterr().out
    banks = shipped_banks()
    assert banks
    for bank in banks:
        assert f"{bank}: ok" in out


@pytest.mark.parametrize("plain", [False, True], ids=["tui", "plain"])
def test_an_unknown_kind_with_no_near_miss_ends_its_sentence(
    plain: bool, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("QUIZ_CONFIG_DIR", str(tmp_path))
    argv = ["play", "--kinds", "bogus", "--data-dir", str(tmp_path), *(["--plain"] * plain)]
    assert cli.main(argv) == 2
    assert capsys.readouterr().err == (
        "quiz: --kinds: unknown kind 'bogus'. Expected some of: estimate, choice, source, "
        "compare, written\n"
    )


def test_one_question_is_singular() -> None:
    assert questions_text(1) == "1 question"
    assert questions_text(0) == "0 questions"
    assert questions_text(3) == "3 questions"


def test_plain_says_1_question(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The header of a one-question quiz in --plain."""
    import io
    import sys

    stdin = sys.stdin
    sys.stdin = io.StringIO("1\n")
    try:
        cli.main(["play", "--plain", "--count", "1", "--seed", "3", "--data-dir", str(tmp_path)])
    finally:
        sys.stdin = stdin
    out = capsys.readouterr().out
    assert ": 1 question, seed 3." in out
    assert "1 questions" not in out


def _plain(argv: list[str], answers: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    import io
    import sys

    stdin = sys.stdin
    sys.stdin = io.StringIO(answers)
    try:
        status = cli.main(argv)
    finally:
        sys.stdin = stdin
    out = capsys.readouterr()
    return status, out.out + out.err


def test_plain_says_up_front_that_answers_will_not_be_saved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A data folder under a file: the header's first line says so, with the path and how
    to choose another folder; the quiz is played to its end, and nothing claims a save."""
    blocker = tmp_path / "afile"
    blocker.write_text("x", encoding="utf-8")
    argv = ["play", "--plain", "--count", "2", "--seed", "3", "--kinds", "estimate"]
    status, out = _plain([*argv, "--data-dir", str(blocker / "data")], "5000\n5000\n", capsys)
    assert status == 0
    assert out.splitlines()[0] == (
        f"Answers will not be saved: {blocker} is a file, not a folder. Set QUIZ_DATA_DIR "
        "(or use --data-dir) to a folder you can write to and start again to keep them."
    )
    assert "Question 2 of 2" in out and "Final score" in out
    assert "Stored as session" not in out and "File exists" not in out
    status, out = _plain([*argv, "--data-dir", str(blocker / "data")], "5000\n", capsys)
    assert "Your answers so far are not stored" in out


def test_the_store_names_the_file_in_the_way(tmp_path: Path) -> None:
    from quiz.results.store import Store, StoreError
    from quiz.results.writable import saving_problem

    blocker = tmp_path / "afile"
    blocker.write_text("x", encoding="utf-8")
    assert saving_problem(blocker / "data") == f"{blocker} is a file, not a folder"
    assert saving_problem(tmp_path / "new" / "data") is None, "a folder yet to be made is fine"
    assert not (tmp_path / "new").exists(), "checking creates nothing"
    with pytest.raises(StoreError) as caught, Store(blocker / "data") as store:
        store.open()
    assert f"{blocker} is a file, not a folder" in str(caught.value)
    assert "File exists" not in str(caught.value)


def test_a_replay_command_replays_an_over_long_ask(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--count 1000` on a bank that gives fewer: the header says how many up front, and
    the replay command (keeping the count asked, on which the questions depend) plays the
    same quiz."""
    import re

    argv = ["play", "--plain", "--seed", "9", "--kinds", "estimate", "--interval"]
    out = _plain([*argv, "--count", "1000", "--data-dir", str(tmp_path)], "", capsys)[1]
    given = re.search(r"You asked for 1000 questions; this bank gives (\d+) questions", out)
    assert given is not None, out
    assert f": {given[1]} questions, seed 9." in out
    replay = "quiz play --plain --interval --seed 9 --count 1000 --kinds estimate"
    assert f"Replay this quiz with: {replay}" in out
    again = _plain([*replay.split()[1:], "--data-dir", str(tmp_path)], "", capsys)[1]
    assert again.split("Question 1")[1] == out.split("Question 1")[1]
