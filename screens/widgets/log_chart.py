"""Figures and a guess placed on one logarithmic scale, drawn in text.

A log scale because the figures differ by factors (5,937 against 100,000 against 15-30
million): on a linear scale all but the largest would sit on top of each other. Each point
has its own row, its own glyph and its value written beside it, so the chart reads without
colour (● a source's figure, ◆ the right answer, ▲ the guess, ├──┤ a range).

Which points are drawn, guesses included, and what the legend says are the engine's
(`quiz.present.chart`, carried by a `RevealView`); this widget only draws them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from quiz.bank.numbers import format_number
from quiz.game.explain import ChartPoint
from quiz.present.chart import chart_legend

GLYPHS = {"figure": "●", "answer": "◆", "guess": "▲"}
STYLES = {"figure": "", "answer": "bold $text-success", "guess": "bold $text-accent"}


def tick_label(value: float) -> str:
    """Short axis labels: 1, 10, 100, 1k, 10k, 100k, 1M ... 1B."""
    for scale, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if value >= scale:
            return f"{value / scale:g}{suffix}"
    return f"{value:g}"


def value_label(point: ChartPoint) -> str:
    if point.text:
        return point.text
    if point.low == point.high:
        return format_number(point.low)
    return f"{format_number(point.low)}–{format_number(point.high)}"


class LogChart(Widget):
    """Draws `quiz.game.explain.ChartPoint`s, one row each, over a decade-marked log axis."""

    def __init__(
        self,
        points: Sequence[ChartPoint] = (),
        legend: str = "",
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.points = tuple(p for p in points if p.low > 0 and p.high > 0)
        self.legend = legend or chart_legend(self.points)

    def show(self, points: Sequence[ChartPoint], legend: str) -> None:
        """Draw other points (the projector reuses one chart)."""
        self.legend = legend
        self.points = tuple(p for p in points if p.low > 0 and p.high > 0)
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.points) + 3 if self.points else 0

    def _decades(self) -> tuple[int, int]:
        low = min(p.low for p in self.points)
        high = max(p.high for p in self.points)
        first = math.floor(math.log10(low))
        last = math.ceil(math.log10(high))
        if last <= first:
            last = first + 1
        return first, last

    def render(self) -> Content:
        if not self.points:
            return Content("")
        width = max(self.size.width, 20)
        label_width = min(max(len(p.label) for p in self.points), max(width // 3, 6))
        track = max(width - label_width - 1, 10)
        first, last = self._decades()

        def column(value: float) -> int:
            share = (math.log10(value) - first) / (last - first)
            return min(max(round(share * (track - 1)), 0), track - 1)

        lines: list[Content] = []
        for point in self.points:
            label = point.label
            if len(label) > label_width:
                label = label[: label_width - 1] + "…"
            row = [" "] * track
            left, right = column(point.low), column(point.high)
            glyph = GLYPHS.get(point.kind, "●")
            if right > left:
                row[left] = "├"
                row[right] = "┤"
                for i in range(left + 1, right):
                    row[i] = "─"
                row[(left + right) // 2] = glyph
            else:
                row[left] = glyph
            text = value_label(point)
            # The value goes right of the mark when it fits, else left of it.
            if right + 2 + len(text) <= track:
                row[right + 2 : right + 2 + len(text)] = text
            elif left - 1 - len(text) >= 0:
                row[left - 1 - len(text) : left - 1] = text
            style = STYLES.get(point.kind, "")
            lines.append(
                Content.assemble((label.ljust(label_width), style), " ", ("".join(row), style))
            )
        axis = ["─"] * track
        labels = [" "] * track
        decades = list(range(first, last + 1))
        step = 1
        while step < len(decades) and track / ((len(decades) - 1) / step) < 6:
            step += 1
        for decade in decades[::step]:
            x = column(10.0**decade)
            axis[x] = "┼"
            text = tick_label(10.0**decade)
            start = min(max(x - len(text) // 2, 0), track - len(text))
            labels[start : start + len(text)] = text
        pad = " " * (label_width + 1)
        lines.append(Content(pad + "".join(axis)))
        lines.append(Content(pad + "".join(labels)))
        lines.append(Content.styled(self.legend[:width], "dim"))
        return Content("\n").join(lines)
