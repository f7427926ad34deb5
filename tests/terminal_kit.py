"""Reading a program's pseudo-terminal in tests that type at a real prompt."""

from __future__ import annotations

import os


def read_until(fd: int, marker: str, seen: str = "") -> str:
    """What the terminal at `fd` has shown, `seen` first, read until `marker` is in it;
    fails, showing it all, if the program closes the terminal first."""
    while marker not in seen:
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the program closed the terminal
            chunk = b""
        assert chunk, f"no {marker!r} in:\n{seen}"
        seen += chunk.decode("utf-8", "replace")
    return seen
