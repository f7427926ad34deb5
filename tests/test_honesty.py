"""Honest quizzes: no question answered before it is asked, fair coverage.

Give-aways are checked two ways: by the engine's disclosure model, and independently
by searching what `--plain` prints for every earlier screen for the later answer as a
player would write it. Expected answers come from the bank data, never typed in."""

from __future__ import annotations

import importlib.util
import itertools
import math
from collections import Counter
from pathlib import Path

import pytest

from quiz.bank.loader import LoadedBank, load_bank
from quiz.bank.numbers import find_numbers, read_number
from quiz.game.catalogue import all_specs
from quiz.game.coverage import groups
from quiz.game.disclosure import Disclosure
from quiz.game.explain import card, explain
from quiz.game.facts import Facts
from quiz.game.generate import (
    DEFAULT_COUNT,
    KINDS,
    Question,
    Settings,
    all_questions,
    generate,
    generate_quiz,
)
from quiz.game.start_texts import start_texts
from quiz.present.plain_text import question_lines, reveal_lines
from quiz.present.reveal_view import reveal_view

VALID = Path(__file__).parent / "banks" / "valid"
BENCH_BANK = Path(__file__).parent.parent / "bench" / "honesty_bank.py"


@pytest.fixture(params=["shipped", "second_bank", "sample"])
def bank(request: pytest.FixtureRequest) -> LoadedBank:
    if request.param == "sample":
        return load_bank(VALID / "ukraine-sample.toml")
    return request.getfixturevalue(request.param)


def _screens(loaded: LoadedBank, question: Question, position: int, total: int) -> str:
    """What --plain prints for a question and its reveal."""
    lines = question_lines(question, position, total)
    lines += reveal_lines(reveal_view(question, explain(loaded, question)))
    return "\n".join(lines)


def _text_give_away(loaded: LoadedBank, quiz: list[Question]) -> str | None:
    """The later answer, found in what was printed before it was answered."""
    shown = ""
    for position, question in enumerate(quiz):
        before = shown + "\n" + question.prompt
        if question.kind in ("estimate", "choice") or (
            question.kind == "written" and question.is_numeric
        ):
            answer = read_number(question.answer_text, units=question.unit_words)
            assert answer is not None
            for reading in find_numbers(before):
                if math.isclose(reading.low, answer.low) and math.isclose(
                    reading.high, answer.high
                ):
                    return f"{question.id}: {question.answer_text} shown before"
        elif question.kind == "written" and question.answer_text.casefold() in before.casefold():
            return f"{question.id}: {question.answer_text!r} shown before"
        shown += "\n" + _screens(loaded, question, position + 1, len(quiz))
    return None


def _model_give_away(loaded: LoadedBank, quiz: list[Question]) -> str | None:
    disclosure = Disclosure(loaded)
    seen = Facts()
    for question in quiz:
        if disclosure.secret(question).given_away_by(seen | disclosure.facts(question.prompt)):
            return question.id
        seen = seen | disclosure.revealed(question)
    return None


@pytest.mark.parametrize("count", [5, 10, 20])
def test_no_quiz_states_an_answer_before_its_question(bank: LoadedBank, count: int) -> None:
    """The property over a few hundred quizzes per bank (seed 11 and 5 were the
    issue's examples: Milley's figures on a reveal, then asked; Kherson named, then
    asked)."""
    for seed in [*range(100), 534724]:
        quiz = generate(bank, Settings(count=count, seed=seed))
        assert _model_give_away(bank, quiz) is None, (seed, [q.id for q in quiz])
        assert _text_give_away(bank, quiz) is None, (seed, [q.id for q in quiz])


def test_the_model_sees_the_give_aways_the_issue_found(shipped: LoadedBank) -> None:
    """Each pair the issue reported: the first one's screens answer the second."""
    questions = {q.id: q for q in all_questions(shipped)}
    disclosure = Disclosure(shipped)
    kherson_q = next(
        q for q in questions.values() if q.kind == "written" and q.answer_text == "Kherson"
    )
    weeks_q = next(
        q for q in questions.values() if q.kind == "written" and q.answer_text == "Several weeks"
    )
    figures = shipped.bank.figures
    # "Which source gave the highest (or lowest) figure for refugees?", as the catalogue
    # words it today.
    refugees_rank = next(
        q
        for q in questions.values()
        if q.kind == "compare" and q.options and figures[q.figure_ids[0]].measure == "refugees"
    )
    pairs = [
        ("estimate:refugees-un", refugees_rank.id),
        ("estimate:ukrainian-dead-zaluzhniy", "source:ukrainian-killed-or-injured-milley"),
        ("estimate:russian-troops-kherson-milley", kherson_q.id),
        ("estimate:russian-troops-kherson-milley", weeks_q.id),
    ]
    for earlier, later in pairs:
        secret = disclosure.secret(questions[later])
        assert secret.given_away_by(disclosure.revealed(questions[earlier])), (earlier, later)
    # ... and a figure's reveal does not answer an unrelated question.
    civilians = disclosure.revealed(questions["estimate:civilians-killed-milley"])
    assert not disclosure.secret(questions["estimate:reservists-called-up"]).given_away_by(
        civilians
    )


def test_a_quiz_the_bank_cannot_fill_honestly_is_shorter_and_says_why(
    shipped: LoadedBank,
) -> None:
    chosen = generate_quiz(shipped, Settings(count=30, seed=1))
    assert len(chosen.questions) < 30
    assert chosen.note is not None and "earlier screen" in chosen.note


def test_a_shorter_quiz_replays_at_its_own_length(bank: LoadedBank) -> None:
    """The replay command states the count a quiz has: asking for that count gives the
    same quiz, though selection samples groups by count."""
    for seed in range(40):
        chosen = generate_quiz(bank, Settings(count=20, seed=seed)).questions
        again = generate(bank, Settings(count=len(chosen), seed=seed))
        assert [q.id for q in again] == [q.id for q in chosen], seed


def test_the_start_screen_texts_state_no_figure(shipped: LoadedBank) -> None:
    disclosure = Disclosure(shipped)
    info = shipped.bank
    texts = [info.article.title or "", info.bank.title, info.bank.description or ""]
    shown = start_texts(shipped)
    masked = [shown.article_title, shown.title, shown.description or ""]
    assert "100,000" in texts[0] and "100,000" not in masked[0]
    assert "17" in texts[2] and "17" not in masked[2]
    for text in masked:
        facts = disclosure.facts(text)
        for question in all_questions(shipped):
            assert not disclosure.secret(question).given_away_by(facts), (question.id, text)
    # Words and dates around the numbers stay.
    assert "November 2022" in masked[2] and "Ukrainian soldiers" in masked[0]


# ---------------------------------------------------------------- coverage


def _units(loaded: LoadedBank) -> list[str]:
    """What coverage counts: every figure with an `ask`, every hand-written question."""
    units = [f for f, figure in loaded.bank.figures.items() if figure.ask]
    return units + [f"written:{n + 1}" for n in range(len(loaded.bank.questions))]


def _unit(question: Question) -> str:
    return question.id if question.kind == "written" else question.figure_ids[0]


@pytest.mark.parametrize("count", [5, DEFAULT_COUNT])
def test_every_figure_and_question_is_asked_about_as_often(shipped: LoadedBank, count: int) -> None:
    """Over 300 seeds, at the default count and below, the most asked figure or question
    is asked at most twice as often as the least (the shipped bank's groups of units that
    answer each other make 10 questions unfair: see quiz.game.select)."""
    asked: Counter[str] = Counter()
    for seed in range(300):
        asked.update({_unit(q) for q in generate(shipped, Settings(count=count, seed=seed))})
    counts = [asked[u] for u in _units(shipped)]
    assert min(counts) > 0
    assert max(counts) <= 2 * min(counts), sorted(asked.items(), key=lambda kv: kv[1])


@pytest.mark.parametrize("count", [5, DEFAULT_COUNT, 10])
def test_every_quiz_mixes_written_and_generated_questions_near_their_mean(
    shipped: LoadedBank, count: int
) -> None:
    """Over 300 seeds, every quiz has within 1.5 of the mean number of hand-written
    questions (at 7 questions: 3 to 5 of them, the mean being 4): the tightest band an
    integer count allows around a fractional mean, one either side of it. 12 of the
    shipped bank's 22 units are hand-written (at the default count, fair coverage puts
    them in 4 places of 7 on average); before kinds were interleaved along the
    sampled line (quiz.game.arcs), a 7-question quiz had 2-3 or 5-6 of them (6 at seed 3)."""
    written = []
    for seed in range(300):
        quiz = generate(shipped, Settings(count=count, seed=seed))
        assert len(quiz) == count
        written.append(sum(q.kind == "written" for q in quiz))
    mean = sum(written) / len(written)
    spread = Counter(written)
    assert all(abs(w - mean) <= 1.5 for w in written), (mean, sorted(spread.items()))


def test_a_quiz_alternates_its_kinds_where_the_order_allows(shipped: LoadedBank) -> None:
    """Over 300 seeds of 7 questions, no quiz asks one kind four times in a row, and most
    never twice (before the order preferred a change of kind, 38 quizzes in 300 asked
    four or five hand-written questions running)."""
    runs = Counter()
    for seed in range(300):
        kinds = [q.kind for q in generate(shipped, Settings(count=7, seed=seed))]
        runs[max(len(list(run)) for _, run in itertools.groupby(kinds))] += 1
    assert max(runs) <= 3, sorted(runs.items())
    assert runs[1] >= 200, sorted(runs.items())


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> LoadedBank:
    """The generated bank bench/honesty.py measures (300 figures, 37 hand-written
    questions): many small groups of units that answer each other, and many units
    whose questions clash only in part (a value one of them states, near another's)."""
    spec = importlib.util.spec_from_file_location("honesty_bank", BENCH_BANK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    path = module.write_bank(tmp_path_factory.mktemp("generated"), 300)
    return load_bank(path, use_cache=False)


def test_a_large_bank_is_covered_fairly_at_the_default_count(generated: LoadedBank) -> None:
    """Over 300 seeds at the default count (6 quizzes a unit on average), every figure
    and hand-written question of a large bank is asked, the most asked at most twice as
    often as the least: no unit loses its turns to a rival that keeps sharing its
    quizzes, nor to a group member the seed's parity favours (quiz.game.arcs)."""
    asked: Counter[str] = Counter()
    for seed in range(300):
        quiz = generate(generated, Settings(count=DEFAULT_COUNT, seed=seed))
        asked.update({_unit(q) for q in quiz})
    counts = {u: asked[u] for u in _units(generated)}
    least, most = min(counts.values()), max(counts.values())
    assert least > 0 and most <= 2 * least, sorted(counts.items(), key=lambda kv: kv[1])[:5]


def test_units_that_answer_each_other_are_grouped(shipped: LoadedBank) -> None:
    """The Kherson figure and the two hand-written questions its card answers ("which
    city?", "how long?") compete for one place; a hand-written question no card answers
    stands alone."""
    questions = all_questions(shipped)
    by_id = {q.id: q for q in questions}
    grouped = groups(all_specs(shipped)[1], KINDS, Disclosure(shipped), lambda s: by_id[s.id])
    kherson = grouped["russian-troops-kherson-milley"]
    city = next(q.id for q in questions if q.kind == "written" and q.answer_text == "Kherson")
    weeks = next(
        q.id for q in questions if q.kind == "written" and q.answer_text == "Several weeks"
    )
    assert {city, weeks} <= set(kherson)
    assert grouped[city] == kherson
    alone = [u for u in _units(shipped) if len(grouped[u]) == 1]
    assert alone and all(grouped[u] == (u,) for u in alone)


def test_a_card_is_read_as_the_reveal_shows_it(bank: LoadedBank) -> None:
    """The model reads a card from the figure's fields (cheaper than building it): the
    same facts as the text of the card the reveal shows (`quiz.game.explain.card`)."""
    disclosure = Disclosure(bank)
    for figure_id in bank.bank.figures:
        shown = card(bank, figure_id)
        text = "\n".join(
            [
                shown.source,
                shown.role or "",
                shown.note or "",
                shown.counts,
                shown.as_of or "",
                shown.value_text,
                shown.unit,
                shown.quote,
                shown.explain,
            ]
        )
        read = disclosure.facts(text) | Facts(frozenset({"v:" + figure_id, "s:" + figure_id}))
        assert disclosure.card(figure_id).keys == read.keys, figure_id
        assert disclosure.card(figure_id).numbers == read.numbers, figure_id
