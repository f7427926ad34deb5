"""Commands for bank authors: `quiz check`, `quiz schema`, `quiz new`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from quiz.errors import BankError
from quiz.loader import load_bank


def _bank_paths(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            banks = sorted(path.rglob("*.toml"))
            found.extend(banks or [path])
        else:
            found.append(path)
    return found


def run_check(args: argparse.Namespace) -> int:
    failed = 0
    for path in _bank_paths(args.paths):
        try:
            loaded = load_bank(path)
        except BankError as exc:
            failed += 1
            for problem in exc.problems:
                print(problem)
            count = len(exc.problems)
            print(f"{path}: INVALID ({count} problem{'s' if count != 1 else ''})")
            continue
        bank = loaded.bank
        print(
            f"{path}: ok ({len(bank.figures)} figures, {len(bank.sources)} sources, "
            f"{len(bank.questions)} questions)"
        )
    return 1 if failed else 0


def run_schema(args: argparse.Namespace) -> int:
    raise NotImplementedError


def run_new(args: argparse.Namespace) -> int:
    raise NotImplementedError
