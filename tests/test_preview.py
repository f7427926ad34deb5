"""`quiz preview`: the quiz a seed gives, answers shown, the same every time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from plain_game import quiz_for, write_bank


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    return write_bank(tmp_path / "bank")


def test_preview_is_the_same_for_the_same_seed_and_shows_the_answers(bank: Path) -> None:
    def preview(seed: int) -> str:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "quiz",
                "preview",
                str(bank),
                "--seed",
                str(seed),
                "--count",
                "5",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    first = preview(11)
    assert first == preview(11)
    _, questions = quiz_for(bank, seed=11, count=5)
    for number, question in enumerate(questions, start=1):
        assert f"{number}. [{question.kind}] {question.prompt}" in first
        if question.is_numeric:
            assert f"Answer: {question.answer_text}" in first
        else:
            assert f"{question.answer_index + 1}) {question.answer_text}   <- answer" in first
        assert ", ".join(question.figure_ids) in first
    assert "--seed 11" in first
