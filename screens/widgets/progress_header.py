"""One line that is always on screen during a quiz: question n of N and the score so far."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget


def format_points(value: float) -> str:
    """Points as a person writes them: "2", "1.5", "0.46"."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class Progress:
    """Where a player is: plain numbers, whoever keeps the game (solo Session or classroom)."""

    position: int
    total: int
    points: float
    max_points: float
    title: str = ""
    """Bank text, shown literally."""


class ProgressHeader(Widget):
    """Progress and score on one line; shortens itself on narrow terminals instead of wrapping."""

    progress: reactive[Progress] = reactive(Progress(0, 0, 0.0, 0.0))

    def __init__(
        self, progress: Progress, *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.set_reactive(ProgressHeader.progress, progress)

    @property
    def progress_text(self) -> str:
        return f"Question {self.progress.position} of {self.progress.total}"

    @property
    def score_text(self) -> str:
        p = self.progress
        return f"Score {format_points(p.points)} of {format_points(p.max_points)}"

    def render(self) -> Content:
        p = self.progress
        width = self.content_size.width or 80
        left = self.progress_text
        right = self.score_text
        if len(left) + len(right) + 2 > width:
            left = f"Q {p.position}/{p.total}"
            right = f"{format_points(p.points)}/{format_points(p.max_points)} pts"
        room = width - len(left) - len(right) - 4
        title = p.title if room > 8 else ""
        if len(title) > room:
            title = title[: max(room - 1, 0)] + "…"
        gap = max(width - len(left) - len(right) - len(title), 2)
        before = gap // 2
        return Content.assemble(
            (left, "bold"),
            " " * before,
            (title, "italic"),
            " " * (gap - before),
            (right, "bold"),
        )
