"""Where each unit sits on the line that a quiz's sampling walks.

Selection (`quiz.game.select`) picks a quiz's units by systematic sampling: every unit
gets a stretch of a line, its *share* (how often it should be in a quiz), and the
stretches are laid end to end, `count` long in all. A seed gives a place `x` in [0, 1)
(`quiz.game.select._spread`, a Weyl sequence), and the quiz takes the units under the
points x, x + 1, ..., x + count - 1: one unit a row, each unit in the share of quizzes
its stretch is long, and consecutive seeds spread evenly over the line.

Folded at every whole number, the line is `count` rows over one circle of length 1,
and the quiz is the units above one place on that circle. Two units are in the same
quiz exactly when their stretches overlap on the circle. So the layout is chosen to
keep apart on the circle the units that must not share a quiz:

- A group (`quiz.game.coverage`: units that answer each other, at most one of which fits
  a quiz) too large to have each member at the full share takes a whole row, each member
  1/k of it (its members take turns; no other unit is starved by it). Rows come first,
  larger groups before, their members in the order that overlaps earlier rows least: the
  same rows for every count at which they are rows, so a quiz chosen again at its own
  shorter length (`quiz.game.select.select`) keeps its groups' members.
- Every other unit gets the same share, and is placed at the first place where it
  overlaps none of its partial rivals (units one of whose questions clashes with one of
  its own: in one quiz, one of them would lose its turn to the other, and always the
  same one), else where it overlaps least. A few fixed orders are tried, the same for
  every quiz of the bank, and the layout whose rivals overlap least is kept.
- Kinds are interleaved: units of one kind (`marked`: the hand-written questions) are
  laid so that the number of them above any place on the circle stays near its mean.
  A group's row takes, among its orders that overlap earlier rows least, the one that
  evens the marked count out most; every other unit's turn goes to the kind the place
  lacks (a running error, as in dithering: how many marked units each place has, less
  what its share of them would be), among the units that overlap no rival. Rivals
  come first: kinds only break ties, and of the layouts whose rivals overlap least,
  the most even is kept. The shipped bank's 12 hand-written questions of 22 units put
  2-3 or 5-6 of them in 96% of 7-question quizzes when kinds fell where the order
  left them (6 of 7 at seed 3); interleaved, every quiz has 3-5.

Each member of a group thus has its own stretch. (Before, a group's members took turns
by the seed's parity, which follows the Weyl sequence's steps and favoured one member
of a pair 4 to 1; and rivals outside a group met in the same quizzes by chance of the
order, one losing its turn each time: 3 to 16 asks in 500 quizzes of the benchmark's
generated bank.) A unit's chance of a place is its share, whatever the others.
"""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

_EPS = 1e-9


@dataclass(frozen=True)
class Layout:
    units: tuple[str, ...]
    """The units in line order."""
    starts: tuple[float, ...]
    """Where each unit's stretch begins; it ends where the next begins."""
    length: float
    """Where the last one ends."""

    def picked(self, offset: float) -> list[str]:
        """The units under offset, offset + 1, ... (offset in [0, 1))."""
        found: list[str] = []
        point = offset
        while point < self.length - _EPS:
            found.append(self.units[bisect.bisect_right(self.starts, point + _EPS) - 1])
            point += 1.0
        return found

    def shares(self) -> dict[str, float]:
        """Each unit's share: the part of the quizzes it is sampled in."""
        ends = (*self.starts[1:], self.length)
        return {u: end - start for u, start, end in zip(self.units, self.starts, ends, strict=True)}

    def from_place(self, offset: float) -> list[str]:
        """Every unit, in line order from the one under `offset` on (wrapping)."""
        start = max(0, bisect.bisect_right(self.starts, offset) - 1)
        return list(self.units[start:] + self.units[:start])


class _Load:
    """A step function on the circle of length 1: how far above its mean share of
    marked units each place is (`add` a stretch's change, `integral` over a stretch)."""

    def __init__(self) -> None:
        self.cuts: list[float] = [0.0]
        self.values: list[float] = [0.0]

    def _cut(self, x: float) -> int:
        """The index of the step starting at x (splitting the step under x)."""
        at = bisect.bisect_right(self.cuts, x + _EPS) - 1
        if abs(self.cuts[at] - x) <= _EPS:
            return at
        self.cuts.insert(at + 1, x)
        self.values.insert(at + 1, self.values[at])
        return at + 1

    def _pieces(self, start: float, length: float) -> list[tuple[float, float]]:
        """The stretch as pieces of [0, 1) (it wraps at 1; a length of 1 or more is
        the whole circle, then the rest)."""
        pieces: list[tuple[float, float]] = []
        while length >= 1.0 - _EPS:
            pieces.append((0.0, 1.0))
            length -= 1.0
        a = start % 1.0
        if length > _EPS:
            if a + length <= 1.0 + _EPS:
                pieces.append((a, min(1.0, a + length)))
            else:
                pieces += [(a, 1.0), (0.0, a + length - 1.0)]
        return pieces

    def add(self, start: float, length: float, delta: float) -> None:
        for a, b in self._pieces(start, length):
            first = self._cut(a)
            last = self._cut(b) if b < 1.0 - _EPS else len(self.cuts)
            for i in range(first, last):
                self.values[i] += delta

    def integral(self, start: float, length: float) -> float:
        total = 0.0
        for a, b in self._pieces(start, length):
            i = max(0, bisect.bisect_right(self.cuts, a + _EPS) - 1)
            while i < len(self.cuts) and self.cuts[i] < b - _EPS:
                end = self.cuts[i + 1] if i + 1 < len(self.cuts) else 1.0
                total += self.values[i] * max(0.0, min(b, end) - max(a, self.cuts[i]))
                i += 1
        return total

    def squares(self) -> float:
        """The integral of the square over the circle: how uneven the marked count is."""
        ends = [*self.cuts[1:], 1.0]
        return sum(v * v * (e - c) for v, c, e in zip(self.values, self.cuts, ends, strict=True))


def _change(load: _Load, start: float, length: float, delta: float) -> float:
    """How much adding `delta` over a stretch changes the load's squares."""
    return 2 * delta * load.integral(start, length) + delta * delta * length


def share(sizes: Sequence[int], count: int) -> float:
    """The share p of a unit alone, so that sum(min(1, k * p)) over the groups' sizes k
    is `count`: a group in proportion to its size, at most in every quiz (the largest
    groups are capped first; the rest share what is left). When the count exceeds the
    groups, every group is capped."""
    order = sorted(sizes, reverse=True)
    result = count / max(1, sum(order))
    for capped in range(len(order)):
        rest = sum(order[capped:])
        result = (count - capped) / rest if rest else 0.0
        if order[capped] * result <= 1:
            break
    return result


def _overlap(a: float, a_length: float, b: float, b_length: float) -> float:
    """How much two stretches overlap once the line is folded onto a circle of length
    1: the share of quizzes that would hold both."""
    d = (b - a) % 1.0
    return max(0.0, min(a_length, d + b_length) - d) + max(0.0, min(a_length, d - 1.0 + b_length))


ATTEMPTS = 24
"""Orders of the groups tried (the bank's, then seeded shuffles, the same for every
quiz of the bank) before keeping the layout whose rivals overlap least: placing them
costs about a millisecond for a bank of a few hundred units."""


def layout(
    groups: Sequence[tuple[str, ...]],
    clashes: Mapping[str, frozenset[str]],
    count: int,
    marked: Collection[str] = (),
) -> Layout:
    """The line for quizzes of `count`: `groups` in the bank's fixed order, `clashes` each
    unit's partial rivals, `marked` the units of the kind to spread evenly (see the
    module docstring)."""
    p = share([len(g) for g in groups], count)
    # Whole rows first, larger groups before, in the same order for every count: a quiz
    # the bank cannot fill is chosen again at its own length (`quiz.game.select`), and
    # must keep the same group members then.
    rows = sorted((g for g in groups if len(g) * p >= 1 - _EPS), key=len, reverse=True)
    order = [g for g in groups if len(g) * p < 1 - _EPS]
    marked = frozenset(marked)
    best: tuple[float, float, Layout] | None = None
    shuffle = random.Random(0)
    for attempt in range(ATTEMPTS):
        if attempt:
            shuffle.shuffle(order)
            order = [tuple(shuffle.sample(g, len(g))) for g in order]
        # Half the attempts place each unit where it overlaps least, half in the
        # shuffled order as it comes (a few units overlapping a little somewhere can
        # leave the others more room than each taking its best place in turn).
        found, overlap, uneven = _attempt(
            rows, order, clashes, p, greedy=attempt % 2 == 0, marked=marked
        )
        if (
            best is None
            or overlap < best[0] - _EPS
            or (overlap <= best[0] + _EPS and uneven < best[1] - _EPS)
        ):
            best = (overlap, uneven, found)
        if overlap <= _EPS and uneven <= _EPS:
            break
    assert best is not None
    return best[2]


def _orders(group: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The orders of a row's members worth trying: all of them for a small group,
    else its rotations either way round."""
    if len(group) <= 5:
        return list(itertools.permutations(group))
    turns = [group[n:] + group[:n] for n in range(len(group))]
    return turns + [tuple(reversed(t)) for t in turns]


def _attempt(
    rows: Sequence[tuple[str, ...]],
    groups: Sequence[tuple[str, ...]],
    clashes: Mapping[str, frozenset[str]],
    p: float,
    greedy: bool,
    marked: frozenset[str],
) -> tuple[Layout, float, float]:
    """One layout: `rows` a whole row each, then `groups` in this order; how much its
    rivals overlap, and how uneven its marked units are over the circle."""
    units: list[str] = []
    starts: list[float] = []
    placed: dict[str, tuple[float, float]] = {}
    position = 0.0
    # Each place's marked units less its share of them: `mean` per unit of line.
    load = _Load()
    total_marked = sum(1.0 / len(g) for g in rows for u in g if u in marked)
    total_marked += sum(p for g in groups for u in g if u in marked)
    length = len(rows) + p * sum(len(g) for g in groups)
    mean = total_marked / length if length else 0.0

    def delta(unit: str) -> float:
        return (1.0 if unit in marked else 0.0) - mean

    def put(unit: str, length: float) -> None:
        nonlocal position
        units.append(unit)
        starts.append(position)
        placed[unit] = (position, length)
        load.add(position, length, delta(unit))
        position += length

    def overlap(unit: str, length: float, at: float | None = None) -> float:
        start = position if at is None else at
        found = 0.0
        for other in clashes.get(unit, ()):
            where = placed.get(other)
            if where is not None:
                found += _overlap(start, length, *where)
        return found

    total = 0.0
    for group in rows:
        # Its members take turns, 1/k of the row each, in the order that overlaps the
        # rows before least, then evens out the marked count most (the same whatever
        # follows, so for every count).
        costs: list[tuple[float, float]] = []
        orders = _orders(group)
        for members in orders:
            cost, uneven, at = 0.0, 0.0, position
            for unit in members:
                cost += overlap(unit, 1.0 / len(group), at)
                uneven += _change(load, at, 1.0 / len(group), delta(unit))
                at += 1.0 / len(group)
            costs.append((cost, uneven))
        least = min(cost for cost, _ in costs)
        best = min(
            (n for n, (cost, _) in enumerate(costs) if cost <= least + _EPS),
            key=lambda n: costs[n][1],
        )
        total += costs[best][0]
        for unit in orders[best]:
            put(unit, 1.0 / len(group))
    # Then every other unit at the first place where it overlaps no rival (a group's
    # members stay together when they can: side by side, they never overlap), else the
    # unit that overlaps least; among those, one of the kind this place lacks.
    waiting = [u for g in groups for u in g]
    while waiting:
        if marked:
            lacks = _change(load, position, p, 1.0 - mean) < _change(load, position, p, -mean)
            tried = sorted(range(len(waiting)), key=lambda n: (waiting[n] in marked) != lacks)
        else:
            tried = list(range(len(waiting)))
        here: list[tuple[float, int]] = []
        for n in tried:
            here.append((overlap(waiting[n], p), n))
            if here[-1][0] <= _EPS or not greedy:
                break
        cost, chosen = min(here, key=lambda found: found[0])
        total += cost
        put(waiting.pop(chosen), p)
    return Layout(tuple(units), tuple(starts), position), total, load.squares()
