"""One game record for every front end: lazy start, each answer stored before the game moves
on, and an end that is finished, unfinished or discarded when empty.

Bugs guarded: plain games stopped by Ctrl-C were listed as "finished"; a classroom host who
quit in the lobby left an empty "unfinished" session.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from plain_game import plain_command
from quiz.screens.app import QuizApp, make_app

from quiz.bank.loader import LoadedBank
from quiz.classroom.protocol import PROTOCOL_VERSION, Hello, Welcome, decode_server, encode
from quiz.classroom.room import Room
from quiz.classroom.server import Host
from quiz.cli.classroom import HostPlan, end_hosting
from quiz.game.generate import Settings, generate
from quiz.game.scoring import ChoiceAnswer, Score
from quiz.game.session import AnsweredQuestion
from quiz.play.settings import GameSettings
from quiz.play.setup import Quiz
from quiz.results.record import GameRecord
from quiz.results.store import DB_NAME, Store

WAIT = 10.0


def sessions(folder: Path) -> list[tuple[int, str | None, int]]:
    """(id, finished, answers) of every stored session."""
    if not (folder / DB_NAME).exists():
        return []
    conn = sqlite3.connect(folder / DB_NAME)
    try:
        return conn.execute(
            "SELECT s.id, s.finished, (SELECT COUNT(*) FROM answers a WHERE a.session_id = s.id) "
            "FROM sessions s ORDER BY s.id"
        ).fetchall()
    finally:
        conn.close()


# -- the record itself -------------------------------------------------------------------


def _answered(loaded: LoadedBank, points: float = 1.0) -> AnsweredQuestion:
    question = next(q for q in generate(loaded, Settings(count=5, seed=1)) if not q.is_numeric)
    return AnsweredQuestion(question, ChoiceAnswer(0), Score(points, 1.0, points == 1.0, "r"), 2.0)


def test_nothing_is_written_until_a_player_or_an_answer(
    second_bank: LoadedBank, tmp_path: Path
) -> None:
    with Store(tmp_path) as store:
        record = GameRecord(store, second_bank, mode="plain", seed=1, total=3)
        assert not (tmp_path / DB_NAME).exists()
        assert record.end("unfinished") == "discarded"
    assert not (tmp_path / DB_NAME).exists()


def test_a_player_without_answers_is_discarded_at_the_end(
    second_bank: LoadedBank, tmp_path: Path
) -> None:
    with Store(tmp_path) as store:
        record = GameRecord(store, second_bank, mode="classroom", seed=1, total=3)
        record.add_player("Ana")
        assert [s[0] for s in sessions(tmp_path)] == [record.session_id]
        assert record.end("finished") == "discarded"
    assert sessions(tmp_path) == []


@pytest.mark.parametrize("ending", ["finished", "unfinished"])
def test_a_game_with_answers_ends_as_told_and_the_first_end_wins(
    second_bank: LoadedBank, tmp_path: Path, ending: str
) -> None:
    with Store(tmp_path) as store:
        record = GameRecord(store, second_bank, mode="solo", seed=1, total=3)
        record.recorder("Ana")(_answered(second_bank))
        assert sessions(tmp_path)[0][2] == 1, "stored when given, before any end"
        assert record.end(ending) == ending  # type: ignore[arg-type]
        other = "unfinished" if ending == "finished" else "finished"
        assert record.end(other) == ending  # type: ignore[arg-type]
        (row,) = store.sessions()
    assert (row.finished is not None) == (ending == "finished")
    assert [p.name for p in row.players] == ["Ana"]


# -- plain: Ctrl-C, end of input, played to the end ----------------------------------


def _plain(bank: Path, data: Path, count: int) -> list[str]:
    return plain_command(bank, data, "--kinds", "choice", seed=3, count=count)


def test_ctrl_c_in_plain_keeps_the_answers_and_is_unfinished(
    second_bank_path: Path, tmp_path: Path
) -> None:
    """SIGINT while the game waits for the second answer: exit 130, the first answer kept,
    the session listed as unfinished."""
    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if k != "QUIZ_DATA_DIR"}
    game = subprocess.Popen(
        _plain(second_bank_path, data, 3),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert game.stdin is not None and game.stdout is not None
    try:
        game.stdin.write("1\n")
        game.stdin.flush()
        seen = ""
        while "Question 2 of 3" not in seen:
            line = game.stdout.readline()
            assert line, seen
            seen += line
        # The next prompt is written without a newline; the game now waits on stdin.
        while not seen.endswith("): "):
            char = game.stdout.read(1)
            assert char, seen
            seen += char
        game.send_signal(signal.SIGINT)
        out, err = game.communicate()
    finally:
        if game.poll() is None:
            game.kill()
            game.wait()
    assert game.returncode == 130, err
    assert "Interrupted: the game stops here." in out
    assert "unfinished" in out
    ((_, finished, answers),) = sessions(data)
    assert (finished, answers) == (None, 1)
    listing = subprocess.run(
        [sys.executable, "-m", "quiz", "results", "--data-dir", str(data)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "unfinished" in listing


def test_end_of_input_in_plain_is_unfinished_and_the_end_is_finished(
    second_bank_path: Path, tmp_path: Path
) -> None:
    stopped = subprocess.run(
        _plain(second_bank_path, tmp_path / "stopped", 3),
        input="1\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert stopped.returncode == 0, stopped.stderr
    assert [(f, n) for _, f, n in sessions(tmp_path / "stopped")] == [(None, 1)]
    played = subprocess.run(
        _plain(second_bank_path, tmp_path / "played", 2),
        input="1\n1\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert played.returncode == 0, played.stderr
    ((_, finished, answers),) = sessions(tmp_path / "played")
    assert finished is not None and answers == 2


# -- the TUI -------------------------------------------------------------------------


def _app(loaded: LoadedBank, tmp_path: Path, count: int) -> QuizApp:
    return make_app(
        loaded=loaded,
        settings=GameSettings(seed=3, count=count, kinds=("choice",)),
        data_dir=tmp_path / "data",
        prefs_path=tmp_path / "prefs.json",
    )


async def test_quitting_the_tui_mid_quiz_is_unfinished(
    second_bank: LoadedBank, tmp_path: Path
) -> None:
    app = _app(second_bank, tmp_path, 3)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # play
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        assert type(app.screen).__name__ == "RevealScreen"
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert [(f, n) for _, f, n in sessions(tmp_path / "data")] == [(None, 1)]


async def test_a_tui_quiz_played_to_the_end_is_finished(
    second_bank: LoadedBank, tmp_path: Path
) -> None:
    app = _app(second_bank, tmp_path, 1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "SummaryScreen"
        await pilot.press("q")
        await pilot.pause()
    ((_, finished, answers),) = sessions(tmp_path / "data")
    assert finished is not None and answers == 1


async def test_leaving_the_tui_before_answering_keeps_nothing(
    second_bank: LoadedBank, tmp_path: Path
) -> None:
    app = _app(second_bank, tmp_path, 3)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "QuestionScreen"
        await pilot.press("q", "y")
        await pilot.pause()
    assert sessions(tmp_path / "data") == []


# -- the classroom -------------------------------------------------------------------


def _plan(loaded: LoadedBank, folder: Path) -> HostPlan:
    questions = generate(loaded, Settings(count=2, seed=3))
    store = Store(folder)
    record = GameRecord(store, loaded, mode="classroom", seed=3, total=len(questions))
    quiz = Quiz(loaded, Settings(count=2, seed=3), questions)
    return HostPlan(
        quiz, Room(questions, loaded=loaded, seconds=600), "127.0.0.1", 0, store, record
    )


async def _join(host: Host, name: str) -> asyncio.StreamWriter:
    assert host.address is not None
    reader, writer = await asyncio.wait_for(asyncio.open_connection(*host.address), WAIT)
    hello = Hello(version=PROTOCOL_VERSION, code=host.room.code, name=name)
    writer.write(encode(hello))
    await writer.drain()
    reply = decode_server(await asyncio.wait_for(reader.readline(), WAIT))
    assert isinstance(reply, Welcome), reply
    return writer


async def test_a_host_quit_in_the_lobby_keeps_no_session(
    second_bank: LoadedBank, tmp_path: Path
) -> None:
    """Students joined, nobody answered, the teacher quit: nothing is left in the store,
    and the teacher is told so."""
    plan = _plan(second_bank, tmp_path)
    host = Host(plan.room, record=plan.record)
    await host.start("127.0.0.1", 0)
    writers = [await _join(host, name) for name in ("Ana", "Ben")]
    assert len(host.room.players) == 2
    for writer in writers:
        writer.close()
    await asyncio.wait_for(host.close(), WAIT)
    lines = end_hosting(plan)
    assert lines == ["quiz: nothing was answered, so no results were stored"]
    assert sessions(tmp_path) == []


async def test_a_host_stopped_mid_quiz_is_unfinished_and_a_podium_finished(
    second_bank: LoadedBank, tmp_path: Path
) -> None:
    for folder, to_the_end in ((tmp_path / "stopped", False), (tmp_path / "podium", True)):
        plan = _plan(second_bank, folder)
        host = Host(plan.room, record=plan.record)
        await host.start("127.0.0.1", 0)
        writer = await _join(host, "Ana")
        await host.next()
        await host.skip()  # Ana misses question 1: a stored row with no answer
        if to_the_end:
            await host.next()
            await host.skip()
            await host.next()  # the podium
        writer.close()
        await asyncio.wait_for(host.close(), WAIT)
        lines = end_hosting(plan)
        ((sid, finished, answers),) = sessions(folder)
        assert (finished is not None) == to_the_end
        assert answers == (2 if to_the_end else 1)
        state = "" if to_the_end else " (unfinished)"
        assert lines[-1].startswith(f"quiz: results stored as session {sid}{state};")
