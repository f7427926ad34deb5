"""The start screen's last choices, remembered between runs (no Textual import).

Stored as a small JSON file in the user's config folder (platformdirs). Reading never
fails: a missing, unreadable or hand-mangled file gives the defaults, field by field, because
forgetting a preference is better than refusing to start. Writing failures are reported to
the caller, which may ignore them.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from quiz import paths
from quiz.game.generate import KINDS

FILE_NAME = "preferences.json"


@dataclass(frozen=True)
class Choices:
    """What the start screen asks: which bank, how many questions, which kinds, and so on."""

    bank: str | None = None
    """Path of the bank last played; None for the shipped default."""
    count: int = 10
    kinds: tuple[str, ...] = field(default=KINDS)
    interval: bool = False
    seed: int | None = None
    """None: a new random seed each game."""
    name: str = ""


def default_path() -> Path:
    """$QUIZ_CONFIG_DIR/preferences.json, else the user config folder's."""
    return paths.config_dir() / FILE_NAME


def _clean(data: object) -> Choices:
    base = Choices()
    if not isinstance(data, dict):
        return base
    bank = data.get("bank")
    count = data.get("count")
    kinds = data.get("kinds")
    seed = data.get("seed")
    name = data.get("name")
    return Choices(
        bank=bank if isinstance(bank, str) and bank else None,
        count=count if isinstance(count, int) and 1 <= count <= 1000 else base.count,
        kinds=tuple(k for k in kinds if k in KINDS) or base.kinds
        if isinstance(kinds, list)
        else base.kinds,
        interval=data.get("interval") is True,
        seed=seed if isinstance(seed, int) and not isinstance(seed, bool) else None,
        name=name[:40] if isinstance(name, str) else "",
    )


def load(path: Path | None = None) -> Choices:
    path = path or default_path()
    try:
        return _clean(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return Choices()


def save(choices: Choices, path: Path | None = None) -> None:
    """Write the choices; raises OSError when the folder cannot be written."""
    path = path or default_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = asdict(choices)
    data["kinds"] = list(choices.kinds)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=2), encoding="utf-8")
    tmp.replace(path)
