"""Generating a quiz must cost less than loading the bank it comes from.

    .venv/bin/python bench/generate.py [--figures 10000] [--questions 10000] [--runs 5]

Writes a bank of FIGURES figures (400 sources, measures of five figures each, four
units, one figure in five a range, every figure with an `ask`, 100 hand-written
questions) and its article into a temporary folder, then times, in this process:

- loading it with `load_bank` (parse, validate, cross-check, provenance), and
- generating QUESTIONS questions from the loaded bank (`generate`, a new seed each run),
  and, for reference, building every question the bank can give (`all_questions`).

Runs alternate (load, generate, load, ...) and count CPU time, so a busy machine
weighs on both sides alike. Prints the medians and the ratio generation / load.
Goal: below 1. Exits 1 when the goal is missed.

Also prints, for reference:

- a second quiz (another seed) from a bank already used: honest selection reads every
  screen of each question it keeps (`quiz.game.disclosure`: prompt, options, and the
  cards of its measure), once per bank, so a quiz of thousands of questions from a
  fresh bank pays for reading thousands of prompts and cards, and the difference
  between the two lines is that reading;
- quizzes of the sizes players ask for (the default count and 20) from a fresh bank.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from quiz.bank.loader import LoadedBank, load_bank
from quiz.game.generate import Settings, all_questions, generate
from quiz.game.question import DEFAULT_COUNT

UNITS = ("people", "soldiers", "euros", "homes")


def _number(value: int) -> str:
    return f"{value:,}"


def write_bank(folder: Path, figures: int, seed: int = 1) -> Path:
    """A valid bank of `figures` figures whose quotes all occur in its article."""
    rng = random.Random(seed)
    sources = 400
    lines = [
        "format = 1",
        "",
        "[bank]",
        'id = "bench-bank"',
        'title = "A large bank for benchmarks"',
        "",
        "[article]",
        'title = "Numbers from everywhere"',
        'text_file = "article.txt"',
        "",
    ]
    for s in range(sources):
        lines += [f"[sources.s{s}]", f'name = "Source {s}"', f'role = "Office {s}"', ""]
    article: list[str] = []
    for f in range(figures):
        measure = f // 5
        unit = UNITS[measure % len(UNITS)]
        base = rng.randint(100, 5_000_000)
        if f % 5 == 4:
            low = base
            high = base * rng.randint(2, 4)
            stated = f"between {_number(low)} and {_number(high)}"
            value = f"low = {low}\nhigh = {high}"
        else:
            stated = _number(base)
            value = f"value = {base}"
        quote = f"Source {f % sources} counted {stated} {unit} in district d{f}"
        article.append(quote + ".")
        lines += [
            f"[figures.f{f}]",
            f'source = "s{f % sources}"',
            f'measure = "m{measure}"',
            f'counts = "{unit} in district d{f}"',
            f'unit = "{unit}"',
            value,
            'as_of = "2024"',
            f'quote = "{quote}"',
            f'ask = "How many {unit} did Source {f % sources} count in district d{f}?"',
            'explain = "A benchmark figure."',
            "",
        ]
    for q in range(100):
        lines += [
            "[[questions]]",
            'kind = "choice"',
            f'prompt = "Question {q}?"',
            f'answer = "yes {q}"',
            f'options = ["yes {q}", "no {q}", "maybe {q}"]',
            "",
        ]
    (folder / "article.txt").write_text("\n".join(article) + "\n", encoding="utf-8")
    path = folder / "bench.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _cpu_seconds(action: Callable[[], object]) -> float:
    """CPU time of the action: on a shared machine, wall time measures the neighbours."""
    gc.collect()
    start = time.process_time()
    action()
    return time.process_time() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--figures", type=int, default=10_000)
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = write_bank(Path(folder), args.figures)
        size = path.stat().st_size
        loaded = load_bank(path, use_cache=False)  # also warms imports and caches
        made = len(generate(loaded, Settings(count=args.questions, seed=0)))
        load: list[float] = []
        gen: list[float] = []
        again: list[float] = []
        # Alternated, so a slow spell of the machine falls on both; each quiz comes
        # from the bank just loaded, so nothing a previous run built is reused.
        for run in range(args.runs):
            fresh: list[LoadedBank] = []
            load.append(
                _cpu_seconds(lambda fresh=fresh: fresh.append(load_bank(path, use_cache=False)))
            )
            chosen = Settings(count=args.questions, seed=run + 1)
            gen.append(_cpu_seconds(lambda c=chosen, f=fresh: generate(f[0], c)))
            other = Settings(count=args.questions, seed=run + 1001)
            again.append(_cpu_seconds(lambda c=other, f=fresh: generate(f[0], c)))
        every = _cpu_seconds(lambda: all_questions(loaded))
        small: dict[int, float] = {}
        for count in (DEFAULT_COUNT, 20):
            times: list[float] = []
            for run in range(args.runs):
                bank = load_bank(path, use_cache=False)  # nothing a previous quiz built
                chosen = Settings(count=count, seed=run + 1)
                times.append(_cpu_seconds(lambda c=chosen, b=bank: generate(b, c)))
            small[count] = statistics.median(times)
    total = len(all_questions(loaded))
    load_ms = statistics.median(load) * 1000
    gen_ms = statistics.median(gen) * 1000
    print(f"bank: {args.figures:,} figures, {size / 1e6:.1f} MB, {total:,} possible questions")
    print(f"CPU time, median of {args.runs} alternated runs:")
    print(f"  load_bank:                      {load_ms:8.1f} ms")
    print(f"  generate {made:,} questions:       {gen_ms:8.1f} ms")
    print(f"    again, from the same bank:    {statistics.median(again) * 1000:8.1f} ms")
    print(f"  all_questions ({total:,}, once):  {every * 1000:8.1f} ms")
    for count, seconds in small.items():
        print(
            f"  a quiz of {count} questions:       {seconds * 1000:8.1f} ms"
            f" ({seconds * 1000 / load_ms:.2f}x load)"
        )
    ratio = gen_ms / load_ms
    print(f"ratio generate / load: {ratio:.2f} (goal: below 1)")
    return 0 if ratio < 1 else 1


if __name__ == "__main__":
    sys.exit(main())
