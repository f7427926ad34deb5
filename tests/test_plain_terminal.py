"""`--plain` on a real terminal (a pseudo-terminal): the game waits after each reveal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from plain_game import an_answer, plain_command, plain_env, quiz_for, stored, write_bank
from terminal_kit import read_until


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    return write_bank(tmp_path / "bank")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_on_a_terminal_the_game_pauses_after_each_reveal(bank: Path, tmp_path: Path) -> None:
    """Enter at the pause is not an answer; Ctrl-D at a prompt ends the game."""
    import pty

    _, questions = quiz_for(bank, seed=5, count=3)
    main, child = pty.openpty()
    env = plain_env() | {"COLUMNS": "80"}
    game = subprocess.Popen(
        plain_command(bank, tmp_path / "data", seed=5, count=3),
        stdin=child,
        stdout=child,
        stderr=subprocess.PIPE,
        env=env,
    )
    os.close(child)
    seen = ""
    try:
        seen = read_until(main, "Your answer", seen)
        os.write(main, (an_answer(questions[0]) + "\n").encode())
        seen = read_until(main, "Press Enter for the next question.", seen)
        os.write(main, b"\n")
        seen = read_until(main, f"Question 2 of {len(questions)}", seen)
        seen = read_until(main, "Your answer", seen)
        os.write(main, b"\x04")
        seen = read_until(main, "questions answered", seen)
        assert game.wait() == 0
    finally:
        if game.poll() is None:
            game.kill()
            game.wait()
        os.close(main)
        if game.stderr is not None:
            game.stderr.close()
    assert f"1 of {len(questions)} questions answered" in seen
    assert "\x1b" not in seen
    assert [r[1] for r in stored(tmp_path / "data")] == [questions[0].id]
