"""A player in a classroom room and what they gave: the room's records of people.

`quiz.classroom.room.Room` keeps one `Player` per name that joined, each holding the
`Given` answers by question number; the host's server and the results record read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from quiz.game.scoring import Answer, Score


@dataclass
class Given:
    answer: Answer
    text: str
    score: Score
    seconds: float
    bonus: float = 0.0
    """Speed and streak points on top of the score (when the host switched them on)."""
    bonus_reason: str = ""


@dataclass
class Player:
    id: int
    name: str
    token: str
    first: int
    """The first question number this player takes part in."""
    points: float = 0.0
    answers: dict[int, Given] = field(default_factory=dict)
    removed: bool = False
    connected: bool = True
    store_id: int | None = None
    streak: int = 0
    """Full-marks answers in a row up to the player's last answer (for the streak bonus)."""

    def plays(self, number: int) -> bool:
        return not self.removed and number >= self.first
