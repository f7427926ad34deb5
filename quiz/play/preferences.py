"""The start screen's last choices, remembered between runs (no Textual import).

Stored as a small JSON file in the user's config folder (`quiz.paths.config_dir`). What is
remembered is a `GameSettings` minus what belongs to one run only (hot-seat players, the
results folder, the seed). The seed is not remembered: a player who runs `quiz` expects a
new quiz, and the replay command the summary prints (`quiz.present.replay`) is how to play
one again; a seed in a file written by an older version is ignored. Reading never fails: a
missing, unreadable or hand-mangled file gives the defaults, field by field, because
forgetting a preference is better than refusing to start. Writing failures are reported to
the caller, which may ignore them.
"""

from __future__ import annotations

import json
from pathlib import Path

from quiz import paths
from quiz.errors import UsageError
from quiz.game.generate import KINDS
from quiz.play.settings import GameSettings
from quiz.play.setup import check_name

FILE_NAME = "preferences.json"
MAX_REMEMBERED_COUNT = 1000


def default_path() -> Path:
    """$QUIZ_CONFIG_DIR/preferences.json, else the user config folder's."""
    return paths.config_dir() / FILE_NAME


def _clean(data: object) -> GameSettings:
    base = GameSettings()
    if not isinstance(data, dict):
        return base
    bank = data.get("bank")
    count = data.get("count")
    kinds = data.get("kinds")
    name = data.get("name")
    return GameSettings(
        bank=Path(bank) if isinstance(bank, str) and bank else None,
        count=count
        if isinstance(count, int) and 1 <= count <= MAX_REMEMBERED_COUNT
        else base.count,
        kinds=tuple(k for k in KINDS if k in kinds) or base.kinds
        if isinstance(kinds, list)
        else base.kinds,
        interval=data.get("interval") is True,
        speed=data.get("speed") is True,
        streak=data.get("streak") is True,
        name=_name(name),
    )


def _name(value: object) -> str:
    """A remembered name, only if it is still a name the game accepts."""
    if not isinstance(value, str) or not value.strip():
        return ""
    try:
        return check_name(value)
    except UsageError:
        return ""


def load(path: Path | None = None) -> GameSettings:
    path = path or default_path()
    try:
        return _clean(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return GameSettings()


def save(settings: GameSettings, path: Path | None = None) -> None:
    """Write the choices worth remembering; raises OSError when the folder cannot be written."""
    path = path or default_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "bank": str(settings.bank) if settings.bank is not None else None,
        "count": settings.count,
        "kinds": list(settings.kinds),
        "interval": settings.interval,
        "speed": settings.speed,
        "streak": settings.streak,
        "name": settings.name,
    }
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=2), encoding="utf-8")
    tmp.replace(path)
