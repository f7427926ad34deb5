"""Whether a measure's plausible range leaves room for a choice question's options.

An author may give a measure a plausible range (`[measures.<id>] plausible = { low, high }`:
no count of a country's refugees above its population). Every option of a choice question
about the measure's figures is then drawn inside it, and the steps between options narrow
to fit rather than the answer's rank moving (quiz.game.distractors, linear_distractors).
They narrow only down to the minimum gap (x1.25 between options; one `gap` for a linear
kind), so a range can be too narrow for a figure: four options at that gap, with the
answer at every rank, need three options' room on each side of it. Such a figure is not
asked as a choice question (its options would put it at the edge, or be too few), and
`quiz check` says so (`narrow_figures`), naming the room it would need. It is still asked
as an estimate, and in every other kind of question.

The shipped bank's refugee measure is the case in point: Milley's "15 million-30 million"
is a range twice as wide as its low end, so options that keep that width and sit x1.25
apart reach 470 million above it, while Ukraine had about 41 million people.
"""

from __future__ import annotations

import functools
import math

from quiz.bank.loader import LoadedBank
from quiz.errors import quoted
from quiz.game import distractors
from quiz.game.distractors import MIN_GAP, apart, digits_of, scaled_like
from quiz.game.index import Index
from quiz.game.linear_distractors import linear_room
from quiz.game.quantity import LINEAR_RULES, is_linear
from quiz.game.question import MAX_OPTIONS

Interval = tuple[float, float]
_WRONG = MAX_OPTIONS - 1


def room(index: Index, figure_id: str) -> tuple[int, int]:
    """Options that fit below and above the figure inside its measure's plausible range."""
    within = index.within.get(figure_id)
    if within is None:
        return _WRONG, _WRONG
    figure = index.figures[figure_id]
    answer = index.bounds[figure_id]
    if is_linear(figure.kind):
        return linear_room(answer, LINEAR_RULES[figure.kind], within, _WRONG)
    return _ratio_room(answer, figure.kind == "count", (max(0.0, within[0]), within[1]))


@functools.lru_cache(maxsize=1024)
def _ratio_room(answer: Interval, whole: bool, within: Interval) -> tuple[int, int]:
    # Every quiz builds its catalogue: a bank's few ranged figures are walked once.
    return option_room(answer, whole, within, count=_WRONG)


def has_room(index: Index, figure_id: str) -> bool:
    """Whether the figure can be asked as a choice with the answer at every rank."""
    return figure_id not in index.within or room(index, figure_id) == (_WRONG, _WRONG)


def narrow_figures(loaded: LoadedBank) -> list[str]:
    """For `quiz check`: one line per asked figure whose plausible range is too narrow
    for a choice question, saying how far it would have to reach."""
    index = Index(loaded)
    lines = []
    for figure_id, within in index.within.items():
        figure = index.figures[figure_id]
        if figure.ask is None:
            continue
        below, above = room(index, figure_id)  # has_room's test, its numbers kept
        if (below, above) == (_WRONG, _WRONG):
            continue
        low, high = index.bounds[figure_id]
        if is_linear(figure.kind):
            gap = LINEAR_RULES[figure.kind].gap
            needed_low, needed_high = low - _WRONG * gap, high + _WRONG * gap
        else:
            step = MIN_GAP * high / low
            needed_low, needed_high = low / step**_WRONG, high * step**_WRONG
        short = []
        if below < _WRONG:
            short.append(
                f"{_options(below)} below it, down to {_number(within[0])}; three reach"
                f" down to about {_number(needed_low)}"
            )
        if above < _WRONG:
            short.append(
                f"{_options(above)} above it, up to {_number(within[1])}; three reach"
                f" up to about {_number(needed_high)}"
            )
        lines.append(
            f"figures.{figure_id}: asked as an estimate but never as a choice: the"
            f" plausible range of measure {quoted(figure.measure)} has room for"
            f" {' and '.join(short)} (a choice needs three on each side,"
            f" x{MIN_GAP:g} apart, so that the answer can take any rank);"
            " widen the range if a reader would not rule such options out"
        )
    return lines


def _options(count: int) -> str:
    return "no option" if count == 0 else "1 option" if count == 1 else f"{count} options"


def _number(value: float) -> str:
    if math.isinf(value):
        return "no end"
    shown = distractors.round_significant(abs(value), 2)
    return distractors.interval_text(math.copysign(shown, value), math.copysign(shown, value))


def option_room(
    answer: Interval,
    whole: bool = False,
    within: Interval = distractors.ANYWHERE,
    count: int = 3,
) -> tuple[int, int]:
    """How many options (up to `count`) fit below and above `answer` inside `within`, at
    MIN_GAP apart and written like the answer (fewer digits allowed, as `pick` allows):
    the answer can take every rank only when both are `count`.

    Found greedily, each option the nearest that fits beyond the last, which packs the
    most. A side with no end to `within` is not walked: it holds `count` (the answer's own
    size limits it otherwise, which `pick` deals with by another rank, as before).
    """
    low, high = answer
    whole = whole or (float(low).is_integer() and float(high).is_integer())
    digits = (digits_of(low), digits_of(high))
    found = []
    for direction, bounded in ((-1, within[0] > 0), (1, math.isfinite(within[1]))):
        if not bounded:
            found.append(count)
            continue
        last, factor, made = answer, 1.0, 0
        while made < count:
            # The nearest factor at which the next option could be apart from the last.
            if direction > 0:
                factor = max(factor, last[1] * MIN_GAP / low)
            else:
                factor = min(factor, last[0] / MIN_GAP / high)
            option = None
            for _ in range(400):
                option = scaled_like(answer, factor, digits, whole, False, (), within)
                if option is not None and apart(option, last):
                    break
                option = None
                factor *= 1.01**direction
                if low * factor > within[1] or high * factor < within[0]:
                    break
            if option is None:
                break
            last, made = option, made + 1
        found.append(made)
    return found[0], found[1]
