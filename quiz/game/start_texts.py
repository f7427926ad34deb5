"""The bank's own texts as shown before and during a quiz: the start screen states nothing.

A bank's title, description and article headline are written for readers, so they may
state the very figures the quiz asks ("Gen. Milley: 100,000 Russian and 100,000 Ukrainian
soldiers killed or injured"; "figures for the same losses differ by a factor of up to
17"). `start_texts` returns them with every such number replaced by MASK; the article
screen, open only once no question is left (`quiz.game.session.article_open`), shows
them whole.

A number is masked when it is within `quiz.game.hints.AWAY` of a number the bank states
as a figure or as a hand-written question's answer or bound, or equal to a number in a
hand-written option ("9 November"); and always when it is written as a ratio ("17 times",
"17x", "17-fold", "a factor of 17"). A hand-written choice question's answer written out
("Kherson") is masked too. Dates and counts that answer nothing ("November 2022") stay.
Numbers are read in digits (with "m", "k" or a scale word) and in words ("a hundred
thousand", "seventeen", "a factor of up to seventeen", "half a million"), in the bank's
language as text2num reads it. Words are read when the bank is checked and kept with it
(quiz.bank.shown_numbers), since the game does not import text2num before its first
screen (tests/test_game_imports.py).

For the disclosure model (`quiz.game.select` / `quiz.game.disclosure`): the start screen,
`--plain`'s header, `quiz preview`'s heading and the quiz's progress header show
`start_texts(loaded)` and nothing else of the bank before the first question, so they
state no fact a question asks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quiz.bank.loader import LoadedBank
from quiz.bank.numbers import spans
from quiz.bank.shown_numbers import readings_of
from quiz.game.hints import AWAY, clear

MASK = "…"
"""What a masked number or answer reads as."""

_TIMES = re.compile(r"\s*(?:times\b|x\b|×|-?fold\b)", re.IGNORECASE)
_ARTICLE = re.compile(r"\b[Aa]n?\s+$")
_SCALE = re.compile(r"(?:hundred|thousand|million|billion|dozen)\b", re.IGNORECASE)
_FACTOR = re.compile(r"factor of\s+(?:up to\s+|about\s+|around\s+|nearly\s+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class StartTexts:
    """What a player reads of the bank before and during a quiz."""

    title: str
    description: str | None
    article_title: str


def asked_numbers(loaded: LoadedBank) -> list[float]:
    """Every number a question of this bank can have as its answer or bound.

    The ratios "how many times" asks are left out: a bare "ten" states none of them,
    and a number written as a ratio ("17 times") is masked whatever it is."""
    numbers: list[float] = []
    for figure in loaded.bank.figures.values():
        numbers.extend(figure.bounds)
    for written in loaded.bank.questions:
        for value in (written.answer, written.low, written.high):
            if isinstance(value, (int, float)):
                numbers.append(float(value))
    return numbers


def _option_numbers(loaded: LoadedBank) -> set[float]:
    """Numbers in hand-written options ("9 November"): given away only when stated exactly."""
    return {
        n
        for written in loaded.bank.questions
        for option in written.options or []
        for low, high, _, _ in spans(option)
        for n in (low, high)
    }


def _written_answers(loaded: LoadedBank) -> list[str]:
    return [
        w.answer
        for w in loaded.bank.questions
        if w.kind == "choice" and isinstance(w.answer, str) and w.answer.strip()
    ]


def mask(text: str, loaded: LoadedBank) -> str:
    """`text` with every number or written answer that a question asks replaced by MASK."""
    asked = asked_numbers(loaded)
    exact = _option_numbers(loaded)
    pieces: list[str] = []
    at = 0
    for low, high, start, end in readings_of(text, loaded.bank.bank.language, loaded.readings):
        ratio = _TIMES.match(text, end) or _FACTOR.search(text, 0, start)
        if ratio or any(not clear(n, asked) or n in exact for n in (low, high)):
            # "a hundred thousand": the article stands for "one", and goes with it.
            article = _ARTICLE.search(text, at, start) if _SCALE.match(text, start) else None
            pieces += [text[at : article.start() if article else start], MASK]
            at = end
    pieces.append(text[at:])
    masked = "".join(pieces)
    for answer in _written_answers(loaded):
        masked = re.sub(rf"(?<!\w){re.escape(answer)}(?!\w)", MASK, masked, flags=re.IGNORECASE)
    return masked


_LAST: list[tuple[LoadedBank, StartTexts]] = []
"""The last bank's texts: screens ask on every redraw of a header, for one bank at a time
(a LoadedBank holds lists, so it cannot be a dictionary key)."""


def start_texts(loaded: LoadedBank) -> StartTexts:
    """The bank's title, description and article headline with what a question asks
    masked: the only bank texts shown before the quiz's first question."""
    if _LAST and _LAST[0][0] is loaded:
        return _LAST[0][1]
    bank = loaded.bank
    description = bank.bank.description
    found = StartTexts(
        title=mask(bank.bank.title, loaded),
        description=mask(description, loaded) if description else None,
        article_title=mask(bank.article.title or "", loaded),
    )
    _LAST[:] = [(loaded, found)]
    return found


__all__ = ["AWAY", "MASK", "StartTexts", "asked_numbers", "mask", "start_texts"]
