"""The plain game's console: lines out (wrapped to a terminal, whole in a pipe), lines in.

Terminal and pipe differ in one place only: a terminal wraps long lines (never inside a
path or a command, so a replay command can be copied) and pauses between questions; a
pipe gets every line whole and an echo of each answer read, so a transcript reads as a
game.
"""

from __future__ import annotations

import shutil
import textwrap
from typing import TextIO

from quiz.present.words import printable


class EndOfInput(Exception):
    """stdin is exhausted: the game ends with what was answered."""


MAX_WIDTH = 100
"""The widest plain text is wrapped at, however wide the terminal: long lines stay readable."""


class Console:
    """Plain-text input and output, with the terminal/pipe differences in one place."""

    def __init__(self, stdin: TextIO, stdout: TextIO, *, interactive: bool) -> None:
        self.stdin = stdin
        self.stdout = stdout
        self.interactive = interactive
        self.width = min(shutil.get_terminal_size().columns, MAX_WIDTH) if interactive else None

    def say(self, *lines: str) -> None:
        for line in lines:
            if self.width and len(line) > self.width:
                indent = " " * (len(line) - len(line.lstrip(" ")))
                # Paths and commands stay whole, so a replay command can be copied.
                line = textwrap.fill(
                    line,
                    self.width,
                    subsequent_indent=indent + "  ",
                    break_long_words=False,
                    break_on_hyphens=False,
                )
            self.stdout.write(line + "\n")

    def ask(self, prompt: str) -> str:
        """One line of input (without its newline); EndOfInput when there is none."""
        self.stdout.write(prompt)
        self.stdout.flush()
        line = self.stdin.readline()
        if not line:
            self.stdout.write("\n")
            raise EndOfInput
        line = line.rstrip("\r\n")
        if not self.interactive:
            self.stdout.write(printable(line) + "\n")
        return line

    def pause(self) -> None:
        if self.interactive:
            self.ask("Press Enter for the next question. ")

    def flush(self) -> None:
        self.stdout.flush()
