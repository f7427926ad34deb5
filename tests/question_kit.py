"""What the tests of generated questions share: the names of both test banks' fixtures
(each test module parametrises its own `bank` fixture over them), and an option read back
as a player would type it."""

from __future__ import annotations

from quiz.bank.numbers import read_number
from quiz.game.generate import Question

BANKS = ["shipped", "second_bank"]


def option_interval(option: str, question: Question) -> tuple[float, float]:
    """An option's value, read as a player would type it (its unit allowed)."""
    reading = read_number(option, units=question.unit_words)
    assert reading is not None, f"option {option!r} does not read as a number"
    return reading.low, reading.high
