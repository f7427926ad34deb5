"""The bank's figures grouped once for the generator: their bounds, their sources'
names, by measure, and the sources a "who said it" question can offer.

Built per generation in time linear in the bank, so every question is then built in
constant time.
"""

from __future__ import annotations

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
        sources = bank.sources
        for figure_id, figure in bank.figures.items():
            low, high = figure.bounds
            self.bounds[figure_id] = (low, high)
            self.names[figure_id] = sources[figure.source].name
            self.by_measure.setdefault(figure.measure, []).append(figure_id)
        # The plausible range of each figure whose measure has one (`[measures.<id>]`).
        self.within: dict[str, tuple[float, float]] = {}
        for measure_id, measure in bank.measures.items():
            plausible = measure.plausible
            if plausible is None:
                continue
            low = -math.inf if plausible.low is None else plausible.low
            high = math.inf if plausible.high is None else plausible.high
            for figure_id in self.by_measure.get(measure_id, ()):
                self.within[figure_id] = (low, high)
        # Named sources as players read them, the options of "who said it"; two ids with
        # one name count once. An unnamed source (the article's own reporting) is no "who".
        self.source_names: list[str] = []
        seen: set[str] = set()
        for source in sources.values():
            if source.named and source.name.casefold() not in seen:
                seen.add(source.name.casefold())
                self.source_names.append(source.name)

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
