"""Waiting, bounded, for a Textual app under Pilot to get somewhere (shared by Pilot tests)."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot

STEPS = 250
"""Pauses of 20 ms at most: five seconds for a screen to change, then the test fails."""


async def until(pilot: Pilot[object], condition: Callable[[], bool], where: str = "there") -> None:
    """Return once `condition()` holds; fail, naming `where`, if it never does."""
    for _ in range(STEPS):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"the app never got {where}")
