"""Load a bank file: read, parse, validate, cross-check, check provenance; never a traceback.

`load_bank` either returns a `LoadedBank` or raises `BankError` carrying every
problem of the file at once, each located as `path:line:col: key: message`.
Whatever the file holds (binary, a directory, a 5,000-digit integer, nesting
deeper than the parser allows), the only exception that leaves is `BankError`.

Order of work: the size is checked before reading, the bytes decoded before
parsing, and after a successful parse the schema, the cross-references and the
provenance are all checked, so a file with several kinds of mistake reports them
together. The error path's helpers (the source scanner, near-miss suggestions)
are imported only when there is something to report.

A bank that passed all of that is remembered in quiz.bank.cache; loading the same
bytes again (same article, same checking code) then reads the validated data from
there and imports neither tomli, pydantic nor the checks, which would cost more than
the game's whole start-up. `use_cache=False` always checks in full (`quiz check`).
"""

from __future__ import annotations

import ast
import contextlib
import gc
import hashlib
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quiz.bank import cache as bank_cache
from quiz.bank import data as bankdata
from quiz.errors import BankError, Problem, dotted, quoted

if TYPE_CHECKING:
    from quiz.bank.shown_numbers import Readings

MAX_BANK_BYTES = 8 * 1024 * 1024
"""Banks larger than this (8 MiB) are refused before they are read. A bank of
10,000 figures with full explanations is about 4 MB; a real one is a few KB."""
MAX_ARTICLE_BYTES = 2 * 1024 * 1024
"""Article text files larger than this (2 MiB) are refused before they are read."""


@dataclass(frozen=True)
class LoadedBank:
    """A valid bank with its article text and the digest that ties results to it."""

    bank: bankdata.Bank
    path: Path
    article_text: str
    digest: str
    """sha256 of the bank file's bytes, stored with every answer."""
    readings: Readings | None = None
    """The numbers of the start screen's texts, digits and words (quiz.bank.shown_numbers)."""

    @property
    def id(self) -> str:
        return self.bank.bank.id


class _Unreadable(Exception):
    """Why a file could not be read, in words, with the line and column when known."""

    def __init__(self, reason: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line
        self.column = column


def _read_bytes(path: Path, limit: int, what: str) -> bytes:
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise _Unreadable(f"expected {what}, found a folder")
        if not stat.S_ISREG(info.st_mode):
            # A FIFO or /dev/zero would block or never end.
            raise _Unreadable(f"expected {what}, found a special file (a device or pipe)")
        if info.st_size > limit:
            raise _Unreadable(
                f"expected {what} of at most {limit:,} bytes, found {info.st_size:,} bytes"
            )
        with path.open("rb") as handle:
            # Read one byte past the limit, in case the file grew since stat().
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise _Unreadable(f"expected {what}, found no such file") from None
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise _Unreadable(f"expected {what} that can be read, found an error: {reason}") from None
    if len(data) > limit:
        raise _Unreadable(f"expected {what} of at most {limit:,} bytes, found more")
    return data


def _decode(data: bytes, what: str) -> str:
    try:
        # utf-8-sig: a byte-order mark, which some Windows editors write, is fine.
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[start : exc.start].decode("utf-8", "replace")) + 1
        raise _Unreadable(
            f"expected {what} in UTF-8, found the byte 0x{data[exc.start]:02x}",
            line,
            column,
        ) from None


_TOML_WORDS = {
    "Invalid value": "expected a value (a string in quotes, a number, true or false, "
    "a date, an array or a table)",
    "Invalid statement": "expected a key = value line, a [table] or a [[table]] header",
    "Cannot overwrite a value": "expected each key once per table, found a key set again",
    "Expected newline or end of document after a statement": "expected the end of the line"
    " after `key = value`, found more (a missing comma, quote or bracket?)",
    "Illegal character '\\n'": "expected the string to end on its line, found a line break"
    ' (use triple quotes, """...""", for text over several lines)',
}
_DECLARED_TWICE = re.compile(r"Cannot declare (\(.*\)) twice")


def _parse(source: str, shown: str) -> dict[str, Any]:
    """tomli's parse, with every failure turned into a located Problem."""
    import tomli

    try:
        return tomli.loads(source)
    except tomli.TOMLDecodeError as exc:
        message = getattr(exc, "msg", str(exc))
        line, column = getattr(exc, "lineno", None), getattr(exc, "colno", None)
        declared = _DECLARED_TWICE.fullmatch(message)
        if declared:
            name = dotted(tuple(part for part in ast.literal_eval(declared.group(1)) if part))
            if name == "questions":
                advice = "each question is a [[questions]] block, with two brackets"
            else:
                advice = "ids must be unique: give a new entry a new id"
            problem = Problem(
                shown,
                f"expected each table once, found [{name}] again ({advice})",
                name,
                line,
                column,
            )
        else:
            words = _TOML_WORDS.get(message, message)
            if not shown.endswith(".toml"):
                words = _not_a_bank(shown)
            else:
                words = "invalid TOML: " + (_number_hint(source, line) or words)
            problem = Problem(shown, words, "", line, column)
        raise BankError([problem]) from None
    except RecursionError as exc:
        detail = str(exc) if "TOML" in str(exc) else "arrays or tables nested too deep"
        raise BankError([Problem(shown, f"invalid TOML: {detail}")]) from None
    except ValueError:
        # int() refuses integers of more than 4,300 digits (Python 3.11+).
        line, column = _long_integer(source)
        message = "invalid TOML: expected numbers of at most 4,300 digits, found a longer one"
        raise BankError([Problem(shown, message, "", line, column)]) from None


_COMMA_NUMBER = re.compile(r"=\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?)\s*(?:#.*)?$")


def _number_hint(source: str, line: int | None) -> str:
    """A hint for a number written with thousands commas (`value = 48,000`)."""
    if line is None:
        return ""
    lines = source.splitlines()
    found = _COMMA_NUMBER.search(lines[line - 1]) if 0 < line <= len(lines) else None
    if found is None:
        return ""
    written = found.group(1)
    return (
        f"expected a number such as {written.replace(',', '_')}, found {written}"
        " (TOML groups a number's digits with `_`, not commas)"
    )


def _not_a_bank(shown: str) -> str:
    """A file that is neither TOML nor named .toml: most often an article given by mistake."""
    suffix = Path(shown).suffix
    what = f"a {suffix} file" if suffix else "a file"
    hint = f"; to start a bank from an article, run: quiz draft {shown}" if suffix == ".txt" else ""
    return f"expected a bank (a TOML file ending .toml), found {what} that is not TOML{hint}"


def _long_integer(source: str) -> tuple[int | None, int | None]:
    match = re.search(r"[0-9_]{4000,}", source)
    if not match:
        return None, None
    line = source.count("\n", 0, match.start()) + 1
    return line, match.start() - (source.rfind("\n", 0, match.start()) + 1) + 1


def _article_text(
    data: dict[str, Any], bank_path: Path, source: str, shown: str
) -> tuple[str | None, list[Problem]]:
    """The article's text (inline or from its file), or None with the problems why not."""
    article = data.get("article")
    if not isinstance(article, dict):
        return None, []
    text, text_file = article.get("text"), article.get("text_file")
    if isinstance(text, str) and text_file is None:
        return text, []
    if not isinstance(text_file, str) or text is not None:
        return None, []  # the schema check reports it
    from quiz.bank.fields import forbidden_character
    from quiz.bank.locate import locate

    def problem(message: str) -> Problem:
        return Problem(
            shown, message, "article.text_file", *locate(source, ("article", "text_file"))
        )

    what = quoted(text_file)
    try:
        article_text = _read_article(bank_path, text_file)
    except _Unreadable as exc:
        reason = exc.reason
        if exc.line is not None:
            reason += f", at line {exc.line}, column {exc.column} of it"
        return None, [problem(reason)]
    bad = forbidden_character(article_text)
    if bad is not None:
        line = article_text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (article_text.rfind("\n", 0, bad.start()) + 1) + 1
        return None, [
            problem(
                f"expected plain text in {what}, found a control character"
                f" (U+{ord(bad.group()):04X}) at line {line}, column {column} of it"
            )
        ]
    return article_text, []


def _read_article(bank_path: Path, text_file: str) -> str:
    """The text of the article file `text_file` names, which must lie in the bank's folder."""
    what = quoted(text_file)
    if os.path.isabs(text_file) or text_file.startswith(("/", "\\")):
        raise _Unreadable(f"expected a path relative to the bank's folder, found {what}")
    folder = bank_path.resolve().parent
    target = (folder / text_file).resolve()
    if not target.is_relative_to(folder):
        through = "" if ".." in Path(text_file).parts else " through a link,"
        raise _Unreadable(
            f"expected a file inside the bank's folder, found {what},{through} which leads out"
        )
    described = f"an article file at {what}"
    return _decode(_read_bytes(target, MAX_ARTICLE_BYTES, described), described)


def load_bank(
    path: str | Path, *, check_provenance: bool = True, use_cache: bool = True
) -> LoadedBank:
    """Load and fully check the bank at `path`, or raise BankError with every problem.

    With `use_cache` (and `check_provenance`), a bank whose bytes, article and checking
    code are unchanged since it last passed is read from quiz.bank.cache instead of
    being checked again, and a bank that passes is stored there; a cache that cannot be
    read or written only makes the load slower. `quiz check` passes `use_cache=False`.
    """
    with collector_paused():
        return _load(Path(path), check_provenance, use_cache and check_provenance)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a bank is built or questions are made.

    Both allocate many small objects, none of them cyclic garbage, and each burst makes
    the collector walk every object already alive for nothing. Measured on a
    10,000-figure bank (about a million objects): a third of the whole check, and about
    15% of generating a large quiz. Reference counting still frees everything; the
    collector resumes (if it was running) however the work ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _article_digest(text: str | None) -> str | None:
    return None if text is None else hashlib.sha256(text.encode("utf-8")).hexdigest()


def _from_cache(path: Path, raw: bytes) -> LoadedBank | None:
    """The bank remembered for these bytes, if its article is unchanged too; else None."""
    found = bank_cache.read(path, raw)
    if found is None:
        return None
    bank, article_digest, readings = found
    text_file = bank.article.text_file
    if text_file is None:
        if article_digest is not None or bank.article.text is None:
            return None
        article_text = bank.article.text
    else:
        try:
            article_text = _read_article(path, text_file)
        except _Unreadable:
            return None  # the full load says why
        if _article_digest(article_text) != article_digest:
            return None
    return LoadedBank(bank, path, article_text, hashlib.sha256(raw).hexdigest(), readings)


def _load(path: Path, check_provenance: bool, use_cache: bool) -> LoadedBank:
    shown = str(path)
    try:
        raw = _read_bytes(path, MAX_BANK_BYTES, "a bank file")
        if use_cache:
            cached = _from_cache(path, raw)
            if cached is not None:
                return cached
        source = _decode(raw, "a bank file")
    except _Unreadable as exc:
        raise BankError([Problem(shown, exc.reason, "", exc.line, exc.column)]) from None
    # The full check's tools, imported only now: a cache hit never needs them.
    from pydantic import ValidationError

    from quiz.bank import checks, measure_checks, provenance
    from quiz.bank.locate import locate
    from quiz.bank.model import Bank
    from quiz.bank.shown_numbers import read_shown

    data = _parse(source, shown)
    if not data:
        # Five "missing key" messages would bury the point.
        raise BankError(
            [
                Problem(
                    shown,
                    "expected a bank (format, [bank], [article], [sources], [figures]),"
                    " found an empty file; `quiz new` writes a starter",
                )
            ]
        )
    bank: Bank | None = None
    problems: list[Problem] = []
    # Figures whose own table is wrong are left out of the later checks: one message each.
    broken: set[str] = set()
    try:
        bank = Bank.model_validate(data)
    except ValidationError as exc:
        problems = checks.validation_problems(exc, data, source, shown)
        broken = {
            str(error["loc"][1])
            for error in exc.errors(include_url=False)
            if len(error["loc"]) > 1 and error["loc"][0] == "figures"
        }
    problems += checks.cross_check(data, source, shown, broken)
    problems += measure_checks.measure_problems(data, source, shown, broken)
    article_text, article_problems = _article_text(data, path, source, shown)
    problems += article_problems
    figures = data.get("figures")
    if check_provenance and article_text is not None and isinstance(figures, dict):
        info = data.get("bank")
        language = info.get("language") if isinstance(info, dict) else None
        problems += provenance.check(
            figures,
            article_text,
            shown,
            lambda loc: locate(source, loc),
            broken,
            language if isinstance(language, str) else "en",
        )
    if problems or bank is None:
        raise BankError(checks.sort_problems(problems))
    built = bankdata.build(bankdata.Bank, bank)
    digest = hashlib.sha256(raw).hexdigest()
    loaded = LoadedBank(built, path, article_text or "", digest, read_shown(built))
    if use_cache:
        text_file = loaded.bank.article.text_file
        article = None if text_file is None else _article_digest(article_text)
        bank_cache.write(path, raw, loaded.bank, article, loaded.readings)
    return loaded
