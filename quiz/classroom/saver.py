"""The classroom host's writes to the results store: one transaction per burst.

Jobs (an answer, a missed question; a player is stored with their first) queue on the
event loop and a single writer thread writes them in order. An idle writer is started at
the end of the loop's pass, so the answers read in one sweep (a class answering at once)
share its first transaction; whatever queued while a commit was running goes in the next
one together, taken as soon as that commit ends, without a trip through the event loop.
A class of 200 answering at once costs two or three commits per question, not dozens.
Each burst's jobs' `done` run on the event loop together, in one callback, once its
transaction is committed: an answer is acknowledged only then. The event loop never waits
for the store; `drain` waits for everything queued so far (closing, tests).

A failed commit is logged and kept in `error` for the projector to show; the jobs'
`done` still run, so no student waits forever on a broken disk.
"""

from __future__ import annotations

import asyncio
import logging
import threading
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
    done: Callable[[], None]


class Saver:
    """Write players and answers to the game's `record`, burst by burst."""

    def __init__(self, record: GameRecord | None) -> None:
        self.record = record
        self.error: str | None = None
        self.commits = 0
        self._queue: list[_Job] = []
        """Jobs not yet taken by the writer (it takes them under `_lock`)."""
        self._lock = threading.Lock()
        self._writing = False
        """The writer is running: it takes the queue again after each commit."""
        self._starting = False
        """The writer is to start at the end of the loop's pass (`_start`)."""
        self._done: list[_Job] = []
        """Jobs committed whose `done` the loop has yet to run (it takes them under `_lock`)."""
        self._waking = False
        """A call to `_committed` is on its way to the loop."""
        self._pending = 0
        """Jobs queued whose `done` has not run yet; `drain` waits for none."""
        self._idle = asyncio.Event()
        self._idle.set()
        self._io = ThreadPoolExecutor(max_workers=1, thread_name_prefix="quiz-store")
        self._loop: asyncio.AbstractEventLoop | None = None

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
        job = _Job(player, question, given, score, seconds, bonus, bonus_reason, done)
        self._pending += 1
        self._idle.clear()
        with self._lock:
            self._queue.append(job)
            if self._writing or self._starting:
                return  # the writer takes it with the next commit
            self._starting = True
        self._loop = asyncio.get_running_loop()
        # The writer starts once the loop has read what this pass brought (a class answering
        # at once arrives as one sweep of reads): one transaction for the sweep, and no
        # thread woken to fight the loop for the GIL while it is still reading.
        self._loop.call_soon(self._start)

    def _start(self) -> None:
        with self._lock:
            self._starting = False
            if self._writing or not self._queue:
                return
            self._writing = True
        # Submitted, not `run_in_executor`: the loop learns of commits from `_committed`,
        # and an asyncio future here would wake it once more each time the writer ends.
        self._io.submit(self._writer)

    def missed(self, player: Player, question: Question) -> None:
        zero = Score(0.0, question.points, False, "no answer in time")
        self.answer(player, question, "", zero, None, lambda: None)

    def _writer(self) -> None:
        """The writer thread: commit whatever is queued, hand it back, until none is left.

        It takes the next burst the moment a commit ends instead of waiting for the event
        loop to come round (in a class answering at once the loop is busy reading), and
        wakes the loop once for every commit that ended while it was busy, not once each.
        """
        loop = self._loop
        assert loop is not None
        while True:
            with self._lock:
                batch, self._queue = self._queue, []
                if not batch:
                    self._writing = False
                    return
            try:
                self._write(batch)
            except Exception as exc:
                self.error = str(exc)
                log.exception("results store")
            with self._lock:
                self._done.extend(batch)
                if self._waking:
                    continue
                self._waking = True
            try:
                loop.call_soon_threadsafe(self._committed)
            except RuntimeError:  # the loop has closed: nobody is left to acknowledge
                with self._lock:
                    self._writing = False
                return

    def _committed(self) -> None:
        """On the loop: acknowledge everything committed (or failed) so far, in one pass."""
        with self._lock:
            done, self._done = self._done, []
            self._waking = False
        for job in done:
            try:
                job.done()
            except Exception:  # one student's socket must not stop the others
                log.exception("after storing an answer")
        self._pending -= len(done)
        if not self._pending:
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
