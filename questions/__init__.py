"""The shipped question banks and the article texts they cite (package data).

Found beside this file rather than through importlib.resources, whose import (zipfile and
its readers) costs a first start a few milliseconds; the paths are used as plain files
either way.
"""

from __future__ import annotations

from pathlib import Path

_FOLDER = Path(__file__).parent


def shipped_banks() -> list[Path]:
    """Paths of the banks installed with the game, sorted by file name."""
    return sorted(_FOLDER.glob("*.toml"))


def default_bank() -> Path:
    """The bank `quiz` plays when no bank is named."""
    return _FOLDER / "ukraine-war-casualties.toml"
