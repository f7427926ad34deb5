"""The application's name and where it keeps things: one place for every folder.

Three folders, each movable by an environment variable (tests point all three at a
temporary folder) and, for results, by `--data-dir`:

- data (`QUIZ_DATA_DIR`, else platformdirs' user data folder): results.sqlite3, join tokens;
- config (`QUIZ_CONFIG_DIR`, else the user config folder): preferences.json;
- cache (`QUIZ_CACHE_DIR`, else the user cache folder): validated banks.

Nothing is created here: each owner creates its folder when it first writes, so importing
or asking costs no I/O. platformdirs is imported only when a default is needed.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "figures-quiz"
"""The distribution's name, also the folder name under the user's data, config and cache."""


def _folder(variable: str, kind: str) -> Path:
    env = os.environ.get(variable)
    if env:
        return Path(env).expanduser()
    import platformdirs

    finder = getattr(platformdirs, f"user_{kind}_dir")
    return Path(finder(APP_NAME, appauthor=False))


def data_dir(option: Path | None = None) -> Path:
    """Where results are stored: `--data-dir` if given, else $QUIZ_DATA_DIR, else the user's."""
    return option.expanduser() if option is not None else _folder("QUIZ_DATA_DIR", "data")


def config_dir() -> Path:
    """Where remembered choices live: $QUIZ_CONFIG_DIR, else the user config folder."""
    return _folder("QUIZ_CONFIG_DIR", "config")


def cache_dir() -> Path:
    """Where derived, disposable files live: $QUIZ_CACHE_DIR, else the user cache folder."""
    return _folder("QUIZ_CACHE_DIR", "cache")
