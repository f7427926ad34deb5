"""Map a key path (as pydantic reports it) to a line and column in TOML source.

pydantic knows the path of a bad value but not where it was written, and tomli
keeps no positions. This module scans the source once and records where every
key, table header, array element and inline-table key is written:

- `[table]` and `[[array]]` headers, counting array-of-tables blocks, so that
  `questions[2].answer` is the `answer` of the third `[[questions]]` block, and
  sub-tables such as `[questions.x]` belong to the latest block;
- dotted keys (`a.b = 1`), quoted keys, inline tables and arrays (elements are
  numbered like pydantic numbers them);
- strings, multi-line strings included, are skipped as values: a line inside a
  triple-quoted string that looks like a header or a key is not one.

`locate` returns the position of the key, or of its closest enclosing table when
the key itself is absent (a missing key points at its table's header), or
`(None, None)`: a position is never invented. It runs only when there is
something to report, and only on source tomli has already accepted.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import re

import tomli

Path = tuple[str | int, ...]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_SPACE = " \t"


class _Scanner:
    def __init__(self, source: str) -> None:
        self.src = source
        self.pos = 0
        self.positions: dict[Path, tuple[int, int]] = {}
        self.arrays: dict[Path, int] = {}
        self._line_starts = [0] + [m.end() for m in re.finditer(r"\n", source)]

    # -- positions ---------------------------------------------------------------------------

    def record(self, path: Path, at: int) -> None:
        line = bisect.bisect_right(self._line_starts, at)
        column = at - self._line_starts[line - 1] + 1
        for size in range(1, len(path) + 1):
            self.positions.setdefault(path[:size], (line, column))

    # -- lexing ------------------------------------------------------------------------------

    def peek(self, text: str) -> bool:
        return self.src.startswith(text, self.pos)

    def skip_space(self) -> None:
        while self.pos < len(self.src) and self.src[self.pos] in _SPACE:
            self.pos += 1

    def skip_blank(self) -> None:
        """Skip spaces, newlines and comments (between statements and array elements)."""
        while self.pos < len(self.src):
            char = self.src[self.pos]
            if char in " \t\r\n":
                self.pos += 1
            elif char == "#":
                end = self.src.find("\n", self.pos)
                self.pos = len(self.src) if end < 0 else end
            else:
                return

    def key(self) -> tuple[str, ...]:
        parts: list[str] = []
        while True:
            self.skip_space()
            start = self.pos
            if self.peek('"'):
                self.basic_string()
                parts.append(tomli.loads("k = " + self.src[start : self.pos])["k"])
            elif self.peek("'"):
                end = self.src.index("'", self.pos + 1)
                parts.append(self.src[self.pos + 1 : end])
                self.pos = end + 1
            else:
                match = _BARE_KEY.match(self.src, self.pos)
                if not match:
                    raise ValueError("not a key")
                parts.append(match.group())
                self.pos = match.end()
            self.skip_space()
            if not self.peek("."):
                return tuple(parts)
            self.pos += 1

    def basic_string(self) -> None:
        self.pos += 1
        while self.src[self.pos] != '"':
            self.pos += 2 if self.src[self.pos] == "\\" else 1
        self.pos += 1

    def multiline_string(self, quote: str) -> None:
        self.pos += 3
        while not self.peek(quote * 3):
            self.pos += 2 if quote == '"' and self.src[self.pos] == "\\" else 1
        self.pos += 3
        # Up to two more quotes right before the delimiter belong to the content.
        for _ in range(2):
            if self.peek(quote):
                self.pos += 1

    # -- grammar -----------------------------------------------------------------------------

    def document(self) -> None:
        table: Path = ()
        while True:
            self.skip_blank()
            if self.pos >= len(self.src):
                return
            if self.peek("["):
                table = self.header()
            else:
                self.key_value(table)

    def header(self) -> Path:
        start = self.pos
        is_array = self.peek("[[")
        self.pos += 2 if is_array else 1
        name = self.key()
        self.pos += 2 if is_array else 1
        resolved: list[str | int] = []
        for index, part in enumerate(name):
            resolved.append(part)
            last = index == len(name) - 1
            # Sub-tables of an array of tables belong to its latest element.
            if not (is_array and last) and tuple(resolved) in self.arrays:
                resolved.append(self.arrays[tuple(resolved)])
        path: Path = tuple(resolved)
        if is_array:
            self.arrays[path] = self.arrays.get(path, -1) + 1
            path = (*path, self.arrays[path])
        self.record(path, start)
        return path

    def key_value(self, table: Path) -> None:
        start = self.pos
        path = table + self.key()
        self.record(path, start)
        self.skip_space()
        self.pos += 1  # "="
        self.skip_space()
        self.value(path)

    def value(self, path: Path) -> None:
        if self.peek('"""') or self.peek("'''"):
            self.multiline_string(self.src[self.pos])
        elif self.peek('"'):
            self.basic_string()
        elif self.peek("'"):
            self.pos = self.src.index("'", self.pos + 1) + 1
        elif self.peek("["):
            self.pos += 1
            index = 0
            while True:
                self.skip_blank()
                if self.peek("]"):
                    self.pos += 1
                    return
                self.record((*path, index), self.pos)
                self.value((*path, index))
                self.skip_blank()
                if self.peek(","):
                    self.pos += 1
                index += 1
        elif self.peek("{"):
            self.pos += 1
            while True:
                # TOML 1.1 lets inline tables span lines and carry comments.
                self.skip_blank()
                if self.peek("}"):
                    self.pos += 1
                    return
                self.key_value(path)
                self.skip_blank()
                if self.peek(","):
                    self.pos += 1
        else:
            # Numbers, booleans, dates: up to the next delimiter.
            while self.pos < len(self.src) and self.src[self.pos] not in ",]}#\r\n":
                self.pos += 1


@functools.lru_cache(maxsize=4)
def key_positions(source: str) -> dict[Path, tuple[int, int]]:
    """Where each key path is first written: {path: (line, column)}, both 1-based.

    Tables defined implicitly (`figures` by `[figures.x]`) get the position of
    their first mention.
    """
    scanner = _Scanner(source)
    # On source tomli did not accept, keep what was found before the confusion rather
    # than guess past it.
    with contextlib.suppress(ValueError, IndexError, tomli.TOMLDecodeError):
        scanner.document()
    return scanner.positions


def locate(source: str, loc: tuple[str | int, ...]) -> tuple[int | None, int | None]:
    """1-based (line, column) of the key at `loc`, of its nearest written table, or (None, None)."""
    positions = key_positions(source)
    for size in range(len(loc), 0, -1):
        found = positions.get(tuple(loc[:size]))
        if found is not None:
            return found
    return None, None
