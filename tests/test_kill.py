"""A killed game loses nothing already answered (issue #4's SIGKILL test).

`quiz play --plain` runs as a subprocess with a pipe for stdin. Each answer is sent
only after the reveal of the previous one has been read from stdout: the game
prints a reveal after its answer is stored, so reading it is the synchronisation,
and no sleep or timeout is involved. The process is then killed with SIGKILL,
which it cannot catch, and the database is opened directly.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import IO

import pytest
from quiz.questions import default_bank

from quiz.bank.loader import load_bank
from quiz.game.generate import Question, Settings, generate

SEED = 21
COUNT = 8
ANSWERED = 3


def an_answer(question: Question) -> str:
    if not question.is_numeric:
        return "1"
    assert question.low is not None
    return f"{question.low * 3:,.0f}"


def _start_game(data: Path, *extra: str) -> subprocess.Popen[str]:
    """`quiz play --plain` on the shipped bank with the test's seed, storing in `data`."""
    env = {k: v for k, v in os.environ.items() if k != "QUIZ_DATA_DIR"}
    command = [sys.executable, "-m", "quiz", "play", "--plain", "--seed", str(SEED)]
    command += ["--count", str(COUNT), *extra, "--data-dir", str(data)]
    return subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_sigkill_after_some_answers_keeps_exactly_those(tmp_path: Path) -> None:
    questions = generate(load_bank(default_bank()), Settings(count=COUNT, seed=SEED))
    assert len(questions) > ANSWERED
    data = tmp_path / "data"
    game = _start_game(data, "--name", "Kim")
    assert game.stdin is not None and game.stdout is not None
    sent = []
    try:
        for question in questions[:ANSWERED]:
            answer = an_answer(question)
            game.stdin.write(answer + "\n")
            game.stdin.flush()
            sent.append((question.id, answer))
            # The reveal's score line is printed only after the answer is committed.
            while True:
                line = game.stdout.readline()
                assert line, f"the game ended early: {game.stderr.read() if game.stderr else ''}"
                if line.startswith("Score:"):
                    break
        game.send_signal(signal.SIGKILL)
        assert game.wait() == -signal.SIGKILL
    finally:
        if game.poll() is None:
            game.kill()
            game.wait()
        for stream in (game.stdin, game.stdout, game.stderr):
            if stream is not None:
                stream.close()

    conn = sqlite3.connect(data / "results.sqlite3")
    try:
        rows = conn.execute(
            "SELECT p.name, a.question_id, a.given FROM answers a "
            "JOIN players p ON p.id = a.player_id ORDER BY a.id"
        ).fetchall()
        sessions = conn.execute("SELECT mode, seed, finished FROM sessions").fetchall()
    finally:
        conn.close()
    assert [(name, qid) for name, qid, _ in rows] == [("Kim", qid) for qid, _ in sent]
    for (_, _, given), question, (_, typed) in zip(rows, questions, sent, strict=False):
        if not question.is_numeric:
            assert given == question.options[int(typed) - 1]
    # Killed, so never marked finished; still listed with its answers.
    assert sessions == [("plain", SEED, None)]


def _read_until(stream: IO[str], marker: str) -> str:
    """Lines from the game until one contains `marker` (the game's output is the clock)."""
    seen = []
    while True:
        line = stream.readline()
        assert line, "the game ended early:\n" + "".join(seen)
        seen.append(line)
        if marker in line:
            return "".join(seen)


@pytest.mark.skipif(not hasattr(signal, "SIGINT"), reason="needs SIGINT")
def test_ctrl_c_ends_the_game_with_its_summary_and_keeps_the_answers(tmp_path: Path) -> None:
    questions = generate(load_bank(default_bank()), Settings(count=COUNT, seed=SEED))
    data = tmp_path / "data"
    game = _start_game(data)
    assert game.stdin is not None and game.stdout is not None
    game.stdin.write(an_answer(questions[0]) + "\n")
    game.stdin.flush()
    _read_until(game.stdout, "Score:")
    # The next question's prompt is the last thing printed before the game blocks on input.
    _read_until(game.stdout, f"Question 2 of {len(questions)}")
    game.send_signal(signal.SIGINT)
    out, err = game.communicate()
    assert game.returncode == 130, err
    assert "Traceback" not in err
    assert "Interrupted" in out
    assert f"1 of {len(questions)} questions answered" in out
    conn = sqlite3.connect(data / "results.sqlite3")
    try:
        assert conn.execute("SELECT question_id FROM answers").fetchall() == [(questions[0].id,)]
    finally:
        conn.close()
