"""From parsed command-line options to the one `GameSettings` every front end takes.

The only place an argparse Namespace is read for a game: handlers call `game_settings`
and pass the result on. Options not given fall back to `base`: the defaults for
`--plain`, `preview` and `host` (a script or a class gets the same quiz every time), and
the start screen's remembered choices for the full-screen game (where an explicit option
still wins, and the start screen shows the result).
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from quiz.play.settings import GameSettings
from quiz.play.setup import check_name, parse_kinds, parse_players


def _given(args: argparse.Namespace, name: str) -> object:
    return getattr(args, name, None)


def game_settings(args: argparse.Namespace, base: GameSettings | None = None) -> GameSettings:
    """The settings the options ask for, over `base`; UsageError for an unusable one."""
    settings = base or GameSettings()
    kinds = _given(args, "kinds")
    name = _given(args, "name")
    players = _given(args, "players")
    bank = _given(args, "bank")
    seed = _given(args, "seed")
    count = _given(args, "count")
    data_dir = _given(args, "data_dir")
    return replace(
        settings,
        bank=Path(bank) if isinstance(bank, (str, Path)) else settings.bank,
        count=count if isinstance(count, int) else settings.count,
        kinds=parse_kinds(kinds) if isinstance(kinds, str) else settings.kinds,
        seed=seed if isinstance(seed, int) else settings.seed,
        interval=bool(_given(args, "interval")) or settings.interval,
        speed=bool(_given(args, "speed")) or settings.speed,
        streak=bool(_given(args, "streak")) or settings.streak,
        name=check_name(name) if isinstance(name, str) else settings.name,
        players=parse_players(players) if isinstance(players, str) else settings.players,
        data_dir=Path(data_dir) if isinstance(data_dir, (str, Path)) else settings.data_dir,
    )
