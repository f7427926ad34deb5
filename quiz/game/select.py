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
   a *unit*; units are tried in a seeded order, each once before any twice, so over
   many seeds each is asked about as often as any other. A unit offers its kinds in
   a seeded order (estimate, choice, source, comparisons whose answer is the figure),
   so kinds share a figure's turns. "Who put X at N?" is offered for a source's figure
   in inverse proportion to how many figures that source gave, so the source with the
   most figures does not answer most of them.

Cost: linear in the questions tried; the constraint checks go through indexes of the
chosen questions' facts (by key, and numbers by order of magnitude), not pairs.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass

from quiz.bank.loader import LoadedBank
from quiz.game.catalogue import Spec
from quiz.game.disclosure import Disclosure, Secret
from quiz.game.index import Index
from quiz.game.plan import Plan
from quiz.game.question import Question, Settings

CALIBRATE_UNITS = 400
"""Banks with at most this many units get coverage weights (see `_weights`)."""


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


def _unit(spec: Spec) -> str:
    """What coverage counts: the figure a question asks about, or the written question."""
    if spec.kind == "written" or not spec.figures:
        return spec.id
    if spec.make in ("rank", "highest"):
        # "Which source gave the highest/lowest": about the figure that answers it.
        return str(spec.args[0])
    return spec.figures[0]


def _offered(
    index: Index, specs: list[Spec], rng: random.Random, weights: dict[str, float]
) -> list[list[Spec]]:
    """The units in a seeded order, heavier units earlier, each with its questions in
    a seeded order of kinds."""
    per_source: dict[str, int] = {}
    for figure in index.figures.values():
        if figure.ask is not None:
            per_source[figure.source] = per_source.get(figure.source, 0) + 1
    fair = sum(per_source.values()) / max(1, len(per_source))
    units: dict[str, dict[str, list[Spec]]] = {}
    for spec in specs:
        if spec.make == "source":
            gave = per_source.get(index.figures[spec.figures[0]].source, 1)
            if rng.random() * gave > fair:
                continue
        units.setdefault(_unit(spec), {}).setdefault(spec.make, []).append(spec)
    keyed: list[tuple[float, list[Spec]]] = []
    for unit, kinds in units.items():
        makes = list(kinds)
        rng.shuffle(makes)
        ordered: list[Spec] = []
        for make in makes:
            group = kinds[make]
            rng.shuffle(group)
            ordered.extend(group)
        # An exponential race: a unit of weight w comes first w times as often.
        keyed.append((-math.log(1.0 - rng.random()) / weights.get(unit, 1.0), ordered))
    keyed.sort(key=lambda pair: pair[0])
    return [ordered for _, ordered in keyed]


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
    offered: list[list[Spec]],
    count: int,
    plan: Plan,
    build: Callable[[Spec], Question],
) -> int:
    """Take units in turn, each its first question that fits, until `count`; return
    how many questions were refused because they would give an answer away.

    A question is first checked by what its spec tells (its secret's keys, its reveal's
    cards, both cached): most refusals need neither building it nor reading its
    prompt, which is what keeps selection near the cost it had before the rule."""
    disclosure = plan.disclosure
    refused = 0
    progress = True
    while progress and len(plan.questions) < count:
        progress = False
        for queue in offered:
            if len(plan.questions) >= count:
                break
            while queue:
                spec = queue.pop(0)
                if spec.make in _ASKS_A_FIGURE and spec.measure in plan.closed:
                    refused += 1
                    continue
                measures = disclosure.measures_of(spec.figures)
                if plan.could_add(_known_secret(index, spec), measures) and plan.add(build(spec)):
                    progress = True
                    break
                refused += 1
    return refused


_weighed: list[tuple[LoadedBank, tuple[tuple[str, ...], bool], dict[str, float]]] = []
"""The last bank's weights, by kinds: a game generates from one bank. The bank itself is
kept and compared by identity (an id() could be reused by a later bank)."""


def _weights(
    index: Index,
    specs: list[Spec],
    settings: Settings,
    disclosure: Disclosure,
    build: Callable[[Spec], Question],
) -> dict[str, float]:
    """Weights that bring every unit nearer to being asked as often as any other.

    Units whose questions all give each other away (a figure and the hand-written
    question its explanation answers) compete for one place: in plain turns each
    would be asked a fraction as often as a unit that conflicts with none. A unit
    is weighed by the square root of one plus the number of units it competes with, so
    such a group comes up earlier (the root: a full weight would starve the free units
    at small counts; measured by bench/honesty.py). Computed once per bank and kinds,
    for banks of at most CALIBRATE_UNITS units (in a larger bank a quiz touches few
    of the groups).
    """
    names = {_unit(spec) for spec in specs}
    key = (tuple(settings.kinds), settings.count < len(names))
    for bank, cached_key, known in _weighed:
        if bank is disclosure.loaded and cached_key == key:
            return known
    weights: dict[str, float] = {}
    if settings.count < len(names) <= CALIBRATE_UNITS:
        units: dict[str, list[Question]] = {}
        for spec in specs:
            units.setdefault(_unit(spec), []).append(build(spec))
        secret = {id(q): disclosure.secret(q) for qs in units.values() for q in qs}
        shown = {id(q): disclosure.revealed(q) for qs in units.values() for q in qs}

        def clash(a: Question, b: Question) -> bool:
            return secret[id(a)].given_away_by(shown[id(b)]) and secret[id(b)].given_away_by(
                shown[id(a)]
            )

        for u in units:
            rivals = sum(
                all(clash(a, b) for a in units[u] for b in units[v]) for v in units if v != u
            )
            weights[u] = (1.0 + rivals) ** 0.5
    _weighed[:] = [(disclosure.loaded, key, weights)]
    return weights


def _unit_of(question: Question) -> str:
    if question.kind == "written" or not question.figure_ids:
        return question.id
    return question.figure_ids[0]


def select(
    index: Index,
    specs: list[Spec],
    settings: Settings,
    disclosure: Disclosure,
    build: Callable[[Spec], Question],
) -> Selection:
    """The quiz: up to `settings.count` questions of the kinds asked, in a valid order."""
    wanted = [s for s in specs if s.kind in settings.kinds]
    weights = _weights(index, wanted, settings, disclosure, build)
    rng = random.Random(settings.seed)
    plan = Plan(disclosure)
    refused = _fill(index, _offered(index, wanted, rng, weights), settings.count, plan, build)
    note = None
    if len(plan.questions) < settings.count and refused:
        note = SHORT_NOTE
    return Selection(plan.order(rng), note)
