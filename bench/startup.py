"""Start-up of the game against a bare Textual app, both measured in the same run.

Each measurement is a fresh process (`python bench/startup.py --child bare|quiz`), run
headless. The clock starts just before the parent spawns the child and stops when the
child's first screen is ready:

- bare: a Textual App whose screen mounts one Label;
- engine: the bare app, after loading the shipped bank and generating the quiz (so the
  difference between this and quiz is the cost of the game's screens);
- quiz: the game built by `make_app` on the shipped bank (fixed seed, 10 questions),
  started straight on the first question, ready when the QuestionScreen has its answer
  widget mounted and has been laid out.

Peak memory is the child's ru_maxrss from `os.wait4`. Runs alternate bare/quiz so that
machine noise hits both alike; the medians and their ratios are printed. Goal: at most
1.25x the bare app's time and 1.3x its memory.

    .venv/bin/python bench/startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KINDS = ("bare", "engine", "quiz")
LABELS = {
    "bare": "bare Textual app (one Label)",
    "engine": "bare app + bank load + generation",
    "quiz": "quiz to first question",
}


def _child_bare() -> float:
    from textual.app import App, ComposeResult
    from textual.widgets import Label

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Label("ready")

    app = Bare()
    return _run_until(app, lambda: bool(app.screen.query(Label)))


def _child_engine() -> float:
    """The bare app after loading the bank and generating the quiz: the engine's share."""
    from quiz.questions import default_bank

    from quiz.generate import Settings, generate
    from quiz.loader import load_bank

    generate(load_bank(default_bank()), Settings(count=10, seed=1))
    return _child_bare()


def _child_quiz() -> float:
    from quiz.screens.app import make_app

    from quiz.preferences import Choices

    folder = Path(tempfile.mkdtemp(prefix="quiz-bench-"))
    app = make_app(
        choices=Choices(seed=1, count=10),
        data_dir=folder / "data",
        prefs_path=folder / "prefs.json",
        show_start=False,
    )

    def ready() -> bool:
        screen = app.screen
        return type(screen).__name__ == "QuestionScreen" and bool(
            screen.query("Options, NumberInput")
        )

    return _run_until(app, ready)


def _run_until(app: object, ready: object) -> float:
    """Run `app` headless until `ready()`, then exit; return the moment it was ready."""
    from textual.app import App
    from textual.pilot import Pilot

    assert isinstance(app, App) and callable(ready)
    stamp: list[float] = []

    async def pilot_script(pilot: Pilot[object]) -> None:
        while not ready():
            await asyncio.sleep(0)
        await asyncio.sleep(0)
        stamp.append(time.time())
        pilot.app.exit()

    app.run(headless=True, auto_pilot=pilot_script)
    return stamp[0]


def _measure(kind: str) -> tuple[float, float, int]:
    """Seconds from spawn to ready, CPU seconds, and peak resident memory in KiB, of one
    child. CPU time (user + system, to exit) is printed beside wall time because on a
    shared, loaded machine wall time mostly measures waiting for a core."""
    env = dict(os.environ, TEXTUAL_ANIMATIONS="none")
    started = time.time()
    child = subprocess.Popen(
        [sys.executable, __file__, "--child", kind],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert child.stdout is not None
    out = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        err = child.stderr.read().decode() if child.stderr else ""
        raise SystemExit(f"{kind} child failed ({child.returncode}):\n{err}")
    ready_at = json.loads(out.decode().strip().splitlines()[-1])["ready"]
    return ready_at - started, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--child", choices=KINDS)
    args = parser.parse_args()
    if args.child:
        ready = {"bare": _child_bare, "engine": _child_engine, "quiz": _child_quiz}[args.child]()
        print(json.dumps({"ready": ready}))
        return 0

    for kind in KINDS:  # warm the file cache so the first measured run is not an outlier
        _measure(kind)
    times: dict[str, list[float]] = {kind: [] for kind in KINDS}
    cpu: dict[str, list[float]] = {kind: [] for kind in KINDS}
    memory: dict[str, list[int]] = {kind: [] for kind in KINDS}
    for _ in range(args.runs):
        for kind in KINDS:
            seconds, cpu_seconds, kib = _measure(kind)
            times[kind].append(seconds)
            cpu[kind].append(cpu_seconds)
            memory[kind].append(kib)
    t = {kind: statistics.median(values) for kind, values in times.items()}
    c = {kind: statistics.median(values) for kind, values in cpu.items()}
    m = {kind: statistics.median(values) for kind, values in memory.items()}
    print(
        f"runs: {args.runs} of each, interleaved; medians (load average {os.getloadavg()[0]:.1f})"
    )
    print(f"{'':<38}{'to ready':>10}{'CPU':>10}{'peak RSS':>12}")
    for kind, label in LABELS.items():
        print(
            f"{label:<38}{t[kind] * 1000:7.0f} ms{c[kind] * 1000:7.0f} ms{m[kind] / 1024:8.1f} MiB"
        )
    for kind in ("engine", "quiz"):
        print(
            f"ratio {kind} / bare: time {t[kind] / t['bare']:.2f}x, "
            f"CPU {c[kind] / c['bare']:.2f}x, memory {m[kind] / m['bare']:.2f}x"
        )
    print("goal for quiz / bare: time <= 1.25x, memory <= 1.30x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
