"""The size classes a screen gets from the terminal's size, given before its first layout.

Textual adds the breakpoint classes (`-narrow`, `-short`, ...) on the first resize, after
widgets (and the scroll position that keeps the focused one in sight) were first laid out
without them; the app gives them to each screen it shows instead.
"""

from __future__ import annotations

from typing import Any, TypeVar

from textual.app import App
from textual.screen import Screen

ScreenT = TypeVar("ScreenT", bound=Screen[Any])


def sized(app: App[Any], screen: ScreenT) -> ScreenT:
    """`screen` with the size classes `app`'s breakpoints give its current size."""
    width, height = app.size
    for breakpoints, length in (
        (app.HORIZONTAL_BREAKPOINTS, width),
        (app.VERTICAL_BREAKPOINTS, height),
    ):
        names = [name for least, name in breakpoints or () if length >= least]
        for name in names[:-1]:
            screen.remove_class(name)
        if names:
            screen.add_class(names[-1])
    return screen
