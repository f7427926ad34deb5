"""The shipped question banks and the article texts they cite (package data)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def shipped_banks() -> list[Path]:
    """Paths of the banks installed with the game, sorted by file name."""
    folder = Path(str(files(__name__)))
    return sorted(folder.glob("*.toml"))


def default_bank() -> Path:
    """The bank `quiz` plays when no bank is named."""
    return Path(str(files(__name__) / "ukraine-war-casualties.toml"))
