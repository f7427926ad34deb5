"""How every front end counts questions and players, and what it says when a quiz is shorter
than the count asked for.

A bank gives as many questions as its figures, sources and written questions allow for
the kinds chosen (and the generator keeps to those no earlier reveal answers); asking for
more used to start a shorter quiz without a word. The sentence is the engine's, so the
terminal, plain mode, the classroom host and `quiz preview` say the same thing.
"""

from __future__ import annotations

__all__ = ["count_note", "players_text", "questions_text"]


def questions_text(count: int) -> str:
    """ "1 question", "3 questions": every front end counts questions with this."""
    return f"{count} question{'' if count == 1 else 's'}"


def players_text(count: int) -> str:
    """ "1 player", "24 players": the classroom's reports count players with this."""
    return f"{count} player{'' if count == 1 else 's'}"


def count_note(asked: int, given: int) -> str | None:
    """The note for a quiz of `given` questions when `asked` were asked for; None when the
    bank gave them all."""
    if given >= asked:
        return None
    return (
        f"You asked for {questions_text(asked)}; this bank gives {questions_text(given)} of the"
        f" kinds chosen, so the quiz has {given}."
    )
