"""Rewrite the checked entries shipped beside the game's banks: `python -m quiz.bank.shipped`.

Each shipped bank is checked in full (as `quiz check` does) and its entry written beside it
(see quiz.bank.cache, "the shipped banks' entries"); a first start then reads the entry
instead of importing the checks. Run it after editing a shipped bank or its article, or
whenever tests/test_bank_cache.py says the entry is out of date.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from quiz.bank import cache as bank_cache
from quiz.bank.loader import load_bank


def write_entry(bank_path: Path) -> Path:
    """Check `bank_path` in full and write its shipped entry; the entry's path."""
    loaded = load_bank(bank_path, use_cache=False)
    article = None
    if loaded.bank.article.text_file is not None:
        article = hashlib.sha256(loaded.article_text.encode("utf-8")).hexdigest()
    return bank_cache.write_shipped(
        bank_path, bank_path.read_bytes(), loaded.bank, article, loaded.readings
    )


def main() -> int:
    from quiz.questions import shipped_banks

    for path in shipped_banks():
        print(f"wrote {write_entry(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
