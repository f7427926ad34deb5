"""Wrong options for a number on a linear scale: a temperature, a percentage, a share.

Factors make no sense there (a temperature ten times lower, a share of 3 for 0.3), so a
distractor is the answer moved by a distance. The same honesty rules hold as for counts
(quiz.game.distractors):

- the answer's rank among the options is drawn uniformly first; only the scale's bounds
  (no option under 0% or above 100%) move it;
- each option is a random step beyond the previous one, between `STEP_LOW` and
  `STEP_HIGH` times the kind's `gap` (irregular: no fixed ladder of distances that the
  answer would be the centre of);
- options are written with the answer's decimals ("21°C" gets "17°C", "12.5%" gets
  "7.5%"), at least `gap` apart from each other and from the answer, inside the scale,
  and never a number the bank states (`avoid`).

The bank's other figures are never options: they would state another answer, and their
precision would differ from the answer's.
"""

from __future__ import annotations

import math
import random
from collections.abc import Collection

from quiz.game.quantity import LinearRule

Interval = tuple[float, float]

STEP_LOW = 1.2
STEP_HIGH = 2.6
"""Each wrong option is a random distance in this band, in gaps, beyond the previous one."""
_TRIES = 30
_STEP_TRIES = 12


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
    rng: random.Random,
    rule: LinearRule,
    count: int = 3,
    avoid: Collection[float] = (),
) -> list[Interval]:
    """Up to `count` distractors for `answer`, unsorted; the caller sorts the options."""
    places = max(decimals(answer[0]), decimals(answer[1]))
    lowest = -math.inf if rule.lowest is None else rule.lowest
    highest = math.inf if rule.highest is None else rule.highest
    below = rng.randint(0, count)
    best: list[Interval] = []
    for attempt in range(_TRIES):
        # The answer's decimals and rank exactly; then another rank (12.5% has no
        # room for three options below it); last, fewer decimals.
        strict = attempt < _TRIES * 3 // 4
        chosen: list[Interval] = []
        plan: tuple[tuple[int, int], ...] = ((-1, below), (1, count - below))
        if attempt >= _TRIES // 2:
            plan += ((1, count), (-1, count))
        for direction, wanted in plan:
            wanted = min(wanted, count - len(chosen))
            shift = 0.0
            made = 0
            for _ in range(4 * wanted + 4):
                if made == wanted:
                    break
                for _ in range(_STEP_TRIES):
                    trial = shift + direction * rule.gap * rng.uniform(STEP_LOW, STEP_HIGH)
                    option = (round(answer[0] + trial, places), round(answer[1] + trial, places))
                    if not (lowest <= option[0] and option[1] <= highest and option[0] > 0):
                        continue
                    written = max(decimals(option[0]), decimals(option[1]))
                    if strict and written != places:
                        continue
                    if option[0] in avoid or option[1] in avoid:
                        continue
                    if not all(_apart(option, o, rule.gap) for o in [answer, *chosen]):
                        continue
                    chosen.append(option)
                    made += 1
                    break
                shift = trial
        if len(chosen) == count:
            return chosen
        if len(chosen) > len(best):
            best = chosen
    return best
