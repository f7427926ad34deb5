"""How `--plain` reads a typed answer: an option by number or by its words, a number, a
range as its middle or as bounds."""

from __future__ import annotations

import pytest

from quiz.game.generate import Question
from quiz.game.scoring import ChoiceAnswer, IntervalAnswer, NumberAnswer
from quiz.play.plain import read_answer


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2", ChoiceAnswer(1)),
        ("2.", ChoiceAnswer(1)),
        ("  the   POLICE ", ChoiceAnswer(1)),
        ("12k", ChoiceAnswer(0)),
        ("5", "Try again"),
        ("", "Type an answer"),
    ],
)
def test_reading_a_choice(typed: str, expected: object) -> None:
    question = Question(
        id="q",
        kind="choice",
        prompt="?",
        options=("12,000", "The police", "30,000"),
        answer_index=0,
    )
    got = read_answer(typed, question, interval=False)
    if isinstance(expected, str):
        assert isinstance(got, str) and got.startswith(expected)
    else:
        assert got == expected


def test_reading_numbers_and_ranges() -> None:
    estimate = Question(id="e", kind="estimate", prompt="?", low=30_000.0, high=30_000.0)
    ratio = Question(id="r", kind="compare", prompt="?", low=2.5, high=2.5, unit="times")
    assert read_answer("7.8m", estimate, interval=False) == NumberAnswer(7_800_000, "7.8m")
    assert read_answer("15 million", estimate, interval=False) == NumberAnswer(15e6, "15 million")
    # A range as one estimate is its (geometric) middle, as in the TUI (issue 14).
    middle = read_answer("10-20k", estimate, interval=False)
    assert isinstance(middle, NumberAnswer) and round(middle.value) == 14142
    assert read_answer("10k-20k", estimate, interval=True) == IntervalAnswer(1e4, 2e4, "10k-20k")
    assert isinstance(read_answer("20k", estimate, interval=True), str)
    assert read_answer("2.5x", ratio, interval=False) == NumberAnswer(2.5, "2.5")
