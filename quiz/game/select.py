"""Which of a bank's possible questions make a quiz, and in which order.

Two rules, in this order of importance:

1. **No give-away.** No question's answer is stated on any screen shown before it
   is answered: not in an earlier question's prompt or options, not on an earlier
   reveal (every card of the measure, the explanation, the right answer), not in
   its own prompt (`quiz.game.disclosure` reads the facts of each screen). Question
   b must come before question a when a's screens state b's answer; a set of
   questions is playable when those constraints have an order (no cycle), and the
   quiz is a seeded order among the valid ones. A question that cannot join the
   quiz without a cycle is left out; when that leaves the quiz short of the count
   asked, `Selection.note` says why.
2. **Fair coverage.** Every figure with an `ask` and every hand-written question is
   a *unit*, and units that cannot share a quiz form groups (`quiz.game.coverage`).
   A quiz takes `count` groups by systematic sampling: each group is in a share of
   the quizzes in proportion to its size (at most all of them), so each member of a
   group of k, taking turns by seed, is asked as often as a unit alone. The sampled
   groups give one question each, then, if the quiz is still short, every unit's
   other questions take turns. A unit offers its kinds in a seeded order (estimate,
   choice, source, comparisons whose answer is the figure), so kinds share a figure's
   turns. Questions answered by a source's name ("who put X at N?", "which source gave
   the highest?") are offered in inverse proportion to how many of them that source
   answers in the bank, so no source is the usual answer.

Where a bank's groups are large, a long quiz cannot be fair: with g groups always in
and u units alone, a quiz of n questions asks each unit alone (n - g) / u of the time
and a member of a group of k 1 / k of it. The shipped bank (groups of 4, 4, 3, 3 and 2,
six units alone) is fair to within a factor 2 up to 8 questions (1.5 at 7, 3.3 at
10): hence `DEFAULT_COUNT`.

Cost: linear in the questions tried; the constraint checks go through indexes of the
chosen questions' facts (by key, and numbers by order of magnitude), not pairs.
"""

from __future__ import annotations

import random
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from quiz.game.catalogue import Spec
from quiz.game.coverage import groups, unit_of
from quiz.game.disclosure import Disclosure
from quiz.game.facts import Secret
from quiz.game.index import Index
from quiz.game.plan import Plan
from quiz.game.question import Question, Settings

WHO_EXPONENT = 2.0
"""A "who" question whose source answers n of the bank's, against a mean of m, is
offered with probability (m / n) ** WHO_EXPONENT (at most 1): squared, because honesty
refuses the rarer sources' questions more often (their figure's card is often shown
already), so a plain m / n still left the most prolific source the answer to 44% of
the shipped bank's asked "who" questions (bench/honesty.py)."""

SHORT_NOTE = (
    "It stops there: the bank's other questions would be answered by an earlier screen "
    "(a reveal shows every figure of its measure)."
)


@dataclass(frozen=True)
class Selection:
    questions: list[Question]
    note: str | None
    """Why the quiz is shorter than asked, when the reason is the rule above (for the
    player, after `quiz.present.counts.count_note`); None otherwise."""


def _slots(
    index: Index,
    specs: list[Spec],
    rng: random.Random,
    seed: int,
    grouped: dict[str, tuple[str, ...]],
    count: int,
) -> list[list[list[Spec]]]:
    """The groups (`quiz.game.coverage`) in the order selection tries them: `count`
    sampled groups first, then the others in a seeded order. Each group is a list of
    its members' questions, the member whose turn it is first (members take turns by
    seed), each member's questions in a seeded order of kinds."""
    # "Who put X at N?" and "which source gave the highest / lowest?" are offered in
    # inverse proportion to how many of them the answer's source answers in the bank: the
    # source that gave most figures (or the extreme ones) must not be the usual answer,
    # or "always pick that source" would pass without reading.
    who: dict[str, int] = {}
    for spec in specs:
        answer = _answered_by(index, spec)
        if answer is not None:
            who[answer] = who.get(answer, 0) + 1
    fair = sum(who.values()) / max(1, len(who))
    units: dict[str, dict[str, list[Spec]]] = {}
    for spec in specs:
        answer = _answered_by(index, spec)
        if answer is not None and rng.random() > (fair / who[answer]) ** WHO_EXPONENT:
            continue
        units.setdefault(unit_of(spec), {}).setdefault(spec.make, []).append(spec)
    queues: dict[str, list[Spec]] = {}
    for unit, kinds in units.items():
        makes = list(kinds)
        rng.shuffle(makes)
        mine: list[Spec] = []
        for make in makes:
            group = kinds[make]
            rng.shuffle(group)
            mine.extend(group)
        queues[unit] = mine
    slots: list[tuple[str, ...]] = []
    seen: set[tuple[str, ...]] = set()
    for unit in queues:
        members = tuple(m for m in grouped.get(unit, (unit,)) if m in queues)
        if members not in seen:
            seen.add(members)
            slots.append(members)
    # One order of the groups for the bank, whatever the seed, and a start that moves
    # along it by seed (a Weyl sequence): consecutive seeds take groups evenly spread
    # over the bank, where a fresh shuffle per seed would leave, after a few hundred
    # quizzes of a large bank, some units asked several times as often as others by
    # chance alone. Any one seed still starts at a place no player can tell.
    slots.sort(key=lambda members: zlib.crc32(members[0].encode()))
    offset = _spread(seed)
    if all(len(members) == 1 for members in slots):
        # No groups (or a bank too large to compute them): the units from the seed's
        # place on, the same whatever the count.
        start = int(offset * len(slots))
        slots = slots[start:] + slots[:start]
        chosen = list(range(len(slots)))
    else:
        chosen = _sample(slots, count, offset)
    # The sampled groups first, larger ones before (where a member clashes with a unit
    # outside its group, the group keeps its turn: the unit alone has more of them),
    # then the others (a quiz may need more when a sampled group's questions are
    # refused, or the count exceeds the groups).
    first = sorted((slots[i] for i in chosen), key=len, reverse=True)
    taken = set(chosen)
    others = [g for i, g in enumerate(slots) if i not in taken]
    # The others from the seed's place on too: from the top of one fixed order they
    # would always fill a short quiz with the same groups.
    start = int(offset * len(others))
    ordered = first + others[start:] + others[:start]
    result: list[list[list[Spec]]] = []
    for members in ordered:
        # Members take turns by seed, from a place of their own for each group (so the
        # groups' turns do not move in step).
        start = (seed + zlib.crc32(members[0].encode())) % len(members)
        turn = members[start:] + members[:start]
        result.append([queues[m] for m in turn])
    return result


def _spread(seed: int) -> float:
    """A place in [0, 1) for a seed: the fractional parts of seed x the golden ratio
    (Fibonacci hashing in 64 bits), which fill the interval evenly for consecutive
    seeds and look random for any one."""
    return ((seed * 0x9E3779B97F4A7C15) & 0xFFFF_FFFF_FFFF_FFFF) / 2.0**64


def _answered_by(index: Index, spec: Spec) -> str | None:
    """The source (as players read its name) whose name answers a "who" question."""
    if spec.make == "source":
        return index.names[spec.figures[0]].casefold()
    if spec.make in ("rank", "highest"):
        return index.names[str(spec.args[0])].casefold()
    return None


def _sample(slots: list[tuple[str, ...]], count: int, offset: float) -> list[int]:
    """`count` groups (all when fewer), each included with probability in proportion to
    its size, at most 1: systematic sampling, `count` points a step apart from a seeded
    offset along the groups laid end to end, so over many seeds a group of k members is
    in k times as many quizzes as a unit alone (or in all of them), and each of its
    members in as many as that unit."""
    if count >= len(slots):
        return list(range(len(slots)))
    sizes = [len(members) for members in slots]
    # The share p of a unit alone, so that sum(min(1, k * p)) == count.
    order = sorted(sizes, reverse=True)
    share = count / sum(sizes)
    # The largest groups are in every quiz when a share in proportion to size would
    # exceed one; the rest share what is left.
    for capped in range(len(order)):
        rest = sum(order[capped:])
        share = (count - capped) / rest if rest else 0.0
        if order[capped] * share <= 1:
            break
    chances = [min(1.0, k * share) for k in sizes]
    picked: list[int] = []
    edge = 0.0
    point = offset
    for i, chance in enumerate(chances):
        edge += chance
        while point < edge - 1e-12 and len(picked) < count:
            if not picked or picked[-1] != i:
                picked.append(i)
            point += 1.0
    return picked


_ASKS_A_FIGURE = frozenset({"estimate", "choice", "source", "rank", "highest"})
"""Builders whose question asks for one figure's value or source (`Plan.closed`)."""


def _known_secret(index: Index, spec: Spec) -> Secret:
    """The part of a question's secret its spec tells without building it: which
    figure's value or source it asks for, which hand-written answer (numbers: none)."""
    if spec.make in ("estimate", "choice"):
        return Secret(frozenset({"v:" + spec.figures[0]}))
    if spec.make == "source":
        return Secret(frozenset({"s:" + spec.figures[0]}))
    if spec.make in ("rank", "highest"):
        return Secret(frozenset({f"s:{spec.args[0]}"}))
    if spec.make == "written" and index.bank.questions[spec.args[0]].kind == "choice":
        return Secret(frozenset({f"w:{spec.args[0]}"}))
    return Secret()


def _fill(
    index: Index,
    slots: list[list[list[Spec]]],
    count: int,
    plan: Plan,
    build: Callable[[Spec], Question],
) -> int:
    """One question per group, groups in turn, then (when the quiz is still short) the
    rest of every unit's questions in turns, until `count`; return how many questions
    were refused because they would give an answer away.

    A question is first checked by what its spec tells (its secret's keys, its reveal's
    cards, both cached): most refusals need neither building it nor reading its
    prompt, which is what keeps selection near the cost it had before the rule."""
    disclosure = plan.disclosure
    refused = 0

    def take(queue: list[Spec]) -> bool:
        nonlocal refused
        while queue:
            spec = queue.pop(0)
            if spec.make in _ASKS_A_FIGURE and spec.measure in plan.closed:
                refused += 1
                continue
            measures = disclosure.measures_of(spec.figures)
            if plan.could_add(_known_secret(index, spec), measures) and plan.add(build(spec)):
                return True
            refused += 1
        return False

    for slot in slots:
        if len(plan.questions) >= count:
            return refused
        for queue in slot:
            if take(queue):
                break
    queues = [queue for slot in slots for queue in slot]
    progress = True
    while progress and len(plan.questions) < count:
        progress = False
        for queue in queues:
            if len(plan.questions) >= count:
                break
            progress |= take(queue)
    return refused


def select(
    index: Index,
    specs: list[Spec],
    settings: Settings,
    disclosure: Disclosure,
    build: Callable[[Spec], Question],
) -> Selection:
    """The quiz: up to `settings.count` questions of the kinds asked, in a valid order.

    A shorter quiz is the one its own length gives: the replay command states the
    count a quiz has (`quiz.play.setup.replay_command`), and sampling depends on the
    count, so selection is run again at the length found until the two agree (only
    when that length is below the number of groups: above it, every group is taken
    either way)."""
    wanted = [s for s in specs if s.kind in settings.kinds]
    grouped = groups(wanted, tuple(settings.kinds), disclosure, build)
    count = settings.count
    refused = 0
    while True:
        rng = random.Random(settings.seed)
        plan = Plan(disclosure)
        slots = _slots(index, wanted, rng, settings.seed, grouped, count)
        # Refusals at the count asked say why the quiz is short.
        refusals = _fill(index, slots, count, plan, build)
        refused = refused or refusals
        # At a length no smaller than the groups, every group is sampled either way;
        # with no groups, the order does not depend on the count.
        ungrouped = all(len(members) == 1 for members in grouped.values())
        if len(plan.questions) >= min(count, len(slots)) or not plan.questions or ungrouped:
            break
        count = len(plan.questions)
    note = None
    if len(plan.questions) < settings.count and refused:
        note = SHORT_NOTE
    return Selection(plan.order(rng), note)
