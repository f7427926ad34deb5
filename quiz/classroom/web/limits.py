"""The web join's bounds, apart from the server so the CLI can name them without aiohttp."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class WebLimits:
    students: int = 100
    """Browser students at once: each is a student app on the teacher's computer."""
    per_address: int = 4
    """Browser students from one network address."""
