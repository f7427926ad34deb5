"""Units and kinds of number, on a bank written as a new author would
(tests/banks/march/): a crowd from organisers, police and a university, a route in km,
temperatures, arrests. Expected values are worked out from the bank, never typed in
where the bank holds them."""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from quiz.bank.loader import LoadedBank, load_bank
from quiz.bank.numbers import read_number
from quiz.errors import BankError
from quiz.game.generate import Question, Settings, all_questions, generate
from quiz.game.hints import examples
from quiz.game.linear_distractors import STEP_HIGH
from quiz.game.quantity import LINEAR_RULES, TIMES, UnitWords, quantity_text
from quiz.game.scoring import ChoiceAnswer, NumberAnswer, read_answer, rule_text, score

MARCH = Path(__file__).resolve().parent / "banks" / "march" / "march.toml"
KM = UnitWords("kilometre", "kilometres", "km")
CELSIUS = UnitWords("degree Celsius", "degrees Celsius", "°C")
ARRESTS = UnitWords("arrest", "arrests")


@pytest.fixture(scope="module")
def march() -> LoadedBank:
    return load_bank(MARCH, use_cache=False)


def _questions(loaded: LoadedBank, seed: int = 0) -> dict[str, Question]:
    return {q.id: q for q in all_questions(loaded, seed)}


def test_a_number_is_written_with_its_unit() -> None:
    assert quantity_text(4.5, 4.5, KM) == "4.5 km"
    assert quantity_text(12, 12, ARRESTS) == "12 arrests"
    assert quantity_text(1, 1, ARRESTS) == "1 arrest"
    assert quantity_text(29, 29, CELSIUS) == "29°C"
    assert quantity_text(34, 34, UnitWords("percent", "percent", "%")) == "34%"
    assert quantity_text(2.5, 2.5, TIMES) == "2.5 times"
    assert quantity_text(15e6, 30e6, UnitWords("euro", "euros")) == "15 million–30 million euros"
    assert quantity_text(20_000, 20_000, UnitWords("person", "people"), True) == (
        "about 20,000 people"
    )


def test_options_answers_and_prompts_carry_the_unit(march: LoadedBank) -> None:
    questions = _questions(march)
    figures = march.bank.figures
    for question in questions.values():
        if question.kind not in ("estimate", "choice"):
            continue
        unit = figures[question.figure_ids[0]].unit
        endings = (unit.abbreviation,) if unit.abbreviation else (unit.plural, unit.singular)
        for option in question.options:
            assert option.endswith(endings), (question.id, option)
        if question.is_numeric:
            assert question.answer_text.endswith(endings), question.answer_text
    assert questions["estimate:route"].answer_text == "4.5 km"
    assert questions["estimate:arrests"].answer_text == "12 arrests"
    # `approximate` is what a player reads as "about".
    assert questions["estimate:crowd-police"].answer_text == "about 20,000 people"
    assert "at about 20,000 people" in questions["source:crowd-police"].prompt
    assert "at 29°C" in questions["source:heat"].prompt


def test_no_option_says_about_so_none_stands_out(march: LoadedBank) -> None:
    for seed in range(10):
        for question in all_questions(march, seed):
            if question.kind == "choice":
                assert not any(o.startswith("about") for o in question.options)


@pytest.mark.parametrize(
    ("figure", "typed", "value"),
    [
        ("route", "4.5 km", 4.5),
        ("route", "4.5km", 4.5),
        ("route", "4.5 kilometres", 4.5),
        ("route", "5 kilometre", 5),
        ("arrests", "12 arrests", 12),
        ("arrests", "1 arrest", 1),
        ("heat", "29°C", 29),
        ("heat", "29 °C", 29),
        ("heat", "29 degrees Celsius", 29),
        ("crowd-police", "250k people", 250_000),
    ],
)
def test_a_typed_answer_may_carry_the_unit(
    march: LoadedBank, figure: str, typed: str, value: float
) -> None:
    question = _questions(march)[f"estimate:{figure}"]
    assert read_answer(question, typed) == NumberAnswer(value, typed)


@pytest.mark.parametrize("typed", ["2.5 times", "2.5x", "17x", "17 ×", "3 time"])
def test_a_ratio_answer_may_say_times(march: LoadedBank, typed: str) -> None:
    ratio = next(q for q in all_questions(march) if q.id.startswith("compare:"))
    reading = read_number(typed, units=("times", "x", "×", "time"))
    assert reading is not None
    assert read_answer(ratio, typed) == NumberAnswer(reading.value, typed)


def test_another_unit_is_not_taken_for_this_one(march: LoadedBank) -> None:
    question = _questions(march)["estimate:route"]
    with pytest.raises(ValueError, match="expected a number"):
        read_answer(question, "4.5 miles")


def test_a_temperature_is_scored_by_distance_not_ratio(march: LoadedBank) -> None:
    question = _questions(march)["estimate:heat"]
    rule = LINEAR_RULES["temperature"]
    truth = march.bank.figures["heat"].bounds[0]
    # Just inside the full-marks band, either side.
    for guess in (truth - rule.full, truth + rule.full):
        assert score(question, NumberAnswer(guess)).points == question.points
    low = score(question, NumberAnswer(truth - 5))
    high = score(question, NumberAnswer(truth + 5))
    assert low.points == high.points  # 5 degrees off either way is as wrong
    assert 0 < low.points < question.points
    assert low.reason.startswith("5°C too low: ")
    assert score(question, NumberAnswer(truth + rule.zero)).points == 0
    # A ratio rule would call 20 for 29 "1.4x too low"; a distance says degrees.
    assert "x too" not in score(question, NumberAnswer(20)).reason


def test_the_rule_shown_is_the_questions_own(march: LoadedBank) -> None:
    questions = _questions(march)
    assert "°C" in rule_text(questions["estimate:heat"])
    assert "x off" in rule_text(questions["estimate:route"])
    assert rule_text(questions["choice:heat"]) == ""


def test_a_huge_miss_reads_in_words_not_millionx() -> None:
    question = Question(id="q", kind="estimate", prompt="?", low=7.8e6, high=7.8e6, unit="people")
    assert score(question, NumberAnswer(1)).reason.startswith("7.8 million times too low")


def test_temperature_options_sit_at_distances_never_factors(march: LoadedBank) -> None:
    rule = LINEAR_RULES["temperature"]
    for seed in range(40):
        for figure in ("heat", "heat-average"):
            question = _questions(march, seed)[f"choice:{figure}"]
            values = sorted(_value(o) for o in question.options)
            answer = march.bank.figures[figure].bounds[0]
            assert answer in values
            assert all(b - a >= rule.gap - 1e-9 for a, b in itertools.pairwise(values))
            # Each wrong option is the answer moved by a distance (at most three
            # irregular steps out), never the answer scaled by a factor.
            for value in values:
                assert abs(value - answer) <= 3 * STEP_HIGH * rule.gap + 1e-9, values
            assert not all(v == answer or v in (answer * 2, answer / 2) for v in values)


def _value(option: str) -> float:
    reading = read_number(option, units=("°C", "km", "people", "arrests"))
    assert reading is not None, option
    return reading.low


def test_the_answers_rank_among_temperature_options_varies(march: LoadedBank) -> None:
    ranks = {_questions(march, seed)["choice:heat"].answer_index for seed in range(40)}
    assert len(ranks) >= 3


def test_no_times_larger_question_divides_temperatures(march: LoadedBank) -> None:
    questions = all_questions(march)
    heat = {"heat", "heat-average"}
    assert not [q for q in questions if q.unit == "times" and heat & set(q.figure_ids)]
    # A crowd is a count: its figures are compared.
    assert [q for q in questions if q.unit == "times" and "crowd-organisers" in q.figure_ids]


def test_a_percentage_stays_between_0_and_100(tmp_path: Path) -> None:
    article = "The poll found 97% of residents wanted cleaner air, and 3% did not.\n"
    bank = f"""format = 1
[bank]
id = "poll"
title = "Poll"
[article]
title = "Poll"
text = "{article.strip()}"
[sources.poll]
name = "the poll"
[figures.yes]
source = "poll"
measure = "yes"
counts = "residents who want cleaner air"
kind = "percentage"
unit = {{ singular = "percent", plural = "percent", abbreviation = "%" }}
value = 97
quote = "The poll found 97% of residents wanted cleaner air"
ask = "What share of residents wanted cleaner air?"
explain = "A poll."
"""
    path = tmp_path / "poll.toml"
    path.write_text(bank, encoding="utf-8")
    loaded = load_bank(path, use_cache=False)
    for seed in range(20):
        question = _questions(loaded, seed)["choice:yes"]
        values = [read_number(o, units=("%",)) for o in question.options]
        assert all(v is not None and v.low > 0 and v.high <= 100 for v in values), question.options
        assert len(question.options) == 4
    estimate = _questions(loaded)["estimate:yes"]
    assert score(estimate, NumberAnswer(90)).reason.startswith("7 percentage points too low")


def test_source_options_start_with_a_capital(march: LoadedBank) -> None:
    for question in all_questions(march):
        if question.kind == "source" or question.id.startswith("highest:"):
            assert all(o[0].isupper() for o in question.options), question.options


def test_no_which_source_question_offers_an_unnamed_source(march: LoadedBank) -> None:
    unnamed = {s.name.casefold() for s in march.bank.sources.values() if not s.named}
    for question in all_questions(march):
        if not question.is_numeric and question.kind != "choice":
            assert unnamed.isdisjoint(o.casefold() for o in question.options), question.options


def test_plain_play_takes_a_unit_and_says_it_back(tmp_path: Path) -> None:
    """`quiz play --plain`: "4.5 km" is accepted for the route, and the reveal says the
    answer with its unit; a temperature's score is said in degrees."""
    loaded = load_bank(MARCH)
    settings = Settings(count=40, seed=2, kinds=("estimate",))
    questions = generate(loaded, settings)
    typed = []
    for question in questions:
        assert question.low is not None
        if question.id == "estimate:route":
            typed.append("4.5 km")
        elif question.id == "estimate:heat":
            typed.append("24 °C")
        else:
            typed.append(question.unit_shown.after(f"{question.low:g}"))
    env = {k: v for k, v in os.environ.items() if k != "QUIZ_DATA_DIR"}
    done = subprocess.run(
        [
            *(sys.executable, "-m", "quiz", "play", str(MARCH), "--plain", "--seed", "2"),
            *("--count", "40", "--kinds", "estimate", "--data-dir", str(tmp_path)),
        ],
        input="\n".join(typed) + "\n",
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Try again" not in out
    assert "Right: the answer is 4.5 km." in out  # said once: "4.5 km" was the answer
    assert "You answered 24°C; the answer is 29°C." in out
    assert re.search(r"Score: [\d.]+ of \d+ points? \(5°C too low\)\.", out), out


def test_a_choice_answer_may_be_typed_with_its_unit(march: LoadedBank) -> None:
    question = _questions(march)["choice:route"]
    assert question.answer_index is not None
    assert read_answer(question, question.options[question.answer_index]) == ChoiceAnswer(
        question.answer_index
    )


def test_every_card_carries_its_sources_note(march: LoadedBank) -> None:
    from quiz.game.explain import explain

    question = _questions(march)["estimate:crowd-police"]
    cards = explain(march, question).cards
    assert {c.figure_id for c in cards} == {"crowd-police", "crowd-organisers", "crowd-university"}
    for card in cards:
        source = march.bank.sources[march.bank.figures[card.figure_id].source]
        assert card.note == source.note
    police = next(c for c in cards if c.figure_id == "crowd-police")
    assert police.value_text == "about 20,000 people"


def test_plain_reveal_shows_the_note_on_every_card(march: LoadedBank) -> None:
    from quiz.game.explain import explain
    from quiz.present.plain_text import reveal_lines
    from quiz.present.reveal_view import reveal_view

    question = _questions(march)["estimate:crowd-organisers"]
    lines = "\n".join(reveal_lines(reveal_view(question, explain(march, question))))
    for source in ("coalition", "police"):
        note = march.bank.sources[source].note
        assert note is not None
        assert f"About them: {note}" in lines


def test_a_written_question_does_not_mark_its_figure_as_the_answer(tmp_path: Path) -> None:
    from quiz.game.explain import explain

    text = MARCH.read_text(encoding="utf-8") + (
        '\n[[questions]]\nkind = "choice"\nprompt = "Why is the police count lower?"\n'
        'answer = "It counts the peak"\noptions = ["It counts the peak", "It counts the day"]\n'
        'figure = "crowd-police"\n'
    )
    (tmp_path / "march.txt").write_text(
        (MARCH.parent / "march.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    path = tmp_path / "march.toml"
    path.write_text(text, encoding="utf-8")
    loaded = load_bank(path, use_cache=False)
    written = next(q for q in all_questions(loaded) if q.kind == "written")
    explanation = explain(loaded, written)
    assert not any(card.is_answer for card in explanation.cards)
    assert not any(point.kind == "answer" for point in explanation.chart)
    # The figure is still shown first, as what the question is about.
    assert explanation.cards[0].figure_id == "crowd-police"


def test_a_hand_written_how_many_times_question_reads_17x(shipped: LoadedBank) -> None:
    """The shipped bank's hand-written ratio estimate names its unit: "17x" is an answer
    and its hint is ratio-sized, not "64k" (found in a classroom: "17x" was refused)."""
    written = [q for q in all_questions(shipped) if q.kind == "written" and not q.options]
    ratios = [q for q in written if "how many times" in q.prompt]
    assert ratios, "the shipped bank asks a hand-written 'how many times' question"
    hint = examples(shipped, ratios)
    for question in ratios:
        assert question.unit == "times" and question.number_kind == "ratio"
        assert read_answer(question, "17x") == NumberAnswer(17.0, "17x")
        assert question.answer_text.endswith(" times")
        assert hint.for_question(question) != hint, "ratio examples, not the bank's scale"


def test_a_written_estimate_takes_the_unit_its_author_names(tmp_path: Path) -> None:
    """`unit` on a hand-written estimate reads and writes its answer as a figure's unit
    does; without one the answer is a bare number, as before; a choice may not have one."""
    estimate = '[[questions]]\nkind = "estimate"\nprompt = "How many arrests?"\nanswer = 120\n'
    text = MARCH.read_text(encoding="utf-8") + "\n" + estimate
    text += 'unit = { singular = "arrest", plural = "arrests" }\n\n' + estimate
    (tmp_path / "march.txt").write_text(
        (MARCH.parent / "march.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    path = tmp_path / "march.toml"
    path.write_text(text, encoding="utf-8")
    named, bare = (
        q for q in all_questions(load_bank(path, use_cache=False)) if q.kind == "written"
    )
    assert (named.answer_text, bare.answer_text) == ("120 arrests", "120")
    assert read_answer(named, "120 arrests") == NumberAnswer(120.0, "120 arrests")
    with pytest.raises(ValueError):  # a unit the question does not name is not taken
        read_answer(bare, "120 arrests")
    choice = '[[questions]]\nkind = "choice"\nprompt = "Who?"\nanswer = "A"\n'
    path.write_text(text + "\n" + choice + 'options = ["A", "B"]\nunit = "times"\n', "utf-8")
    with pytest.raises(BankError) as caught:
        load_bank(path, use_cache=False)
    assert "expected no `unit` in a choice question" in str(caught.value)
    assert "questions[2].unit" in str(caught.value)
