"""Turn a bank into a concrete, reproducible quiz.

CONTRACT (the UI and classroom code against these names; keep them stable).

What the generator asks, and why:

- *estimate* and *choice*: from every figure with an `ask`, type the number or pick it
  from four options (distractors: see `quiz.distractors`).
- *source*: "who put X at N?", options are source names, for every figure with an
  `ask` in a bank with several sources. The design speaks of "sources with several
  figures"; asking about every source instead keeps the most instructive questions
  (a government's low count) in a bank where that source gave one figure.
- *compare*: for every measure with several figures, "how many times larger is the
  figure A than B?" (numeric, the answer a ratio, a range when either figure is one)
  for each figure clearly larger than the measure's smallest, and "which source
  gave the highest figure?" when one source's figure is clearly above all others.
  Figures within a factor 1.25 of each other are not compared: "1.06 times larger"
  teaches nothing.
- *written*: the bank's hand-written questions, numeric or with options.

Figures without `ask` are never the subject of a question, but appear in
comparisons, as distractors and on the reveal's cards.

Determinism: selection draws from `random.Random(seed)`; each question's options
from `random.Random(f"{seed}/{question id}")`, so a question reads the same in
every quiz of that seed whatever else was selected. String seeds are hashed with
SHA-512 by `random`, never with `hash()`, so the quiz is the same on every machine
and Python version. Nothing iterates a set.

Selection (`count` below the number available): kinds take turns in a seeded order,
each kind's questions in a seeded order, and two questions about the same figure
(an estimate and a choice of it, or a source question whose prompt states its
value) are avoided while any other question is left. When they must share a
figure, questions that ask for a figure come before questions that state it.

Cost is linear in the bank: figures are indexed by measure, source and unit once,
and only the selected questions are built.
"""

from __future__ import annotations

import bisect
import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

from quiz import distractors
from quiz.distractors import interval_text
from quiz.loader import LoadedBank, collector_paused

Kind = Literal["estimate", "choice", "source", "compare", "written"]
KINDS: tuple[Kind, ...] = ("estimate", "choice", "source", "compare", "written")

COMPARE_GAP = 1.25
"""Two figures are compared only when one is at least this factor above the other."""
MAX_OPTIONS = 4


@dataclass(frozen=True)
class Question:
    """One concrete question, immutable and self-contained.

    A question is answered either by picking one of `options` (`answer_index` is
    the right one) or by typing a number (`low`..`high` is the right answer; equal
    for an exact value). `is_numeric` tells which.
    """

    id: str
    """Stable within a bank: the same question has the same id in every quiz."""
    kind: Kind
    prompt: str
    options: tuple[str, ...] = ()
    answer_index: int | None = None
    low: float | None = None
    high: float | None = None
    unit: str = ""
    """What a typed number counts ("people", "times" for a ratio); empty for options."""
    figure_ids: tuple[str, ...] = ()
    """Figures this question is about; the reveal explains their measure(s)."""
    points: float = 1.0
    explain: str | None = None
    """A hand-written question's own explanation."""

    @property
    def is_numeric(self) -> bool:
        return not self.options

    @property
    def answer_text(self) -> str:
        """The right answer as a player reads it: the option, or "7.8 million"."""
        if self.options:
            assert self.answer_index is not None
            return self.options[self.answer_index]
        assert self.low is not None and self.high is not None
        return interval_text(self.low, self.high)


@dataclass(frozen=True)
class Settings:
    count: int = 10
    kinds: tuple[Kind, ...] = KINDS
    seed: int = 0


class _Spec(NamedTuple):
    """A question not yet built: enough to select it, and the arguments to build it."""

    kind: Kind
    id: str
    figures: tuple[str, ...]
    """Figures whose value this question asks for or states; selection avoids overlap."""
    asks: bool
    """The question asks for its figures' values ..."""
    tells: bool
    """... or its prompt states them (so it must come after any question asking them)."""
    make: str
    """Which builder makes it: a key of _BUILDERS."""
    args: tuple[Any, ...]


def _log_middle(low: float, high: float) -> float:
    """log of the geometric middle, without overflowing on huge figures."""
    return (math.log(low) + math.log(high)) / 2


class _Index:
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
            units.setdefault(figure.unit, []).append((_log_middle(low, high), figure_id))
        for entries in units.values():
            entries.sort()
        self.by_unit = units
        self.unit_keys = {unit: [e[0] for e in entries] for unit, entries in units.items()}
        # Source names as players read them; two ids with one name count once.
        self.source_names: list[str] = []
        seen: set[str] = set()
        for source in sources.values():
            if source.name.casefold() not in seen:
                seen.add(source.name.casefold())
                self.source_names.append(source.name)

    def neighbours(self, figure_id: str, limit: int = 6) -> list[str]:
        """The figures of the same unit nearest in value, nearest first."""
        entries = self.by_unit[self.figures[figure_id].unit]
        keys = self.unit_keys[self.figures[figure_id].unit]
        low, high = self.bounds[figure_id]
        here = _log_middle(low, high)
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


def _measure_label(index: _Index, figure_ids: list[str]) -> str:
    """What a measure counts, in words: the figures' `counts` when they agree, else the
    measure id as words, capitalised where the figures capitalise them ("Russian")."""
    counts = [index.figures[f].counts for f in figure_ids]
    if len(set(counts)) == 1:
        return counts[0]
    words = index.figures[figure_ids[0]].measure.replace("_", "-").split("-")
    written = set(" ".join(counts).split())
    return " ".join(w.capitalize() if w.capitalize() in written else w for w in words)


def _build_estimate(index: _Index, spec: _Spec, rng: random.Random) -> Question:
    (figure_id,) = spec.figures
    figure = index.figures[figure_id]
    low, high = index.bounds[figure_id]
    return Question(
        id=spec.id,
        kind="estimate",
        prompt=figure.ask or "",
        low=low,
        high=high,
        unit=figure.unit,
        figure_ids=spec.figures,
        points=figure.points,
    )


def _build_choice(index: _Index, spec: _Spec, rng: random.Random) -> Question:
    (figure_id,) = spec.figures
    figure = index.figures[figure_id]
    answer = index.bounds[figure_id]
    others = [index.bounds[f] for f in index.neighbours(figure_id)]
    options = [answer, *distractors.pick(answer, others, rng, MAX_OPTIONS - 1)]
    options.sort()
    return Question(
        id=spec.id,
        kind="choice",
        prompt=figure.ask or "",
        options=tuple(interval_text(*o) for o in options),
        answer_index=options.index(answer),
        unit=figure.unit,
        figure_ids=spec.figures,
        points=figure.points,
    )


def _pick_names(
    index: _Index, right: str, preferred: list[str], rng: random.Random
) -> tuple[tuple[str, ...], int]:
    """The right name and up to three others, preferred ones first, in seeded order.

    Draws from the bank's sources by index rather than shuffling them all, so a bank
    with hundreds of sources costs no more per question than one with four.
    """
    chosen = [right]
    folded = {right.casefold()}

    def add(name: str) -> None:
        if len(chosen) < MAX_OPTIONS and name.casefold() not in folded:
            chosen.append(name)
            folded.add(name.casefold())

    candidates = list(dict.fromkeys(preferred))
    rng.shuffle(candidates)
    for name in candidates:
        add(name)
    names = index.source_names
    if len(names) <= 4 * MAX_OPTIONS:
        rest = list(names)
        rng.shuffle(rest)
        for name in rest:
            add(name)
    else:
        for _ in range(8 * MAX_OPTIONS):
            if len(chosen) == MAX_OPTIONS:
                break
            add(names[rng.randrange(len(names))])
    rng.shuffle(chosen)
    return tuple(chosen), chosen.index(right)


def _build_source(index: _Index, spec: _Spec, rng: random.Random) -> Question:
    (figure_id,) = spec.figures
    figure = index.figures[figure_id]
    # Sources that gave figures of the same measure are the plausible wrong answers.
    preferred = [index.names[f] for f in index.by_measure[figure.measure][:16]]
    options, answer_index = _pick_names(index, index.names[figure_id], preferred, rng)
    return Question(
        id=spec.id,
        kind="source",
        prompt=(
            f"Who put the number of {figure.counts} at {index.value(figure_id)}"
            f" (as of {figure.as_of})?"
        ),
        options=options,
        answer_index=answer_index,
        figure_ids=spec.figures,
        points=figure.points,
    )


def _build_ratio(index: _Index, spec: _Spec, rng: random.Random) -> Question:
    big_id, small_id = spec.figures
    big, small = index.figures[big_id], index.figures[small_id]
    (big_low, big_high), (small_low, small_high) = index.bounds[big_id], index.bounds[small_id]
    if big_low == big_high and small_low == small_high:
        low = high = distractors.round_significant(big_low / small_low, 3)
    else:
        low = distractors.round_significant(big_low / small_high, 2)
        high = distractors.round_significant(big_high / small_low, 2)
    prompt = (
        f"{index.names[big_id]} put {big.counts} at {index.value(big_id)}. "
        f"{index.names[small_id]} put {small.counts} at {index.value(small_id)}. "
        "How many times larger is the first figure?"
    )
    return Question(
        id=spec.id,
        kind="compare",
        prompt=prompt,
        low=min(low, high),
        high=max(low, high),
        unit="times",
        figure_ids=spec.figures,
        points=max(big.points, small.points),
    )


def _highest(index: _Index, measure: str, figure_ids: list[str]) -> _Spec | None:
    """ "Which source gave the highest figure?", when one clearly did."""
    best_per_source: dict[str, str] = {}
    for f in figure_ids:
        name = index.names[f].casefold()
        current = best_per_source.get(name)
        if current is None or index.bounds[f][1] > index.bounds[current][1]:
            best_per_source[name] = f
    if len(best_per_source) < 2:
        return None
    ranked = sorted(best_per_source.values(), key=lambda f: -_log_middle(*index.bounds[f]))
    top = ranked[0]
    top_low = index.bounds[top][0]
    if any(top_low < index.bounds[f][1] * COMPARE_GAP for f in ranked[1:]):
        return None
    return _Spec(
        "compare",
        f"highest:{measure}",
        tuple(figure_ids),
        False,
        False,
        "highest",
        (top, tuple(ranked[1:])),
    )


def _build_highest(index: _Index, spec: _Spec, rng: random.Random) -> Question:
    top, rest = spec.args
    others = list(rest)
    rng.shuffle(others)
    shown = [top, *others[: MAX_OPTIONS - 1]]
    names = [index.names[f] for f in shown]
    rng.shuffle(names)
    label = _measure_label(index, list(spec.figures))
    return Question(
        id=spec.id,
        kind="compare",
        prompt=f"Which source gave the highest figure for {label}?",
        options=tuple(names),
        answer_index=names.index(index.names[top]),
        figure_ids=(top,),
        points=max(index.figures[f].points for f in shown),
    )


def _build_written(index: _Index, spec: _Spec, rng: random.Random) -> Question:
    (number,) = spec.args
    written = index.bank.questions[number]
    common: dict[str, Any] = {
        "id": spec.id,
        "kind": "written",
        "prompt": written.prompt,
        "figure_ids": spec.figures,
        "points": written.points,
        "explain": written.explain,
    }
    if written.kind == "choice":
        assert written.options is not None
        options = list(written.options)
        rng.shuffle(options)
        return Question(
            **common, options=tuple(options), answer_index=options.index(str(written.answer))
        )
    if written.answer is not None:
        low = high = float(written.answer)
    else:
        assert written.low is not None and written.high is not None
        low, high = written.low, written.high
    # No unit: a hand-written estimate may ask for a ratio or a difference, not the
    # linked figure's quantity.
    return Question(**common, low=low, high=high)


_BUILDERS: dict[str, Callable[[_Index, _Spec, random.Random], Question]] = {
    "estimate": _build_estimate,
    "choice": _build_choice,
    "source": _build_source,
    "ratio": _build_ratio,
    "highest": _build_highest,
    "written": _build_written,
}


def _specs(loaded: LoadedBank) -> tuple[_Index, list[_Spec]]:
    index = _Index(loaded)
    specs: list[_Spec] = []
    append = specs.append
    several_sources = len(index.source_names) > 1
    for figure_id, figure in index.figures.items():
        if figure.ask is None:
            continue
        one = (figure_id,)
        append(_Spec("estimate", "estimate:" + figure_id, one, True, False, "estimate", ()))
        append(_Spec("choice", "choice:" + figure_id, one, True, False, "choice", ()))
        if several_sources:
            append(_Spec("source", "source:" + figure_id, one, False, True, "source", ()))
    bounds = index.bounds
    for measure, figure_ids in index.by_measure.items():
        if len(figure_ids) < 2:
            continue
        smallest = min(figure_ids, key=lambda f: bounds[f][1])
        base_high = bounds[smallest][1]
        for figure_id in figure_ids:
            if bounds[figure_id][0] >= base_high * COMPARE_GAP:
                pair = (figure_id, smallest)
                question_id = f"compare:{figure_id}:{smallest}"
                append(_Spec("compare", question_id, pair, False, True, "ratio", ()))
        highest = _highest(index, measure, figure_ids)
        if highest is not None:
            append(highest)
    for number, written in enumerate(index.bank.questions):
        about = (written.figure,) if written.figure else ()
        append(_Spec("written", f"written:{number + 1}", about, True, False, "written", (number,)))
    return index, specs


_NEEDS_RNG = frozenset({"choice", "source", "highest", "written"})
"""Builders that draw from the generator; the others are spared seeding one (~10 us)."""


def _build(index: _Index, spec: _Spec, seed: int) -> Question:
    rng = _rng(seed, spec.id) if spec.make in _NEEDS_RNG else _NO_RNG
    return _BUILDERS[spec.make](index, spec, rng)


def _rng(seed: int, question_id: str) -> random.Random:
    return random.Random(f"{seed}/{question_id}")


_NO_RNG = random.Random(0)
"""Passed to builders that never draw from it."""


def all_questions(loaded: LoadedBank, seed: int = 0) -> list[Question]:
    """Every question the bank can give, before selection (ids unique), in bank order."""
    with collector_paused():
        index, specs = _specs(loaded)
        return [_build(index, spec, seed) for spec in specs]


def _select(specs: list[_Spec], settings: Settings) -> list[_Spec]:
    rng = random.Random(settings.seed)
    queues: dict[str, list[_Spec]] = {}
    for spec in specs:
        if spec.kind in settings.kinds:
            queues.setdefault(spec.kind, []).append(spec)
    kinds = [k for k in KINDS if k in queues]
    for kind in kinds:
        rng.shuffle(queues[kind])
    rng.shuffle(kinds)
    # Each kind's share first, from availability alone, so kinds stay fair ...
    quota = dict.fromkeys(kinds, 0)
    left = settings.count
    while left > 0:
        before = left
        for kind in kinds:
            if left > 0 and quota[kind] < len(queues[kind]):
                quota[kind] += 1
                left -= 1
        if left == before:
            break
    # ... then kinds take turns filling their share, first skipping questions about a
    # figure already used, then with what was skipped.
    chosen: list[_Spec] = []
    used: set[str] = set()
    taken = dict.fromkeys(kinds, 0)
    deferred: dict[str, list[_Spec]] = {k: [] for k in kinds}
    progress = True
    while progress:
        progress = False
        for kind in kinds:
            queue = queues[kind]
            while queue and taken[kind] < quota[kind]:
                spec = queue.pop()
                if not used.isdisjoint(spec.figures):
                    deferred[kind].append(spec)
                    continue
                chosen.append(spec)
                used.update(spec.figures)
                taken[kind] += 1
                progress = True
                break
    for kind in kinds:
        rest = deferred[kind] + queues[kind][::-1]
        chosen.extend(rest[: quota[kind] - taken[kind]])
    rng.shuffle(chosen)
    _ask_before_telling(chosen)
    return chosen


def _ask_before_telling(chosen: list[_Spec]) -> None:
    """Reorder in place so no question states a figure that a later one asks for.

    Questions that state figures keep their places; a question asking for a figure
    moves to just before the first one stating it, if that comes earlier.
    """
    first_telling: dict[str, int] = {}
    for position, spec in enumerate(chosen):
        if spec.tells:
            for f in spec.figures:
                first_telling.setdefault(f, position)
    keys: list[tuple[float, int]] = []
    for position, spec in enumerate(chosen):
        key = float(position)
        if spec.asks:
            for f in spec.figures:
                if f in first_telling and first_telling[f] < key:
                    key = first_telling[f] - 0.5
        keys.append((key, position))
    order = sorted(range(len(chosen)), key=keys.__getitem__)
    chosen[:] = [chosen[i] for i in order]


def generate(loaded: LoadedBank, settings: Settings) -> list[Question]:
    """The quiz for this bank and settings: same inputs, same list, on any machine.

    Fewer than `settings.count` questions when the bank has fewer of the kinds asked
    for. Raises ValueError, with a message for the player, for a count below 1, an
    unknown kind, no kinds, or a bank with no question of the kinds asked for (a quiz
    of nothing helps no one).
    """
    if settings.count < 1:
        raise ValueError(f"expected a question count of at least 1, found {settings.count}")
    unknown = [k for k in settings.kinds if k not in KINDS]
    if unknown:
        raise ValueError(
            f"expected question kinds among {', '.join(KINDS)}, found {', '.join(unknown)}"
        )
    if not settings.kinds:
        raise ValueError("expected at least one question kind, found none")
    with collector_paused():
        index, specs = _specs(loaded)
        chosen = _select(specs, settings)
        if not chosen:
            raise ValueError(
                f"expected questions of the kinds asked for ({', '.join(settings.kinds)}), "
                "found none in this bank"
            )
        return [_build(index, spec, settings.seed) for spec in chosen]
