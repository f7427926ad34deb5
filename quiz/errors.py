"""The quiz's one error type, the located problems a bank error carries, and how keys and
values are written in messages.

Every failure the user is told about instead of a traceback is a `QuizError` (or a subclass:
`UsageError` for options, `BankError` for a bank, the results store's `StoreError`, the
classroom's command errors). It carries the CLI's exit status (`exit_code`: 1 a problem with
the input or the machine, 2 unusable options) and its own printed form (`lines`), and the CLI
prints it once, in `quiz.cli.main`; everything below only raises.
"""

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


class QuizError(Exception):
    """Something to tell the user instead of a traceback, with the CLI's exit status."""

    exit_code: int = 1

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code

    def lines(self) -> list[str]:
        """The error as the CLI prints it, one line per item, each ready for stderr."""
        return [f"quiz: {line}" if i == 0 else line for i, line in enumerate(str(self).split("\n"))]


class UsageError(QuizError):
    """A command-line option or a choice cannot be used as given; the message says why."""

    exit_code = 2


class BankError(QuizError):
    """A bank could not be loaded; `problems` lists every reason at once."""

    exit_code = 1

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def lines(self) -> list[str]:
        """Each problem on its own line (file:line:col first, as editors read it), then a count."""
        count = len(self.problems)
        files = {p.path for p in self.problems}
        owner = "the bank has" if len(files) <= 1 else f"{len(files)} banks have"
        return [str(p) for p in self.problems] + [
            f"quiz: {owner} {count} problem{'s' if count != 1 else ''}"
        ]


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
