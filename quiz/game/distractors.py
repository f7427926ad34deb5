"""Wrong options for a number question that are plausible and honest.

A distractor is either another figure of the same unit from the bank (a number the
player may have read in the same article) or the answer scaled by a factor a
careless reader could be off by (x2, x3, x5, x10 and their inverses), rounded to
the precision the answer is written in so that the answer does not stand out as
the only unrounded number.

Honesty rules, enforced on every option set:

- no two options read the same (compared on the displayed text);
- no distractor overlaps the answer or lies within a factor `MIN_GAP` of it, so a
  range answer never has a distractor inside it and "105,000" never competes with
  "100,000";
- options are at least `MIN_GAP` apart from each other too, so each reads as a
  distinct claim.

The answer's rank among the sorted options is drawn from the seeded generator, so
"pick the largest" is never a strategy.
"""

from __future__ import annotations

import math
import random

from quiz.bank.numbers import format_number

Interval = tuple[float, float]

MIN_GAP = 1.25
"""Options are at least this factor apart (between their nearest ends)."""
FACTORS: tuple[float, ...] = (2, 3, 5, 10, 1 / 2, 1 / 3, 1 / 5, 1 / 10)
EXTRA_FACTORS: tuple[float, ...] = (20, 50, 100, 1 / 20, 1 / 50, 1 / 100)
"""Used only when the usual factors cannot fill the options."""
MAX_FIGURE_DISTRACTORS = 2
"""At most this many options come from the bank's other figures: the rest are scaled
answers, so a quiz over a small bank does not show the same few numbers everywhere."""
PLAUSIBLE_RATIO = 30.0
"""Other figures further than this factor from the answer are too obviously wrong."""


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


def scaled(answer: Interval, factor: float, digits: int) -> Interval:
    """The answer times `factor`, rounded; whole numbers stay whole ("593.7" people is silly)."""
    low = round_significant(answer[0] * factor, digits)
    high = low if answer[1] == answer[0] else round_significant(answer[1] * factor, digits)
    if float(answer[0]).is_integer() and float(answer[1]).is_integer():
        low, high = float(max(1, round(low))), float(max(1, round(high)))
    return (low, high)


def pick(
    answer: Interval,
    figures: list[Interval],
    rng: random.Random,
    count: int = 3,
) -> list[Interval]:
    """Up to `count` distractors for `answer`, from `figures` (same unit) and factors.

    Returns them unsorted; the caller sorts the options by value.
    """
    answer_text = interval_text(*answer)
    digits = min(4, max(2, shown_digits(answer_text)))
    plausible = [
        f
        for f in figures
        if f[0] > 0 and f[1] < answer[1] * PLAUSIBLE_RATIO and f[0] > answer[0] / PLAUSIBLE_RATIO
    ]
    rng.shuffle(plausible)
    factors = list(FACTORS)
    rng.shuffle(factors)
    # Candidates are (figure interval, None) or (None, factor): a factor is scaled
    # and rounded only when it is considered, which is rarely more than four times.
    below: list[tuple[Interval | None, float | None]] = [
        (f, None) for f in plausible if f[1] < answer[0]
    ]
    above: list[tuple[Interval | None, float | None]] = [
        (f, None) for f in plausible if f[0] > answer[1]
    ]
    below += [(None, k) for k in factors if k < 1]
    above += [(None, k) for k in factors if k > 1]
    want_below = rng.randint(0, count)

    chosen: list[Interval] = []
    texts = {answer_text}
    from_figures = 0
    made: dict[float, Interval] = {}  # scaled answers: the below pool may be walked twice

    def take(pool: list[tuple[Interval | None, float | None]], limit: int) -> None:
        nonlocal from_figures
        for figure, factor in pool:
            if len(chosen) >= limit:
                return
            if figure is not None:
                if from_figures >= MAX_FIGURE_DISTRACTORS:
                    continue
                option = figure
            else:
                assert factor is not None
                option = made.get(factor) or made.setdefault(factor, scaled(answer, factor, digits))
            if not (option[0] > 0 and math.isfinite(option[1])):
                continue
            if not apart(option, answer) or any(not apart(option, o) for o in chosen):
                continue
            text = interval_text(*option)
            if text in texts:
                continue
            chosen.append(option)
            texts.add(text)
            if figure is not None:
                from_figures += 1

    take(below, want_below)
    take(above, count)
    take(below, count)
    if len(chosen) < count:
        take([(None, k) for k in EXTRA_FACTORS], count)
    return chosen
