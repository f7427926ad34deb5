"""What a classroom is told about how the class answered, beside each reveal.

- The projector: "3 guesses, from 5,000 to 200,000" for a number question ("No
  guesses." when nobody answered); option questions show bars of counts instead.
- A student: "2 of 5 classmates were further off than you." once they answered and
  someone else did too, else how many answered. "Further off" is the room's judgement
  (`quiz.classroom.room.Room.further_off`); this module only says it.
"""

from __future__ import annotations

from collections.abc import Sequence

from quiz.bank.numbers import format_number


def guesses_text(guesses: Sequence[float]) -> str:
    values = [v for v in guesses if v > 0]
    if not values:
        return "No guesses."
    noun = "guess" if len(values) == 1 else "guesses"
    return (
        f"{len(values)} {noun}, from {format_number(min(values))} to {format_number(max(values))}"
    )


def further_off_text(answered: int, further_off: int, *, answered_yourself: bool) -> str:
    """How this student did against the classmates who answered."""
    classmates = max(answered - 1, 0) if answered_yourself else answered
    if not answered_yourself or not classmates:
        return f"{answered} answered."
    noun = "classmate was" if classmates == 1 else "classmates were"
    return f"{further_off} of {classmates} {noun} further off than you."
