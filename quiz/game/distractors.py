"""Wrong options for a number question that give nothing away by their shape.

A player who does not read the question must do no better than chance (Haladyna,
Downing & Rodriguez 2002: vary the answer's place, keep options homogeneous in form,
no odd one out by precision or pattern). So, for a count, an amount or a ratio:

- The answer's rank among the options (smallest ... largest) is drawn uniformly from
  the seeded generator, before anything else; the options are shown in numerical
  order. Only an answer too small to have options below it (1 person) moves up.
- Wrong options sit at irregular factors: each is a random step beyond the previous
  one, log-uniform between `STEP_LOW` and `STEP_HIGH` (times the answer's width for a
  range), never a fixed x2/3/5/10 ladder.
- Every option is written with the answer's precision and style: as many significant
  digits ("5,937" gets "3,412", "100,000" gets "40,000", "7.8 million" gets "2.9
  million"), whole numbers stay whole (no "0.3 soldiers"), and a range gets ranges of
  about the same width ratio ("15 million–30 million" gets "4 million–8 million").
  An option whose size cannot show that many digits (44 beside 1,750; "1.23 million"
  beside 529,478, since millions are written with two decimals) has as many as it can,
  and an answer too small for its digits (12 arrests has no two-digit whole number a
  factor 1.25 below it) gets options with fewer rather than a rank that gives it away.
- A set in which the answer is the option the others are round multiples of
  (`ladder_base`) is drawn again; so, half the time, is a set in which the answer is
  the geometric middle, since the middle of four options at irregular steps is the
  answer a little more often than chance.
- No two options read the same; all are at least `MIN_GAP` apart (between nearest
  ends), so none overlaps the answer or reads as the same claim.
- No option states a number of the bank (`avoid`): a wrong option that happened to
  read "40,000" would show the answer of another question before it is asked. (Only the
  number itself: keeping options x1.06 from every figure, as the disclosure model reads
  "stating", left a bank of 300 figures too little room, and its answers took the edge
  ranks 37-43% of the time; selection handles a near option as it handles any text.)

Other figures of the bank are never options, for that reason and because their
precision differs from the answer's.

How far apart. Options a reader can rule out by world knowledge are a tell of their own
("240 million-500 million" refugees from a country of 41 million), so:

- A measure's plausible range (`within`, from the bank's `[measures.<id>]`) holds every
  option. Each side's steps narrow to fit the options it must hold, never under
  `MIN_GAP`: the rank drawn first stays, so the answer is as often the largest of a
  tight set as the smallest. Where even `MIN_GAP` steps do not fit, the figure gets no
  choice question (quiz.game.plausible; `quiz check` says so).
- Without a range, a set's gaps (each option over its neighbour, beyond what the answer's
  width needs) multiply to at most `MAX_SPREAD`: the steps are drawn from a band narrowed
  so that three fit, and a set that rounding still spreads wider is drawn again (the
  narrowest kept, at its rank, when none fits: one-digit ranges such as 20,000-30,000).
  Unbounded steps of x1.4-2.6 spread a set up to x17.6 (x20 after rounding; median
  x6.7, one set in ten beyond x10): "5,937" beside "100,000", which a reader dismisses as
  the odd one out. x10 is the order of magnitude a reader cannot rule out at a glance.
  Measured with bench/honesty.py (300 seeds, counts 5-20; the attacks that read only the
  options, chance 25%): at x10 every attack on the shipped bank stays at 18-34% and on
  the generated bank at 21-31% (none above the 35% goal; the geometric middle, which a
  narrower set favours, 18-28%), the same as without the bound; the median set spreads
  x5.0 and the widest x10. At x6 the steps become nearly regular (x1.3-1.8) and the
  geometric middle gains (30% on the generated bank at count 5, against 28% at x10).
  The test sets of tests/test_distractors.py score within a point of their unbounded
  rates at either bound.

Temperatures, percentages and shares are on a linear scale: `quiz.game.linear_distractors`.
"""

from __future__ import annotations

import bisect
import itertools
import math
import random
from collections.abc import Collection

from quiz.bank.numbers import format_number

Interval = tuple[float, float]

MIN_GAP = 1.25
"""Options are at least this factor apart (between their nearest ends)."""
STEP_LOW = 1.4
STEP_HIGH = 2.6
"""Each wrong option is a random factor in this band beyond the previous one."""
ROUND_RATIOS: tuple[float, ...] = (1.5, 2, 2.5, 3, 4, 5, 6, 7, 8, 9, 10, 20, 25, 50, 100)
"""Ratios a reader sees as "a round multiple" (the ladder tell)."""
MIDDLE_REDRAW = 0.5
"""The chance a set whose geometric middle is the answer is drawn again: measured by
bench/honesty.py, enough to bring "pick the middle" back to chance."""
WIDTH_TOLERANCE = 0.2
"""A range option's width ratio may differ from the answer's by this much in log."""
MAX_SPREAD = 10.0
"""The most the gaps of one option set may multiply to, smallest option to largest (see
"How far apart" above: chosen with bench/honesty.py)."""
ANYWHERE: Interval = (0.0, math.inf)
"""No plausible range: options anywhere above zero."""
_LOG_GAP = math.log(MIN_GAP)
_LOG_LOW = math.log(STEP_LOW)
_LOG_HIGH = math.log(STEP_HIGH)
_TRIES = 40
_STEP_TRIES = 12


def interval_text(low: float, high: float) -> str:
    """A value or range as a reader says it: "5,937", "15 million–30 million"."""
    if low == high:
        return format_number(low)
    return f"{format_number(low)}–{format_number(high)}"


def shown_digits(text: str) -> int:
    """Significant digits a number is written with: "5,937" 4, "7.8 million" 2, "100,000" 1."""
    digits = "".join(c for c in text.split("–")[0] if c.isdigit() or c == ".")
    if "." in digits:
        significant = digits.replace(".", "").lstrip("0")
    else:
        significant = digits.lstrip("0").rstrip("0")
    return max(1, len(significant))


def round_significant(value: float, digits: int) -> float:
    """Round as a person writes a number: 11,874 to 2 digits is 12,000."""
    if value <= 0 or not math.isfinite(value):
        return value
    return round(value, digits - 1 - math.floor(math.log10(value)))


def apart(a: Interval, b: Interval, gap: float = MIN_GAP) -> bool:
    """Whether two intervals are separated by at least the factor `gap`."""
    return b[0] >= a[1] * gap or a[0] >= b[1] * gap


def is_round_multiple(a: float, b: float) -> bool:
    """Whether the larger of a and b is a round multiple of the smaller (x2, x2.5, x10)."""
    if a <= 0 or b <= 0:
        return False
    ratio = max(a, b) / min(a, b)
    # The round ratios nearest from below and above, found by bisection: this runs for
    # every pair of options of every set drawn.
    place = bisect.bisect_left(ROUND_RATIOS, ratio)
    near = ROUND_RATIOS[max(0, place - 1) : place + 1]
    return any(abs(ratio - r) <= 0.01 * r for r in near)


def ladder_base(options: list[Interval]) -> int | None:
    """The option the others are round multiples of, when one stands out (most such
    relations, no tie): what a player who reads only the options would pick."""
    scores = [0] * len(options)
    for i, j in itertools.combinations(range(len(options)), 2):
        if is_round_multiple(options[i][0], options[j][0]):
            scores[i] += 1
            scores[j] += 1
    best = max(scores, default=0)
    if best == 0 or scores.count(best) > 1:
        return None
    return scores.index(best)


def geometric_middle(options: list[Interval]) -> int | None:
    """The option nearest the mean of all options on a log scale, when one is nearest."""
    logs = [(math.log(low) + math.log(high)) / 2 for low, high in options]
    mean = sum(logs) / len(logs)
    distances = [abs(x - mean) for x in logs]
    nearest = min(distances)
    if sum(math.isclose(d, nearest) for d in distances) > 1:
        return None
    return distances.index(nearest)


def pick(
    answer: Interval,
    rng: random.Random,
    count: int = 3,
    whole: bool = False,
    avoid: Collection[float] = (),
    within: Interval = ANYWHERE,
) -> list[Interval]:
    """`count` distractors for `answer`, unsorted (the caller sorts the options).

    `whole`: every option a whole number (a count of people), as it is anyway when the
    answer is whole. `avoid`: numbers no option may state (the bank's figures).
    `within`: the measure's plausible range, which every option lies inside. Fewer than
    `count` only for an answer that leaves no room (an amount of 0.01, or a plausible
    range `quiz check` reports as too narrow).
    """
    low, high = answer
    whole = whole or (float(low).is_integer() and float(high).is_integer())
    digits = (digits_of(low), digits_of(high))
    below = rng.randint(0, count)
    best: list[Interval] = []
    # The narrowest full set that spread wider than MAX_SPREAD (rounding can force a
    # jump: "20,000-30,000" has few one-digit ranges of its width below it), kept rather
    # than giving up the answer's rank for a narrower set.
    wide: list[Interval] = []
    wide_spread = math.inf
    for attempt in range(_TRIES):
        # Keep the answer's digits and rank exactly; then allow fewer digits (12
        # arrests has no two-digit whole number a factor 1.25 below it); last, another
        # rank (1 person has nothing below it).
        strict = attempt < _TRIES // 2
        exact = attempt < _TRIES * 3 // 4
        if not exact and wide:
            return wide
        chosen = _draw(answer, rng, below, count, digits, whole, strict, exact, avoid, within)
        if len(chosen) > len(best):
            best = chosen
        if len(chosen) < count:
            continue
        options = [answer, *chosen]
        if ladder_base(options) == 0:
            continue
        if geometric_middle(options) == 0 and rng.random() < MIDDLE_REDRAW:
            continue
        found = spread(options, answer)
        if found > MAX_SPREAD:
            if found < wide_spread:
                wide, wide_spread = chosen, found
            continue
        return chosen
    return wide or best


def spread(options: list[Interval], answer: Interval) -> float:
    """How far a set spreads beyond what its answer's width needs: its largest option
    over its smallest (their middles), over the width ratio once per step between them."""
    middles = [math.sqrt(low * high) for low, high in options]
    width = answer[1] / answer[0]
    return max(middles) / min(middles) / width ** (len(options) - 1)


def _step_cap(room: float, steps: int, width: float, count: int) -> float:
    """How much of the step band [STEP_LOW, STEP_HIGH] (above the minimum gap, as a
    fraction) a side's steps may use: all of it when the side has room, less when
    `steps` options must fit in `room` (log, from the answer's near end to the plausible
    range's end) or the set would spread wider than MAX_SPREAD; 0 leaves the minimum gap."""
    free = math.log(MAX_SPREAD) / max(1, count)
    if steps:
        free = min(free, (room - steps * math.log(width)) / steps)
    return min(1.0, max(0.0, (free - _LOG_GAP) / (_LOG_HIGH - _LOG_GAP)))


def digits_of(value: float) -> int:
    """`shown_digits(format_number(value))`, with a short cut for the usual whole number
    under a million, which is written with all its digits."""
    if 1 <= value < 1e6 and value.is_integer():
        return len(str(int(value)).rstrip("0"))
    return shown_digits(format_number(value))


def capacity(value: float, whole: bool) -> int:
    """The most significant digits a number of this size is written with: "44" 2 (a
    whole number), "1.13 million" 3 (two decimals of millions), "4.57" 3."""
    if value <= 0 or not math.isfinite(value):
        return 1
    if value >= 1e15:
        return 3
    magnitude = math.floor(math.log10(value)) + 1
    if value >= 1e6:
        return magnitude % 3 + 2 if magnitude % 3 else 5
    if whole:
        return max(1, magnitude)
    return max(1, magnitude + 2)


def _styled(value: float, digits: int, whole: bool) -> tuple[float, int]:
    """`value` rounded to the answer's digits, or as many as its size can show; with
    the digits it should then be written with."""
    target = min(digits, capacity(value, whole))
    rounded = round_significant(value, target)
    return (float(round(rounded)) if whole else rounded), target


def _draw(
    answer: Interval,
    rng: random.Random,
    below: int,
    count: int,
    digits: tuple[int, int],
    whole: bool,
    strict: bool,
    exact: bool,
    avoid: Collection[float],
    within: Interval,
) -> list[Interval]:
    """One try at `count` options, `below` of them under the answer (or, unless
    `exact`, as many as fit there)."""
    # Options at least MIN_GAP apart never read the same: no need to compare texts.
    chosen: list[Interval] = []
    width = answer[1] / answer[0]
    caps = {
        -1: _step_cap(
            math.log(answer[0] / within[0]) if within[0] > 0 else math.inf, below, width, count
        ),
        1: _step_cap(math.log(within[1] / answer[1]), count - below, width, count),
    }
    # The sides as drawn, then either side for what is missing (an answer of 1 has
    # nothing below it).
    plan: tuple[tuple[int, int], ...] = ((-1, below), (1, count - below))
    if not exact:
        plan += ((1, count), (-1, count))
    for direction, wanted in plan:
        wanted = min(wanted, count - len(chosen))
        factor = 1.0
        made = 0
        for _ in range(4 * wanted + 4):
            if made == wanted:
                break
            for _ in range(_STEP_TRIES):
                gap = rng.uniform(_LOG_LOW, _LOG_HIGH)
                step = width * math.exp(_LOG_GAP + (gap - _LOG_GAP) * caps[direction])
                trial = factor * step**direction
                option = scaled_like(answer, trial, digits, whole, strict, avoid, within)
                if option is None:
                    continue
                if not (apart(option, answer) and all(apart(option, o) for o in chosen)):
                    continue
                chosen.append(option)
                made += 1
                break
            # Past an option, or past a stretch where none fits (rounding collapsed
            # them), the walk goes on outward from there.
            factor = trial
    return chosen


def scaled_like(
    answer: Interval,
    factor: float,
    digits: tuple[int, int],
    whole: bool,
    strict: bool,
    avoid: Collection[float],
    within: Interval = ANYWHERE,
) -> Interval | None:
    """The answer times `factor`, written like the answer; None when it cannot be."""
    low, low_digits = _styled(answer[0] * factor, digits[0], whole)
    if answer[0] == answer[1]:
        high, high_digits = low, low_digits
    else:
        high, high_digits = _styled(answer[1] * factor, digits[1], whole)
        if high <= low:
            return None
    if not (low >= 0.005 and math.isfinite(high)):  # under 0.005 is written "0"
        return None
    shown_low = digits_of(low)
    shown = (shown_low, shown_low if high == low else digits_of(high))
    if strict and shown != (low_digits, high_digits):
        return None
    if not strict and (shown[0] > digits[0] or shown[1] > digits[1]):
        return None
    width = math.log(answer[1] / answer[0])
    if width and abs(math.log(high / low) - width) > WIDTH_TOLERANCE:
        return None
    if low in avoid or high in avoid:
        return None
    if low < within[0] or high > within[1]:
        return None
    return (low, high)
