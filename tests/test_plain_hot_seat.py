"""Hot-seat in `--plain`: players take turns at one terminal, each stored under their name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from plain_game import an_answer, play, quiz_for, sections, stored, write_bank


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    return write_bank(tmp_path / "bank")


def test_hot_seat_takes_turns_and_stores_each_player(bank: Path, tmp_path: Path) -> None:
    _, questions = quiz_for(bank, seed=5, count=3)
    lines = []
    for question in questions:
        lines += [an_answer(question), an_answer(question)]
    result = play(
        bank, tmp_path / "data", "\n".join(lines) + "\n", "--players", "Ana, [b]Ben", count=3
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.count("Ana, your answer") == len(questions)
    assert out.count("[b]Ben, your answer") == len(questions)
    assert out.count("Scoreboard after question") == len(questions)
    assert "Final ranking:" in out
    rows = stored(tmp_path / "data")
    assert [r[0] for r in rows] == ["Ana", "[b]Ben"] * len(questions)
    for name in ("Ana", "[b]Ben"):
        total = sum(r[3] for r in rows if r[0] == name)
        ranking = out[out.index("Final ranking:") :]
        assert re.search(rf"\d(st|nd) {re.escape(name)} {total:g} points?", ranking), ranking
    # The reveal waits for every player: Ben answers before anyone sees the answer.
    for part in sections(out):
        assert part.index("[b]Ben, your answer") < part.index("The answer is")


@pytest.mark.parametrize("players", ["Ana,ana", "Ana,,Ben", "Ana,\x1b[31mBen"])
def test_hot_seat_refuses_unusable_names(bank: Path, tmp_path: Path, players: str) -> None:
    result = play(bank, tmp_path / "data", "", "--players", players)
    assert result.returncode == 2
    assert "--players" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "data").exists()
