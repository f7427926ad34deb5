"""The one filter for text from outside the program on its way to a terminal or a CSV.

Player names, typed answers and anything that came over a network are data. Before
they are printed or written to a CSV cell, every control, format (bidirectional
overrides included), surrogate, private-use and line/paragraph separator character
becomes U+FFFD: an escape sequence can then neither retitle nor clear a terminal, nor
make a name read in another order than it is stored. `quiz results` listings and
exports, the classroom's per-player summary and report, and the student's screens all
pass text through here.
"""

from __future__ import annotations

import unicodedata

REPLACEMENT = "\ufffd"
_UNSAFE = frozenset({"Cc", "Cf", "Cs", "Co", "Zl", "Zp"})


def unsafe(char: str) -> bool:
    """Whether `char` may not reach a terminal as itself."""
    return unicodedata.category(char) in _UNSAFE


def printable(text: str, *, newlines: bool = False) -> str:
    """`text` with every unsafe character shown as U+FFFD (newlines kept if asked)."""
    if text.isascii() and text.isprintable():  # the common case, without a loop
        return text
    return "".join(
        ch if (newlines and ch == "\n") or not unsafe(ch) else REPLACEMENT for ch in text
    )
