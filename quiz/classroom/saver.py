"""The classroom host's writes to the results store: one transaction per burst.

Jobs (an answer, a missed question; a player is stored with their first) queue on the
event loop and are written at the end of the loop's pass, on the loop, in one transaction:
the answers read in one sweep (a class answering at once) share one commit, and each
job's `done` (the acknowledgement) runs right after it. An answer is acknowledged only
once committed; `drain` waits for everything queued so far (closing, tests).

Why on the loop and not on a thread: a commit here is an append to the WAL file, with no
fsync (WAL, `synchronous=NORMAL`): 0.3 ms for one answer, 1-2 ms for a burst of a
hundred. A writer thread cost more than that in hand-offs: it fought the loop for the GIL
while the loop read the burst, and each commit had to wake the loop again before its
acknowledgements could go. `bench/classroom.py` timed both: with 200 students answering
at once, an answer's time from handler to acknowledgement went from 10-18 ms to 5-7 ms.
The one write that can wait on the disk, the checkpoint (its fsyncs), is kept off the
loop: the host's connection never checkpoints (`Store.defer_checkpoints`) and this
module's thread runs a passive checkpoint every `CHECKPOINT_EVERY` answers.
The trade-off: another program holding the store's write lock (a long write transaction)
would stall the loop for up to the store's busy timeout. The quiz's own programs hold it
for one short statement at a time, and readers (`quiz results`) never take it.

A failed commit is logged and kept in `error` for the projector to show; the jobs'
`done` still run, so no student waits forever on a broken disk.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quiz.game.scoring import Score
from quiz.results.checkpoint import checkpoint
from quiz.results.rows import NewAnswer

if TYPE_CHECKING:
    from quiz.classroom.room import Player
    from quiz.game.generate import Question
    from quiz.results.record import GameRecord

log = logging.getLogger(__name__)

CHECKPOINT_EVERY = 500
"""Answers between checkpoints: a few hundred KB of WAL, copied in a few ms off the loop."""


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
        """Jobs to write at the end of this pass of the loop."""
        self._idle = asyncio.Event()
        self._idle.set()
        self._deferred = False
        """The connection's own checkpoints are off (`Store.defer_checkpoints`)."""
        self._unchecked = 0
        """Answers committed since the last checkpoint began."""
        self._checkpointing: Future[None] | None = None
        self._io = ThreadPoolExecutor(max_workers=1, thread_name_prefix="quiz-checkpoint")

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
        if len(self._queue) == 1:
            self._idle.clear()
            # Written once the loop has read what this pass brought (a class answering at
            # once arrives as one sweep of reads): one transaction for the sweep.
            asyncio.get_running_loop().call_soon(self._flush)

    def missed(self, player: Player, question: Question) -> None:
        zero = Score(0.0, question.points, False, "no answer in time")
        self.answer(player, question, "", zero, None, lambda: None)

    def _flush(self) -> None:
        """On the loop: commit what this pass queued, then acknowledge it, in one step."""
        batch, self._queue = self._queue, []
        try:
            self._write(batch)
        except Exception as exc:
            self.error = str(exc)
            log.exception("results store")
        for job in batch:
            try:
                job.done()
            except Exception:  # one student's socket must not stop the others
                log.exception("after storing an answer")
        self._idle.set()
        self._unchecked += len(batch)
        if self._unchecked >= CHECKPOINT_EVERY:
            self._checkpoint()

    def _write(self, batch: list[_Job]) -> None:
        record = self.record
        assert record is not None
        if not self._deferred:
            record.store.defer_checkpoints()
            self._deferred = True
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

    def _checkpoint(self) -> None:
        """Start a passive checkpoint on the thread, unless one is still running."""
        if self._checkpointing is not None and not self._checkpointing.done():
            return
        record = self.record
        assert record is not None
        self._unchecked = 0
        self._checkpointing = self._io.submit(self._checkpoint_now, record)

    def _checkpoint_now(self, record: GameRecord) -> None:
        try:
            checkpoint(record.store.path)
        except Exception:  # the answers are safe in the WAL; the next checkpoint tries again
            log.exception("results store checkpoint")

    async def drain(self) -> None:
        """Wait until everything queued so far is committed."""
        await self._idle.wait()

    def close(self) -> None:
        self._io.shutdown(wait=True)
