"""Wrong options for a number on a linear scale: a temperature, a percentage, a share.

Factors make no sense there (a temperature ten times lower, a share of 3 for 0.3), so a
distractor is the answer moved by an irregular distance, in whole steps of the kind's
`gap` times 1.5, 2.5, 4 or 6 (never a fixed ladder), or another figure of the same unit
from the bank within the distance that scores nothing. Options stay inside the scale's
bounds (0 to 100 for a percentage), at least `gap` apart from each other and from the
answer, and are written with the answer's decimals so none stands out. The answer's
rank among the sorted options is drawn from the seeded generator, as for counts
(quiz.game.distractors).
"""

from __future__ import annotations

import math
import random

from quiz.game.quantity import LinearRule

Interval = tuple[float, float]

STEPS: tuple[float, ...] = (1.5, 2.5, 4.0, 6.0)
"""Distances from the answer, in gaps; each used up and down."""
MAX_FIGURE_DISTRACTORS = 2


def decimals(value: float) -> int:
    """Decimals a number is written with: 21 -> 0, 4.5 -> 1, 0.25 -> 2 (at most 4)."""
    for places in range(5):
        if math.isclose(value, round(value, places), abs_tol=1e-9):
            return places
    return 4


def _apart(a: Interval, b: Interval, gap: float) -> bool:
    return b[0] - a[1] >= gap - 1e-9 or a[0] - b[1] >= gap - 1e-9


def pick_linear(
    answer: Interval,
    figures: list[Interval],
    rng: random.Random,
    rule: LinearRule,
    count: int = 3,
) -> list[Interval]:
    """Up to `count` distractors for `answer`, unsorted; the caller sorts the options."""
    places = max(decimals(answer[0]), decimals(answer[1]), decimals(rule.gap))
    lowest = -math.inf if rule.lowest is None else rule.lowest
    highest = math.inf if rule.highest is None else rule.highest

    def inside(option: Interval) -> bool:
        return lowest <= option[0] and option[1] <= highest and option[0] > 0

    plausible = [
        f
        for f in figures
        if inside(f) and min(abs(f[0] - answer[1]), abs(answer[0] - f[1])) < rule.zero
    ]
    rng.shuffle(plausible)
    steps = list(STEPS)
    rng.shuffle(steps)
    moved: list[Interval] = []
    for step in steps:
        for sign in (-1, 1):
            shift = round(sign * step * rule.gap, places)
            moved.append((round(answer[0] + shift, places), round(answer[1] + shift, places)))
    below = [o for o in plausible[:MAX_FIGURE_DISTRACTORS] if o[1] < answer[0]]
    above = [o for o in plausible[:MAX_FIGURE_DISTRACTORS] if o[0] > answer[1]]
    below += [o for o in moved if o[1] < answer[0]]
    above += [o for o in moved if o[0] > answer[1]]
    chosen: list[Interval] = []

    def take(pool: list[Interval], limit: int) -> None:
        for option in pool:
            if len(chosen) >= limit:
                return
            if not inside(option) or not _apart(option, answer, rule.gap):
                continue
            if any(not _apart(option, other, rule.gap) for other in chosen):
                continue
            chosen.append(option)

    take(below, rng.randint(0, count))
    take(above, count)
    take(below, count)
    return chosen
