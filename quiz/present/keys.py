"""What the keys do on a question, in words, for the full-screen game.

A choice question is answered with a number key (1 to the number of options), or the
arrows and Enter. Anything else typed there (a player who types "9000" as if it asked
for a number) answers nothing: the line under the question says so, naming what was
typed, and Enter picks nothing until the player presses an option's number or moves the
highlight. Typing is player input: it is shown printable (`quiz.present.words`) and cut
short, never read as markup by the screens.
"""

from __future__ import annotations

from quiz.present.words import printable

SHOWN_TYPING = 12
"""At most this many typed characters are quoted back."""


def choice_keys(options: int) -> str:
    """ "Press 1-4, or ↑↓ and Enter."."""
    return f"Press 1-{options}, or ↑↓ and Enter."


def estimate_keys() -> str:
    return "Enter answers · Esc leaves the field"


def not_an_option(typed: str, options: int) -> str:
    """ "“9000” is not an option: press 1-4, or ↑↓ and Enter."."""
    text = printable(typed.strip())
    if len(text) > SHOWN_TYPING:
        text = text[: SHOWN_TYPING - 1] + "…"
    what = f"“{text}” is not an option" if text else "Pick an option first"
    keys = choice_keys(options)
    return f"{what}: {keys[0].lower()}{keys[1:]}"
