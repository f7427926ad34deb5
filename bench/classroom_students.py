"""The students of bench/classroom.py: one child process holding many loopback students.

    python bench/classroom_students.py WORKER FIRST COUNT PORT CODE SPREAD SEED VERSION [PROFILE]

Each student is a bare `asyncio.Protocol`, not the real client: it does as little per
message as it can, so the times measure the host and the wire, not the students' own
decoding. A line's arrival is stamped (`time.perf_counter`, CLOCK_MONOTONIC on Linux,
so comparable with the host's clock) in `data_received`, the moment this process's
event loop reads the bytes off the socket, before anything is parsed. Only a question
line is decoded (it is short, and the answer depends on its options); a reveal is
recognised by its first bytes.

A student answers a question the moment it arrives when SPREAD is 0 (the worst burst a
class can make), else after a pause drawn uniformly from 0..SPREAD seconds, as a class
answers when it reads and thinks. Question 1 is answered only after IDLE_SECONDS, the
window in which the host measures its idle CPU. A "busy, try again" refusal is retried
after a pause, as the real client does. Prints one JSON object on stdout at the end.
"""

from __future__ import annotations

import asyncio
import json
import random
import sys
import time
from typing import Any

TIMEOUT = 30.0
DEADLINE = 900.0
IDLE_SECONDS = 2.5
RETRIES = 8


def question_number(line: bytes) -> int:
    """The `number` of a host message without decoding the whole (2 KB) line."""
    start = line.index(b'"number":') + 9
    end = start
    while line[end : end + 1].isdigit():
        end += 1
    return int(line[start:end])


class Student(asyncio.Protocol):
    def __init__(
        self, name: str, hello: dict[str, Any], spread: float, rng: random.Random, out: Any
    ) -> None:
        self.name = name
        self.hello = json.dumps({**hello, "name": name}).encode() + b"\n"
        self.spread = spread
        self.rng = rng
        self.out = out
        self.buffer = b""
        self.sent: dict[int, float] = {}
        self.transport: asyncio.Transport | None = None
        self.ended: asyncio.Future[str] = asyncio.get_running_loop().create_future()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        transport.write(self.hello)

    def data_received(self, data: bytes) -> None:
        now = time.perf_counter()
        if self.buffer:
            data = self.buffer + data
        *lines, self.buffer = data.split(b"\n")
        for line in lines:
            self.line(line, now)

    def line(self, line: bytes, now: float) -> None:
        kind = line[9:17]  # after '{"type":"', which the host's model_dump_json writes first
        if kind.startswith(b"question"):
            message = json.loads(line)
            number = message["number"]
            if message["options"]:
                answer = {"choice": self.rng.randrange(len(message["options"]))}
            else:
                answer = {"value": self.rng.choice((0.5, 2.0, 10.0, 1e3, 1e6))}
            payload = json.dumps({"type": "answer", "number": number, **answer}).encode() + b"\n"
            pause = self.rng.uniform(0, self.spread) if self.spread else 0.0
            if number == 1:
                pause += IDLE_SECONDS
            if pause:
                asyncio.get_running_loop().call_later(pause, self.answer, number, payload)
            else:
                self.answer(number, payload)
        elif kind.startswith(b"received"):
            number = question_number(line)
            self.out["acks"].append((self.name, number, self.sent[number], now))
        elif kind.startswith(b"reveal"):
            number = question_number(line)
            reveals = self.out["reveals"]
            reveals[str(number)] = max(reveals.get(str(number), 0.0), now)
        elif kind.startswith(b"end"):
            self.finish("end")
        elif kind.startswith(b"error"):
            self.finish("retry" if b'"retry":true' in line else line.decode()[:200])

    def answer(self, number: int, payload: bytes) -> None:
        if self.transport is None or self.transport.is_closing():
            return
        self.sent[number] = time.perf_counter()
        self.transport.write(payload)
        self.out["sent"] += 1

    def finish(self, why: str) -> None:
        if not self.ended.done():
            self.ended.set_result(why)
        if self.transport is not None:
            self.transport.close()

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.ended.done():
            self.ended.set_result(f"connection lost: {exc!r}")


async def student(
    index: int, worker: int, port: int, hello: dict[str, Any], spread: float, seed: int, out: Any
) -> None:
    loop = asyncio.get_running_loop()
    rng = random.Random(seed * 100_003 + index)
    # Each student from its own loopback address, as a class's computers would be.
    source = f"127.{worker + 1}.{index // 250}.{index % 250 + 1}"
    for attempt in range(RETRIES):
        protocol = Student(f"s{worker}-{index}", hello, spread, rng, out)
        await asyncio.wait_for(
            loop.create_connection(
                lambda p=protocol: p,  # this attempt's protocol (bound now, not at the call)
                "127.0.0.1",
                port,
                local_addr=(source, 0),
            ),
            TIMEOUT,
        )
        why = await asyncio.wait_for(protocol.ended, DEADLINE)
        if why != "retry":
            if why != "end":
                out["errors"].append(f"{protocol.name}: {why}")
            return
        out["retries"] += 1
        await asyncio.sleep(0.25 * 2**attempt)
    out["errors"].append(f"student {index}: still busy after {RETRIES} tries")


async def main_async(
    worker: int, first: int, count: int, port: int, hello: dict[str, Any], spread: float, seed: int
) -> None:
    out: dict[str, Any] = {"sent": 0, "acks": [], "reveals": {}, "errors": [], "retries": 0}
    tasks = []
    for index in range(first, first + count):
        tasks.append(asyncio.create_task(student(index, worker, port, hello, spread, seed, out)))
        if index % 50 == 49:
            await asyncio.sleep(0.02)  # under the listen backlog
    done = await asyncio.gather(*tasks, return_exceptions=True)
    out["errors"] += [repr(e)[:200] for e in done if isinstance(e, BaseException)]
    print(json.dumps(out))


def main() -> None:
    worker, first, count, port = (int(a) for a in sys.argv[1:5])
    code, spread, seed = sys.argv[5], float(sys.argv[6]), int(sys.argv[7])
    # The protocol's version comes from the parent, which imports the quiz: the students
    # load nothing of it, so a child starts in milliseconds.
    hello = {"type": "hello", "version": int(sys.argv[8]), "code": code}
    if len(sys.argv) > 9:  # a profile file: where the students' own time goes
        import cProfile

        cProfile.runctx(
            "asyncio.run(main_async(worker, first, count, port, hello, spread, seed))",
            globals(),
            locals(),
            sys.argv[9],
        )
        return
    asyncio.run(main_async(worker, first, count, port, hello, spread, seed))


if __name__ == "__main__":
    main()
