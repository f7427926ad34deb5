"""Which bank to play: a bank file, a folder of banks, or the shipped bank.

Every front end takes a folder wherever it takes a bank (`quiz play`, `--plain`,
`quiz preview`, `quiz host`); this module is the one place that reads one.

Decisions:

- A folder offers each `*.toml` file directly in it, sorted by name (a folder of banks
  is flat, like `questions/`).
- Every bank in the folder is loaded, so one that does not check is listed with its
  first problem and how many it has; it never hides the valid ones, and it cannot be
  chosen.
- A folder holding one bank plays it. With several, the player chooses: the TUI's
  start screen lists them; on a terminal `--plain`, `preview` and `host` ask for a
  number; with piped input there is nobody to ask, so the banks are listed and the
  command stops (exit 2) saying how to name one.
- A folder with no valid bank is a `BankError` carrying every bank's problems (exit 1).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from quiz.bank.loader import LoadedBank, load_bank
from quiz.errors import BankError, UsageError


@dataclass(frozen=True)
class Offer:
    """One bank of a folder: loaded, or the error that says why it cannot be played."""

    path: Path
    loaded: LoadedBank | None = None
    error: BankError | None = None

    def describe(self) -> str:
        """The bank in one line: its title, or why it does not check."""
        if self.loaded is not None:
            return self.loaded.bank.bank.title
        assert self.error is not None
        problems = self.error.problems
        if not problems:
            return "does not check"
        first = problems[0]
        # The listing names the file already: say where in it, then what.
        words = [f"line {first.line}"] if first.line is not None else []
        words += [first.key] if first.key else []
        words.append(first.message)
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        return f"does not check: {': '.join(words)}{more}"


Chooser = Callable[[Path, list[Offer]], LoadedBank]
"""Asks the player to pick one of a folder's valid banks."""


def default_bank() -> Path:
    from quiz.questions import default_bank as shipped

    return Path(shipped())


def bank_files(folder: Path) -> list[Path]:
    """The banks a folder offers: its `*.toml` files, sorted by name."""
    return sorted(p for p in folder.glob("*.toml") if p.is_file())


def offers(folder: Path) -> list[Offer]:
    """Each bank of the folder, loaded or with its problems."""
    result = []
    for path in bank_files(folder):
        try:
            result.append(Offer(path, loaded=load_bank(path)))
        except BankError as exc:
            result.append(Offer(path, error=exc))
    return result


def listing(offered: list[Offer]) -> list[str]:
    """The folder's banks, numbered, as a player reads them before choosing."""
    return [f"  {i}. {o.path}: {o.describe()}" for i, o in enumerate(offered, start=1)]


def usable(folder: Path) -> list[Offer]:
    """The folder's banks; UsageError when it has none, BankError when none checks."""
    offered = offers(folder)
    if not offered:
        raise UsageError(f"{folder}: no bank in this folder (expected .toml files)")
    if all(o.loaded is None for o in offered):
        problems = [p for o in offered if o.error is not None for p in o.error.problems]
        raise BankError(problems)
    return offered


def choose_bank(given: Path | None, choose: Chooser | None = None) -> LoadedBank:
    """The bank `given` names: a file, a folder (one bank in it, or `choose` picks), or
    the shipped bank for None. Without `choose`, a folder of several banks is a
    UsageError listing them."""
    if given is None:
        return load_bank(default_bank())
    if not given.is_dir():
        return load_bank(given)
    offered = usable(given)
    if len(offered) == 1 and offered[0].loaded is not None:
        return offered[0].loaded
    if choose is None:
        raise UsageError(
            "\n".join(
                [
                    f"{given} holds {len(offered)} banks; name the one to play:",
                    *listing(offered),
                ]
            )
        )
    return choose(given, offered)


def ask_on(stdin: TextIO, out: TextIO) -> Chooser:
    """A Chooser that lists the banks on `out` and reads a number from `stdin`."""

    def choose(folder: Path, offered: list[Offer]) -> LoadedBank:
        out.write(f"{folder} holds {len(offered)} banks:\n")
        out.write("\n".join(listing(offered)) + "\n")
        while True:
            out.write(f"Which bank (1-{len(offered)})? ")
            out.flush()
            line = stdin.readline()
            if not line:
                out.write("\n")
                raise UsageError(f"{folder}: no bank chosen")
            text = line.strip().rstrip(".")
            if text.isdigit() and 1 <= int(text) <= len(offered):
                offer = offered[int(text) - 1]
                if offer.loaded is not None:
                    return offer.loaded
                out.write(f"{offer.path.name} does not check, so it cannot be played.\n")
            else:
                out.write(f"Type a number from 1 to {len(offered)}.\n")

    return choose
