"""Where the time of bench/classroom.py goes, stamped on the host's clock.

`Stages` wraps three of the host's steps (the answer handler, the acknowledgement's
write, the reveal) and the saver's commits; `print_stages` prints the medians.
"""

from __future__ import annotations

import json
import statistics
import time
from typing import Any


class Stages:
    """The host's side of each answer and reveal, stamped by wrapping the host's steps."""

    def __init__(self, host: Any) -> None:
        from quiz.classroom.link import Link

        self.handled: dict[tuple[str, int], float] = {}
        self.acked: dict[tuple[str, int], float] = {}
        self.commits: list[tuple[int, float]] = []
        self.committed: dict[tuple[str, int], tuple[float, float]] = {}
        """Each answer's commit: when its transaction began and ended."""
        self.reveals: dict[int, tuple[float, float]] = {}
        answer, reveal_now = host._answer, host.reveal_now
        saver = host.saver
        write = saver._write
        numbers = {id(q): n for n, q in enumerate(host.room.questions, 1)}

        def timed_answer(link: Any, message: Any) -> None:
            if link.player is not None:
                self.handled[(link.player.name, message.number)] = time.perf_counter()
            answer(link, message)

        def timed_reveal() -> None:
            number = host.room.number
            reveal_now()
            self.reveals[number] = (host.revealed_at, time.perf_counter())

        def timed_write(batch: list[Any]) -> None:
            start = time.perf_counter()
            write(batch)
            end = time.perf_counter()
            self.commits.append((len(batch), end - start))
            for job in batch:
                self.committed[(job.player.name, numbers[id(job.question)])] = (start, end)

        saved = Link.saved

        def timed_saved(link: Any, data: bytes) -> None:
            saved(link, data)
            if link.player is not None:
                number = int(json.loads(data)["number"])
                self.acked[(link.player.name, number)] = time.perf_counter()

        host._answer, host.reveal_now, saver._write = timed_answer, timed_reveal, timed_write
        Link.saved = timed_saved  # type: ignore[method-assign]  # the bench's own stamp
        self._restore = lambda: setattr(Link, "saved", saved)

    def close(self) -> None:
        self._restore()


def print_stages(stages: Stages, acks: list[Any], lags: list[float], written: list[float]) -> None:
    """Medians of each step, in ms: where an answer's and a reveal's time goes."""
    inbound, hosted, outbound = [], [], []
    queued, committing, after = [], [], []
    for name, number, sent_at, arrived in acks:
        handled, acked = stages.handled.get((name, number)), stages.acked.get((name, number))
        if handled is not None and acked is not None:
            inbound.append(handled - sent_at)
            hosted.append(acked - handled)
            outbound.append(arrived - acked)
            commit = stages.committed.get((name, number))
            if commit is not None:
                queued.append(commit[0] - handled)
                committing.append(commit[1] - commit[0])
                after.append(acked - commit[1])
    sizes = [size for size, _ in stages.commits]
    seconds = [took for _, took in stages.commits]

    def ms(values: list[float]) -> str:
        return f"{statistics.median(values) * 1e3:.1f}" if values else "-"

    print(
        f"  stages (medians, ms): answer: sent -> host handler {ms(inbound)}, handler -> ack"
        f" written {ms(hosted)} ({len(sizes)} commits of median {ms(seconds)} ms for"
        f" {statistics.median(sizes) if sizes else 0:.0f} answers; per answer: handler -> its"
        f" commit begun {ms(queued)}, the commit {ms(committing)}, committed -> ack written"
        f" {ms(after)}), written -> student {ms(outbound)}; reveal: begun -> all written or"
        f" held behind an ack {ms(written)}, -> last student {ms(lags)}"
    )
