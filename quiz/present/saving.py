"""What a player is told about where their answers go: the warning at the start when they
cannot be saved, and the quit dialog's line. The same words in the full-screen game and
`--plain`; the problem itself is found by `quiz.results.writable`.
"""

from __future__ import annotations


def unsaved_warning(problem: str) -> str:
    """ "Answers will not be saved: /x/afile is a file, not a folder. Set QUIZ_DATA_DIR…" """
    return (
        f"Answers will not be saved: {problem}. Set QUIZ_DATA_DIR (or use --data-dir) "
        "to a folder you can write to and start again to keep them."
    )


def quit_detail(position: int, total: int, answered: int, unsaved: str | None) -> str:
    """The quit dialog's line: where the player is, and what becomes of their answers.

    "saved" only when every answer given was stored; `unsaved` is why not, when not.
    """
    where = f"You are on question {position} of {total}."
    if answered == 0:
        return f"{where} Nothing is answered yet, so nothing is kept."
    given = "Your answer" if answered == 1 else f"Your {answered} answers"
    if unsaved is not None:
        verb = "is" if answered == 1 else "are"
        return f"{where} {given} {verb} not saved: {unsaved.rstrip('.')}."
    return f"{where} {given} so far {'is' if answered == 1 else 'are'} saved."


def classroom_quit_detail(position: int, total: int) -> str:
    """The quit dialog's line in a classroom, whose host stores every answer as it comes
    (its store is opened, and checked, before the lobby)."""
    return f"You are on question {position} of {total}. Your answers so far are saved."
