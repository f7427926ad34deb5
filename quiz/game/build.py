"""Build a selected spec into a `Question`: the phrasing of each kind and its options.

Sentences come from the templates of `quiz.game.wording`, or the figure's own `prompts`.

Each question's options are drawn from `random.Random(f"{seed}/{question id}")`, so a
question reads the same in every quiz of that seed whatever else was selected.
"""

from __future__ import annotations

import random
import weakref
from collections.abc import Callable
from typing import Any

from quiz.bank.data import Figure, Unit
from quiz.game import distractors
from quiz.game.catalogue import Spec
from quiz.game.index import Index, measure_label
from quiz.game.linear_distractors import ANYWHERE as LINEAR_ANYWHERE
from quiz.game.linear_distractors import pick_linear
from quiz.game.quantity import LINEAR_RULES, TIMES, is_linear, quantity_text, unit_display
from quiz.game.question import MAX_OPTIONS, Question
from quiz.game.wording import TEMPLATES, as_of_text, capitalised, fill


def _own(figure: Figure, kind: str) -> str | None:
    """The author's wording of this kind of question about `figure`, if they gave one."""
    prompts = figure.prompts
    own: str | None = getattr(prompts, kind) if prompts is not None else None
    return own


def _build_estimate(index: Index, spec: Spec, rng: random.Random) -> Question:
    (figure_id,) = spec.figures
    figure = index.figures[figure_id]
    low, high = index.bounds[figure_id]
    return Question(
        id=spec.id,
        kind="estimate",
        prompt=_own(figure, "estimate") or figure.ask or "",
        low=low,
        high=high,
        **_unit_fields(figure.unit),
        number_kind=figure.kind,
        approximate=figure.approximate,
        figure_ids=spec.figures,
        points=figure.points,
    )


def _build_choice(index: Index, spec: Spec, rng: random.Random) -> Question:
    (figure_id,) = spec.figures
    figure = index.figures[figure_id]
    answer = index.bounds[figure_id]
    avoid = _stated(index)
    within = index.within.get(figure_id)
    if is_linear(figure.kind):
        rule = LINEAR_RULES[figure.kind]
        wrong = pick_linear(answer, rng, rule, MAX_OPTIONS - 1, avoid, within or LINEAR_ANYWHERE)
    else:
        whole = figure.kind == "count"
        wrong = distractors.pick(
            answer, rng, MAX_OPTIONS - 1, whole, avoid, within or distractors.ANYWHERE
        )
    options = [answer, *wrong]
    options.sort()
    fields = _unit_fields(figure.unit)
    return Question(
        id=spec.id,
        kind="choice",
        prompt=_own(figure, "choice") or figure.ask or "",
        # No "about" on any option: it would mark the answer out.
        options=tuple(quantity_text(*o, fields["unit_shown"]) for o in options),
        answer_index=options.index(answer),
        **fields,
        number_kind=figure.kind,
        figure_ids=spec.figures,
        points=figure.points,
    )


_STATED: weakref.WeakKeyDictionary[Index, frozenset[float]] = weakref.WeakKeyDictionary()


def _stated(index: Index) -> frozenset[float]:
    """Every number the bank's figures and hand-written answers state, which no wrong
    option may read (it would show another question's answer); found once per bank."""
    found = _STATED.get(index)
    if found is None:
        numbers: set[float] = set()
        for low, high in index.bounds.values():
            numbers.update((low, high))
        for written in index.bank.questions:
            for number in (written.answer, written.low, written.high):
                if isinstance(number, (int, float)) and not isinstance(number, bool):
                    numbers.add(float(number))
        found = _STATED[index] = frozenset(numbers)
    return found


def _pick_names(
    index: Index, right: str, preferred: list[str], rng: random.Random
) -> tuple[tuple[str, ...], int]:
    """The right name and up to three others, preferred ones first, in seeded order.

    Draws from the bank's sources by index rather than shuffling them all, so a bank
    with hundreds of sources costs no more per question than one with four.
    """
    chosen = [right]
    folded = {right.casefold()}

    def add(name: str) -> None:
        if len(chosen) < MAX_OPTIONS and name.casefold() not in folded:
            chosen.append(name)
            folded.add(name.casefold())

    candidates = list(dict.fromkeys(preferred))
    rng.shuffle(candidates)
    for name in candidates:
        add(name)
    names = index.source_names
    if len(names) <= 4 * MAX_OPTIONS:
        rest = list(names)
        rng.shuffle(rest)
        for name in rest:
            add(name)
    else:
        for _ in range(8 * MAX_OPTIONS):
            if len(chosen) == MAX_OPTIONS:
                break
            add(names[rng.randrange(len(names))])
    rng.shuffle(chosen)
    # Options are read as a list: each starts with a capital ("The police").
    return tuple(capitalised(name) for name in chosen), chosen.index(right)


def unit_words(unit: Unit) -> tuple[str, ...]:
    """The words for `unit` a player may type after a number."""
    words = (unit.singular, unit.plural, unit.abbreviation or "")
    return tuple(dict.fromkeys(word for word in words if word))


def _build_source(index: Index, spec: Spec, rng: random.Random) -> Question:
    (figure_id,) = spec.figures
    figure = index.figures[figure_id]
    # Named sources that gave figures of the same measure are the plausible wrong answers.
    preferred = [index.names[f] for f in index.by_measure[figure.measure][:16] if index.named(f)]
    options, answer_index = _pick_names(index, index.names[figure_id], preferred, rng)
    return Question(
        id=spec.id,
        kind="source",
        prompt=_own(figure, "source")
        or fill(
            TEMPLATES["source"],
            counts=figure.counts,
            value=index.quantity(figure_id),
            as_of=as_of_text(index.when(figure_id)),
        ),
        options=options,
        answer_index=answer_index,
        figure_ids=spec.figures,
        points=figure.points,
    )


def _build_ratio(index: Index, spec: Spec, rng: random.Random) -> Question:
    big_id, small_id = spec.figures
    big, small = index.figures[big_id], index.figures[small_id]
    (big_low, big_high), (small_low, small_high) = index.bounds[big_id], index.bounds[small_id]
    if big_low == big_high and small_low == small_high:
        low = high = distractors.round_significant(big_low / small_low, 3)
    else:
        low = distractors.round_significant(big_low / small_high, 2)
        high = distractors.round_significant(big_high / small_low, 2)
    prompt = _own(big, "times") or fill(
        TEMPLATES["times"],
        source=index.names[big_id],
        counts=big.counts,
        value=index.quantity(big_id),
        as_of=as_of_text(index.when(big_id)),
        other_source=index.names[small_id],
        other_counts=small.counts,
        other_value=index.quantity(small_id),
        other_as_of=as_of_text(index.when(small_id)),
    )
    return Question(
        id=spec.id,
        kind="compare",
        prompt=prompt,
        low=min(low, high),
        high=max(low, high),
        **RATIO_UNIT,
        figure_ids=spec.figures,
        points=max(big.points, small.points),
    )


def _build_rank(index: Index, spec: Spec, rng: random.Random) -> Question:
    answer, rest, word = spec.args
    others = list(rest)
    rng.shuffle(others)
    shown = [answer, *others[: MAX_OPTIONS - 1]]
    names = [index.names[f] for f in shown]
    rng.shuffle(names)
    label = measure_label(index, list(spec.figures))
    # A figure's own `rank` sentence asks who gave the highest: it words that question
    # only, never "the lowest" (its figure is not that answer).
    own = _own(index.figures[answer], "rank") if word in ("highest", "higher") else None
    prompt = own or fill(TEMPLATES["rank"], rank=word, measure=label)
    return Question(
        id=spec.id,
        kind="compare",
        prompt=prompt,
        options=tuple(capitalised(name) for name in names),
        answer_index=names.index(index.names[answer]),
        figure_ids=(answer,),
        points=max(index.figures[f].points for f in shown),
    )


def _build_written(index: Index, spec: Spec, rng: random.Random) -> Question:
    (number,) = spec.args
    written = index.bank.questions[number]
    common: dict[str, Any] = {
        "id": spec.id,
        "kind": "written",
        "prompt": written.prompt,
        "figure_ids": spec.figures,
        "points": written.points,
        "explain": written.explain,
    }
    if written.kind == "choice":
        assert written.options is not None
        options = list(written.options)
        rng.shuffle(options)
        return Question(
            **common, options=tuple(options), answer_index=options.index(str(written.answer))
        )
    if written.answer is not None:
        low = high = float(written.answer)
    else:
        assert written.low is not None and written.high is not None
        low, high = written.low, written.high
    return Question(**common, low=low, high=high, **_written_unit(written.unit))


RATIO_UNIT: dict[str, Any] = {
    "unit": "times",
    "unit_words": ("time", "times", "x", "×"),
    "unit_shown": TIMES,
    "number_kind": "ratio",
}
"""How a "how many times" answer is read and written: 17, 17x, 17 times."""


def _written_unit(unit: Unit | None) -> dict[str, Any]:
    """A hand-written estimate's unit fields. None: the author named no unit, and the
    linked figure's is no guide (the question may ask for a ratio or a difference)."""
    if unit is None:
        return {}
    return RATIO_UNIT if unit.plural == "times" else _unit_fields(unit)


def _unit_fields(unit: Unit) -> dict[str, Any]:
    """How an answer in `unit` is read and written: its name, the words a player may
    type after the number, and the words numbers are shown with."""
    return {"unit": unit.plural, "unit_words": unit_words(unit), "unit_shown": unit_display(unit)}


BUILDERS: dict[str, Callable[[Index, Spec, random.Random], Question]] = {
    "estimate": _build_estimate,
    "choice": _build_choice,
    "source": _build_source,
    "ratio": _build_ratio,
    "rank": _build_rank,
    "written": _build_written,
}


_NEEDS_RNG = frozenset({"choice", "source", "rank", "written"})
"""Builders that draw from the generator; the others are spared seeding one (~10 us)."""


def build(index: Index, spec: Spec, seed: int) -> Question:
    rng = _rng(seed, spec.id) if spec.make in _NEEDS_RNG else _NO_RNG
    return BUILDERS[spec.make](index, spec, rng)


def _rng(seed: int, question_id: str) -> random.Random:
    return random.Random(f"{seed}/{question_id}")


_NO_RNG = random.Random(0)
"""Passed to builders that never draw from it."""
