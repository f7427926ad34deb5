"""Scoring: the rule's properties (symmetry, monotonicity, bounds, propriety of the
interval rule), the reasons in words, and refusing answers that do not fit."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from quiz.game.generate import Question
from quiz.game.scoring import (
    FULL_MARKS_RATIO,
    INTERVAL_RULE_TEXT,
    RULE_TEXT,
    ZERO_RATIO,
    ChoiceAnswer,
    IntervalAnswer,
    NumberAnswer,
    estimate_share,
    interval_share,
    read_answer,
    score,
)

truths = st.floats(min_value=1e-3, max_value=1e12)
factors = st.floats(min_value=1.0, max_value=1e4)
weights = st.sampled_from([1.0, 2.0, 0.5, 3.0])


def exact(value: float, points: float = 1.0) -> Question:
    return Question("q", "estimate", "?", low=value, high=value, points=points)


def ranged(low: float, high: float, points: float = 1.0) -> Question:
    return Question("q", "estimate", "?", low=low, high=high, points=points)


CHOICE = Question("c", "choice", "?", options=("Kharkiv", "Kherson", "Odesa"), answer_index=1)


@given(truth=truths, k=factors, points=weights)
def test_symmetric_in_ratio(truth: float, k: float, points: float) -> None:
    question = exact(truth, points)
    high = score(question, NumberAnswer(truth * k))
    low = score(question, NumberAnswer(truth / k))
    assert high.points == pytest.approx(low.points, abs=0.011)
    assert estimate_share(k) == estimate_share(k)


@given(truth=truths, k1=factors, k2=factors, up=st.booleans())
def test_further_off_never_scores_more(truth: float, k1: float, k2: float, up: bool) -> None:
    near, far = sorted((k1, k2))
    question = exact(truth)
    guess = (lambda k: truth * k) if up else (lambda k: truth / k)
    assert (
        score(question, NumberAnswer(guess(far))).points
        <= score(question, NumberAnswer(guess(near))).points
    )
    assert estimate_share(far) <= estimate_share(near)


@given(truth=truths, guess=truths, points=weights)
def test_points_stay_within_bounds(truth: float, guess: float, points: float) -> None:
    result = score(exact(truth, points), NumberAnswer(guess))
    assert 0 <= result.points <= result.max_points == points


@given(low=truths, width=st.floats(min_value=1.01, max_value=100), where=st.floats(0, 1))
def test_full_marks_anywhere_inside_a_range(low: float, width: float, where: float) -> None:
    high = low * width
    guess = low * width**where  # anywhere from low to high, log-uniformly
    assume(low <= guess <= high)
    result = score(ranged(low, high, 2.0), NumberAnswer(guess))
    assert result.points == 2.0 and result.correct
    assert "inside the range" in result.reason


def test_the_curve_has_its_documented_shape() -> None:
    assert estimate_share(1.0) == estimate_share(FULL_MARKS_RATIO) == 1.0
    assert estimate_share(ZERO_RATIO) == estimate_share(ZERO_RATIO * 3) == 0.0
    # Linear in log(ratio) between the two ends.
    middle = math.sqrt(FULL_MARKS_RATIO * ZERO_RATIO)
    assert estimate_share(middle) == pytest.approx(0.5)


def test_rule_text_states_the_functions_numbers() -> None:
    assert RULE_TEXT.startswith("within 10%: full marks")
    shares = dict(re.findall(r"(\d+)x off: ([\d.]+)", RULE_TEXT))
    assert shares
    for ratio, share in shares.items():
        assert float(share) == pytest.approx(estimate_share(float(ratio)), abs=0.005)
    assert f"{ZERO_RATIO:g}x off or more: nothing" in RULE_TEXT
    assert "\n" not in RULE_TEXT and "\n" not in INTERVAL_RULE_TEXT


@pytest.mark.parametrize(
    ("guess", "reason"),
    [
        (5937, "exactly right: 1 of 1 point"),
        (5937 / 2.1, "2.1x too low: "),
        (5937 * 3, "3x too high: "),
        (5937 * 80, "80x too high: "),  # whole from 10x: "80.0x" was noise
        (5937 / 16.83, "17x too low: "),
        (5937 * 1.25, "25% too high: "),
        (5937 * 0.8, "20% too low: "),
    ],
)
def test_reasons_say_how_far_off(guess: float, reason: str) -> None:
    result = score(exact(5937), NumberAnswer(guess))
    assert result.reason.startswith(reason)
    assert result.reason.endswith(f"{result.points:g} of 1 point")


def test_reasons_for_ranges_choices_and_weights() -> None:
    inside = score(ranged(15e6, 30e6), NumberAnswer(2e7))
    assert inside.reason == "inside the range 15 million–30 million: 1 of 1 point"
    assert score(CHOICE, ChoiceAnswer(1)).reason == "right: Kherson"
    wrong = score(CHOICE, ChoiceAnswer(0))
    assert (wrong.points, wrong.correct, wrong.reason) == (0, False, "wrong: the answer is Kherson")
    heavy = score(exact(100, points=2), NumberAnswer(200))
    assert heavy.max_points == 2
    assert heavy.points == pytest.approx(2 * estimate_share(2), abs=0.01)
    assert heavy.reason.endswith(f"{heavy.points:g} of 2 points")


def test_near_misses_within_the_band_count_as_correct() -> None:
    assert score(exact(1000), NumberAnswer(1090)).correct
    assert not score(exact(1000), NumberAnswer(1200)).correct


# Interval mode ---------------------------------------------------------------


@given(truth=truths, narrow=st.floats(1.0, 50), wider=st.floats(1.01, 50), at=st.floats(0, 1))
def test_a_tighter_interval_holding_the_truth_scores_higher(
    truth: float, narrow: float, wider: float, at: float
) -> None:
    wide = narrow * wider
    # Both intervals hold the truth at the same relative place.
    tight = (truth / narrow**at, truth * narrow ** (1 - at))
    loose = (truth / wide**at, truth * wide ** (1 - at))
    s_tight = interval_share(*tight, truth, truth)
    s_loose = interval_share(*loose, truth, truth)
    assert s_tight > s_loose


@given(truth=truths, width=st.floats(1.0, 50), off=st.floats(1.001, 100), up=st.booleans())
def test_missing_scores_less_than_holding_with_the_same_width(
    truth: float, width: float, off: float, up: bool
) -> None:
    holding = (truth / math.sqrt(width), truth * math.sqrt(width))
    shift = off * math.sqrt(width)  # moves the interval clear of the truth
    missing = (
        (holding[0] * shift, holding[1] * shift)
        if up
        else (
            holding[0] / shift,
            holding[1] / shift,
        )
    )
    assert interval_share(*missing, truth, truth) < interval_share(*holding, truth, truth)


@given(truth=truths, low=truths, factor=st.floats(1.0, 1e6), points=weights)
def test_interval_points_stay_within_bounds(
    truth: float, low: float, factor: float, points: float
) -> None:
    result = score(exact(truth, points), IntervalAnswer(low, low * factor))
    assert 0 <= result.points <= points
    assert result.inside == (low <= truth <= low * factor)
    assert result.correct == (result.points == points), "full marks means the points shown"


@given(truth=truths, k=st.floats(1.01, 1e3), width=st.floats(1.0, 100))
def test_interval_rule_is_symmetric_on_the_log_scale(truth: float, k: float, width: float) -> None:
    above = interval_share(truth * k, truth * k * width, truth, truth)
    below = interval_share(truth / k / width, truth / k, truth, truth)
    assert above == pytest.approx(below, rel=1e-6, abs=1e-12)


def test_interval_reasons_and_calibration_flag() -> None:
    result = score(exact(5937), IntervalAnswer(1000, 10_000))
    assert result.inside is True
    assert result.reason.startswith("the truth, 5,937, is inside your bounds 1,000–10,000")
    miss = score(ranged(15e6, 30e6), IntervalAnswer(1e6, 2e6))
    assert miss.inside is False
    assert "7.5x above your bounds 1 million–2 million" in miss.reason
    assert "80%" in INTERVAL_RULE_TEXT


def test_interval_rule_text_states_the_functions_numbers() -> None:
    apart = dict(re.findall(r"(\d+)x apart: ([\d.]+)", INTERVAL_RULE_TEXT))
    assert apart
    for width, share in apart.items():
        # The truth anywhere inside: the share depends only on the width.
        assert float(share) == pytest.approx(interval_share(1, float(width), 1, 1), abs=0.005)
    missing = re.search(r"missing by (\d+)x: ([\d.]+)", INTERVAL_RULE_TEXT)
    assert missing is not None
    off, share = float(missing[1]), float(missing[2])
    assert share == pytest.approx(interval_share(1, 1, off, off), abs=0.005)


# Answers that do not fit -----------------------------------------------------


@pytest.mark.parametrize(
    ("question", "answer", "message"),
    [
        (CHOICE, NumberAnswer(3), "option"),
        (CHOICE, ChoiceAnswer(3), "from 1 to 3"),
        (CHOICE, ChoiceAnswer(-1), "from 1 to 3"),
        (exact(10), ChoiceAnswer(0), "expected a number"),
        (exact(10), NumberAnswer(0), "above 0"),
        (exact(10), NumberAnswer(math.nan), "above 0"),
        (exact(10), IntervalAnswer(20, 10), "low bound"),
        (exact(10), IntervalAnswer(0, 10), "above 0"),
    ],
)
def test_misfit_answers_raise_value_error(question: Question, answer: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        score(question, answer)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7.8m", NumberAnswer(7.8e6, "7.8m")),
        ("7,800,000", NumberAnswer(7.8e6, "7,800,000")),
        ("15 million", NumberAnswer(15e6, "15 million")),
        ("about 40k", NumberAnswer(40e3, "about 40k")),
    ],
)
def test_typed_numbers_go_through_the_number_reader(text: str, expected: NumberAnswer) -> None:
    assert read_answer(exact(10), text) == expected


def test_a_range_given_as_one_estimate_counts_as_its_middle() -> None:
    """Issue 14: "15-30 million" was suggested and then refused. It now reads as its middle
    on the score's ratio scale: equally many times off from either end."""
    answer = read_answer(exact(10), "15-30 million")
    assert isinstance(answer, NumberAnswer)
    assert answer.value == pytest.approx((15e6 * 30e6) ** 0.5)
    assert answer.value / 15e6 == pytest.approx(30e6 / answer.value)
    assert answer.text == "15-30 million"


def test_a_source_is_picked_by_its_short_name() -> None:
    """Issue 14: in --plain, "milley" was refused where "gen. mark milley" worked."""
    sources = Question(
        id="s",
        kind="source",
        prompt="?",
        options=("Gen. Mark Milley", "Moscow", "The UN", "Valeriy Zaluzhniy"),
        answer_index=0,
    )
    assert read_answer(sources, "milley") == ChoiceAnswer(0)
    assert read_answer(sources, "Mark Milley") == ChoiceAnswer(0)
    assert read_answer(sources, "the un") == ChoiceAnswer(2)
    assert read_answer(sources, "un") == ChoiceAnswer(2)
    with pytest.raises(ValueError, match="from 1 to 4"):
        read_answer(sources, "mark zaluzhniy")  # words from two names
    both = Question(id="b", kind="source", prompt="?", options=("The UN", "The U.S."))
    with pytest.raises(ValueError, match=re.escape("could be 'The UN' or 'The U.S.'")):
        read_answer(both, "the")
    numbers = Question(id="n", kind="choice", prompt="?", options=("100,000", "15,000"))
    with pytest.raises(ValueError, match="from 1 to 2"):
        read_answer(numbers, "100")


def test_typed_options_and_intervals() -> None:
    assert read_answer(CHOICE, " 2 ") == ChoiceAnswer(1)
    assert read_answer(CHOICE, "odesa") == ChoiceAnswer(2)
    assert read_answer(exact(10), "5k-20k", interval=True) == IntervalAnswer(5e3, 2e4, "5k-20k")


@pytest.mark.parametrize(
    ("question", "text", "interval", "message"),
    [
        (CHOICE, "4", False, "from 1 to 3"),
        (CHOICE, "Kyiv", False, "from 1 to 3"),
        (exact(10), "lots", False, "expected a number"),
        (exact(10), "", False, "expected a number"),
        (exact(10), "10", True, "low and a high"),
    ],
)
def test_unreadable_typing_gets_a_message(
    question: Question, text: str, interval: bool, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        read_answer(question, text, interval)


def test_full_marks_is_the_points_shown_and_nothing_else() -> None:
    """One rule: full marks (`correct`) exactly when the points read as the maximum."""
    holding = score(exact(1000), IntervalAnswer(500, 2000))
    assert holding.inside and not holding.correct, "holding the truth is not full marks"
    assert score(exact(1000), IntervalAnswer(1000, 1000)).correct
    near = score(exact(11.1), NumberAnswer(10))
    assert (near.points, near.correct) == (1.0, True), near.reason
    assert near.reason == "10% too low: 1 of 1 point"
    assert not score(exact(1000), NumberAnswer(1200)).correct
