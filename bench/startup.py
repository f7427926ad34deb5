"""Start-up of the game against a bare Textual app, both measured in the same run.

Each measurement is a fresh process (`python bench/startup.py --child bare|engine|quiz`),
run headless. The clock starts just before the parent spawns the child and stops when the
child's first screen is ready:

- bare: a Textual App whose screen mounts one Label;
- engine: the bare app, after loading the shipped bank and generating the quiz (so the
  difference between this and quiz is the cost of the game's screens);
- quiz: the game built by `make_app` on the shipped bank (fixed seed, 10 questions),
  started straight on the first question, ready when the QuestionScreen has its answer
  widget mounted and has been laid out.

The bank cache (quiz.bank.cache) decides how much the engine does, so the game is timed
three times, each with its own cache folder (QUIZ_CACHE_DIR, a temporary folder, never
the user's):

- warm: the usual start: the cache holds the shipped bank (an untimed run fills it
  first), so the bank is read from it and pydantic, tomli and the checks never load;
- cold: the cache folder is emptied before every run: a first start. The shipped bank
  is then read from the checked entry shipped beside it (quiz.bank.cache, "the shipped
  banks' entries");
- check: cold, on a copy of the shipped bank outside the game's folder, so it is parsed,
  validated and checked in full: a first start on a bank of one's own, or the first
  after that bank or the game changed. (Before the shipped entries, "cold" was this.)

Bytecode: children run without PYTHONDONTWRITEBYTECODE, so the untimed first runs write
the game's `__pycache__` (git ignores it). In an environment that sets that variable (this
sandbox does) the game's own modules were otherwise compiled from source at every start
(~30 ms) while Textual's came precompiled from its wheel: a cost no installed copy pays
(pip compiles on install; an editable install writes `__pycache__` on first run).

Peak memory is the child's ru_maxrss from `os.wait4`. Runs alternate between the cases
so that machine noise hits all alike; the medians and their ratios to the bare app are
printed. Goal: at most 1.25x the bare app's time warm, 1.5x cold, 1.3x its memory.

    .venv/bin/python bench/startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KINDS = ("bare", "engine", "quiz")
CASES = {
    # case: (child kind, bank cache, label)
    "bare": ("bare", None, "bare Textual app (one Label)"),
    "engine": ("engine", "warm", "bare app + load (warm) + generation"),
    "warm": ("quiz", "warm", "quiz to first question, warm cache"),
    "cold": ("quiz", "cold", "quiz to first question, no cache"),
    "check": ("quiz", "check", "own bank, no cache (full check)"),
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

    from quiz.bank.loader import load_bank
    from quiz.game.generate import Settings, generate

    generate(load_bank(default_bank()), Settings(count=10, seed=1))
    return _child_bare()


def _child_quiz() -> float:
    from quiz.screens.app import make_app

    from quiz.play.settings import GameSettings

    folder = Path(tempfile.mkdtemp(prefix="quiz-bench-"))
    own = os.environ.get("BENCH_BANK")
    app = make_app(
        Path(own) if own else None,
        settings=GameSettings(seed=1, count=10),
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
        # A start that never gets ready must fail the run, not spin a core forever.
        give_up = time.monotonic() + 60
        while not ready():
            if time.monotonic() > give_up:
                pilot.app.exit(return_code=3, message=f"never ready; screen {pilot.app.screen!r}")
                return
            await asyncio.sleep(0)
        await asyncio.sleep(0)
        stamp.append(time.time())
        pilot.app.exit()

    app.run(headless=True, auto_pilot=pilot_script)
    if not stamp:
        raise SystemExit(f"not ready within 60 s (exit code {app.return_code})")
    return stamp[0]


def _measure(
    kind: str, cache: Path | None = None, bank: Path | None = None
) -> tuple[float, float, int]:
    """Seconds from spawn to ready, CPU seconds, and peak resident memory in KiB, of one
    child. CPU time (user + system, to exit) is printed beside wall time because on a
    shared, loaded machine wall time mostly measures waiting for a core."""
    env = dict(os.environ, TEXTUAL_ANIMATIONS="none")
    if cache is not None:
        env["QUIZ_CACHE_DIR"] = str(cache)
    if bank is not None:
        env["BENCH_BANK"] = str(bank)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
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


def _own_copy_of_the_shipped_bank(folder: Path) -> Path:
    """The shipped bank and its article copied outside the game's folder: no shipped entry."""
    from quiz.questions import default_bank

    shipped = default_bank()
    folder.mkdir(parents=True)
    for path in shipped.parent.iterdir():
        if path.suffix in (".toml", ".txt"):
            shutil.copy(path, folder / path.name)
    return folder / shipped.name


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--child", choices=KINDS)
    args = parser.parse_args()
    if args.child:
        ready = {"bare": _child_bare, "engine": _child_engine, "quiz": _child_quiz}[args.child]()
        print(json.dumps({"ready": ready}))
        return 0

    with tempfile.TemporaryDirectory(prefix="quiz-bench-cache-") as folder:
        caches = {name: Path(folder) / name for name in ("warm", "cold", "check")}
        own_bank = _own_copy_of_the_shipped_bank(Path(folder) / "own")

        def run(case: str) -> tuple[float, float, int]:
            kind, cache, _ = CASES[case]
            if cache in ("cold", "check"):
                shutil.rmtree(caches[cache], ignore_errors=True)
            bank = own_bank if cache == "check" else None
            return _measure(kind, caches[cache] if cache else None, bank)

        # Untimed: warms the OS file cache, fills the warm bank cache and the bytecode.
        for case in CASES:
            run(case)
        times: dict[str, list[float]] = {case: [] for case in CASES}
        cpu: dict[str, list[float]] = {case: [] for case in CASES}
        memory: dict[str, list[int]] = {case: [] for case in CASES}
        for _ in range(args.runs):
            for case in CASES:
                seconds, cpu_seconds, kib = run(case)
                times[case].append(seconds)
                cpu[case].append(cpu_seconds)
                memory[case].append(kib)
    t = {case: statistics.median(values) for case, values in times.items()}
    c = {case: statistics.median(values) for case, values in cpu.items()}
    m = {case: statistics.median(values) for case, values in memory.items()}
    print(
        f"runs: {args.runs} of each, interleaved; medians (load average {os.getloadavg()[0]:.1f})"
    )
    print("time: process spawn to first screen ready (wall); CPU: user+system to exit")
    print(f"{'':<40}{'to ready':>10}{'CPU':>10}{'peak RSS':>12}")
    for case, (_, _, label) in CASES.items():
        print(
            f"{label:<40}{t[case] * 1000:7.0f} ms{c[case] * 1000:7.0f} ms{m[case] / 1024:8.1f} MiB"
        )
    for case in ("engine", "warm", "cold", "check"):
        print(
            f"ratio {case} / bare: time {t[case] / t['bare']:.2f}x, "
            f"CPU {c[case] / c['bare']:.2f}x, memory {m[case] / m['bare']:.2f}x"
        )
    print("goal: warm / bare time <= 1.25x, cold / bare time <= 1.5x, memory <= 1.30x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
