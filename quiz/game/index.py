"""The bank's figures grouped once for the generator: by measure, source and unit.

Built per generation in time linear in the bank, so every question is then built in
constant time (`neighbours` is a bisection over the figures of one unit sorted by value).
"""

from __future__ import annotations

import bisect
import math

from quiz.bank.dates import figure_date
from quiz.bank.loader import LoadedBank
from quiz.game.distractors import interval_text
from quiz.game.quantity import quantity_text, unit_display


def log_middle(low: float, high: float) -> float:
    """log of the geometric middle, without overflowing on huge figures."""
    return (math.log(low) + math.log(high)) / 2


class Index:
    """The bank's figures grouped once, so every question is built in constant time."""

    def __init__(self, loaded: LoadedBank) -> None:
        bank = loaded.bank
        self.bank = bank
        self.figures = bank.figures
        self.bounds: dict[str, tuple[float, float]] = {}
        self.names: dict[str, str] = {}
        self.by_measure: dict[str, list[str]] = {}
        units: dict[str, list[tuple[float, str]]] = {}
        sources = bank.sources
        for figure_id, figure in bank.figures.items():
            low, high = figure.bounds
            self.bounds[figure_id] = (low, high)
            self.names[figure_id] = sources[figure.source].name
            self.by_measure.setdefault(figure.measure, []).append(figure_id)
            units.setdefault(figure.unit.plural, []).append((log_middle(low, high), figure_id))
        for entries in units.values():
            entries.sort()
        self.by_unit = units
        self.unit_keys = {unit: [e[0] for e in entries] for unit, entries in units.items()}
        # Named sources as players read them, the options of "who said it"; two ids with
        # one name count once. An unnamed source (the article's own reporting) is no "who".
        self.source_names: list[str] = []
        seen: set[str] = set()
        for source in sources.values():
            if source.named and source.name.casefold() not in seen:
                seen.add(source.name.casefold())
                self.source_names.append(source.name)

    def neighbours(self, figure_id: str, limit: int = 6) -> list[str]:
        """The figures of the same unit nearest in value, nearest first."""
        unit = self.figures[figure_id].unit.plural
        entries = self.by_unit[unit]
        keys = self.unit_keys[unit]
        low, high = self.bounds[figure_id]
        here = log_middle(low, high)
        left = bisect.bisect_left(keys, here) - 1
        right = left + 1
        found: list[str] = []
        while len(found) < limit and (left >= 0 or right < len(entries)):
            take_left = right >= len(entries) or (
                left >= 0 and here - entries[left][0] <= entries[right][0] - here
            )
            if take_left:
                candidate = entries[left][1]
                left -= 1
            else:
                candidate = entries[right][1]
                right += 1
            if candidate != figure_id:
                found.append(candidate)
        return found

    def value(self, figure_id: str) -> str:
        return interval_text(*self.bounds[figure_id])

    def quantity(self, figure_id: str) -> str:
        """The figure as a prompt states it: "about 110,000 people", "4.5 km"."""
        figure = self.figures[figure_id]
        return quantity_text(*self.bounds[figure_id], unit_display(figure.unit), figure.approximate)

    def value_text(self, figure_id: str) -> str:
        """The figure as an option writes it: "4.5 km", with no "about"."""
        return quantity_text(*self.bounds[figure_id], unit_display(self.figures[figure_id].unit))

    def named(self, figure_id: str) -> bool:
        """Whether the figure's source is someone a player could name."""
        return self.bank.sources[self.figures[figure_id].source].named

    def when(self, figure_id: str) -> str | None:
        """When the figure was true, as a player reads it."""
        return figure_date(self.figures[figure_id].as_of, self.bank.article.published)


def measure_label(index: Index, figure_ids: list[str]) -> str:
    """What a measure counts, in words: the figures' `counts` when they agree, else the
    measure id as words, capitalised where the figures capitalise them ("Russian")."""
    counts = [index.figures[f].counts for f in figure_ids]
    if len(set(counts)) == 1:
        return counts[0]
    words = index.figures[figure_ids[0]].measure.replace("_", "-").split("-")
    written = set(" ".join(counts).split())
    return " ".join(w.capitalize() if w.capitalize() in written else w for w in words)
