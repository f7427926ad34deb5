"""The line always on screen during a quiz: question n of N and the score so far.

`Progress` holds plain numbers, whoever keeps the game (a solo Session or the
classroom); its texts are what the header shows, with a short form for narrow
terminals.
"""

from __future__ import annotations

from dataclasses import dataclass

from quiz.present.words import points


@dataclass(frozen=True)
class Progress:
    position: int
    total: int
    points: float
    max_points: float
    title: str = ""
    """Bank text, shown literally."""

    @property
    def position_text(self) -> str:
        return f"Question {self.position} of {self.total}"

    @property
    def score_text(self) -> str:
        return f"Score {points(self.points)} of {points(self.max_points)}"

    @property
    def short_position(self) -> str:
        return f"Q {self.position}/{self.total}"

    @property
    def short_score(self) -> str:
        return f"{points(self.points)}/{points(self.max_points)} pts"
