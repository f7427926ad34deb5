"""The questions chosen so far and the order constraints between them.

Question b must come before question a when a's screens (prompt, options, reveal)
state b's answer. A set of questions is playable when those constraints have an
order, that is when they form no cycle; `Plan.add` refuses a question that would
make one (or whose own prompt states its answer), and `Plan.order` draws a seeded
order among the valid ones. The checks go through indexes of the chosen questions'
facts (by key, numbers by order of magnitude, generated ratios by measure), never
through all pairs.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Iterable

from quiz.game.disclosure import Disclosure
from quiz.game.facts import NUMBER_SLACK, Facts, Secret
from quiz.game.question import Kind, Question

_BUCKET = math.log(NUMBER_SLACK)

Entries = dict[int, list[tuple[float, int]]]
"""(number, question) by order of magnitude."""


def _bucket(value: float) -> int:
    return math.floor(math.log(value) / _BUCKET) if value > 0 else -(10**9)


def _within(index: Entries, low: float, high: float) -> set[int]:
    """Questions with a number in low..high."""
    found: set[int] = set()
    for bucket in range(_bucket(low), _bucket(high) + 1):
        for number, j in index.get(bucket, ()):
            if low <= number <= high:
                found.add(j)
    return found


class Plan:
    """Chosen questions and the order constraints between them."""

    def __init__(self, disclosure: Disclosure) -> None:
        self.disclosure = disclosure
        self.questions: list[Question] = []
        self.after: list[set[int]] = []
        """after[i]: questions that must come after question i."""
        # What the chosen questions' answers are ...
        self.secret_keys: dict[str, list[int]] = {}
        self.secret_numbers: dict[int, list[tuple[Secret, int]]] = {}
        """Numeric answers any stated number near them gives away, by magnitude."""
        self.secret_times: dict[int, list[tuple[Secret, int]]] = {}
        """Generated ratios: a number stated as a ratio ("17 times") gives them away ..."""
        self.secret_ratios: dict[str, list[tuple[Secret, int]]] = {}
        """... and so does another generated ratio's answer on their measure."""
        # ... and what their screens state.
        self.shown_keys: dict[str, list[int]] = {}
        self.shown_numbers: Entries = {}
        self.shown_times: Entries = {}
        self.shown_ratios: dict[str, list[tuple[float, int]]] = {}
        # A measure's cards are shown by every question on it: their facts are indexed
        # once per measure (on first use), with the questions showing them and the
        # chosen questions whose answer they state, kept up to date as questions join.
        self.measure_keys: dict[str, list[str]] = {}
        self.measure_numbers: dict[int, list[tuple[float, str]]] = {}
        self.measure_times: dict[int, list[tuple[float, str]]] = {}
        self.showing: dict[str, list[int]] = {}
        """Measure -> chosen questions whose reveal shows its cards."""
        self.answers_of: dict[str, set[int]] = {}
        """Measure -> chosen questions whose answer its cards state."""
        self.closed: set[str] = set()
        """Measures whose cards state the answer of a chosen question that shows them:
        no other question asking a figure's value or source on them can join (it would
        have to come both before that question, whose reveal states its answer, and
        after it, since its own reveal states that question's answer)."""

    def _stating(self, secret: Secret) -> set[int]:
        """Chosen questions whose screens state this secret."""
        found = {j for key in secret.keys for j in self.shown_keys.get(key, ())}
        for measure in self._measures_stating(secret):
            found.update(self.showing[measure])
        if secret.low is None or secret.high is None:
            return found
        low, high = secret.low / NUMBER_SLACK, secret.high * NUMBER_SLACK
        if not secret.times_only:
            return found | _within(self.shown_numbers, low, high)
        found |= _within(self.shown_times, low, high)
        for number, j in self.shown_ratios.get(secret.measure, ()):
            if low <= number <= high:
                found.add(j)
        return found

    def _measures_stating(self, secret: Secret) -> set[str]:
        """Indexed measures whose cards state this secret (cards state no generated
        ratio's answer)."""
        found = {m for key in secret.keys for m in self.measure_keys.get(key, ())}
        if secret.low is None or secret.high is None:
            return found
        low, high = secret.low / NUMBER_SLACK, secret.high * NUMBER_SLACK
        index = self.measure_times if secret.times_only else self.measure_numbers
        for bucket in range(_bucket(low), _bucket(high) + 1):
            for number, measure in index.get(bucket, ()):
                if low <= number <= high:
                    found.add(measure)
        return found

    def _index_measure(self, measure: str) -> set[int]:
        """The chosen questions a measure's cards answer, indexing the measure first."""
        known = self.answers_of.get(measure)
        if known is not None:
            return known
        facts = self.disclosure.measure(measure)
        for key in facts.keys:
            self.measure_keys.setdefault(key, []).append(measure)
        for numbers, entries in (
            (facts.numbers, self.measure_numbers),
            (facts.times, self.measure_times),
        ):
            for number in numbers:
                entries.setdefault(_bucket(number), []).append((number, measure))
        self.showing[measure] = []
        known = self._answered_by(facts)
        self.answers_of[measure] = known
        return known

    def _answered_by(self, shown: Facts, measures: Iterable[str] = ()) -> set[int]:
        """Chosen questions whose secret these facts, or these measures' cards, state."""
        found = {j for key in shown.keys for j in self.secret_keys.get(key, ())}
        for numbers, index in (
            (shown.numbers, self.secret_numbers),
            (shown.times, self.secret_times),
        ):
            if not index:
                continue
            for number in numbers:
                for secret, j in index.get(_bucket(number), ()):
                    if j not in found and secret.near(number):
                        found.add(j)
        for number, measure in shown.ratios:
            for secret, j in self.secret_ratios.get(measure, ()):
                if j not in found and secret.near(number):
                    found.add(j)
        for measure in measures:
            found |= self._index_measure(measure)
        return found

    def _reaches(self, starts: set[int], targets: set[int]) -> bool:
        seen: set[int] = set()
        stack = list(starts)
        while stack:
            node = stack.pop()
            if node in targets:
                return True
            if node not in seen:
                seen.add(node)
                stack.extend(self.after[node] - seen)
        return False

    def _cycles(
        self, secret: Secret, shown: Facts, measures: list[str]
    ) -> tuple[set[int], set[int]] | None:
        """The chosen questions a new one must come before and after, or None when
        no order allows both. `shown`: what its own screens state; `measures`: those
        whose cards its reveal shows."""
        before_them = self._stating(secret)  # the new one must come before these
        after_them = self._answered_by(shown, measures)  # ... and after these
        if before_them & after_them or self._reaches(before_them, after_them):
            return None
        return before_them, after_them

    def could_add(self, secret: Secret, measures: list[str]) -> bool:
        """False when part of a question's secret and the cards its reveal shows
        already make a cycle: more facts only add constraints, so the whole question
        would be refused too. Lets selection refuse a question before building or
        reading it."""
        return self._cycles(secret, Facts(), measures) is not None

    def add(self, question: Question) -> bool:
        """Add the question if the quiz stays playable without a give-away."""
        d = self.disclosure
        secret = d.secret(question)
        # Its own options hold its answer by design; its prompt must not.
        if secret.given_away_by(d.facts(question.prompt)):
            return False
        shown = d.own(question)
        measures = d.measures_of(question.figure_ids)
        found = self._cycles(secret, shown, measures)
        if found is None:
            return False
        before_them, after_them = found
        new = len(self.questions)
        self.questions.append(question)
        self.after.append(before_them)
        for j in after_them:
            self.after[j].add(new)
        for key in secret.keys:
            self.secret_keys.setdefault(key, []).append(new)
        if secret.low is not None and secret.high is not None:
            low, high = secret.low / NUMBER_SLACK, secret.high * NUMBER_SLACK
            index = self.secret_times if secret.times_only else self.secret_numbers
            for bucket in range(_bucket(low), _bucket(high) + 1):
                index.setdefault(bucket, []).append((secret, new))
            if secret.times_only:
                self.secret_ratios.setdefault(secret.measure, []).append((secret, new))
        for measure in self._measures_stating(secret):
            self.answers_of[measure].add(new)
        for key in shown.keys:
            self.shown_keys.setdefault(key, []).append(new)
        for numbers, entries in (
            (shown.numbers, self.shown_numbers),
            (shown.times, self.shown_times),
        ):
            for number in numbers:
                entries.setdefault(_bucket(number), []).append((number, new))
        for number, measure in shown.ratios:
            self.shown_ratios.setdefault(measure, []).append((number, new))
        for measure in measures:
            self.showing[measure].append(new)
            if not secret.keys.isdisjoint(d.measure(measure).keys):
                self.closed.add(measure)
        return True

    def order(self, rng: random.Random) -> list[Question]:
        """A seeded order in which every question comes before those stating its answer.

        Among the questions free to come next, one of another kind than the last, and of
        the kind with the most questions still to ask, is preferred (as cards are dealt
        so that no suit runs), so a quiz alternates its kinds where that order allows
        rather than asking four hand-written questions in a row. The kinds are on the
        screen anyway: their order tells nothing of an answer."""
        waiting = [0] * len(self.questions)
        for successors in self.after:
            for j in successors:
                waiting[j] += 1
        # The questions free to come next, by kind (in the order they became free): a
        # step looks at the few kinds, not at every free question of a 10,000-question quiz.
        ready: dict[Kind, list[int]] = {}
        for i, n in enumerate(waiting):
            if n == 0:
                ready.setdefault(self.questions[i].kind, []).append(i)
        left = Counter(question.kind for question in self.questions)
        result: list[Question] = []
        while free := sorted(kind for kind, waiting_kind in ready.items() if waiting_kind):
            # Without "most still to ask", the last few questions are all of one kind.
            kinds = [kind for kind in free if not result or kind != result[-1].kind] or free
            most = max(left[kind] for kind in kinds)
            chosen = [ready[kind] for kind in kinds if left[kind] == most]
            pick = rng.randrange(sum(len(of_kind) for of_kind in chosen))
            for of_kind in chosen:
                if pick < len(of_kind):
                    i = of_kind.pop(pick)
                    break
                pick -= len(of_kind)
            left[self.questions[i].kind] -= 1
            result.append(self.questions[i])
            for j in sorted(self.after[i]):
                waiting[j] -= 1
                if waiting[j] == 0:
                    ready.setdefault(self.questions[j].kind, []).append(j)
        assert len(result) == len(self.questions), "the plan admitted a cycle"
        return result
