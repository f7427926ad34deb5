"""A screen's own styles, added to the app's stylesheet when the screen is first shown.

The App's CSS_PATH is parsed and applied before the first frame, so it lists only what the
first screens need; every rule in a screen's own .tcss starts with that screen's type, so the
file is needed only once such a screen is shown. Textual's way for that (a Screen's
CSS_PATH) reparses every stylesheet of the app and restyles every widget on every screen
the first time such a screen is shown. `styled` instead adds the file as one more source:
Textual's parser keeps what it parsed before, so only the new file is parsed, and no
widget already shown can match its rules, so none is restyled.

A screen names its files in `STYLES`, relative to its module (as Textual's CSS_PATH).
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any, TypeVar

from textual.app import App
from textual.screen import Screen

ScreenT = TypeVar("ScreenT", bound=Screen[Any])


def styled(app: App[Any], screen: ScreenT) -> ScreenT:
    """`screen`, once `app`'s stylesheet holds the files its class lists in `STYLES`."""
    names: tuple[str, ...] = getattr(type(screen), "STYLES", ())
    if names:
        folder = Path(inspect.getfile(type(screen))).parent
        stylesheet = app.stylesheet
        for name in names:
            path = str((folder / name).resolve())
            if not stylesheet.has_source(path):
                # As Stylesheet.read, which however keeps the old rule index; parsed when the
                # rules are next needed (the screen's mount).
                css = Path(path).read_text(encoding="utf-8")
                stylesheet.add_source(css, read_from=(path, ""), is_default_css=False)
    return screen
