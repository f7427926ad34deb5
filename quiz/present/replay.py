"""The command that plays a quiz again: the same bank, seed, count and kinds, and the
options that change how it is answered (`--interval`, `--speed`, `--streak`).

Shown by `--plain`'s header, `quiz preview`, the Textual summary and the line printed when
the full-screen game ends, so a player or a teacher can give a class exactly the quiz they
saw. The count is the one asked for, not the number of questions the quiz has: which
questions a bank gives depends on the count asked (the selection spreads measures over it),
so `--count 6` can give another quiz than `--count 200` on a bank that gives 6; the count
note (`quiz.present.counts`) says how many the quiz has.

The seed is not remembered between games: `quiz` plays a new quiz each time, and this
command is how to play one again.
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from quiz.game.question import KINDS


def replay_command(
    seed: int, count: int, kinds: Sequence[str], bank: str | None = None, flags: Sequence[str] = ()
) -> str:
    words = ["quiz", "play", *flags]
    if bank is not None:
        words.append(bank)
    words += ["--seed", str(seed), "--count", str(count)]
    if tuple(kinds) != KINDS:
        words += ["--kinds", ",".join(kinds)]
    return shlex.join(words)


def mode_flags(*, interval: bool = False, speed: bool = False, streak: bool = False) -> list[str]:
    """The options that change how a quiz is answered and scored, as a replay repeats them."""
    return [
        flag
        for flag, on in (("--interval", interval), ("--speed", speed), ("--streak", streak))
        if on
    ]


class Modes(Protocol):
    """How a game is answered and scored (a frozen settings value fits)."""

    @property
    def interval(self) -> bool: ...
    @property
    def speed(self) -> bool: ...
    @property
    def streak(self) -> bool: ...


def replay_of(
    seed: int,
    count: int,
    kinds: Sequence[str],
    bank: Path,
    modes: Modes,
) -> str:
    """The replay command of a game on `bank` (not named when it is the shipped bank)."""
    from quiz.questions import default_bank

    named = None if bank.resolve() == Path(default_bank()).resolve() else str(bank)
    flags = mode_flags(interval=modes.interval, speed=modes.speed, streak=modes.streak)
    return replay_command(seed, count, kinds, named, flags)
