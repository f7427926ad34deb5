"""A quote as every front end shows it: in quotation marks, each mark shown once.

A bank's quote may itself begin and end with quotation marks (the article quoted someone:
`quote = '"at least 250,000 people"'`); wrapping it again would show ““…””. Marks inside
a quote become single marks, as nested quotations are written: “the total cost at ‘150
million euros’”. Only one-character swaps and an optional pair of marks are added, so a
highlight computed on the bank's quote moves by `shift` characters and no more.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["ShownQuote", "shown_quote"]

_OPENING = "\"“„«'‘"
_CLOSING = "\"”»'’"
_NESTED = str.maketrans({'"': "’", "“": "‘", "”": "’", "„": "‘", "«": "‘", "»": "’"})
# A straight mark opens a quotation at the start of a word, and closes one elsewhere.
_OPENS = re.compile(r'(?:^|(?<=[\s(\[]))"')


def _nested(text: str) -> str:
    return _OPENS.sub("‘", text).translate(_NESTED)


class ShownQuote(NamedTuple):
    text: str
    """The quote with its quotation marks."""
    shift: int
    """How far each character of the bank's quote moved: 1 when a mark was added before it."""


def shown_quote(quote: str) -> ShownQuote:
    """The quote in quotation marks, each shown once, ready to print or to highlight."""
    if len(quote) >= 2 and quote[0] in _OPENING and quote[-1] in _CLOSING:
        inner = _nested(quote[1:-1])
        return ShownQuote(f"“{inner}”", 0)
    return ShownQuote(f"“{_nested(quote)}”", 1)
