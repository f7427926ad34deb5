"""The classroom host's writes to the store: a burst in one statement, acknowledged after."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest
from classroom_loopback import quiz

from quiz.bank.loader import LoadedBank
from quiz.classroom import saver as saver_module
from quiz.classroom.player import Player
from quiz.classroom.saver import Saver
from quiz.game.scoring import Score
from quiz.results.record import GameRecord
from quiz.results.rows import RECORD_CHUNK
from quiz.results.store import Store


async def test_a_burst_larger_than_one_statement_is_stored_whole_and_in_order(
    second_bank: LoadedBank, tmp_path: Path
) -> None:
    """More answers than one INSERT takes, queued in one pass: every one is stored once, in
    the order given, each player once, and each acknowledged only after its transaction
    committed."""
    questions = quiz(second_bank)
    store = Store(tmp_path)
    record = GameRecord(store, second_bank, mode="classroom", seed=3, total=len(questions))
    saver = Saver(record)
    count = 2 * RECORD_CHUNK + 7
    players = [Player(i, f"P{i}", f"token{i}", 1) for i in range(1, count + 1)]
    acknowledged: list[tuple[int, int]] = []

    def done(player: Player) -> None:
        stored = {a.player for a in store.answers(record.session_id)}
        assert player.name in stored, "acknowledged before it was committed"
        acknowledged.append((player.id, saver.commits))

    for player in players:
        score = Score(player.id / count, 1.0, False, f"reason {player.id}")
        saver.answer(
            player, questions[0], f"given {player.id}", score, 1.5, lambda p=player: done(p)
        )
    await asyncio.wait_for(saver.drain(), 60)
    saver.close()
    rows = store.answers(record.session_id)
    assert [r.given for r in rows] == [f"given {p.id}" for p in players]
    assert [r.reason for r in rows] == [f"reason {p.id}" for p in players]
    assert len({r.player_id for r in rows}) == count
    assert sorted(pid for pid, _ in acknowledged) == [p.id for p in players]
    assert saver.commits <= 3, "a burst is a few transactions, not one per answer"
    store.close()


async def test_answers_read_in_one_pass_of_the_loop_share_one_transaction(
    second_bank: LoadedBank, tmp_path: Path
) -> None:
    """The write waits for the loop's pass to end, not at the first answer: a class whose
    answers are read in one sweep commits them together, and none is acknowledged before."""
    questions = quiz(second_bank)
    store = Store(tmp_path)
    record = GameRecord(store, second_bank, mode="classroom", seed=3, total=len(questions))
    saver = Saver(record)
    players = [Player(i, f"P{i}", f"token{i}", 1) for i in range(1, 41)]
    acknowledged: list[int] = []
    for player in players:  # one callback: as the answers of one sweep of reads arrive
        score = Score(1.0, 1.0, True, "right")
        saver.answer(
            player, questions[0], "given", score, 1.0, lambda p=player: acknowledged.append(p.id)
        )
    assert saver.commits == 0 and not acknowledged
    await asyncio.wait_for(saver.drain(), 60)
    saver.close()
    assert saver.commits == 1, "one sweep's answers are one transaction"
    assert sorted(acknowledged) == [p.id for p in players]
    assert len(store.answers(record.session_id)) == len(players)
    store.close()


async def test_the_loop_never_checkpoints_the_store_a_thread_does(
    second_bank: LoadedBank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A checkpoint is the store's one wait on the disk (its fsyncs): the host's own commits
    never run one, and every few hundred answers the saver's thread copies the WAL into
    the database file, so a long session's WAL does not grow without bound."""
    monkeypatch.setattr(saver_module, "CHECKPOINT_EVERY", 10)
    threads: list[threading.Thread] = []
    real = saver_module.checkpoint

    def watched(path: Path) -> None:
        threads.append(threading.current_thread())
        real(path)

    monkeypatch.setattr(saver_module, "checkpoint", watched)
    questions = quiz(second_bank)
    store = Store(tmp_path)
    record = GameRecord(store, second_bank, mode="classroom", seed=3, total=len(questions))
    saver = Saver(record)
    players = [Player(i, f"P{i}", f"token{i}", 1) for i in range(1, 13)]
    for player in players:
        score = Score(1.0, 1.0, True, "right")
        saver.answer(player, questions[0], "given", score, 1.0, lambda: None)
    await asyncio.wait_for(saver.drain(), 60)
    saver.close()  # waits for the checkpoint
    assert threads and threading.main_thread() not in threads, "checkpointed off the loop"
    # The host's own connection, as the saver left it.
    assert store._connection().execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
    # The database file alone, without its WAL, holds the answers: the checkpoint ran.
    alone = tmp_path / "alone.sqlite3"
    shutil.copyfile(store.path, alone)
    count = sqlite3.connect(alone).execute("SELECT COUNT(*) FROM answers").fetchone()[0]
    assert count == len(players)
    store.close()
