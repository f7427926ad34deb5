"""Map a key path (as pydantic reports it) to a line and column in TOML source.

pydantic knows the path of a bad value but not where it was written; tomli does
not keep positions. This small scanner reads the source line by line, tracking
the current table header (counting `[[array]]` tables) and skipping multi-line
strings, and returns the position of the key — or of the closest enclosing table
header when the key itself is absent (a missing key). It runs only when there is
something to report.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_$-]+(?:\s*\.\s*(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+))*)\s*=""")


def _split_key(text: str) -> tuple[str, ...]:
    parts = re.findall(r""""([^"]*)"|'([^']*)'|([^.\s]+)""", text)
    return tuple(a or b or c for a, b, c in parts)


def locate(source: str, loc: tuple[int | str, ...]) -> tuple[int | None, int | None]:
    """1-based (line, column) of the key at `loc`, or of its nearest table, or (None, None)."""
    want = tuple(str(p) for p in loc)
    best: tuple[int, int, int] | None = None  # (matched parts, line, column)
    table: tuple[str, ...] = ()
    arrays: dict[tuple[str, ...], int] = {}
    in_multiline: str | None = None
    for number, line in enumerate(source.splitlines(), start=1):
        if in_multiline:
            if line.count(in_multiline) % 2 == 1:
                in_multiline = None
            continue
        header = _HEADER.match(line)
        if header:
            name = _split_key(header.group(2))
            if header.group(1) == "[[":
                arrays[name] = arrays.get(name, -1) + 1
                table = (*name, str(arrays[name]))
            else:
                # Sub-tables of an array-of-tables belong to its latest element.
                table = name
                for size in range(len(name) - 1, 0, -1):
                    if name[:size] in arrays:
                        table = (*name[:size], str(arrays[name[:size]]), *name[size:])
                        break
            path = table
            column = line.index("[") + 1
        else:
            key = _KEY.match(line)
            if not key:
                continue
            path = (*table, *_split_key(key.group(1)))
            column = line.index(key.group(1)[0]) + 1
            rest = line[key.end():]
            for quote in ('"""', "'''"):
                if rest.count(quote) == 1:
                    in_multiline = quote
        matched = 0
        for a, b in zip(path, want):
            if a != b:
                break
            matched += 1
        if matched == len(path) and (best is None or matched > best[0]):
            best = (matched, number, column)
            if matched == len(want):
                break
    if best is None:
        return (1, 1) if source.strip() else (None, None)
    return best[1], best[2]
