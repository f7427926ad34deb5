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
   A quiz takes `count` units by systematic sampling along a line laid out once per
   bank and count (`quiz.game.arcs`): each unit has a share of the quizzes, the same
   for all (a group too large for that takes every quiz, its members 1/k each), and
   units one of whose questions would refuse the other's are laid so that no quiz
   samples both. The sampled units give one question each (a refused unit's turn goes
   to the next member of its group), then, if the quiz is still short, every unit from
   the seed's place on, then every unit's other questions in turns. A unit offers its
   kinds in a seeded order (estimate, choice, source, comparisons whose answer is the
   figure), so kinds share a figure's turns. Questions answered by a source's name
   ("who put X at N?", "which source gave the highest?") are offered so that no source
   is the usual answer (`quiz.game.who`).

Where a bank's groups are large, a long quiz cannot be fair: with g groups always in
and u units alone, a quiz of n questions asks each unit alone (n - g) / u of the time
and a member of a group of k 1 / k of it. The shipped bank (groups of 4, 4, 3, 3 and 2,
six units alone) is fair to within a factor 2 up to 8 questions (1.5 at 7, 3.3 at
best at 10): hence `DEFAULT_COUNT`.

Cost: linear in the questions tried; the constraint checks go through indexes of the
chosen questions' facts (by key, and numbers by order of magnitude), not pairs.
"""

from __future__ import annotations

import random
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from quiz.game.arcs import Layout, layout
from quiz.game.catalogue import Spec
from quiz.game.coverage import Rivalry, rivalry, unit_of
from quiz.game.disclosure import Disclosure
from quiz.game.facts import Secret
from quiz.game.index import Index
from quiz.game.plan import Plan
from quiz.game.question import Question, Settings
from quiz.game.who import answered_by, family, offers

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
    rivalry: Rivalry,
    count: int,
) -> list[list[list[Spec]]]:
    """The units' questions in the order selection tries them: the `count` sampled
    units (`quiz.game.arcs`) first, each followed by the rest of its group; then every
    unit from the seed's place on. Each unit's questions come in a seeded order of
    kinds."""
    units: dict[str, dict[str, list[Spec]]] = {}
    for spec in specs:
        units.setdefault(unit_of(spec), {}).setdefault(spec.make, []).append(spec)
    cliques: list[tuple[str, ...]] = []
    seen: set[tuple[str, ...]] = set()
    for unit in units:
        members = rivalry.groups.get(unit, (unit,))
        if members not in seen:
            seen.add(members)
            cliques.append(members)
    # One order of the groups for the bank, whatever the seed, and a place that moves
    # along it by seed (a Weyl sequence): consecutive seeds take units evenly spread
    # over the bank, where a fresh shuffle per seed would leave, after a few hundred
    # quizzes of a large bank, some units asked several times as often as others by
    # chance alone. Any one seed still starts at a place no player can tell.
    cliques.sort(key=lambda members: zlib.crc32(members[0].encode()))
    offset = _spread(seed)
    # Hand-written questions interleaved with figures along the line, so that each quiz
    # mixes the two kinds near their mean, not 2 or 6 of 7 by the order's chance.
    written = frozenset(unit for unit, kinds in units.items() if "written" in kinds)
    line = _layout(rivalry, cliques, count, written) if rivalry.clashes else None
    # Who questions are offered so that no source is the usual answer (`quiz.game.who`).
    offered = offers(index, units, line.shares() if line else {})
    queues: dict[str, list[Spec]] = {}
    # Who questions not offered this time are kept for last, when nothing else fills
    # the quiz (a quiz of "who said it" questions only must still have them).
    spare: list[Spec] = []
    for unit, kinds in units.items():
        makes = list(kinds)
        rng.shuffle(makes)
        mine: list[Spec] = []
        for make in makes:
            group = kinds[make][:]
            rng.shuffle(group)
            for spec in group:
                source = answered_by(index, spec)
                if source is None or rng.random() < offered[family(spec), source]:
                    mine.append(spec)
                else:
                    spare.append(spec)
        queues[unit] = mine
    rng.shuffle(spare)
    group_of = {unit: members for members in cliques for unit in members}
    if line is None:
        # A bank too large to compute groups: the units from the seed's place on, the
        # same whatever the count.
        start = int(offset * len(cliques))
        order = [members[0] for members in cliques[start:] + cliques[:start]]
        return [[queues[u]] for u in order] + [[spare]]
    # The sampled units first, those of larger groups before (where a unit clashes with
    # a unit outside its group, the group keeps its turn: the unit alone has more of
    # them), each followed by the rest of its group in turn (when its own questions are
    # refused); then every unit from the seed's place on (a quiz may need more when
    # questions are refused, or the count exceeds the groups).
    picked = sorted(line.picked(offset), key=lambda u: -len(group_of[u]))
    result: list[list[list[Spec]]] = []
    for unit in picked:
        members = group_of[unit]
        at = members.index(unit)
        turn = members[at:] + members[:at]
        result.append([queues[m] for m in turn])
    taken = set(picked)
    result += [[queues[u]] for u in line.from_place(offset) if u not in taken]
    return [*result, [spare]]


_layouts: list[tuple[Rivalry, int, tuple[tuple[str, ...], ...], frozenset[str], Layout]] = []
"""The last few layouts (per bank's rivalry, count and groups), each computed once."""


def _layout(
    rivalry: Rivalry, cliques: list[tuple[str, ...]], count: int, written: frozenset[str]
) -> Layout:
    key = tuple(cliques)
    for known, known_count, known_key, known_written, found in _layouts:
        if (
            known is rivalry
            and known_count == count
            and known_key == key
            and known_written == written
        ):
            return found
    found = layout(cliques, rivalry.clashes, count, written)
    _layouts[:] = [*_layouts[-7:], (rivalry, count, key, written, found)]
    return found


def _spread(seed: int) -> float:
    """A place in [0, 1) for a seed: the fractional parts of seed x the golden ratio
    (Fibonacci hashing in 64 bits), which fill the interval evenly for consecutive
    seeds and look random for any one."""
    return ((seed * 0x9E3779B97F4A7C15) & 0xFFFF_FFFF_FFFF_FFFF) / 2.0**64


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
    calibrate: Callable[[Spec], Question] | None = None,
) -> Selection:
    """The quiz: up to `settings.count` questions of the kinds asked, in a valid order.

    A shorter quiz is the one its own length gives: the replay command states the
    count a quiz has (`quiz.play.setup.replay_command`), and sampling depends on the
    count, so selection is run again at the length found until the two agree (only
    when that length is below the number of groups: above it, every group is taken
    either way)."""
    wanted = [s for s in specs if s.kind in settings.kinds]
    rivals = rivalry(wanted, tuple(settings.kinds), disclosure, calibrate or build)
    # At a length no smaller than the groups, every group is sampled either way; with
    # no groups computed, the order does not depend on the count.
    groups = len(set(rivals.groups.values())) if rivals.clashes else 0
    count = settings.count
    refused = 0
    while True:
        rng = random.Random(settings.seed)
        plan = Plan(disclosure)
        slots = _slots(index, wanted, rng, settings.seed, rivals, count)
        # Refusals at the count asked say why the quiz is short.
        refusals = _fill(index, slots, count, plan, build)
        refused = refused or refusals
        if len(plan.questions) >= min(count, groups) or not plan.questions:
            break
        count = len(plan.questions)
    note = None
    if len(plan.questions) < settings.count and refused:
        note = SHORT_NOTE
    return Selection(plan.order(rng), note)
