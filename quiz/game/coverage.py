"""Fair coverage: which of a bank's units compete for one place in a quiz.

A *unit* is what coverage counts: a figure with an `ask` (its estimate, choice, "who
said it", and the comparisons it answers) or a hand-written question. Every figure
and every hand-written question should be asked about as often as any other over many
seeds (issue 10, point 5).

Honesty makes some units rivals: two units *clash* when every question of one and
every question of the other would each answer the other (a reveal shows every figure
of its measure, so "How many refugees by the UN's count?" and "... by Gen. Milley's?"
cannot share a quiz, nor can a figure and the hand-written question its explanation
answers). Clashing units, joined transitively, form a *group*; at most about one
member of a group fits a quiz. Selection (`quiz.game.select`) therefore draws groups,
not units: a group comes up in proportion to its size, then one member, in turn by
seed, so each member of a group of k is asked about 1/k as often as the group, and a
large group is not starved by the many units that clash with nothing.

Computed once per bank and kinds (the bank object itself is kept and compared by
identity: an id() can be reused by a later bank), for banks of at most
`CALIBRATE_UNITS` units; in a larger bank a quiz touches few groups, and every unit is
a group of its own.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import NamedTuple

from quiz.bank.loader import LoadedBank
from quiz.game.catalogue import Spec
from quiz.game.disclosure import Disclosure
from quiz.game.facts import NUMBER_SLACK, Facts, Secret
from quiz.game.question import Question

CALIBRATE_UNITS = 400
"""Banks with at most this many units get their groups computed."""

_STEP = math.log(NUMBER_SLACK)


def unit_of(spec: Spec) -> str:
    """The unit a question counts for: the figure it asks about, or the written question."""
    if spec.kind == "written" or not spec.figures:
        return spec.id
    if spec.make in ("rank", "highest"):
        # "Which source gave the highest/lowest": about the figure that answers it.
        return str(spec.args[0])
    return spec.figures[0]


def _bucket(value: float) -> int:
    return math.floor(math.log(value) / _STEP) if value > 0 else -(10**9)


def _gives(
    facts: Facts,
    secrets: Sequence[Secret],
    by_key: dict[str, list[int]],
    by_bucket: dict[int, list[int]],
) -> set[int]:
    """Indexes of the secrets these facts state."""
    found = {i for key in facts.keys for i in by_key.get(key, ())}
    stated = facts.numbers | facts.times | {n for n, _ in facts.ratios}
    for number in stated:
        for i in by_bucket.get(_bucket(number), ()):
            if i not in found and secrets[i].given_away_by(facts):
                found.add(i)
    return found


def _clashes(
    questions: Sequence[Question], disclosure: Disclosure
) -> tuple[list[set[int]], set[int]]:
    """For each question, the questions it cannot share a quiz with (each states the
    other's answer: no order helps); and the questions no quiz can hold (their own
    prompt states their answer)."""
    secrets = [disclosure.secret(q) for q in questions]
    by_key: dict[str, list[int]] = {}
    by_bucket: dict[int, list[int]] = {}
    for i, secret in enumerate(secrets):
        for key in secret.keys:
            by_key.setdefault(key, []).append(i)
        if secret.low is not None and secret.high is not None:
            low, high = secret.low / NUMBER_SLACK, secret.high * NUMBER_SLACK
            for bucket in range(_bucket(low), _bucket(high) + 1):
                by_bucket.setdefault(bucket, []).append(i)
    gives = [_gives(disclosure.revealed(q), secrets, by_key, by_bucket) for q in questions]
    unplayable = {
        i for i, q in enumerate(questions) if secrets[i].given_away_by(disclosure.facts(q.prompt))
    }
    return [{j for j in gives[i] if i in gives[j]} for i in range(len(questions))], unplayable


class Rivalry(NamedTuple):
    """A bank's units as selection needs them."""

    groups: dict[str, tuple[str, ...]]
    """Each unit's group (its members, in bank order); a unit alone is a group of one."""
    clashes: dict[str, frozenset[str]]
    """Each unit's *partial* rivals: units one of whose questions clashes with one of its
    own. They could share a quiz, but some of their questions could not: selection
    keeps them out of the same quiz (`quiz.game.arcs`), so neither loses its turn to
    the other. Empty for a bank too large to compute groups."""


_known: list[tuple[LoadedBank, tuple[str, ...], Rivalry]] = []
"""The last bank's rivalry, with the kinds it was computed for."""


def groups(
    specs: Sequence[Spec],
    kinds: tuple[str, ...],
    disclosure: Disclosure,
    build: Callable[[Spec], Question],
) -> dict[str, tuple[str, ...]]:
    """Each unit's group (its members, in bank order); a unit that clashes with none is
    a group of one."""
    return rivalry(specs, kinds, disclosure, build).groups


def rivalry(
    specs: Sequence[Spec],
    kinds: tuple[str, ...],
    disclosure: Disclosure,
    build: Callable[[Spec], Question],
) -> Rivalry:
    """The groups and partial rivals of the units of these specs (`build` must not
    depend on the seed: what is computed here is kept for every later quiz)."""
    for bank, cached_kinds, found in _known:
        if bank is disclosure.loaded and cached_kinds == kinds:
            return found
    names = list(dict.fromkeys(unit_of(spec) for spec in specs))
    result: dict[str, tuple[str, ...]] = {name: (name,) for name in names}
    partial: dict[str, frozenset[str]] = {}
    if len(names) <= CALIBRATE_UNITS:
        questions = [build(spec) for spec in specs]
        owner = [unit_of(spec) for spec in specs]
        clash, unplayable = _clashes(questions, disclosure)
        members: dict[str, list[int]] = {}
        for i, name in enumerate(owner):
            if i not in unplayable:
                members.setdefault(name, []).append(i)
        rivals: dict[str, set[str]] = {name: set() for name in members}
        for name, mine in members.items():
            touched = {owner[j] for i in mine for j in clash[i] if j not in unplayable}
            partial[name] = frozenset(touched - {name})
            for other in {owner[j] for j in clash[mine[0]] if owner[j] in members} - {name}:
                # Rivals only if no question of one can share a quiz with one of the other.
                if all(j in clash[i] for i in mine for j in members[other]):
                    rivals[name].add(other)
        # Groups are cliques of rivals, the most contested units first: a unit that
        # clashes with only one member of a group (a written question answered by one
        # figure's explanation) is no rival of the rest, and waits for no group's turn.
        place = {name: n for n, name in enumerate(names)}

        def contested(name: str) -> tuple[int, int]:
            return (-len(rivals[name]), place[name])

        placed: set[str] = set()
        for name in sorted(members, key=contested):
            if name in placed:
                continue
            group = [name]
            for other in sorted(
                rivals[name] - placed, key=lambda n: (-len(rivals[n]), names.index(n))
            ):
                if all(other in rivals[member] for member in group):
                    group.append(other)
            placed.update(group)
            ordered = tuple(sorted(group, key=place.__getitem__))
            for member in group:
                result[member] = ordered
    found = Rivalry(result, partial)
    _known[:] = [(disclosure.loaded, kinds, found)]
    return found
