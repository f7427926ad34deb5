"""The quiz `generate` gives, over the shipped bank, an invented one and random ones:
the same quiz for the same seed (on any machine, and from a bank already used), the
length asked or a note saying why not, the kinds asked, and an order in which no
reveal answers a later question. What each question says is
tests/test_question_content.py; every screen's give-aways, tests/test_honesty.py."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from question_kit import BANKS, option_interval

from quiz.bank.loader import LoadedBank, load_bank
from quiz.game.distractors import apart
from quiz.game.explain import Card, explain
from quiz.game.generate import KINDS, Question, Settings, all_questions, generate, generate_quiz
from quiz.game.quantity import quantity_text, unit_display


@pytest.fixture(params=BANKS)
def bank(request: pytest.FixtureRequest) -> LoadedBank:
    return request.getfixturevalue(request.param)


@pytest.mark.parametrize("seed", [0, 1, 7, -3, 2**70])
def test_same_seed_same_quiz_including_option_order(bank: LoadedBank, seed: int) -> None:
    chosen = Settings(count=8, seed=seed)
    assert generate(bank, chosen) == generate(bank, chosen)


def test_different_seeds_give_different_quizzes(bank: LoadedBank) -> None:
    quizzes = {tuple(q.id for q in generate(bank, Settings(count=6, seed=s))) for s in range(6)}
    assert len(quizzes) > 1
    # Option order as well as selection depends on the seed.
    orders = {
        tuple(q.options for q in all_questions(bank, seed=s) if q.kind == "source")
        for s in range(4)
    }
    assert len(orders) > 1


def test_the_quiz_does_not_depend_on_hash_seed_or_process(bank: LoadedBank) -> None:
    """Two interpreters with different hash seeds generate exactly what this one does."""
    script = (
        "import json, sys\n"
        "from quiz.bank.loader import load_bank\n"
        "from quiz.game.generate import generate, Settings\n"
        "quiz = generate(load_bank(sys.argv[1]), Settings(count=12, seed=42))\n"
        "print(json.dumps([[q.id, q.prompt, list(q.options), q.answer_index, q.low, q.high]"
        " for q in quiz]))\n"
    )
    here = [
        [q.id, q.prompt, list(q.options), q.answer_index, q.low, q.high]
        for q in generate(bank, Settings(count=12, seed=42))
    ]
    for hash_seed in ("1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        out = subprocess.run(
            [sys.executable, "-c", script, str(bank.path)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        assert json.loads(out.stdout) == here


@pytest.mark.parametrize("count", [7, 10_000])
def test_a_bank_already_used_gives_the_quiz_a_fresh_load_gives(
    shipped: LoadedBank, second_bank: LoadedBank, count: int
) -> None:
    """The disclosure model is kept while a bank is in use (`disclosure_of`): after
    quizzes of other seeds from it, and with another bank used in between, each seed's
    quiz is the one a bank loaded afresh gives."""
    for seed in range(4):
        for bank in (shipped, second_bank):
            generate(bank, Settings(count=count, seed=seed + 100))
            used = generate(bank, Settings(count=count, seed=seed))
            again = generate(bank, Settings(count=count, seed=seed))
            fresh = generate(load_bank(Path(bank.path)), Settings(count=count, seed=seed))
            assert used == again == fresh, (bank.id, seed)


@pytest.mark.parametrize("count", [1, 2, 5, 9, 10, 13])
def test_count_is_respected_or_the_quiz_says_why(bank: LoadedBank, count: int) -> None:
    chosen = generate_quiz(bank, Settings(count=count, seed=count))
    quiz = chosen.questions
    assert len({q.id for q in quiz}) == len(quiz)
    if count <= 5:
        assert len(quiz) == count
    assert len(quiz) == count or (chosen.note and "earlier screen" in chosen.note)


def test_a_count_beyond_the_bank_is_shorter_and_says_why(bank: LoadedBank) -> None:
    every = {q.id: q for q in all_questions(bank, seed=5)}
    chosen = generate_quiz(bank, Settings(count=10_000, seed=5))
    assert chosen.note is not None and "earlier screen" in chosen.note
    # Every question is one the bank gives, as it gives it.
    assert all(every[q.id] == q for q in chosen.questions)


def test_every_kind_comes_up_over_a_few_seeds(bank: LoadedBank) -> None:
    kinds = {q.kind for s in range(30) for q in generate(bank, Settings(count=10, seed=s))}
    assert kinds == set(KINDS)


@pytest.mark.parametrize("seed", range(6))
def test_no_two_questions_share_a_figure_while_others_remain(bank: LoadedBank, seed: int) -> None:
    quiz = generate(bank, Settings(count=6, seed=seed, kinds=("estimate", "choice")))
    figures = [q.figure_ids[0] for q in quiz]
    assert len(figures) == len(set(figures))


@pytest.mark.parametrize("seed", range(6))
def test_questions_asking_a_figure_come_before_ones_stating_it(bank: LoadedBank, seed: int) -> None:
    quiz = generate(bank, Settings(count=10_000, seed=seed))
    first_told: dict[str, int] = {}
    for position, question in enumerate(quiz):
        if question.kind == "source" or (question.kind == "compare" and question.is_numeric):
            for f in question.figure_ids:
                first_told.setdefault(f, position)
    for position, question in enumerate(quiz):
        if question.kind in ("estimate", "choice"):
            told = first_told.get(question.figure_ids[0])
            assert told is None or told > position, question.id


def test_kinds_filter(bank: LoadedBank) -> None:
    quiz = generate(bank, Settings(count=50, seed=1, kinds=("source", "written")))
    assert {q.kind for q in quiz} == {"source", "written"}


@pytest.mark.parametrize(
    ("chosen", "message"),
    [
        (Settings(count=0), "at least 1"),
        (Settings(kinds=("estimate", "riddle")), "riddle"),  # type: ignore[arg-type]
        (Settings(kinds=()), "at least one question kind"),
    ],
)
def test_bad_settings_are_refused_with_a_message(
    second_bank: LoadedBank, chosen: Settings, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        generate(second_bank, chosen)


def test_a_bank_without_the_kinds_asked_for_is_refused(second_bank: LoadedBank) -> None:
    no_written = dataclasses.replace(second_bank.bank, questions=[])
    bank = LoadedBank(no_written, second_bank.path, second_bank.article_text, second_bank.digest)
    with pytest.raises(ValueError, match=r"kinds asked for \(written\), found none"):
        generate(bank, Settings(kinds=("written",)))
    assert {q.kind for q in generate(bank, Settings(count=50))} == set(KINDS) - {"written"}


@st.composite
def random_banks(draw: st.DrawFn) -> LoadedBank:
    """Banks of up to 12 figures with clashing values, shared names and few units."""
    from quiz.bank import data as bankdata
    from quiz.bank.data import build
    from quiz.bank.model import Bank

    sources = draw(st.integers(1, 4))
    figures = {}
    for n in range(draw(st.integers(1, 12))):
        value = draw(st.sampled_from([1.0, 3.0, 100.0, 5937.0, 1e5, 7.8e6, 1e9]))
        width = draw(st.sampled_from([1.0, 1.0, 2.0, 1.1]))
        bounds = {"value": value} if width == 1.0 else {"low": value, "high": value * width}
        figures[f"f{n}"] = {
            "source": f"s{draw(st.integers(0, sources - 1))}",
            "measure": f"m{draw(st.integers(0, 2))}",
            "counts": "things",
            "unit": draw(st.sampled_from(["people", "euros"])),
            "as_of": "2024",
            "quote": "q",
            "ask": draw(st.sampled_from([None, "How many?"])),
            "explain": "e",
            **bounds,
        }
    data = {
        "format": 1,
        "bank": {"id": "random", "title": "Random"},
        "article": {"title": "A", "text": "q"},
        # Two ids may share a name: the options must still read differently.
        "sources": {f"s{i}": {"name": f"Source {min(i, 2)}"} for i in range(sources)},
        "figures": {k: {a: b for a, b in v.items() if b is not None} for k, v in figures.items()},
    }
    return LoadedBank(
        build(bankdata.Bank, Bank.model_validate(data)), Path("random.toml"), "q", "0"
    )


@settings(max_examples=150, deadline=None)
@given(bank=random_banks(), seed=st.integers(), count=st.integers(1, 40))
def test_any_bank_gives_honest_deterministic_quizzes(
    bank: LoadedBank, seed: int, count: int
) -> None:
    every = all_questions(bank, seed=seed)
    assert len({q.id for q in every}) == len(every)
    for question in every:
        if question.is_numeric:
            continue
        folded = [o.casefold() for o in question.options]
        assert len(set(folded)) == len(folded) >= 2
        assert question.options.count(question.answer_text) == 1
        if question.kind == "choice":
            values = [option_interval(o, question) for o in question.options]
            answer = values[question.answer_index or 0]
            assert all(apart(v, answer) for v in values if v is not answer)
    if not every:
        with pytest.raises(ValueError):
            generate(bank, Settings(count=count, seed=seed))
        return
    chosen = generate_quiz(bank, Settings(count=count, seed=seed))
    quiz = chosen.questions
    assert 1 <= len(quiz) <= min(count, len(every))
    assert len(quiz) == min(count, len(every)) or chosen.note
    assert quiz == generate(bank, Settings(count=count, seed=seed))


def _gives_away(loaded: LoadedBank, earlier: Question, later: Question) -> bool:
    """Whether `earlier`'s reveal shows `later`'s answer: the value or the source of a
    figure `later` is about, on that figure's card."""
    figures = loaded.bank.figures

    def shown_on(card: Card) -> bool:
        if later.is_numeric:
            return (later.low, later.high) == (card.low, card.high)
        unit = unit_display(figures[card.figure_id].unit)
        written = (quantity_text(card.low, card.high, unit), card.value_text, card.source)
        return later.answer_text.casefold() in {w.casefold() for w in written}

    return any(
        card.figure_id in later.figure_ids and shown_on(card)
        for card in explain(loaded, earlier).cards
    )


@pytest.mark.parametrize("count", [5, 10, 20, 10_000])
def test_no_reveal_gives_away_a_later_answer(bank: LoadedBank, count: int) -> None:
    """The lead's game (seed 534724, 10 questions) asked Milley's Ukrainian figure and
    later who gave the 9,000: the first reveal had answered it. Read here from the
    cards alone (tests/test_honesty.py reads every screen): no earlier card shows a
    later question's figure's value or source."""
    for seed in [*range(50), 534724]:
        quiz = generate(bank, Settings(count=count, seed=seed))
        for i, earlier in enumerate(quiz):
            for later in quiz[i + 1 :]:
                assert not _gives_away(bank, earlier, later), (seed, earlier.id, later.id)
