"""Load a bank file: parse, validate, cross-check, check provenance; never a traceback.

`load_bank` either returns a `LoadedBank` or raises `BankError` carrying every
problem of the file at once, each located as `path:line:col: key: message`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import tomli
from pydantic import ValidationError

from quiz.bank import Bank
from quiz.errors import BankError, Problem

MAX_BANK_BYTES = 4 * 1024 * 1024
"""Banks larger than this are refused before parsing (a 10,000-figure bank is ~3 MB)."""
MAX_ARTICLE_BYTES = 2 * 1024 * 1024
"""Article text files larger than this are refused."""


@dataclass(frozen=True)
class LoadedBank:
    """A valid bank with its article text and the digest that ties results to it."""

    bank: Bank
    path: Path
    article_text: str
    digest: str
    """sha256 of the bank file's bytes, stored with every answer."""

    @property
    def id(self) -> str:
        return self.bank.bank.id


def _read_text(path: Path, limit: int, shown: str) -> str:
    """Read a UTF-8 file (BOM allowed) or raise BankError naming it."""
    try:
        if path.is_dir():
            raise BankError([Problem(shown, "expected a file, found a directory")])
        size = path.stat().st_size
        if size > limit:
            raise BankError(
                [Problem(shown, f"expected at most {limit:,} bytes, found {size:,} bytes")]
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise BankError([Problem(shown, "no such file")]) from None
    except OSError as exc:
        raise BankError([Problem(shown, f"cannot read the file: {exc.strerror or exc}")]) from None
    return decode_utf8(data, shown)


def decode_utf8(data: bytes, shown: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise BankError(
            [
                Problem(
                    shown,
                    f"expected UTF-8 text, found byte 0x{data[exc.start]:02x}",
                    line=line,
                    column=column,
                )
            ]
        ) from None


def parse_toml(source: str, shown: str) -> dict[str, object]:
    """tomli's parse, with every failure turned into a located Problem."""
    try:
        return tomli.loads(source)
    except tomli.TOMLDecodeError as exc:
        message = getattr(exc, "msg", str(exc))
        raise BankError(
            [
                Problem(
                    shown,
                    f"invalid TOML: {message}",
                    line=getattr(exc, "lineno", None),
                    column=getattr(exc, "colno", None),
                )
            ]
        ) from None
    except RecursionError:
        raise BankError([Problem(shown, "invalid TOML: nested deeper than the parser allows")]) from None
    except ValueError as exc:
        # int() refuses integers of more than 4,300 digits.
        raise BankError([Problem(shown, f"invalid TOML: {exc}")]) from None


def load_bank(path: str | Path, *, check_provenance: bool = True) -> LoadedBank:
    """Load and fully check the bank at `path`, or raise BankError with every problem."""
    # Imported here so that a bank with no errors never pays for the locator.
    from quiz import checks

    path = Path(path)
    shown = str(path)
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    if size > MAX_BANK_BYTES:
        raise BankError(
            [Problem(shown, f"expected a bank of at most {MAX_BANK_BYTES:,} bytes, found {size:,}")]
        )
    source = _read_text(path, MAX_BANK_BYTES, shown)
    raw_bytes = source.encode("utf-8")
    data = parse_toml(source, shown)
    try:
        bank = Bank.model_validate(data)
    except ValidationError as exc:
        raise BankError(checks.validation_problems(exc, data, source, shown)) from None
    problems = checks.cross_check(bank, source, shown)
    article_text = ""
    try:
        article_text = checks.article_text(bank, path, source, shown)
    except BankError as exc:
        problems.extend(exc.problems)
    else:
        if check_provenance:
            problems.extend(checks.provenance(bank, article_text, source, shown))
    if problems:
        raise BankError(problems)
    return LoadedBank(bank, path, article_text, hashlib.sha256(raw_bytes).hexdigest())
