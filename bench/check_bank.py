"""Benchmark: the whole check of a 10,000-figure bank against tomli's raw parse of it.

Generates a bank of 10,000 figures (200 sources, ranges and single values, every
quote written into an article file beside the bank), then times, in this process
and alternately, `tomli.loads` of the bank's text and `load_bank` of the file
(read, parse, validation, cross-checks, provenance). Prints the medians and their
ratio. Goal: the check costs at most 2x the raw parse.

    .venv/bin/python bench/check_bank.py [--figures N] [--runs R]
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import tomli

from quiz.bank.loader import load_bank

WORDS = [
    "officials",
    "ministry",
    "estimate",
    "reported",
    "counted",
    "claimed",
    "according",
    "latest",
    "figures",
    "region",
    "authorities",
    "agency",
    "survey",
    "residents",
    "workers",
    "households",
    "damaged",
    "displaced",
    "evacuated",
]


def generate(folder: Path, figures: int, seed: int = 1) -> Path:
    """Write bank.toml and article.txt into `folder`; return the bank's path."""
    rnd = random.Random(seed)
    sources = max(1, figures // 50)
    sentences = []
    out = [
        "format = 1\n\n[bank]\n"
        'id = "bench"\ntitle = "Benchmark bank"\n\n'
        '[article]\ntitle = "A long article"\ntext_file = "article.txt"\n'
    ]
    for s in range(sources):
        out.append(f'\n[sources.source-{s}]\nname = "Source number {s}"\nrole = "An office"\n')
    for f in range(figures):
        filler = " ".join(rnd.choice(WORDS) for _ in range(6))
        if f % 3 == 0:
            low = rnd.randint(2, 40)
            quote = f"figure {f} puts it between {low} and {low + 9} million {filler}"
            number = f"low = {low}_000_000\nhigh = {low + 9}_000_000"
        else:
            value = rnd.randint(1_000, 9_999_999)
            quote = f"figure {f} counted {value:,} people {filler}"
            number = f"value = {value}"
        sentences.append(f"The {rnd.choice(WORDS)} said {quote}. {filler.capitalize()}.")
        out.append(
            f"\n[figures.figure-{f}]\n"
            f'source = "source-{f % sources}"\n'
            f'measure = "measure-{f % 97}"\n'
            f'counts = "people counted in survey {f}"\n'
            f"{number}\n"
            f"approximate = {'true' if f % 2 else 'false'}\n"
            f'as_of = "2022-{1 + f % 12:02d}"\n'
            f'quote = "{quote}"\n'
            f'ask = "How many people were counted in survey {f}?"\n'
            f'explain = "A count by source {f % sources}: what it covers and leaves out, '
            f'and why it differs from the others ({filler})."\n'
        )
    rnd.shuffle(sentences)
    (folder / "article.txt").write_text(" ".join(sentences) + "\n", encoding="utf-8")
    bank = folder / "bank.toml"
    bank.write_text("".join(out), encoding="utf-8")
    return bank


def timed(action: Callable[[], object]) -> float:
    """Seconds `action` takes, its result freed only after the clock stops: freeing a
    million objects is the caller's business later, not part of the parse or check."""
    gc.collect()
    start = time.perf_counter()
    result = action()
    elapsed = time.perf_counter() - start
    del result
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--figures", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bank = generate(Path(tmp), args.figures)
        text = bank.read_text(encoding="utf-8")
        article = (Path(tmp) / "article.txt").stat().st_size
        loaded = load_bank(bank, use_cache=False)  # also warms imports and caches
        assert len(loaded.bank.figures) == args.figures
        parse, check = [], []
        for _ in range(args.runs):
            parse.append(timed(lambda: tomli.loads(text)))
            check.append(timed(lambda: load_bank(bank, use_cache=False)))
    parse_ms = statistics.median(parse) * 1000
    check_ms = statistics.median(check) * 1000
    print(
        f"bank: {args.figures:,} figures, {len(text.encode()):,} bytes;"
        f" article: {article:,} bytes; {args.runs} runs each"
    )
    print(f"tomli.loads (raw parse):  median {parse_ms:8.1f} ms")
    print(f"load_bank (whole check):  median {check_ms:8.1f} ms")
    print(f"ratio: {check_ms / parse_ms:.2f}x the raw parse (goal: at most 2x)")


if __name__ == "__main__":
    main()
