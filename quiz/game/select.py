"""Which of a bank's possible questions make a quiz, and in which order.

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
"""

from __future__ import annotations

import random

from quiz.game.catalogue import Spec
from quiz.game.index import Index
from quiz.game.question import KINDS, Kind, Question, Settings

_WINDOW = 16
"""How many of a kind's next questions are weighed when a measure must repeat: a
constant, so selection stays linear in the bank however small it is."""


def select(index: Index, specs: list[Spec], settings: Settings) -> list[Spec]:
    rng = random.Random(settings.seed)
    queues: dict[str, list[Spec]] = {}
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
    chosen: list[Spec] = []
    used_figures: set[str] = set()
    shown: dict[str, int] = {}
    taken = dict.fromkeys(kinds, 0)

    def take(kind: Kind, spec: Spec) -> None:
        chosen.append(spec)
        used_figures.update(spec.figures)
        if spec.measure:
            shown[spec.measure] = shown.get(spec.measure, 0) + 1
        taken[kind] += 1

    skipped: dict[str, list[Spec]] = {k: [] for k in kinds}
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
    queues: dict[str, list[Spec]],
    kinds: list[Kind],
    quota: dict[Kind, int],
    taken: dict[Kind, int],
    chosen: list[Spec],
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


def _gives_itself_away(index: Index, question: Question) -> bool:
    """Whether a reveal showing this question's figures shows its answer: a figure's
    value or its source's name."""
    if question.is_numeric:
        answer = (question.low, question.high)
        return any(index.bounds[f] == answer for f in question.figure_ids)
    # An option reads as the reveal writes a figure (with its unit) or names a source
    # (capitalised as an option).
    picked = question.answer_text.casefold()
    return any(
        picked in (index.value_text(f).casefold(), index.names[f].casefold())
        for f in question.figure_ids
    )


def order(index: Index, chosen: list[Spec], built: list[Question]) -> list[Question]:
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
