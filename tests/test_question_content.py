"""What each question says, over the shipped bank and an invented one: its subject, its
answer, and options that read differently, hold the answer once and give nothing away
by their shape (`quiz.game.build`, `quiz.game.distractors`). Expected answers are
computed from the bank data, never typed in. The quiz these questions make (selection,
order, determinism) is tests/test_generate_quiz.py."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from question_kit import BANKS, option_interval

from quiz.bank.loader import LoadedBank
from quiz.game import distractors
from quiz.game.distractors import MIN_GAP, apart, interval_text
from quiz.game.explain import explain
from quiz.game.generate import KINDS, Question, all_questions
from quiz.game.quantity import quantity_text, unit_display


@pytest.fixture(params=BANKS)
def bank(request: pytest.FixtureRequest) -> LoadedBank:
    return request.getfixturevalue(request.param)


def test_every_kind_is_produced(bank: LoadedBank) -> None:
    kinds = {q.kind for q in all_questions(bank)}
    assert kinds == set(KINDS)


def test_ids_are_unique_and_stable_across_seeds(bank: LoadedBank) -> None:
    first = [q.id for q in all_questions(bank, seed=1)]
    assert len(first) == len(set(first))
    assert first == [q.id for q in all_questions(bank, seed=2)]


@pytest.mark.parametrize("seed", range(5))
def test_options_read_differently_and_hold_the_answer_once(bank: LoadedBank, seed: int) -> None:
    for question in all_questions(bank, seed=seed):
        if question.is_numeric:
            assert question.low is not None and question.high is not None
            assert 0 < question.low <= question.high
            continue
        folded = [o.casefold().strip() for o in question.options]
        assert len(set(folded)) == len(folded), question
        assert question.answer_index is not None
        assert 0 <= question.answer_index < len(question.options)
        assert question.options.count(question.answer_text) == 1
        assert 2 <= len(question.options) <= 6


@pytest.mark.parametrize("seed", range(5))
def test_choice_distractors_are_honest(bank: LoadedBank, seed: int) -> None:
    figures = bank.bank.figures
    for question in all_questions(bank, seed=seed):
        if question.kind != "choice":
            continue
        figure = figures[question.figure_ids[0]]
        assert question.answer_text == quantity_text(*figure.bounds, unit_display(figure.unit))
        assert len(question.options) == 4
        values = [option_interval(o, question) for o in question.options]
        answer = values[question.answer_index or 0]
        assert answer == figure.bounds
        for index, value in enumerate(values):
            if index == question.answer_index:
                continue
            # Never inside, overlapping or nearly equal to the answer (a range included).
            assert apart(value, answer), (question.id, question.options)
        for a in range(len(values)):
            for b in range(a + 1, len(values)):
                assert apart(values[a], values[b]), question.options
        assert values == sorted(values), "number options read smallest first"


def test_range_answers_have_no_distractor_inside(bank: LoadedBank) -> None:
    ranged = [
        q
        for s in range(10)
        for q in all_questions(bank, seed=s)
        if q.kind == "choice" and "–" in q.answer_text
    ]
    assert ranged, "each test bank has a figure given as a range"
    for question in ranged:
        low, high = option_interval(question.answer_text, question)
        for option in question.options:
            if option == question.answer_text:
                continue
            o_low, o_high = option_interval(option, question)
            assert o_high < low or o_low > high


def test_answer_rank_among_options_varies_with_the_seed(bank: LoadedBank) -> None:
    """The right answer is not always the largest or smallest option."""
    ranks = Counter(
        q.answer_index for s in range(20) for q in all_questions(bank, seed=s) if q.kind == "choice"
    )
    assert len(ranks) >= 3


def test_source_questions_name_the_figures_source(bank: LoadedBank) -> None:
    for question in all_questions(bank):
        if question.kind != "source":
            continue
        figure = bank.bank.figures[question.figure_ids[0]]
        assert question.answer_text == bank.bank.sources[figure.source].name
        assert interval_text(*figure.bounds) in question.prompt


def test_ratio_questions_answer_the_ratio_of_their_figures(bank: LoadedBank) -> None:
    ratios = [q for q in all_questions(bank) if q.kind == "compare" and q.is_numeric]
    assert ratios
    for question in ratios:
        big, small = (bank.bank.figures[f] for f in question.figure_ids)
        assert question.low is not None and question.high is not None
        low = big.bounds[0] / small.bounds[1]
        high = big.bounds[1] / small.bounds[0]
        # Rounded as a person would say it: within 5% of the exact ratio.
        assert question.low == pytest.approx(low, rel=0.05)
        assert question.high == pytest.approx(high, rel=0.05)
        assert question.low > 1.2
        assert question.unit == "times"


def test_rank_questions_name_the_source_of_the_largest_or_smallest_figure(
    bank: LoadedBank,
) -> None:
    ranked = [q for q in all_questions(bank) if q.kind == "compare" and not q.is_numeric]
    assert {q.id.split(":")[0] for q in ranked} == {"highest", "lowest"}
    figures = bank.bank.figures
    for question in ranked:
        measure = figures[question.figure_ids[0]].measure
        candidates = [f for f in figures.values() if f.measure == measure and not f.context]
        end = max if question.id.startswith("highest:") else min
        figure = end(candidates, key=lambda f: f.middle)
        assert question.answer_text == bank.bank.sources[figure.source].name


def test_a_context_figure_is_never_compared(shipped: LoadedBank) -> None:
    figures = shipped.bank.figures
    context = {f for f, figure in figures.items() if figure.context}
    assert context, "the shipped bank marks the Soviet toll as context"
    compares = [q for q in all_questions(shipped) if q.kind == "compare"]
    assert compares
    for question in compares:
        assert context.isdisjoint(question.figure_ids)
        names = {figures[f].source for f in context}
        assert not {shipped.bank.sources[n].name for n in names} & set(question.options)
    # ... but the reveal of its measure still shows it beside the others.
    measure = figures[next(iter(context))].measure
    on_measure = next(
        q for q in all_questions(shipped) if figures[q.figure_ids[0]].measure == measure
    )
    assert context <= {c.figure_id for c in explain(shipped, on_measure).cards}


def test_written_questions_keep_the_authors_answer(bank: LoadedBank) -> None:
    written = [q for q in all_questions(bank, seed=3) if q.kind == "written"]
    assert len(written) == len(bank.bank.questions)
    for question, source in zip(written, bank.bank.questions, strict=True):
        assert question.prompt == source.prompt
        assert question.points == source.points
        if source.kind == "choice":
            assert sorted(question.options) == sorted(source.options or [])
            assert question.answer_text == source.answer
        elif source.answer is not None:
            assert question.low == question.high == source.answer
        else:
            assert (question.low, question.high) == (source.low, source.high)


def test_figures_without_ask_are_never_the_subject(second_bank: LoadedBank) -> None:
    silent = [f for f, figure in second_bank.bank.figures.items() if figure.ask is None]
    assert silent
    for question in all_questions(second_bank):
        if question.kind in ("estimate", "choice", "source"):
            assert question.figure_ids[0] not in silent


def test_answer_text_reads_as_a_reporter_writes() -> None:
    exact = Question("q", "estimate", "?", low=5937, high=5937)
    ranged = Question("q", "estimate", "?", low=15e6, high=30e6)
    picked = Question("q", "choice", "?", options=("a", "Kherson"), answer_index=1)
    assert (exact.answer_text, ranged.answer_text) == ("5,937", "15 million–30 million")
    assert picked.answer_text == "Kherson"


intervals = st.tuples(
    st.floats(min_value=1, max_value=1e9), st.floats(min_value=1, max_value=3)
).map(lambda t: (t[0], t[0] * t[1]) if t[1] > 1.05 else (t[0], t[0]))


@settings(max_examples=300, deadline=None)
@given(answer=intervals, seed=st.integers())
def test_distractor_rules_hold_for_any_numbers(answer: tuple[float, float], seed: int) -> None:
    picked = distractors.pick(answer, random.Random(seed))
    assert len(picked) == 3
    texts = [interval_text(*answer)] + [interval_text(*p) for p in picked]
    assert len(set(texts)) == len(texts)
    for option in picked:
        assert option[0] > 0
        assert apart(option, answer, MIN_GAP)
    for a in range(len(picked)):
        for b in range(a + 1, len(picked)):
            assert apart(picked[a], picked[b], MIN_GAP)


def test_scaled_distractors_are_written_with_the_answers_precision() -> None:
    picked = distractors.pick((5937.0, 5937.0), random.Random(1))
    for low, _ in picked:
        assert low == int(low), "whole numbers of people stay whole"
        assert distractors.shown_digits(interval_text(low, low)) == 4
    picked = distractors.pick((7.8e6, 7.8e6), random.Random(2))
    for low, _ in picked:
        assert distractors.shown_digits(interval_text(low, low)) == 2
