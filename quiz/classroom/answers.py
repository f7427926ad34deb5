"""A student's answer as the room takes it: read from what the wire carries (an option's
number or a value), and the speed and streak bonus it earns.

The text kept for the record is the host's: the option's text, or the engine's
`format_number` of the value read; what a client sends is never stored. A missed
question, like a wrong answer, ends a run of full marks.
"""

from __future__ import annotations

from quiz.bank.numbers import format_number
from quiz.game.generate import Question
from quiz.game.scoring import Answer, ChoiceAnswer, NumberAnswer, Score
from quiz.game.session import Bonus, SessionSettings, bonus_for


class Refusal(Exception):
    """A request the room does not grant; the message is shown to the student."""


def read(question: Question, choice: int | None, value: float | None) -> tuple[Answer, str]:
    """The answer and its text for the record, or Refusal saying what the question needs."""
    if question.is_numeric:
        if value is None or choice is not None:
            raise Refusal("this question needs a number")
        if not value > 0:
            raise Refusal("the answer must be a number above zero")
        shown = format_number(value)
        return NumberAnswer(value, shown), shown
    if choice is None or value is not None:
        raise Refusal("this question needs one of the options")
    if not 0 <= choice < len(question.options):
        raise Refusal("there is no such option")
    return ChoiceAnswer(choice), question.options[choice]


def earn(
    settings: SessionSettings, streak: int, previous_full_marks: bool, result: Score, seconds: float
) -> Bonus:
    """The bonus an answer earns after a run of `streak` full-marks answers, which counts only
    if the question just before was answered with full marks (a miss ends the run)."""
    return bonus_for(settings, result, seconds, streak if previous_full_marks else 0)
