"""A cache of validated banks, so that a normal start never imports pydantic or tomli.

The cache is an optimisation; the bank file is the truth. After `load_bank` has fully
checked a bank (parse, schema, cross-checks, provenance) it stores the validated data
here as JSON; the next load of the same bytes builds `quiz.bank.data` objects straight
from that JSON. An entry is used only when all of these are unchanged:

- the bank file's bytes (sha256),
- the article file's bytes, when the bank names one (sha256),
- the code that decides what is valid: the sources of the modules that check a bank,
  and the installed versions of pydantic, pydantic-core and tomli (read from their
  dist-info folder names, since importing pydantic to ask would cost what the cache
  saves), and the Python version.

Anything else (a missing, unreadable, truncated, corrupt or stale entry) is a miss:
the bank is checked in full and the entry rewritten. Failing to write (a read-only or
full disk, no home folder) never fails a load; the game just checks the bank each
time. Entries are JSON and never pickle, so a cache file cannot run code.

Where: `quiz.paths.cache_dir() / "banks"` (the user cache folder, or `$QUIZ_CACHE_DIR/banks`).
One file per bank path (the name is a hash of the resolved path), so editing a bank
replaces its entry rather than piling up new ones. `quiz check` never reads it.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
import sys
from pathlib import Path

from quiz import paths
from quiz.bank import data as bankdata
from quiz.bank import shown_numbers
from quiz.bank.shown_numbers import Readings

ENTRY_VERSION = 2
"""Bumped when the layout of an entry changes."""

# The modules whose code decides whether a bank is valid or what it holds once loaded.
# Paths are relative to the `quiz` package.
_CHECKING_MODULES = (
    "bank/model.py",
    "bank/fields.py",
    "bank/data.py",
    "bank/cache.py",
    "bank/shown_numbers.py",
    "bank/checks.py",
    "bank/measure_checks.py",
    "errors.py",
    "bank/loader.py",
    "bank/locate.py",
    "bank/numbers.py",
    "bank/number_words.py",
    "bank/dates.py",
    "bank/units.py",
    "bank/provenance.py",
)
# text2num reads numbers in words in quotes; inflection gives a short-form unit its
# singular, which the entry stores.
# (import name, distribution name): text2num installs the module text_to_num.
_LIBRARIES = (
    ("pydantic", "pydantic"),
    ("pydantic_core", "pydantic_core"),
    ("tomli", "tomli"),
    ("text_to_num", "text2num"),
    ("inflection", "inflection"),
)

_fingerprint: str | None = None


def cache_dir() -> Path:
    """The folder of bank entries: $QUIZ_CACHE_DIR/banks, else the user cache folder's."""
    return paths.cache_dir() / "banks"


def code_fingerprint() -> str:
    """A digest of everything besides the files that decides what a load returns."""
    global _fingerprint
    if _fingerprint is None:
        digest = hashlib.sha256(f"entry {ENTRY_VERSION}\npython {sys.version}\n".encode())
        here = Path(__file__).parent.parent
        for name in _CHECKING_MODULES:
            digest.update(f"\n{name}\n".encode())
            try:
                digest.update((here / name).read_bytes())
            except OSError:
                digest.update(b"(unreadable)")
        for library, distribution in _LIBRARIES:
            version = _installed_version(library, distribution)
            digest.update(f"\n{library} {version}\n".encode())
        _fingerprint = digest.hexdigest()
    return _fingerprint


def _installed_version(name: str, distribution: str | None = None) -> str:
    """The dist-info folder name (it holds the version) of the distribution that installs
    the module `name`, found without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        return "absent"
    # A package's dist-info sits beside its folder; a one-file module's beside the file.
    where = Path(spec.origin).parent
    if spec.submodule_search_locations is not None:
        where = where.parent
    prefix = (distribution or name).replace("_", "-").lower()
    try:
        found = sorted(
            entry
            for entry in os.listdir(where)
            if entry.endswith(".dist-info")
            and entry.lower().replace("_", "-").startswith(prefix + "-")
            and entry[len(prefix) + 1 : len(prefix) + 2].isdigit()
        )
    except OSError:
        found = []
    if found:
        return ",".join(found)
    # No metadata beside it (a source checkout): its file's size and time stand in.
    try:
        info = Path(spec.origin).stat()
    except OSError:
        return spec.origin
    return f"{spec.origin} {info.st_size} {info.st_mtime_ns}"


def _entry_path(bank_path: Path) -> Path:
    where = str(bank_path.resolve()).encode("utf-8", "surrogateescape")
    return cache_dir() / (hashlib.sha256(where).hexdigest()[:32] + ".json")


def _key(bank_bytes: bytes) -> str:
    return hashlib.sha256(code_fingerprint().encode() + b"\n" + bank_bytes).hexdigest()


Found = tuple[bankdata.Bank, str | None, Readings | None]
"""A cached bank, the sha256 of its article file, and its shown texts' numbers."""


def read(bank_path: Path, bank_bytes: bytes) -> Found | None:
    """The cached bank for these bytes, the sha256 of the article file it was checked
    with (None for an inline article) and the numbers of its start-screen texts
    (quiz.bank.shown_numbers), or None on a miss of any kind; a bank shipped with the
    game is found in its shipped entry when the user's cache misses."""
    found = _read_entry(_entry_path(bank_path), _key(bank_bytes))
    if found is None:
        shipped = shipped_entry_path(bank_path)
        if shipped is not None:
            found = _read_entry(shipped, shipped_key(bank_bytes))
    return found


def _read_entry(entry: Path, key: str) -> Found | None:
    try:
        raw = entry.read_bytes()
        header_line, _, payload = raw.partition(b"\n")
        header = json.loads(header_line)
        if header.get("key") != key:
            return None
        if header.get("payload") != hashlib.sha256(payload).hexdigest():
            return None  # truncated or damaged
        data = json.loads(payload)
        bank = bankdata.build(bankdata.Bank, data)
        readings = shown_numbers.from_json(data.get("readings"))
        article = header.get("article")
        if not isinstance(article, str | None):
            return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
        return None
    return bank, article, readings


def write(
    bank_path: Path,
    bank_bytes: bytes,
    bank: bankdata.Bank,
    article: str | None,
    readings: Readings | None = None,
) -> None:
    """Store `bank`, fully checked from `bank_bytes`, with the sha256 of its article file
    and the numbers of its start-screen texts.

    Written to a temporary file and renamed, so a reader never sees half an entry; any
    failure is ignored (the next load checks the bank again).
    """
    with contextlib.suppress(OSError, ValueError, TypeError):
        _write_entry(_entry_path(bank_path), _key(bank_bytes), bank, article, readings)


def _write_entry(
    target: Path,
    key: str,
    bank: bankdata.Bank,
    article: str | None,
    readings: Readings | None,
    indent: int | None = None,
) -> None:
    import tempfile  # only a load that missed writes

    data = bankdata.to_json(bank)
    if readings is not None:
        data["readings"] = readings  # beside the bank's own fields, which `build` reads
    payload = json.dumps(data, ensure_ascii=False, indent=indent).encode()
    header = {"key": key, "payload": hashlib.sha256(payload).hexdigest(), "article": article}
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(json.dumps(header).encode("utf-8") + b"\n" + payload)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


# -- the shipped banks' entries -------------------------------------------------------
#
# A first start (an empty user cache) would check the shipped bank in full: importing
# pydantic and the checks costs more than the rest of the start together. So each shipped
# bank has its checked entry beside it, `<name>.checked.json`, written by
# `python -m quiz.bank.shipped` and read when the user's cache misses. Its key is the bank's
# bytes and the layout of the data it is read into (quiz/bank/data.py), not the checking
# code's fingerprint, which changes with every edit of quiz/bank and every library
# version: tests/test_bank_cache.py fails when the entry differs in anything from what a
# full check of the shipped bank gives today, and says how to rewrite it. Only the
# shipped folder's entries are read: a file beside a bank of one's own is never trusted.


def shipped_entry_path(bank_path: Path) -> Path | None:
    """Where the checked entry of `bank_path` is shipped, or None if it is not a shipped bank."""
    from quiz import questions

    try:
        if bank_path.resolve().parent != Path(questions.__file__).resolve().parent:
            return None
    except OSError:
        return None
    return bank_path.with_name(bank_path.stem + ".checked.json")


def shipped_key(bank_bytes: bytes) -> str:
    """What a shipped entry must hold to be read for these bytes."""
    digest = hashlib.sha256(f"shipped entry {ENTRY_VERSION}\n".encode())
    try:
        digest.update((Path(__file__).parent / "data.py").read_bytes())
    except OSError:
        digest.update(b"(unreadable)")  # no source installed: every entry misses
    digest.update(b"\n" + bank_bytes)
    return digest.hexdigest()


def write_shipped(
    bank_path: Path,
    bank_bytes: bytes,
    bank: bankdata.Bank,
    article: str | None,
    readings: Readings | None = None,
) -> Path:
    """Write the shipped entry of `bank_path` (fully checked from `bank_bytes`); its path."""
    target = shipped_entry_path(bank_path)
    if target is None:
        raise ValueError(f"{bank_path} is not a shipped bank")
    _write_entry(target, shipped_key(bank_bytes), bank, article, readings, indent=1)
    return target
