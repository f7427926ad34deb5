"""Turn a bank into a concrete, reproducible quiz.

CONTRACT (the UI and classroom code against these names; keep them stable).

What the generator asks, and why:

- *estimate* and *choice*: from every figure with an `ask`, type the number or pick it
  from four options (distractors: see `quiz.game.distractors`).
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
each kind's questions in a seeded order. A question *shows* the measure of its
figures: its reveal (`quiz.game.explain`) has a card, value and source, for every figure
of that measure (a written question linked to a figure shows that figure's measure;
an unlinked one shows none). Questions on a measure already shown, or about a figure
already used, are skipped while any other is left; then measures shown once are
allowed, then twice, then whatever remains. Kinds on the fewest measures choose first
so the scarce ones (comparisons exist only where a measure has several figures) find
a measure of their own; when the quiz is no longer than the measures available, a
kind that still cannot lends its share to kinds that can, so no measure repeats.

Order: when a measure does repeat, its questions swap among the places they hold so
that no reveal or prompt gives a later answer away where an order can avoid it:
first questions whose answer the reveal shows (estimate, choice, "which source gave
the highest", written questions answered by the figure's value or source), then
source questions (their prompt states a figure's value), then questions whose answer
no reveal shows ("how many times larger", other written questions). Two questions
that would each give the other away cannot both be helped; selection makes them rare.

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

from quiz.bank.loader import LoadedBank, collector_paused
from quiz.game import distractors
from quiz.game.distractors import interval_text

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


DEFAULT_COUNT = 10
"""Questions in a quiz when nobody says how many."""


@dataclass(frozen=True)
class Settings:
    count: int = DEFAULT_COUNT
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
    measure: str = ""
    """The measure the reveal shows (all of a question's figures share one); empty
    for an unlinked written question."""


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
        measure,
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
        measure = figure.measure
        append(
            _Spec("estimate", "estimate:" + figure_id, one, True, False, "estimate", (), measure)
        )
        append(_Spec("choice", "choice:" + figure_id, one, True, False, "choice", (), measure))
        if several_sources:
            append(_Spec("source", "source:" + figure_id, one, False, True, "source", (), measure))
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
                append(_Spec("compare", question_id, pair, False, True, "ratio", (), measure))
        highest = _highest(index, measure, figure_ids)
        if highest is not None:
            append(highest)
    for number, written in enumerate(index.bank.questions):
        about = (written.figure,) if written.figure else ()
        linked = index.figures[written.figure].measure if written.figure else ""
        append(
            _Spec(
                "written", f"written:{number + 1}", about, True, False, "written", (number,), linked
            )
        )
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


_WINDOW = 16
"""How many of a kind's next questions are weighed when a measure must repeat: a
constant, so selection stays linear in the bank however small it is."""


def _select(index: _Index, specs: list[_Spec], settings: Settings) -> list[_Spec]:
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
    distinct: set[str] = set()
    reach: dict[Kind, int] = {}
    for kind in kinds:
        measures = {s.measure for s in queues[kind] if s.measure}
        # An unlinked written question shows no measure: each counts as one of its own.
        reach[kind] = len(measures) + sum(1 for s in queues[kind] if not s.measure)
        distinct.update(measures)
    # Kinds on the fewest measures choose first (seeded order among equals), so the
    # scarce ones still find a measure of their own.
    turns = sorted(kinds, key=lambda k: reach[k])
    # ... then kinds take turns filling their share, first only with questions on a
    # measure no chosen question shows (and so about no figure already used) ...
    chosen: list[_Spec] = []
    used_figures: set[str] = set()
    shown: dict[str, int] = {}
    taken = dict.fromkeys(kinds, 0)

    def take(kind: Kind, spec: _Spec) -> None:
        chosen.append(spec)
        used_figures.update(spec.figures)
        if spec.measure:
            shown[spec.measure] = shown.get(spec.measure, 0) + 1
        taken[kind] += 1

    skipped: dict[str, list[_Spec]] = {k: [] for k in kinds}
    progress = True
    while progress:
        progress = False
        for kind in turns:
            queue = queues[kind]
            while queue and taken[kind] < quota[kind]:
                spec = queue.pop()
                if spec.measure in shown:
                    skipped[kind].append(spec)
                    continue
                take(kind, spec)
                progress = True
                break
    for kind in kinds:
        # Skipped questions come back first, in the order they were drawn.
        queues[kind] = queues[kind] + skipped[kind][::-1]
    if settings.count <= len(distinct):
        _lend_shares(queues, kinds, quota, taken, chosen, used_figures, shown)
    # ... then, where a measure must repeat, each turn takes among the kind's next few
    # questions one about no figure used, on the measure shown least.
    progress = True
    while progress:
        progress = False
        for kind in turns:
            queue = queues[kind]
            if not queue or taken[kind] >= quota[kind]:
                continue
            best, best_key = len(queue) - 1, (2, 0)
            for place in range(len(queue) - 1, max(len(queue) - 1 - _WINDOW, -1), -1):
                candidate = queue[place]
                key = (
                    0 if used_figures.isdisjoint(candidate.figures) else 1,
                    shown.get(candidate.measure, 0),
                )
                if key < best_key:
                    best, best_key = place, key
                    if key == (0, 0):
                        break
            take(kind, queue.pop(best))
            progress = True
    rng.shuffle(chosen)
    return chosen


def _lend_shares(
    queues: dict[str, list[_Spec]],
    kinds: list[Kind],
    quota: dict[Kind, int],
    taken: dict[Kind, int],
    chosen: list[_Spec],
    used_figures: set[str],
    shown: dict[str, int],
) -> None:
    """When the quiz is no longer than the measures available, a kind that cannot fill
    its share without repeating a measure lends the rest of it, turn by turn, to kinds
    that can (the "how many times" kind exists only on measures with several figures,
    and may find them all shown)."""
    owed = [k for k in kinds for _ in range(quota[k] - taken[k])]
    progress = True
    while owed and progress:
        progress = False
        for kind in kinds:
            if not owed:
                break
            queue = queues[kind]
            for place in range(len(queue) - 1, -1, -1):
                spec = queue[place]
                if used_figures.isdisjoint(spec.figures) and spec.measure not in shown:
                    del queue[place]
                    chosen.append(spec)
                    used_figures.update(spec.figures)
                    if spec.measure:
                        shown[spec.measure] = 1
                    lender = owed.pop(0)
                    quota[lender] -= 1
                    quota[kind] += 1
                    taken[kind] += 1
                    progress = True
                    break


def _gives_itself_away(index: _Index, question: Question) -> bool:
    """Whether a reveal showing this question's figures shows its answer: a figure's
    value or its source's name."""
    answer = question.answer_text
    return any(index.value(f) == answer or index.names[f] == answer for f in question.figure_ids)


def _order(index: _Index, chosen: list[_Spec], built: list[Question]) -> list[Question]:
    """Reorder so that no reveal or prompt gives away a later question's answer,
    wherever an order can avoid it.

    Every reveal and every prompt stays within one measure, so questions on a measure
    only swap among the places they already hold (unlinked written questions and the
    shuffle's spread are kept): first those asking for a figure or a source the reveal
    would show (estimate, choice, "which source gave the highest", a written question
    whose answer is the figure's value or source), then source questions (their
    prompt states a value the first group asks for), then questions whose answer no
    reveal shows ("how many times larger", other written questions), which must not
    come first or their reveal would answer the others.
    """
    places: dict[str, list[int]] = {}
    for position, spec in enumerate(chosen):
        if spec.measure:
            places.setdefault(spec.measure, []).append(position)
    order = list(range(len(chosen)))
    for positions in places.values():
        if len(positions) < 2:
            continue

        def rank(position: int) -> tuple[int, int]:
            spec, question = chosen[position], built[position]
            if not _gives_itself_away(index, question):
                return (2, position)
            return (1 if spec.tells else 0, position)

        for place, position in zip(positions, sorted(positions, key=rank), strict=True):
            order[place] = position
    return [built[i] for i in order]


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
        chosen = _select(index, specs, settings)
        if not chosen:
            raise ValueError(
                f"expected questions of the kinds asked for ({', '.join(settings.kinds)}), "
                "found none in this bank"
            )
        built = [_build(index, spec, settings.seed) for spec in chosen]
        return _order(index, chosen, built)
