"""The one value that says which game to play: `GameSettings`.

The command line (`quiz.cli.options`, the only place an argparse Namespace is read) and
the start screen's remembered choices (`quiz.play.preferences`) both become a
`GameSettings`; the TUI, `--plain`, `quiz preview` and `quiz host` take nothing else.
Frozen: a front end that wants other settings makes a new value with
`dataclasses.replace`.

Decisions:

- `bank` is a bank file or a folder of banks (`quiz.play.banks` turns it into one bank);
  None is the shipped bank.
- `seed` None means a new random seed for each game (`quiz.play.setup.new_seed`).
- `speed` and `streak` (speed points and the streak bonus) are off unless asked for:
  forced time pressure makes people guess instead of think.
- `name` is the solo player's name ("" for the default, the login name); `players` is a
  hot-seat group, in turn order. Both are checked before they get here
  (`quiz.play.setup.check_name`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from quiz.game.generate import DEFAULT_COUNT, KINDS, Kind
from quiz.game.session import SessionSettings


@dataclass(frozen=True)
class GameSettings:
    """Everything that turns a bank into a game: what to ask, how to score, who plays."""

    bank: Path | None = None
    """A bank file or a folder of banks; None for the shipped bank."""
    count: int = DEFAULT_COUNT
    kinds: tuple[Kind, ...] = KINDS
    seed: int | None = None
    """None: a new random seed each game."""
    interval: bool = False
    """Estimates are answered with a low and a high bound."""
    speed: bool = False
    """Speed points: a fast answer that earns points earns up to half as much again."""
    streak: bool = False
    """Streak bonus: each full-marks answer in an unbroken run earns a little more."""
    name: str = ""
    """The solo player's name; "" for the default."""
    players: tuple[str, ...] = ()
    """Hot-seat players in turn order; empty for a solo game."""
    data_dir: Path | None = None
    """Where results are stored; None for `quiz.paths.data_dir()`'s default."""

    def session_settings(self) -> SessionSettings:
        """How each player's Session scores under these settings."""
        return SessionSettings(
            interval=self.interval, speed_points=self.speed, streak_bonus=self.streak
        )

    def stored(self) -> dict[str, object]:
        """The settings a results session records with the game (JSON-ready)."""
        return {
            "count": self.count,
            "kinds": list(self.kinds),
            "interval": self.interval,
            "speed": self.speed,
            "streak": self.streak,
        }
