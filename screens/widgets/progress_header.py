"""One line that is always on screen during a quiz: question n of N and the score so far.

Its words are `quiz.present.progress.Progress`'s; the widget fits them to the width.
"""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from quiz.present.progress import Progress

__all__ = ["Progress", "ProgressHeader"]


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
        return self.progress.position_text

    @property
    def score_text(self) -> str:
        return self.progress.score_text

    def render(self) -> Content:
        p = self.progress
        width = self.content_size.width or 80
        left = self.progress_text
        right = self.score_text
        if len(left) + len(right) + 2 > width:
            left = p.short_position
            right = p.short_score
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
