"""From `quiz play` / `quiz preview` arguments to a bank, a seed and a quiz.

Shared by the plain-text game, `quiz preview` and the TUI so that all read the
same options the same way. Each function raises `UsageError` (exit 2) or returns;
loading a bank raises `BankError` (exit 1), which the caller prints, or
`prepare_quiz` prints for a command handler.

Decisions:

- No `--seed`: a random seed from 1 to 999,999 (short enough to read aloud to a
  class), printed so the quiz can be replayed.
- No `--name`: the operating system's user name, else "player".
- Names are data: stored and shown as typed, but refused when empty, longer than
  `MAX_NAME` characters, or carrying control characters (an escape sequence in a
  name would reach every terminal that lists results).
- `--players "Ana,Ben"`: comma-separated, spaces around names ignored, at least
  one and at most `MAX_PLAYERS`, no two the same ignoring case (they would be
  indistinguishable on the scoreboard).
"""

from __future__ import annotations

import argparse
import difflib
import getpass
import secrets
import shlex
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from quiz.bank.loader import LoadedBank, load_bank
from quiz.errors import BankError
from quiz.game.generate import DEFAULT_COUNT, KINDS, Kind, Question, Settings, generate

MAX_NAME = 40
MAX_PLAYERS = 12


class UsageError(Exception):
    """A command-line option cannot be used as given; the message says why."""


@dataclass(frozen=True)
class Quiz:
    """A bank, the settings it was generated with, and the questions."""

    loaded: LoadedBank
    settings: Settings
    questions: list[Question]


def bank_path(args: argparse.Namespace) -> Path:
    """The bank named on the command line, else the shipped default."""
    if getattr(args, "bank", None) is not None:
        return Path(args.bank)
    from quiz.questions import default_bank

    return Path(default_bank())


def parse_kinds(text: str | None) -> tuple[Kind, ...]:
    """`--kinds estimate,choice` as kinds, in the order KINDS lists them."""
    if text is None:
        return KINDS
    wanted = [part.strip().lower() for part in text.split(",") if part.strip()]
    if not wanted:
        raise UsageError(f"--kinds: expected kinds separated by commas ({', '.join(KINDS)})")
    for kind in wanted:
        if kind not in KINDS:
            near = difflib.get_close_matches(kind, KINDS, n=1)
            hint = f"; did you mean {near[0]!r}?" if near else ""
            raise UsageError(
                f"--kinds: unknown kind {kind!r}{hint} Expected some of: {', '.join(KINDS)}"
            )
    return tuple(kind for kind in KINDS if kind in wanted)


def new_seed() -> int:
    return secrets.randbelow(999_999) + 1


def check_name(name: str, what: str = "--name") -> str:
    """The name, stripped, or UsageError saying what is wrong with it."""
    name = name.strip()
    if not name:
        raise UsageError(f"{what}: a player name cannot be empty")
    if len(name) > MAX_NAME:
        raise UsageError(f"{what}: a player name has at most {MAX_NAME} characters, found {name!r}")
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in name):
        raise UsageError(f"{what}: a player name cannot contain control characters: {name!r}")
    return name


def default_name() -> str:
    try:
        name = getpass.getuser()
    except Exception:  # no user name in this environment (KeyError, OSError, ...)
        return "player"
    try:
        return check_name(name)
    except UsageError:
        return "player"


def player_names(args: argparse.Namespace) -> list[str]:
    """The hot-seat players, or the one player of a solo game."""
    players = getattr(args, "players", None)
    if players is None:
        name = getattr(args, "name", None)
        return [check_name(name) if name is not None else default_name()]
    names = [check_name(part, "--players") for part in players.split(",")]
    if len(names) > MAX_PLAYERS:
        raise UsageError(f"--players: at most {MAX_PLAYERS} players, found {len(names)}")
    seen: set[str] = set()
    for name in names:
        if name.casefold() in seen:
            raise UsageError(f"--players: {name!r} is named twice")
        seen.add(name.casefold())
    return names


def build_quiz(args: argparse.Namespace) -> Quiz:
    """Load the bank and generate the quiz the arguments ask for.

    Raises BankError (bank problems) or UsageError (options, or a bank that has
    no questions of the kinds asked: exit 2, since other options would work).
    """
    kinds = parse_kinds(getattr(args, "kinds", None))
    seed = args.seed if getattr(args, "seed", None) is not None else new_seed()
    loaded = load_bank(bank_path(args))
    count = args.count if args.count is not None else DEFAULT_COUNT
    settings = Settings(count=count, kinds=kinds, seed=seed)
    try:
        questions = generate(loaded, settings)
    except ValueError as exc:  # generate's messages are written for the player
        raise UsageError(f"{loaded.path}: {exc}") from None
    if not questions:
        raise UsageError(f"{loaded.path}: this bank gives no questions of the kinds asked")
    return Quiz(loaded, settings, questions)


def report_bank_error(exc: BankError) -> int:
    """Print every problem of a bank that does not load, then a count; return exit status 1."""
    for problem in exc.problems:
        print(problem, file=sys.stderr)
    count = len(exc.problems)
    print(f"quiz: the bank has {count} problem{'s' if count != 1 else ''}", file=sys.stderr)
    return 1


def prepare_quiz(args: argparse.Namespace) -> Quiz | int:
    """`build_quiz` for a command handler: the quiz, or the exit status once the error is printed.

    Usage errors exit 2, bank problems 1 (each problem on its own line, with file and line).
    """
    try:
        return build_quiz(args)
    except UsageError as exc:
        print(f"quiz: {exc}", file=sys.stderr)
        return 2
    except BankError as exc:
        return report_bank_error(exc)


def replay_command(quiz: Quiz, bank_arg: str | None, *flags: str) -> str:
    """The command that plays this quiz again: same bank, seed, count and kinds."""
    words = ["quiz", "play", *flags]
    if bank_arg is not None:
        words.append(bank_arg)
    words += ["--seed", str(quiz.settings.seed), "--count", str(quiz.settings.count)]
    if quiz.settings.kinds != KINDS:
        words += ["--kinds", ",".join(quiz.settings.kinds)]
    return shlex.join(words)
