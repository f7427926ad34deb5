"""The one error type a bank can produce, the located problems it carries, and how
keys and values are written in messages."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a bank, located as precisely as the source allows.

    `key` is the dotted key path in the author's words ("figures.milley.quote",
    "questions[2].answer", counting from 0); `line` and `column` are 1-based and None
    when no honest position is known (a position is never guessed).
    """

    path: str
    message: str
    key: str = ""
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


class BankError(Exception):
    """A bank could not be loaded; `problems` lists every reason at once."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def quoted(text: str, limit: int = 60) -> str:
    """Text in double quotes, escaped like a TOML basic string, cut at `limit` characters.

    Control and format characters are escaped so that a message about an escape
    sequence does not itself send one to the terminal.
    """
    short = text if len(text) <= limit else text[: limit - 3] + "..."
    out = []
    for char in short:
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif unicodedata.category(char) in {"Cc", "Cf"}:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def dotted(loc: tuple[str | int, ...]) -> str:
    """A key path as an author reads it: `figures.milley.quote`, `questions[2].answer`."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            bare = part and all(c.isascii() and (c.isalnum() or c in "-_") for c in part)
            name = part if bare else quoted(part)
            text += f".{name}" if text else name
    return text
