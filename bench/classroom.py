"""A classroom host on loopback, with its students in other processes, answering together.

    .venv/bin/python bench/classroom.py [--clients 200 1000] [--questions 10]

For each class size it prints: the answers lost (goal 0); the median and p99 time from
an answer to its acknowledgement and from the reveal to the last student receiving it,
in ms and as multiples of a plain loopback round trip (a trivial asyncio echo measured
in the same run; goals: median at most 100x, p99 at most 300x); and the host's CPU
while a question is open and nobody answers (goal under 5% of one core).

The host (`Host`, with a real results store in a temporary folder, so an
acknowledgement includes the SQLite commit) runs in this process; the students run in
`WORKERS` child processes, so their own decoding is not charged to the host. Each
student connects from its own loopback address (127.0.x.y), as a class's computers
would, and answers the moment a question arrives: the worst burst a class can make.
Question 1 is answered only after `IDLE_SECONDS`, the window in which the host's idle
CPU is measured. Times cross processes through `time.perf_counter`, the system-wide
monotonic clock on Linux. Everything is on 127.0.0.1 and bounded: connections,
waits (TIMEOUT each) and the whole run (DEADLINE).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TIMEOUT = 30.0
DEADLINE = 600.0
ECHO_ROUNDS = 300
WORKERS = 2
"""Student processes: with the host, as many as this machine's two cores."""
IDLE_SECONDS = 2.5
MAX_CLIENTS = 1000
RETRIES = 8


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


# -- the students (a child process) ---------------------------------------------------


def question_number(line: bytes) -> int:
    """The `number` of a host message without decoding the whole (2 KB) reveal: the
    students' own parsing should cost the measurement as little as it can."""
    start = line.index(b'"number":') + 9
    end = start
    while line[end : end + 1].isdigit():
        end += 1
    return int(line[start:end])


async def student(index: int, worker: int, port: int, code: str, result: dict) -> None:  # type: ignore[type-arg]
    """One student; like the real client, it tries a busy host again after a pause."""
    for attempt in range(RETRIES):
        if await attend(index, worker, port, code, result):
            return
        result["retries"] += 1
        await asyncio.sleep(0.25 * 2**attempt)
    result["errors"].append(f"student {index}: still busy after {RETRIES} tries")


async def attend(index: int, worker: int, port: int, code: str, result: dict) -> bool:  # type: ignore[type-arg]
    """Play the whole quiz; False when the host said it was busy (try again)."""
    from quiz.classroom.protocol import MAX_SERVER_LINE, PROTOCOL_VERSION, Hello, encode

    rng = random.Random(index)
    source = f"127.{worker + 1}.{index // 250}.{index % 250 + 1}"
    reader, writer = await asyncio.wait_for(
        asyncio.open_connection("127.0.0.1", port, limit=MAX_SERVER_LINE, local_addr=(source, 0)),
        TIMEOUT,
    )
    hello = Hello(version=PROTOCOL_VERSION, code=code, name=f"s{worker}-{index}")
    writer.write(encode(hello))
    sent_at = 0.0
    while True:
        line = await asyncio.wait_for(reader.readline(), DEADLINE)
        now = time.perf_counter()
        if not line:
            break
        kind = line[9:17]  # after '{"type":"', which model_dump_json writes first
        if kind.startswith(b"question"):
            message = json.loads(line)
            number = message["number"]
            if number == 1:
                await asyncio.sleep(IDLE_SECONDS)
            if message["options"]:
                answer = {"choice": rng.randrange(len(message["options"]))}
            else:
                answer = {"value": rng.choice((0.5, 2.0, 10.0, 1e3, 1e6))}
            sent_at = time.perf_counter()
            writer.write(
                json.dumps({"type": "answer", "number": number, **answer}).encode() + b"\n"
            )
            result["sent"] += 1
        elif kind.startswith(b"received"):
            result["acks"].append(now - sent_at)
        elif kind.startswith(b"reveal"):
            number = question_number(line)
            last = result["reveals"].get(str(number), 0.0)
            result["reveals"][str(number)] = max(last, now)
        elif kind.startswith(b"end"):
            break
        elif kind.startswith(b"error"):
            writer.close()
            if b'"retry":true' in line:
                return False
            result["errors"].append(line.decode()[:200])
            break
    writer.close()
    return True


async def worker_main(worker: int, first: int, count: int, port: int, code: str) -> None:
    result: dict = {"sent": 0, "acks": [], "reveals": {}, "errors": [], "retries": 0}  # type: ignore[type-arg]
    tasks = []
    for index in range(first, first + count):
        tasks.append(asyncio.create_task(student(index, worker, port, code, result)))
        if index % 50 == 49:
            await asyncio.sleep(0.02)  # under the listen backlog
    done = await asyncio.wait_for(asyncio.gather(*tasks, return_exceptions=True), DEADLINE)
    result["errors"] += [repr(e)[:200] for e in done if isinstance(e, BaseException)]
    print(json.dumps(result))


# -- the host (this process) ------------------------------------------------------------


async def run(clients: int, count: int, rtt: float) -> bool:
    from quiz.questions import default_bank

    from quiz.bank.loader import load_bank
    from quiz.classroom.room import Room
    from quiz.classroom.server import Host
    from quiz.game.generate import Settings, generate
    from quiz.results.record import GameRecord
    from quiz.results.store import Store

    loaded = load_bank(default_bank())
    questions = generate(loaded, Settings(count=count, seed=1))
    folder = Path(tempfile.mkdtemp(prefix="quiz-bench-"))
    store = Store(folder)
    record = GameRecord(store, loaded, mode="classroom", seed=1, total=len(questions))
    room = Room(questions, loaded=loaded, seconds=600)
    host = Host(room, record=record)
    _, port = await host.start("127.0.0.1", 0)
    per = -(-clients // WORKERS)
    procs = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            __file__,
            "--worker",
            str(w),
            str(w * per),
            str(min(per, clients - w * per)),
            str(port),
            room.code,
            stdout=subprocess.PIPE,
        )
        for w in range(WORKERS)
        if w * per < clients
    ]
    reveal_started: dict[int, float] = {}
    idle_cpu = 0.0
    try:
        for _ in range(int(TIMEOUT / 0.05)):
            if len(room.active()) == clients:
                break
            await asyncio.sleep(0.05)
        else:
            print(f"only {len(room.active())} of {clients} joined", file=sys.stderr)
        for number in range(1, len(questions) + 1):
            await host.next()
            if number == 1:  # nobody answers for IDLE_SECONDS: the host is idle
                await asyncio.sleep(0.3)
                cpu, wall = time.process_time(), time.perf_counter()
                await asyncio.sleep(IDLE_SECONDS - 0.8)
                idle_cpu = (time.process_time() - cpu) / (time.perf_counter() - wall)
            for _ in range(int(TIMEOUT / 0.001)):
                if room.phase == "reveal":
                    break
                await asyncio.sleep(0.001)
            else:
                print(f"question {number}: not every answer arrived", file=sys.stderr)
                await host.skip()
            reveal_started[number] = host.revealed_at
            await asyncio.sleep(0.5)  # the reveal reaches everyone; bounded, not measured
        await host.next()
        outputs = await asyncio.wait_for(asyncio.gather(*(p.communicate() for p in procs)), TIMEOUT)
    finally:
        for p in procs:
            if p.returncode is None:
                p.kill()
        await host.close()
    stored = sum(1 for a in store.answers(record.session_id) if not a.missed)
    store.close()
    shutil.rmtree(folder, ignore_errors=True)

    results = [json.loads(out) for out, _ in outputs if out]
    sent = sum(r["sent"] for r in results)
    acks = [t for r in results for t in r["acks"]]
    errors = [e for r in results for e in r["errors"]]
    retries = sum(r["retries"] for r in results)
    lags = []
    for number, start in reveal_started.items():
        arrivals = [r["reveals"][str(number)] for r in results if str(number) in r["reveals"]]
        if arrivals:
            lags.append(max(arrivals) - start)
    print(
        f"{clients} students in {len(procs)} processes, {len(questions)} questions"
        f" ({retries} joins retried after 'busy')"
    )
    print(
        f"  answers sent {sent}, acknowledged {len(acks)}, stored {stored}; "
        f"answers lost: {sent - min(len(acks), stored)} (goal 0)"
    )
    for label, values in (("answer -> ack", acks), ("reveal -> last student", lags)):
        median, p99 = statistics.median(values), percentile(values, 0.99)
        print(
            f"  {label}: median {median * 1e3:.1f} ms = {median / rtt:.0f}x, "
            f"p99 {p99 * 1e3:.1f} ms = {p99 / rtt:.0f}x round trip (goals 100x, 300x)"
        )
    print(f"  host CPU while a question is open and idle: {idle_cpu:.1%} of a core (goal 5%)")
    if errors:
        print(f"  student errors: {len(errors)}, first: {errors[0]}")
    return sent == len(acks) == stored == clients * len(questions)


async def main_async(sizes: list[int], count: int) -> int:
    rtt = await echo_round_trip()
    print(f"classroom bench, loopback; plain round trip (asyncio echo): {rtt * 1e6:.0f} µs")
    ok = True
    for clients in sizes:
        ok = await run(clients, count, rtt) and ok
    return 0 if ok else 1


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        worker, first, count, port = (int(a) for a in sys.argv[2:6])
        asyncio.run(worker_main(worker, first, count, port, sys.argv[6]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[200, 1000])
    parser.add_argument("--questions", type=int, default=10)
    args = parser.parse_args()
    sizes = [max(1, min(c, MAX_CLIENTS)) for c in args.clients]
    return asyncio.run(
        asyncio.wait_for(main_async(sizes, max(1, min(args.questions, 50))), DEADLINE)
    )


if __name__ == "__main__":
    sys.exit(main())
