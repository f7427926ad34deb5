"""A classroom host on loopback, with its students in other processes.

    .venv/bin/python bench/classroom.py [--clients 200 1000] [--questions 10]
        [--workers 4] [--spread 4] [--profile FOLDER]

For each class size it runs two classes, both printed and held to the same goals:
"burst", where every student answers the moment a question arrives (the worst a class
can do), and "spread", where each answers after a pause drawn from 0..SPREAD seconds
(a class reading and thinking). For each it prints the answers lost (goal 0); the
median and p99 time from an answer to its acknowledgement and from the reveal to the
last student receiving it, in ms and as multiples of a plain loopback round trip (a
trivial asyncio echo measured in the same run; goals: median at most 100x, p99 at most
300x); and the host's CPU while a question is open and nobody answers (goal under 5% of
one core). Before each class size, the same students are served by a bare asyncio
server (`floor`): what no host can beat on this machine in this run, and the medians
are also given as multiples of it. A "stages" line splits both times on the host's
clock: student send -> the host's answer handler, handler -> acknowledgement written
(the commits' count and median time, then per answer: waiting for its commit to begin,
the commit, and committed -> acknowledgement written), written -> the student's socket;
and the reveal begun -> every line written (or held behind that student's
acknowledgement, which it follows in the same write) -> the last student's socket.

The host (`Host`, with a real results store in a temporary folder, so an
acknowledgement includes the commit) runs in this process; the students run in
WORKERS child processes (bench/classroom_students.py: bare asyncio protocols that
stamp a line when their event loop reads it off the socket, before any parsing). Times
cross processes through `time.perf_counter`, CLOCK_MONOTONIC on Linux. Everything is on
127.0.0.1 and bounded: connections, waits (TIMEOUT each) and the whole run (DEADLINE).
`--profile FOLDER` writes cProfile files for the host and each student process.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TIMEOUT = 30.0
DEADLINE = 1800.0
ECHO_ROUNDS = 300
WORKERS = 4
"""Student processes. Each is a bare asyncio loop; a few keep each loop's sweep short."""
SPREAD = 4.0
IDLE_SECONDS = 2.5
"""Students wait this long before answering question 1 (bench/classroom_students.py)."""
MAX_CLIENTS = 1000
STUDENTS = Path(__file__).with_name("classroom_students.py")
sys.path.insert(0, str(Path(__file__).parent))
from classroom_stages import Stages, print_stages  # noqa: E402  # beside this script


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


FLOOR_ROUNDS = 10


async def floor(clients: int, workers: int) -> tuple[float, float, float]:
    """The fastest this class can be served, by a bare asyncio server and the same students
    (same processes, same addresses), ten rounds each:

    - reveal: one prepared 2 KB line written to every student at once; medians of (every
      line written, the last student's socket) after the first write;
    - answers: a short question line to every student at once; each answers at once and
      the server acknowledges every line as it reads it (one `json.loads` for the number);
      the median answer -> acknowledgement, as the students time it.
    """
    transports: list[asyncio.Transport] = []
    joined = asyncio.Event()

    class Bare(asyncio.Protocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            assert isinstance(transport, asyncio.Transport)
            self.transport = transport
            self.buffer = b""
            transports.append(transport)
            if len(transports) == clients:
                joined.set()

        def data_received(self, data: bytes) -> None:
            *lines, self.buffer = (self.buffer + data).split(b"\n")
            for line in lines:
                message = json.loads(line)
                if message["type"] == "answer":
                    self.transport.write(b'{"type":"received","number":%d}\n' % message["number"])

    server = await asyncio.get_running_loop().create_server(Bare, "127.0.0.1", 0, backlog=1024)
    port = server.sockets[0].getsockname()[1]
    procs = await students(clients, workers, port, "FLOOR", 0.0, None)
    starts, written = {}, []
    try:
        await asyncio.wait_for(joined.wait(), TIMEOUT)
        for number in range(1, FLOOR_ROUNDS + 1):
            line = b'{"type":"reveal","number":%d,"pad":"%s"}\n' % (number, b"x" * 2000)
            await asyncio.sleep(0.3)
            starts[number] = time.perf_counter()
            for transport in transports:
                transport.write(line)
            written.append(time.perf_counter() - starts[number])
        for number in range(FLOOR_ROUNDS + 2, 2 * FLOOR_ROUNDS + 2):  # 1 waits: not used
            await asyncio.sleep(0.3)
            line = b'{"type":"question","number":%d,"options":["a","b","c","d"]}\n' % number
            for transport in transports:
                transport.write(line)
        await asyncio.sleep(0.5)
        for transport in transports:
            transport.write(b'{"type":"end","number":0}\n')
        outputs = await outputs_of(procs)
    finally:
        await reap(procs)
        server.close()
    results = [json.loads(out) for out, _ in outputs if out]
    lags = [
        max(r["reveals"][str(n)] for r in results) - start
        for n, start in starts.items()
        if all(str(n) in r["reveals"] for r in results)
    ]
    acks = [arrived - sent for r in results for _, _, sent, arrived in r["acks"]]
    return statistics.median(written), statistics.median(lags), statistics.median(acks)


async def outputs_of(procs: list[asyncio.subprocess.Process]) -> list[tuple[bytes, bytes]]:
    """What each student process printed, once all have ended (within TIMEOUT)."""
    return await asyncio.wait_for(asyncio.gather(*(p.communicate() for p in procs)), TIMEOUT)


async def reap(procs: list[asyncio.subprocess.Process]) -> None:
    """End the student processes still running (a run that failed or timed out)."""
    for p in procs:
        if p.returncode is None:
            p.kill()
            await p.wait()


async def students(
    clients: int, workers: int, port: int, code: str, spread: float, profile: Path | None
) -> list[asyncio.subprocess.Process]:
    """Start the students: `workers` processes of bench/classroom_students.py."""
    from quiz.classroom.protocol import PROTOCOL_VERSION

    per = -(-clients // workers)
    procs = []
    for w in range(workers):
        if w * per >= clients:
            break
        args = [str(w), str(w * per), str(min(per, clients - w * per)), str(port), code]
        args += [str(spread), "1", str(PROTOCOL_VERSION)]
        if profile:
            args.append(
                str(profile / f"students-{clients}-{'burst' if not spread else 'sprea'}-{w}.prof")
            )
        procs.append(
            await asyncio.create_subprocess_exec(
                sys.executable, str(STUDENTS), *args, stdout=subprocess.PIPE
            )
        )
    return procs


async def run(
    clients: int,
    count: int,
    rtt: float,
    workers: int,
    spread: float,
    profile: Path | None,
    bare: float,
    bare_ack: float,
) -> bool:
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
    store.open()  # as `quiz host` does before the class joins
    record = GameRecord(store, loaded, mode="classroom", seed=1, total=len(questions))
    room = Room(questions, loaded=loaded, seconds=600)
    host = Host(room, record=record)
    _, port = await host.start("127.0.0.1", 0)
    stages = Stages(host)
    label = "burst" if not spread else f"spread over {spread:g} s"
    procs = await students(clients, workers, port, room.code, spread, profile)
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
            for _ in range(int((TIMEOUT + spread) / 0.005)):
                if room.phase == "reveal":
                    break
                await asyncio.sleep(0.005)
            else:
                print(f"question {number}: not every answer arrived", file=sys.stderr)
                await host.skip()
            await asyncio.sleep(0.5)  # the reveal reaches everyone; bounded, not measured
        await host.next()
        outputs = await outputs_of(procs)
    finally:
        await reap(procs)
        stages.close()
        await host.close()
    stored = sum(1 for a in store.answers(record.session_id) if not a.missed)
    store.close()
    shutil.rmtree(folder, ignore_errors=True)

    results = [json.loads(out) for out, _ in outputs if out]
    sent = sum(r["sent"] for r in results)
    acks = [tuple(a) for r in results for a in r["acks"]]
    errors = [e for r in results for e in r["errors"]]
    retries = sum(r["retries"] for r in results)
    ack_times = [arrived - sent_at for _, _, sent_at, arrived in acks]
    lags, written = [], []
    for number, (start, done) in stages.reveals.items():
        arrivals = [r["reveals"][str(number)] for r in results if str(number) in r["reveals"]]
        if arrivals:
            lags.append(max(arrivals) - start)
            written.append(done - start)
    print(
        f"{clients} students in {len(procs)} processes, {len(questions)} questions, {label}"
        f" ({retries} joins retried after 'busy')"
    )
    print(
        f"  answers sent {sent}, acknowledged {len(acks)}, stored {stored}; "
        f"answers lost: {sent - min(len(acks), stored)} (goal 0)"
    )
    if not ack_times or not lags:  # nobody got in (a refused hello): say why, time nothing
        print(f"  no answer was acknowledged; student errors: {len(errors)}, first: {errors[:1]}")
        return False
    for name, values in (("answer -> ack", ack_times), ("reveal -> last student", lags)):
        median, p99 = statistics.median(values), percentile(values, 0.99)
        print(
            f"  {name}: median {median * 1e3:.1f} ms = {median / rtt:.0f}x, "
            f"p99 {p99 * 1e3:.1f} ms = {p99 / rtt:.0f}x round trip (goals 100x, 300x)"
        )
    # The acknowledgement floor is for a class answering at once; a spread class's is
    # the round trip above.
    ack_floor = (
        f"answer -> ack {statistics.median(ack_times) / bare_ack:.1f}x, " if not spread else ""
    )
    print(
        f"  medians against the floor: {ack_floor}"
        f"reveal -> last student {statistics.median(lags) / bare:.1f}x"
    )
    print(f"  host CPU while a question is open and idle: {idle_cpu:.1%} of a core (goal 5%)")
    print_stages(stages, acks, lags, written)
    if errors:
        print(f"  student errors: {len(errors)}, first: {errors[0]}")
    return sent == len(acks) == stored == clients * len(questions)


async def main_async(
    sizes: list[int], count: int, workers: int, spread: float, profile: Path | None
) -> int:
    rtt = await echo_round_trip()
    print(f"classroom bench, loopback; plain round trip (asyncio echo): {rtt * 1e6:.0f} µs")
    ok = True
    for clients in sizes:
        written, bare, bare_ack = await floor(clients, workers)
        print(
            f"floor for {clients} students, a bare asyncio server (medians of {FLOOR_ROUNDS}):"
            f" one prepared 2 KB line to each: all written {written * 1e3:.1f} ms, last"
            f" student {bare * 1e3:.1f} ms = {bare / rtt:.0f}x round trip; all answering at"
            f" once, answer -> ack {bare_ack * 1e3:.1f} ms = {bare_ack / rtt:.0f}x round trip"
        )
        for pause in (0.0, spread):
            if profile:
                import cProfile

                profiler = cProfile.Profile()
                profiler.enable()
            ok = await run(clients, count, rtt, workers, pause, profile, bare, bare_ack) and ok
            if profile:
                profiler.disable()
                profiler.dump_stats(
                    profile / f"host-{clients}-{'burst' if not pause else 'sprea'}.prof"
                )
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[200, 1000])
    parser.add_argument("--questions", type=int, default=10)
    parser.add_argument("--workers", type=int, default=WORKERS)
    parser.add_argument("--spread", type=float, default=SPREAD)
    parser.add_argument("--profile", type=Path, default=None)
    args = parser.parse_args()
    sizes = [max(1, min(c, MAX_CLIENTS)) for c in args.clients]
    if args.profile:
        args.profile.mkdir(parents=True, exist_ok=True)
    return asyncio.run(
        asyncio.wait_for(
            main_async(
                sizes,
                max(1, min(args.questions, 50)),
                max(1, min(args.workers, 16)),
                max(0.0, min(args.spread, 30.0)),
                args.profile,
            ),
            DEADLINE,
        )
    )


if __name__ == "__main__":
    sys.exit(main())
