"""Wrong options for a number on a linear scale: a temperature, a percentage, a share.

Factors make no sense there (a temperature ten times lower, a share of 3 for 0.3), so a
distractor is the answer moved by a distance. The same honesty rules hold as for counts
(quiz.game.distractors):

- the answer's rank among the options is drawn uniformly first; only the scale's bounds
  (no option under 0% or above 100%) move it;
- each option is a random step beyond the previous one, between `STEP_LOW` and
  `STEP_HIGH` times the kind's `gap` (irregular: no fixed ladder of distances that the
  answer would be the centre of);
- inside a measure's plausible range (`within`, from the bank's `[measures.<id>]`), the
  steps narrow, never under one gap, so that every option fits without moving the
  answer's rank; `linear_room` says whether they can, for `quiz check`;
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
ANYWHERE: Interval = (-math.inf, math.inf)
"""No plausible range: options anywhere on the scale."""
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


def _bounds(rule: LinearRule, within: Interval) -> Interval:
    """The scale's bounds narrowed to the measure's plausible range."""
    lowest = -math.inf if rule.lowest is None else rule.lowest
    highest = math.inf if rule.highest is None else rule.highest
    return max(lowest, within[0]), min(highest, within[1])


def _stretch(room: float, steps: int, gap: float) -> float:
    """How much of the step band above one gap a side's steps may use (0 to 1), so that
    `steps` options fit in `room` (the distance from the answer to the bound)."""
    if not steps or math.isinf(room):
        return 1.0
    return min(1.0, max(0.0, (room / steps / gap - 1) / (STEP_HIGH - 1)))


def linear_room(
    answer: Interval, rule: LinearRule, within: Interval = ANYWHERE, count: int = 3
) -> tuple[int, int]:
    """How many options (up to `count`) fit below and above `answer` inside the scale
    and `within`, a gap apart: the answer can take every rank only when both are `count`.
    Only a side that `within` bounds is counted; an open side holds `count`."""
    lowest, highest = _bounds(rule, within)
    below = count if within[0] == -math.inf else int((answer[0] - lowest) / rule.gap + 1e-9)
    above = count if within[1] == math.inf else int((highest - answer[1]) / rule.gap + 1e-9)
    return min(count, below), min(count, above)


def pick_linear(
    answer: Interval,
    rng: random.Random,
    rule: LinearRule,
    count: int = 3,
    avoid: Collection[float] = (),
    within: Interval = ANYWHERE,
) -> list[Interval]:
    """Up to `count` distractors for `answer`, unsorted; the caller sorts the options.
    `within`: the measure's plausible range, inside which every option lies; the steps
    narrow to fit in it (never under a gap) rather than the answer's rank moving."""
    places = max(decimals(answer[0]), decimals(answer[1]))
    lowest, highest = _bounds(rule, within)
    below = rng.randint(0, count)
    stretch = {
        -1: _stretch(answer[0] - lowest, below, rule.gap),
        1: _stretch(highest - answer[1], count - below, rule.gap),
    }
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
                    step = 1 + (rng.uniform(STEP_LOW, STEP_HIGH) - 1) * stretch[direction]
                    trial = shift + direction * rule.gap * step
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
