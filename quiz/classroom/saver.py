"""The classroom host's writes to the results store: one transaction per burst.

Jobs (an answer, a missed question; a player is stored with their first) queue on the
event loop and a single worker thread writes them in order. Whatever queued while a
commit was running goes in the next transaction together, so a class answering at once
costs a few commits instead of one per student. Each job's `done` runs on the event loop once its
transaction is committed: an answer is acknowledged only then. The event loop never
waits for the store; `drain` waits for everything queued so far (closing, tests).

A failed commit is logged and kept in `error` for the projector to show; the jobs'
`done` still run, so no student waits forever on a broken disk.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quiz.game.scoring import Score
from quiz.results.rows import NewAnswer

if TYPE_CHECKING:
    from quiz.classroom.room import Player
    from quiz.game.generate import Question
    from quiz.results.record import GameRecord

log = logging.getLogger(__name__)


@dataclass
class _Job:
    player: Player
    question: Question
    given: str
    score: Score
    seconds: float | None
    bonus: float
    bonus_reason: str
    done: Callable[[], None] | None


class Saver:
    """Write players and answers to the game's `record`, burst by burst."""

    def __init__(self, record: GameRecord | None) -> None:
        self.record = record
        self.error: str | None = None
        self.commits = 0
        self._queue: list[_Job] = []
        self._idle = asyncio.Event()
        self._idle.set()
        self._io = ThreadPoolExecutor(max_workers=1, thread_name_prefix="quiz-store")
        self._task: asyncio.Task[None] | None = None

    @property
    def enabled(self) -> bool:
        return self.record is not None

    def answer(
        self,
        player: Player,
        question: Question,
        given: str,
        score: Score,
        seconds: float | None,
        done: Callable[[], None],
        bonus: float = 0.0,
        bonus_reason: str = "",
    ) -> None:
        """Store one answer; `done` runs once it is committed (at once with no store)."""
        if not self.enabled:
            done()
            return
        self._queue.append(_Job(player, question, given, score, seconds, bonus, bonus_reason, done))
        if self._task is None:
            self._idle.clear()
            self._task = asyncio.get_running_loop().create_task(self._flush())

    def missed(self, player: Player, question: Question) -> None:
        zero = Score(0.0, question.points, False, "no answer in time")
        self.answer(player, question, "", zero, None, lambda: None)

    async def _flush(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            while self._queue:
                batch, self._queue = self._queue, []
                try:
                    await loop.run_in_executor(self._io, self._write, batch)
                except Exception as exc:
                    self.error = str(exc)
                    log.exception("results store")
                for job in batch:
                    if job.done is not None:
                        try:
                            job.done()
                        except Exception:  # one student's socket must not stop the others
                            log.exception("after storing an answer")
        finally:
            self._task = None
            self._idle.set()

    def _write(self, batch: list[_Job]) -> None:
        record = self.record
        assert record is not None
        # The session row is written (committed) before the burst's transaction, so a burst
        # that rolls back never leaves the record holding a session id that does not exist.
        record.start()
        with record.store.transaction():
            # A player is stored with their first answer or miss: a class at once.
            new = [job.player for job in batch if job.player.store_id is None]
            ids = record.add_players([player.name for player in new])
            for player in new:
                player.store_id = ids[player.name]
            # One statement for the burst (see `Store.record_many`).
            record.record_many(
                [
                    NewAnswer(
                        job.player.store_id or 0,
                        *(job.question, job.given, job.score, job.seconds),
                        *(job.bonus, job.bonus_reason),
                    )
                    for job in batch
                ]
            )
        self.commits += 1

    async def drain(self) -> None:
        """Wait until everything queued so far is committed."""
        await self._idle.wait()

    def close(self) -> None:
        self._io.shutdown(wait=True)
