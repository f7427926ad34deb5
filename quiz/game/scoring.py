"""Scores with reasons. CONTRACT: the UI and classroom code against these names.

The rules (the README states them too; the numbers in RULE_TEXT and
INTERVAL_RULE_TEXT are computed from the functions below, never typed in):

- **Choice**: full marks or none.
- **Estimate**: by how many times off the guess is, r = max(guess/truth,
  truth/guess), where the truth is the nearest end of a range answer and r = 1 inside
  it. Full marks for r <= 1.1 (within 10%), nothing for r >= 10, and in between the
  marks fall linearly in log(r): 1 - log(r / 1.1) / log(10 / 1.1). Guessing 3x too
  high is exactly as wrong as 3x too low.
- **Interval** (confidence mode): the player gives a low and a high bound meant to
  hold the truth 80% of the time. The interval score of Gneiting & Raftery (2007,
  section 6.2) is taken on the natural-log scale, where being 2x off is the same
  distance up or down: IS = (ln high - ln low) + (2 / 0.2) x (how far the truth lies
  outside, in ln), the truth being the nearest point of a range answer. Points are
  exp(-IS / ln 100): a zero-width interval on the truth scores 1, a wider interval
  around it less, and each step by which the truth falls outside costs ten times a
  step of width, so narrow bounds that hold the truth beat wide ones, and bounds that
  miss it score less than bounds of the same width that hold it.
  The interval score itself is proper (reporting one's real 10% and 90% quantiles
  minimises its expected value); the exp transform keeps the order of any two
  answers, so the points are proper in that ordinal sense, not in expectation.
- Every score is weighted by the question's `points` and rounded to 0.01, so the
  reason shown and the points stored agree.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from quiz.bank.numbers import format_number, number_problem, read_number
from quiz.game.distractors import interval_text
from quiz.game.hints import NO_EXAMPLE, Examples
from quiz.game.quantity import LINEAR_RULES, LinearRule, is_linear, number_text
from quiz.game.question import Question


@dataclass(frozen=True)
class ChoiceAnswer:
    index: int


@dataclass(frozen=True)
class NumberAnswer:
    value: float
    text: str = ""
    """What the player typed, kept for the record."""


@dataclass(frozen=True)
class IntervalAnswer:
    low: float
    high: float
    text: str = ""


Answer = ChoiceAnswer | NumberAnswer | IntervalAnswer


@dataclass(frozen=True)
class Score:
    points: float
    max_points: float
    correct: bool
    """Full marks: the points, as rounded and shown, equal the maximum. The one test of
    "full marks" everywhere (the verdict "Right", the summary's "To read again", the
    streak bonus, the results' `full_marks`): an interval merely holding the truth, or an
    estimate whose points fall short, is not full marks."""
    reason: str
    """One line in words: "2.1x too low: 0.46 of 1 point"."""
    inside: bool | None = None
    """Interval mode: whether the truth fell inside the player's bounds."""
    times_off: float | None = None
    """An estimate: how many times off the guess was (1 inside the answer's range)."""


FULL_MARKS_RATIO = 1.1
"""An estimate at most this many times off scores full marks."""
ZERO_RATIO = 10.0
"""An estimate this many times off, or more, scores nothing."""
INTERVAL_CONFIDENCE = 0.8
"""Interval mode asks for bounds the player is this sure hold the truth."""
INTERVAL_SCALE = math.log(100)
"""Interval points are exp(-interval score / INTERVAL_SCALE)."""


def estimate_share(ratio: float) -> float:
    """The share of a question's points for a guess `ratio` times off (ratio >= 1)."""
    if ratio <= FULL_MARKS_RATIO:
        return 1.0
    if ratio >= ZERO_RATIO:
        return 0.0
    return 1.0 - math.log(ratio / FULL_MARKS_RATIO) / math.log(ZERO_RATIO / FULL_MARKS_RATIO)


def interval_share(low: float, high: float, truth_low: float, truth_high: float) -> float:
    """The share of a question's points for bounds low..high on a truth (a value or range)."""
    return math.exp(-interval_score(low, high, truth_low, truth_high) / INTERVAL_SCALE)


def interval_score(low: float, high: float, truth_low: float, truth_high: float) -> float:
    """Gneiting & Raftery's interval score on the log scale (lower is better, 0 is perfect)."""
    alpha = 1.0 - INTERVAL_CONFIDENCE
    width = math.log(high) - math.log(low)
    if truth_high < low:
        miss = math.log(low) - math.log(truth_high)
    elif truth_low > high:
        miss = math.log(truth_low) - math.log(high)
    else:
        miss = 0.0
    return width + (2.0 / alpha) * miss


def _share_text(share: float) -> str:
    return points_number(round(share, 2))


def points_number(value: float) -> str:
    """0.4567 -> "0.46", 1.0 -> "1": how every screen and report writes points."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _rule_text() -> str:
    return (
        f"within {round((FULL_MARKS_RATIO - 1) * 100)}%: full marks; "
        f"2x off: {_share_text(estimate_share(2.0))}; "
        f"3x off: {_share_text(estimate_share(3.0))}; "
        f"{ZERO_RATIO:g}x off or more: nothing"
    )


def _interval_rule_text() -> str:
    return (
        f"give bounds you are {round(INTERVAL_CONFIDENCE * 100)}% sure of; "
        f"truth inside bounds 2x apart: {_share_text(interval_share(1, 2, 1.5, 1.5))}; "
        f"10x apart: {_share_text(interval_share(1, 10, 3, 3))}; "
        f"narrow bounds missing by 2x: {_share_text(interval_share(1, 1, 2, 2))}"
    )


RULE_TEXT: str = _rule_text()
"""The estimate scoring rule in one line, shown on screen."""
INTERVAL_RULE_TEXT: str = _interval_rule_text()
"""The interval scoring rule in one line, shown on screen in interval mode."""


def points_text(points: float, max_points: float) -> str:
    """ "0.46 of 1 point", "3 of 10 points": how every screen and report says a score."""
    maximum = points_number(max_points)
    unit = "point" if maximum == "1" else "points"
    return f"{points_number(points)} of {maximum} {unit}"


def times_text(ratio: float) -> str:
    """ "2.1x", "3x" (never "3.0x"), "17x": how far off, to a tenth below 10, then whole."""
    if ratio < 10:
        return f"{ratio:.1f}".removesuffix(".0") + "x"
    return f"{ratio:,.0f}x"


def _off(guess: float, truth: float, high: str = "too high", low: str = "too low") -> str:
    """ "2.1x too low", "25% too high": percent while that reads naturally, then times."""
    ratio = max(guess / truth, truth / guess)
    direction = high if guess > truth else low
    if ratio < 1.5:
        percent = (guess / truth - 1) if guess > truth else (1 - guess / truth)
        return f"{max(1, round(percent * 100))}% {direction}"
    if ratio < 100:
        return f"{times_text(ratio)} {direction}"
    # "7.8 million times", never "7.8 millionx".
    return f"{format_number(round(ratio))} times {direction}"


def _positive(value: float, what: str) -> None:
    if not (math.isfinite(value) and value > 0):
        raise ValueError(f"expected {what} above 0, found {value!r}")


def score(question: Question, answer: Answer) -> Score:
    """Score one answer; ValueError when the answer does not fit the question."""
    max_points = question.points
    if not question.is_numeric:
        if not isinstance(answer, ChoiceAnswer):
            raise ValueError("expected the number of an option for this question, found a number")
        if not 0 <= answer.index < len(question.options):
            raise ValueError(
                f"expected an option from 1 to {len(question.options)}, found {answer.index + 1}"
            )
        right = answer.index == question.answer_index
        if right:
            return Score(max_points, max_points, True, f"right: {question.answer_text}")
        return Score(0.0, max_points, False, f"wrong: the answer is {question.answer_text}")
    assert question.low is not None and question.high is not None
    low, high = question.low, question.high
    if isinstance(answer, ChoiceAnswer):
        raise ValueError("expected a number for this question, found an option")
    if isinstance(answer, IntervalAnswer):
        return _score_interval(question, answer, max_points)
    guess = answer.value
    _positive(guess, "a guess")
    if low <= guess <= high:
        reason = "exactly right" if low == high else f"inside the range {question.answer_text}"
        return Score(
            max_points,
            max_points,
            True,
            f"{reason}: {points_text(max_points, max_points)}",
            times_off=1.0,
        )
    truth = high if guess > high else low
    if is_linear(question.number_kind):
        return _score_linear(question, guess, truth, max_points)
    ratio = max(guess / truth, truth / guess)
    points = round(max_points * estimate_share(ratio), 2)
    return Score(
        points,
        max_points,
        points >= max_points,
        f"{_off(guess, truth)}: {points_text(points, max_points)}",
        times_off=ratio,
    )


def linear_share(distance: float, rule: LinearRule) -> float:
    """The share of a question's points for a guess `distance` off, on a linear scale."""
    if distance <= rule.full:
        return 1.0
    if distance >= rule.zero:
        return 0.0
    return 1.0 - (distance - rule.full) / (rule.zero - rule.full)


def _distance_text(question: Question, distance: float) -> str:
    """ "3 °C", "5 percentage points": a distance in the question's unit."""
    shown = number_text(round(distance, 2))
    if question.number_kind == "percentage":
        return f"{shown} percentage point{'' if shown == '1' else 's'}"
    return question.unit_shown.after(shown, one=shown == "1")


def _score_linear(question: Question, guess: float, truth: float, max_points: float) -> Score:
    rule = LINEAR_RULES[question.number_kind]
    distance = abs(guess - truth)
    points = round(max_points * linear_share(distance, rule), 2)
    direction = "too high" if guess > truth else "too low"
    reason = f"{_distance_text(question, distance)} {direction}: {points_text(points, max_points)}"
    return Score(points, max_points, points >= max_points, reason)


def rule_text(question: Question, interval: bool = False) -> str:
    """The scoring rule of `question` in one line, as the screen states it ("" for options)."""
    if not question.is_numeric:
        return ""
    if interval:
        return INTERVAL_RULE_TEXT
    if not is_linear(question.number_kind):
        return RULE_TEXT
    rule = LINEAR_RULES[question.number_kind]
    middle = (rule.full + rule.zero) / 2
    return (
        f"within {_distance_text(question, rule.full)}: full marks; "
        f"{_distance_text(question, middle)} off: {_share_text(linear_share(middle, rule))}; "
        f"{_distance_text(question, rule.zero)} off or more: nothing"
    )


def _score_interval(question: Question, answer: IntervalAnswer, max_points: float) -> Score:
    assert question.low is not None and question.high is not None
    _positive(answer.low, "a low bound")
    _positive(answer.high, "a high bound")
    if answer.low > answer.high:
        raise ValueError(
            f"expected the low bound at most the high bound, found "
            f"{format_number(answer.low)} above {format_number(answer.high)}"
        )
    truth_low, truth_high = question.low, question.high
    share = interval_share(answer.low, answer.high, truth_low, truth_high)
    points = round(max_points * share, 2)
    inside = not (truth_high < answer.low or truth_low > answer.high)
    bounds = interval_text(answer.low, answer.high)
    truth = f"the truth, {question.answer_text},"
    if inside:
        width = answer.high / answer.low
        wide = f" ({points_number(width) if width < 100 else format_number(round(width))}x wide)"
        where = f"{truth} is inside your bounds {bounds}{wide if width > 1 else ''}"
    else:
        nearest = truth_high if truth_high < answer.low else truth_low
        edge = answer.low if truth_high < answer.low else answer.high
        where = f"{truth} is {_off(nearest, edge, 'above', 'below')} your bounds {bounds}"
    reason = f"{where}: {points_text(points, max_points)}"
    return Score(points, max_points, points >= max_points, reason, inside)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _options_named(options: Sequence[str], typed: str) -> list[int]:
    """The options whose words include the typed words, in order and side by side: a
    source's short name ("milley" for "Gen. Mark Milley", "the un"). Only typing with a
    letter in it: "100" must not pick "100,000"."""
    words = _words(typed)
    if not words or not any(ch.isalpha() for ch in typed):
        return []
    size = len(words)
    found = []
    for index, option in enumerate(options):
        have = _words(option)
        if any(have[at : at + size] == words for at in range(len(have) - size + 1)):
            found.append(index)
    return found


def read_answer(
    question: Question, text: str, interval: bool = False, examples: Examples | None = None
) -> Answer:
    """Read what a player typed, or raise ValueError with a message to show them.

    Options are picked by number ("2") or by their text; numbers go through the number
    reader ("7.8m", "7,800,000", "15 million"); a range given as one estimate counts as its
    middle. In interval mode a numeric question wants two bounds ("5,000-20,000", "5k to 20k").
    Example numbers in the messages come only from `examples` (`quiz.game.hints`, made so
    that none is a number of the bank); without them the messages give none.
    """
    typed = text.strip()
    if not question.is_numeric:
        count = len(question.options)
        if typed.isdigit() and 1 <= int(typed) <= count:
            return ChoiceAnswer(int(typed) - 1)
        for index, option in enumerate(question.options):
            if typed.casefold() == option.casefold():
                return ChoiceAnswer(index)
        named = _options_named(question.options, typed)
        if len(named) == 1:
            return ChoiceAnswer(named[0])
        if named:
            which = " or ".join(repr(question.options[i]) for i in named)
            raise ValueError(f"{typed!r} could be {which}: type its number")
        raise ValueError(f"expected an option number from 1 to {count}, found {typed!r}")
    reading = read_number(typed, units=question.unit_words)
    if reading is None:
        problem = number_problem(typed, units=question.unit_words)
        if problem is not None and "above zero" in problem:
            raise ValueError(f"expected a number above zero, found {typed!r}")
        if examples is None or not examples.short:
            how = examples.without_example if examples else NO_EXAMPLE
            raise ValueError(f"expected a number ({how}), found {typed!r}")
        example = examples.bounds if interval else examples.typed
        raise ValueError(f"expected a number such as {example}, found {typed!r}")
    if interval:
        if not reading.is_range:
            example = f" such as {examples.interval}" if examples and examples.interval else ""
            raise ValueError(f"expected a low and a high bound{example}, found one number")
        return IntervalAnswer(reading.low, reading.high, typed)
    # A range typed as one estimate ("15-30 million", as a news report would put it) counts
    # as its middle on the scale the score uses: the geometric middle, equally many times
    # off from either end (`NumberReading.value`). The screens say so before it is given.
    return NumberAnswer(reading.value, typed)
