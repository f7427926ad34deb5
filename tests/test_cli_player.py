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
