"""Commands for bank authors: `quiz check`, `quiz schema`, `quiz new`.

`quiz check` prints every problem as `path:line:col: key: message` (the format
editors and CI logs link), then one summary line per bank, and exits 0 when all
banks are valid and 1 otherwise. A valid bank may get `path: note: ...` lines after
its summary: what it allows that the author may not mean (a measure's plausible range
too narrow for a figure's choice question, which is then not asked; see
quiz.game.plausible). A folder stands for the `.toml` files in it and
its sub-folders, hidden ones (.git, .venv) excepted.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from quiz.bank.loader import load_bank
from quiz.errors import BankError


def _bank_paths(paths: list[Path]) -> list[tuple[Path, bool]]:
    """(path, is_bank) for each path, folders expanded; is_bank False for an empty folder."""
    found: list[tuple[Path, bool]] = []
    for path in paths:
        if path.is_dir():
            # Hidden folders (.git, .venv) hold no banks, and some hold other TOML files.
            banks = sorted(
                bank
                for bank in path.rglob("*.toml")
                if not any(part.startswith(".") for part in bank.relative_to(path).parts)
            )
            found.extend((bank, True) for bank in banks)
            if not banks:
                found.append((path, False))
        else:
            found.append((path, True))
    return found


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def run_check(args: argparse.Namespace) -> int:
    """`quiz check [PATH...]`; with no path, the banks shipped with the game (what an author
    checking their install, or CI, wants)."""
    from quiz.game.plausible import narrow_figures

    paths = args.paths
    if not paths:
        from quiz.questions import shipped_banks

        paths = list(shipped_banks())
    failed = 0
    for path, is_bank in _bank_paths(paths):
        if not is_bank:
            failed += 1
            print(f"{path}: expected a folder holding .toml banks, found none")
            continue
        try:
            loaded = load_bank(path, use_cache=False)
        except BankError as exc:
            failed += 1
            for problem in exc.problems:
                print(problem)
            print(f"{path}: INVALID, {_plural(len(exc.problems), 'problem')}")
            continue
        bank = loaded.bank
        print(
            f"{path}: ok, {_plural(len(bank.figures), 'figure')},"
            f" {_plural(len(bank.sources), 'source')},"
            f" {_plural(len(bank.questions), 'question')}"
        )
        for line in narrow_figures(loaded):
            print(f"{path}: note: {line}")
    return 1 if failed else 0


def run_schema(args: argparse.Namespace) -> int:
    from quiz.bank.schema import bank_schema

    json.dump(bank_schema(), sys.stdout, indent=2, ensure_ascii=False)
    print()
    return 0


STARTER_SENTENCE = (
    "The city said 1,250 people attended the first meeting, about 300 more than expected."
)
"""The example sentence the starter bank quotes: paste it into the article file to try
the starter, then replace both with a real article and its figures."""

_STARTER = '''\
# A question bank for the figures quiz. Format reference: docs/bank-format.md.
# Check it as you write with:  quiz check {bank_name}
# For completion in your editor: quiz schema > bank.schema.json, then make the first
# line of this file  #:schema ./bank.schema.json

format = 1

[bank]
id = "{bank_id}"                    # stored with every result; keep it stable
title = "A title for the start screen"
language = "en"
description = "What the player learns from this bank, in a sentence."
authors = ["Your Name"]

[article]
title = "The article's headline"
outlet = "Who published it"
published = 2024-01-31
url = "https://example.org/the-article"
text_file = "{article_name}"        # the article's text, beside this file (or: text = """...""")

# Who gave figures. The id after `sources.` is yours to choose.
[sources.city]
name = "the city"
role = "the organiser of the meeting"

# One table per number a source gave. Every `quote` must occur in the article,
# word for word, and state the number (`value`, or `low` and `high` for a range).
[figures.attendance-city]
source = "city"                     # an id from [sources]
measure = "meeting-attendance"      # figures that count the same thing share a measure
counts = "people at the first meeting"
value = 1_250
approximate = false
as_of = "2024-01"
quote = "The city said 1,250 people attended the first meeting"
ask = "How many people attended the first meeting, according to the city?"
explain = "The organiser's own count. Say here what it includes and leaves out."

# Hand-written questions are optional: delete this block or add more.
[[questions]]
kind = "choice"
prompt = "Who counted the people at the first meeting?"
answer = "the city"
options = ["the city", "the police", "a newspaper"]
figure = "attendance-city"
explain = "The article gives only the city's count."
'''

_ARTICLE = """\
Replace this text with the full text of the article the bank is drawn from, as UTF-8.
Until then, `quiz check` reports that the starter's quote is not in the article.
"""


def _bank_id(path: Path) -> str:
    slug = re.sub(r"[^a-z0-9_-]+", "-", path.stem.lower()).strip("-_")
    return slug[:64] or "my-bank"


def run_new(args: argparse.Namespace) -> int:
    path: Path = args.path
    if path.suffix != ".toml":
        path = path.with_name(path.name + ".toml")
    article = path.with_suffix(".txt")
    existing = [p for p in (path, article) if p.exists() or p.is_symlink()]
    if existing and not args.force:
        names = " and ".join(str(p) for p in existing)
        print(
            f"quiz new: {names} already exist{'s' if len(existing) == 1 else ''};"
            " not overwriting (use --force to replace)",
            file=sys.stderr,
        )
        return 1
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            _STARTER.format(bank_id=_bank_id(path), bank_name=path.name, article_name=article.name),
            encoding="utf-8",
        )
        article.write_text(_ARTICLE, encoding="utf-8")
    except OSError as exc:
        print(f"quiz new: cannot write {path}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"wrote {path} and {article}")
    print(f"next: paste the article's text into {article}, then run: quiz check {path}")
    return 0
