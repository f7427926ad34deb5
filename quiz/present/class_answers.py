"""What a classroom is told about how the class answered, beside each reveal.

- The projector: "3 guesses, from 5,000 to 200,000" for a number question ("No
  guesses." when nobody answered); option questions show bars of counts instead.
- A student, on a number question (an estimate): "2 of 5 classmates were further off
  than you." once they answered and someone else did too, else how many answered.
  "Further off" is the room's judgement (`quiz.classroom.room.Room.further_off`); this
  module only says it.
- A student, on an option question: how many classmates got it right. "Further off" is
  a distance, which an option does not have: on an option every wrong answer is as wrong
  as another, and "0 of 1 classmate was further off than you" after a wrong pick (or when
  the whole class was wrong) reads as nonsense. What a student wants to know there is
  whether the class found it: "2 of 4 classmates got it right too." after a right pick,
  "None of your 4 classmates got it right either." after a wrong one, "Your classmate got
  it right." with one classmate. A student who did not answer reads "2 of 3 who answered
  got it right." The count of right answers is the same for the whole class, so it comes
  in the shared part of the reveal (`RevealMsg.right`).
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
    """How this student did against the classmates who answered a number question: "2 of 5
    classmates were further off than you.", and in words at the ends ("None of your 3
    classmates was further off than you.", never "0 of 1 classmate was")."""
    classmates = max(answered - 1, 0) if answered_yourself else answered
    if not answered_yourself:
        return f"{answered} answered."
    if not classmates:
        return "Only you answered."  # as an option question says it
    if classmates == 1:
        return "Your classmate was " + (
            "further off than you." if further_off else "as close or closer."
        )
    if not further_off:
        return f"None of your {classmates} classmates was further off than you."
    if further_off == classmates:
        return f"All {classmates} classmates were further off than you."
    return f"{further_off} of {classmates} classmates were further off than you."


def got_it_right_text(answered: int, right: int, *, yours: bool | None) -> str:
    """How the class did on an option question: `answered` players answered, `right` of
    them (this student included) picked the right option; `yours` is whether this
    student's pick was right (None: they did not answer)."""
    if yours is None:
        if not answered:
            return "Nobody answered."
        if answered == 1:
            return f"The one who answered got it {'right' if right else 'wrong'}."
        if not right:
            return f"None of the {answered} who answered got it right."
        return f"{right} of {answered} who answered got it right."
    classmates = max(answered - 1, 0)
    others = max(right - (1 if yours else 0), 0)
    if not classmates:
        return "Only you answered."
    tail = " too." if yours else "."
    if classmates == 1:
        if others:
            return "Your classmate got it right" + tail
        return "Your classmate got it wrong" + ("." if yours else " too.")
    if not others:
        return f"None of your {classmates} classmates got it right" + ("." if yours else " either.")
    if others == classmates:
        return f"All {classmates} classmates got it right" + tail
    return f"{others} of {classmates} classmates got it right" + tail


def class_text(
    answered: int, *, yours: bool | None, right: int | None, further_off: int = 0
) -> str:
    """The student's line about the class after a reveal: `right` is how many got an option
    question right (None for a number question, which is told in distances: how many were
    `further_off`); `yours` is whether this student was right (None: no answer)."""
    if right is None:
        return further_off_text(answered, further_off, answered_yourself=yours is not None)
    return got_it_right_text(answered, right, yours=yours)
