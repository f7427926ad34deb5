"""`quiz draft ARTICLE.txt [-o BANK.toml]`: a starter bank with one figure per count.

The bank is written beside the article (ARTICLE.toml) unless `-o` says where; an existing
bank is never overwritten without `--force`. The bank names its article by a path
relative to itself, so the article must sit in the bank's folder: when `-o` puts the bank
elsewhere, the article is copied beside it (BANK.txt). After writing, the draft is
checked as `quiz check` would, and the command says what to do next.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

from quiz.bank.draft import find_figures, source_key
from quiz.bank.draft_bank import UNATTRIBUTED, draft_bank
from quiz.bank.fields import forbidden_character
from quiz.bank.loader import MAX_ARTICLE_BYTES, load_bank
from quiz.errors import BankError


def _fail(message: str) -> int:
    print(f"quiz draft: {message}", file=sys.stderr)
    return 1


def _read_article(path: Path) -> str:
    if not path.is_file():
        raise ValueError(f"{path}: expected an article file (plain UTF-8 text), found none")
    if path.stat().st_size > MAX_ARTICLE_BYTES:
        raise ValueError(f"{path}: expected an article of at most {MAX_ARTICLE_BYTES:,} bytes")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"{path}: expected UTF-8 text, found the byte 0x{exc.object[exc.start]:02x}"
        ) from None
    except OSError as exc:
        raise ValueError(f"{path}: cannot read it: {exc.strerror or exc}") from None
    bad = forbidden_character(text)
    if bad is not None:
        raise ValueError(
            f"{path}: expected plain text, found a control character (U+{ord(bad.group()):04X})"
        )
    if path.suffix == ".toml" and re.search(r"^\s*\[(?:bank|figures)", text, re.MULTILINE):
        raise ValueError(
            f"{path}: expected an article, found a bank; `quiz check {path}` checks it"
        )
    return text


def run_draft(args: argparse.Namespace) -> int:
    article: Path = args.article
    try:
        text = _read_article(article)
    except ValueError as exc:
        return _fail(str(exc))
    bank: Path = args.output or article.with_suffix(".toml")
    if bank.suffix != ".toml":
        bank = bank.with_name(bank.name + ".toml")
    if (bank.exists() or bank.is_symlink()) and not args.force:
        return _fail(f"{bank} already exists; not overwriting (use --force to replace it)")
    folder = bank.resolve().parent
    copied: Path | None = None
    if article.resolve().parent == folder:
        text_file = article.name
    else:
        copied = bank.with_suffix(".txt")
        if copied.exists() and not args.force and copied.read_bytes() != article.read_bytes():
            return _fail(f"{copied} already exists; not overwriting (use --force to replace it)")
        text_file = copied.name
    figures = find_figures(text, args.language)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    # A short first line without a full stop reads as a headline; else the file's name.
    first = lines[0] if lines else ""
    is_headline = 0 < len(first) <= 120 and not first.endswith((".", "!", "?"))
    headline = first if is_headline else article.stem.replace("-", " ").replace("_", " ")
    slug = re.sub(r"[^a-z0-9_-]+", "-", bank.stem.lower()).strip("-_")[:64] or "draft"
    content = draft_bank(
        figures,
        bank_id=slug,
        title=f"Draft: {headline}"[:200],
        article_title=headline,
        text_file=text_file,
        article_name=str(article),
        bank_name=str(bank),
        language=args.language,
    )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if copied is not None:
            shutil.copyfile(article, copied)
        bank.write_text(content, encoding="utf-8")
    except OSError as exc:
        return _fail(f"cannot write {bank}: {exc.strerror or exc}")
    sources = {source_key(f.source) for f in figures if f.source}
    unattributed = sum(1 for f in figures if f.source is None)
    print(
        f"wrote {bank}: {len(figures)} figure{'' if len(figures) == 1 else 's'} from {article}"
        + (f" (article copied to {copied})" if copied else "")
    )
    print(
        f"sources guessed from attribution: {len(sources)};"
        f" figures with no attribution (under [sources.{UNATTRIBUTED}]): {unattributed}"
    )
    try:
        load_bank(bank, use_cache=False)
    except BankError as exc:  # a draft that does not check is a bug: say so plainly
        for problem in exc.problems:
            print(problem)
        print(f"{bank}: the draft does not pass `quiz check`; please report this")
        return 1
    print(f"next: edit {bank} (ask, explain, sources, measures), then: quiz check {bank}")
    return 0
