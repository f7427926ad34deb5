"""200 simulated students join a classroom host on loopback and answer 10 questions.

    .venv/bin/python bench/classroom.py [--clients 200] [--questions 10]

Prints the answers lost (goal 0) and, as ratios to a plain loopback round trip (a
trivial asyncio echo measured in the same run), the median and p99 time from an
answer to its acknowledgement and from the reveal to the last student receiving it.

The host runs in this process with a real results store in a temporary folder, so
an acknowledgement includes the SQLite commit. Every student sends its answer the
moment the question arrives: the worst burst a class can make. Students read raw
lines and look only at the message type, so their own decoding does not count
against the host. Everything is bounded: connections, waits (TIMEOUT each) and the
whole run (DEADLINE).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from quiz.questions import default_bank

from quiz.bank.loader import load_bank
from quiz.classroom.protocol import MAX_SERVER_LINE, PROTOCOL_VERSION, AnswerMsg, Hello, encode
from quiz.classroom.room import Room
from quiz.classroom.server import Host
from quiz.game.generate import Settings, generate
from quiz.results.store import Store

TIMEOUT = 30.0
DEADLINE = 300.0
ECHO_ROUNDS = 300


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def echo_round_trip() -> float:
    """Median time for one line to go to a trivial asyncio echo server and back."""

    async def echo(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while line := await reader.readline():
            writer.write(line)
        writer.close()

    server = await asyncio.start_server(echo, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    line = b'{"type":"answer","number":1,"choice":0}\n'
    times = []
    for _ in range(ECHO_ROUNDS):
        start = time.perf_counter()
        writer.write(line)
        await asyncio.wait_for(reader.readline(), TIMEOUT)
        times.append(time.perf_counter() - start)
    writer.close()
    server.close()
    await server.wait_closed()
    return statistics.median(times)


class Student:
    def __init__(self, index: int, port: int, code: str, questions: list) -> None:  # type: ignore[type-arg]
        self.index, self.port, self.code, self.questions = index, port, code, questions
        self.rng = random.Random(index)
        self.acks: list[float] = []
        self.reveals: dict[int, float] = {}
        self.sent = 0
        self.received = 0

    def _answer(self, number: int) -> AnswerMsg:
        question = self.questions[number - 1]
        if question.is_numeric:
            value = (question.low or 1) * self.rng.choice((0.3, 0.9, 1.0, 2.5, 10))
            return AnswerMsg(number=number, value=value)
        return AnswerMsg(number=number, choice=self.rng.randrange(len(question.options)))

    async def play(self, joined: asyncio.Event) -> None:
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection("127.0.0.1", self.port, limit=MAX_SERVER_LINE), TIMEOUT
        )
        writer.write(
            encode(
                Hello(version=PROTOCOL_VERSION, code=self.code, name=f"student {self.index:03d}")
            )
        )
        sent_at = 0.0
        while True:
            line = await asyncio.wait_for(reader.readline(), DEADLINE)
            now = time.perf_counter()
            if not line:
                break
            kind = line[9:20]  # after '{"type":"', which model_dump_json writes first
            if kind.startswith(b"welcome"):
                joined.set()
            elif kind.startswith(b"question"):
                number = json.loads(line)["number"]
                sent_at = time.perf_counter()
                writer.write(encode(self._answer(number)))
                self.sent += 1
            elif kind.startswith(b"received"):
                self.received += 1
                self.acks.append(now - sent_at)
            elif kind.startswith(b"reveal"):
                self.reveals[json.loads(line)["number"]] = now
            elif kind.startswith(b"end"):
                break
            elif kind.startswith(b"error"):
                print(f"student {self.index}: {line.decode().strip()}", file=sys.stderr)
                break
        writer.close()


async def run(clients: int, count: int) -> int:
    rtt = await echo_round_trip()
    loaded = load_bank(default_bank())
    questions = generate(loaded, Settings(count=count, seed=1))
    folder = Path(tempfile.mkdtemp(prefix="quiz-bench-"))
    store = Store(folder)
    session = store.start_session(loaded, mode="classroom", seed=1, total=len(questions))
    room = Room(questions, loaded=loaded, seconds=600)
    host = Host(room, store=store, session_id=session)
    reveal_started: dict[int, float] = {}
    skip = host.skip

    async def timed_skip() -> None:
        if room.phase == "question":
            reveal_started[room.number] = time.perf_counter()
        await skip()

    host.skip = timed_skip  # type: ignore[method-assign]
    _, port = await host.start("127.0.0.1", 0)
    students = [Student(i, port, room.code, questions) for i in range(clients)]
    tasks = []
    for batch in range(0, clients, 50):  # under the listen backlog
        events = []
        for student in students[batch : batch + 50]:
            joined = asyncio.Event()
            events.append(joined)
            tasks.append(asyncio.create_task(student.play(joined)))
        await asyncio.wait_for(asyncio.gather(*(e.wait() for e in events)), TIMEOUT)
    for number in range(1, len(questions) + 1):
        await host.next()
        for _ in range(int(TIMEOUT / 0.01)):
            if room.phase == "reveal" and all(number in s.reveals for s in students):
                break
            await asyncio.sleep(0.01)
        else:
            print(f"question {number}: not every reveal arrived in time", file=sys.stderr)
            await host.skip()
    await host.next()
    await asyncio.wait_for(asyncio.gather(*tasks, return_exceptions=True), TIMEOUT)
    await host.close()
    stored = len(store.answers(session))
    store.close()
    shutil.rmtree(folder, ignore_errors=True)

    sent = sum(s.sent for s in students)
    acked = sum(s.received for s in students)
    acks = [t for s in students for t in s.acks]
    reveal_lags = [
        max(s.reveals[n] for s in students if n in s.reveals) - start
        for n, start in reveal_started.items()
    ]
    print(f"classroom bench: {clients} students, {len(questions)} questions, loopback")
    print(f"plain loopback round trip (asyncio echo, median of {ECHO_ROUNDS}): {rtt * 1e6:.0f} µs")
    print(
        f"answers sent {sent}, acknowledged {acked}, stored {stored}; "
        f"answers lost: {sent - min(acked, stored)} (goal 0)"
    )
    for label, values in (
        ("answer -> acknowledgement", acks),
        ("reveal -> last student", reveal_lags),
    ):
        median, p99 = statistics.median(values), percentile(values, 0.99)
        print(
            f"{label}: median {median * 1e3:.1f} ms = {median / rtt:.0f}x round trip; "
            f"p99 {p99 * 1e3:.1f} ms = {p99 / rtt:.0f}x round trip"
        )
    return 0 if sent == acked == stored == clients * len(questions) else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--questions", type=int, default=10)
    args = parser.parse_args()
    clients = max(1, min(args.clients, 500))
    return asyncio.run(asyncio.wait_for(run(clients, max(1, min(args.questions, 50))), DEADLINE))


if __name__ == "__main__":
    sys.exit(main())
