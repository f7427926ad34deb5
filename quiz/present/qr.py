"""A QR code as lines of text, for the projector: two rows of modules per line.

segno makes the matrix; each character stands for one module across and two down
(`▀`, `▄`, `█` or a space), which is square in a terminal's tall cells. The lines are
meant to be drawn dark on light (the screen gives the colours), with a quiet zone of
`QUIET` modules, narrower than the standard's four: the projector's own dark frame
around the light square is a border too, and phones read it.

A URL in capitals is encoded in alphanumeric mode, about half the size of byte mode; so
`qr_text` upper-cases an http URL whose path is a room code (scheme and host are
case-blind, and the web join accepts its code in any case).
"""

from __future__ import annotations

import re

import segno

QUIET = 2
_UPPER_SAFE = re.compile(r"http://[A-Za-z0-9.:\-]+(/[A-Za-z0-9]*)?")


def qr_text(url: str) -> str:
    """What to encode for `url`: in capitals when that reads the same."""
    return url.upper() if _UPPER_SAFE.fullmatch(url) else url


def qr_lines(text: str, quiet: int = QUIET) -> list[str]:
    """The QR code of `text`; each string is one line, all the same width."""
    code = segno.make(text, micro=False)
    rows = [[bool(module) for module in row] for row in code.matrix]
    width = len(rows[0]) + 2 * quiet
    blank = [False] * width
    padded = [blank] * quiet + [[False] * quiet + row + [False] * quiet for row in rows]
    padded += [blank] * quiet
    if len(padded) % 2:
        padded.append(blank)
    lines = []
    for top, bottom in zip(padded[::2], padded[1::2], strict=True):
        lines.append("".join(_cell(t, b) for t, b in zip(top, bottom, strict=True)))
    return lines


def _cell(top: bool, bottom: bool) -> str:
    if top and bottom:
        return "█"
    if top:
        return "▀"
    if bottom:
        return "▄"
    return " "
