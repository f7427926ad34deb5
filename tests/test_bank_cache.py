"""The validated-bank cache: a warm load equals a full one, and never outlives a change."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from quiz.questions import default_bank, shipped_banks

from quiz.bank import cache as bank_cache
from quiz.bank import checks
from quiz.bank.loader import load_bank
from quiz.cli.main import main
from quiz.errors import BankError

BANKS = ["shipped", "second"]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of this test's own."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("QUIZ_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def full_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records every full check the loader makes (a cache miss), by the bank's name."""
    made: list[str] = []
    original = checks.cross_check

    def counting(data: object, source: str, shown: str, broken: set[str]) -> object:
        made.append(Path(shown).name)
        return original(data, source, shown, broken)  # type: ignore[arg-type]

    monkeypatch.setattr(checks, "cross_check", counting)
    return made


def _copy_bank(which: str, folder: Path, second_bank_path: Path) -> Path:
    """A private copy of the bank and its article, free to edit."""
    source = default_bank() if which == "shipped" else second_bank_path
    bank = Path(str(source))
    for item in bank.parent.iterdir():
        if item.is_file():
            shutil.copy(item, folder / item.name)
    return folder / bank.name


def _entries(cache: Path) -> list[Path]:
    return sorted((cache / "banks").glob("*.json"))


@pytest.mark.parametrize("which", BANKS)
def test_a_warm_load_equals_a_full_check(
    which: str, cache: Path, full_checks: list[str], tmp_path: Path, second_bank_path: Path
) -> None:
    path = _copy_bank(which, tmp_path, second_bank_path)
    checked = load_bank(path, use_cache=False)
    assert _entries(cache) == []  # a load that skips the cache does not write it either
    first = load_bank(path)
    assert len(_entries(cache)) == 1
    warm = load_bank(path)
    assert full_checks == [path.name, path.name]  # the third load was not checked again
    for loaded in (first, warm):
        assert loaded.bank == checked.bank
        assert loaded.article_text == checked.article_text
        assert loaded.digest == checked.digest
        assert loaded.path == checked.path
        # The start screen's numbers in words, read by the check, kept for the next start.
        assert loaded.readings == checked.readings
        assert checked.readings is not None and checked.bank.bank.title in checked.readings


def test_editing_the_bank_checks_it_again(
    cache: Path, full_checks: list[str], second_bank_path: Path, tmp_path: Path
) -> None:
    path = _copy_bank("second", tmp_path, second_bank_path)
    load_bank(path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('title = "Riverton\'s numbers"', 'title = "Riverton\'s Numbers"'))
    assert load_bank(path).bank.bank.title == "Riverton's Numbers"
    assert len(full_checks) == 2
    # Now invalid: the cache must not hand back the last good version.
    path.write_text(text.replace("format = 1", "format = 2"), encoding="utf-8")
    with pytest.raises(BankError, match="expected 1"):
        load_bank(path)
    assert len(full_checks) == 3


def test_editing_the_article_checks_the_bank_again(
    cache: Path, full_checks: list[str], second_bank_path: Path, tmp_path: Path
) -> None:
    path = _copy_bank("second", tmp_path, second_bank_path)
    article = tmp_path / "riverton.txt"
    original = article.read_text(encoding="utf-8")
    load_bank(path)
    article.write_text(original.replace("Riverton counts", "Riverton Counts"), encoding="utf-8")
    assert load_bank(path).article_text.startswith("Riverton Counts its people")
    assert len(full_checks) == 2
    # One digit changed: a quoted figure is no longer in the article.
    article.write_text(original.replace("412,000", "412,001"), encoding="utf-8")
    with pytest.raises(BankError, match="expected the quote to occur in the article"):
        load_bank(path)
    assert len(full_checks) == 3
    article.unlink()
    with pytest.raises(BankError, match="no such file"):
        load_bank(path)


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: b"",
        lambda raw: raw[: len(raw) // 2],
        lambda raw: b"\xff\xfe not json",
        lambda raw: raw.replace(b'"Riverton\'s numbers"', b'"Riverton\'s Numbers"'),
        lambda raw: raw.split(b"\n", 1)[0] + b"\n" + json.dumps({"format": 1}).encode(),
    ],
    ids=["empty", "truncated", "garbage", "payload-edited", "payload-replaced"],
)
def test_a_damaged_entry_is_a_miss_and_is_rewritten(
    damage: object, cache: Path, full_checks: list[str], second_bank_path: Path
) -> None:
    good = load_bank(second_bank_path)
    (entry,) = _entries(cache)
    assert callable(damage)
    entry.write_bytes(damage(entry.read_bytes()))
    assert load_bank(second_bank_path).bank == good.bank
    assert len(full_checks) == 2
    assert load_bank(second_bank_path).bank == good.bank
    assert len(full_checks) == 2  # the rewritten entry is used


def test_a_change_in_the_checking_code_is_a_miss(
    cache: Path, full_checks: list[str], second_bank_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_bank(second_bank_path)
    monkeypatch.setattr(bank_cache, "_fingerprint", "another version of the checks")
    load_bank(second_bank_path)
    assert len(full_checks) == 2


def test_an_unwritable_cache_folder_still_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, full_checks: list[str], second_bank_path: Path
) -> None:
    # A file where the folder should be: refused even to root, unlike permissions.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("QUIZ_CACHE_DIR", str(blocker))
    first = load_bank(second_bank_path)
    assert load_bank(second_bank_path).bank == first.bank
    assert len(full_checks) == 2
    assert blocker.read_text() == "x"


def test_loading_without_provenance_neither_reads_nor_writes_the_cache(
    cache: Path, full_checks: list[str], second_bank_path: Path
) -> None:
    load_bank(second_bank_path, check_provenance=False)
    assert _entries(cache) == []
    load_bank(second_bank_path)
    load_bank(second_bank_path, check_provenance=False)
    assert len(full_checks) == 3  # the entry the second load wrote was not read


def test_quiz_check_ignores_a_forged_entry(
    cache: Path, second_bank_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An entry that claims an invalid bank is valid fools a load, never `quiz check`."""
    path = _copy_bank("second", tmp_path, second_bank_path)
    good = load_bank(path)
    broken = path.read_text(encoding="utf-8").replace('source = "stats"', 'source = "statz"', 1)
    path.write_text(broken, encoding="utf-8")
    assert bank_cache.read(path, path.read_bytes()) is None  # an edited bank is a miss
    digest = hashlib.sha256(good.article_text.encode("utf-8")).hexdigest()
    bank_cache.write(path, path.read_bytes(), good.bank, digest)
    assert load_bank(path).bank == good.bank  # the forgery is read by a play load
    assert main(["check", str(path)]) == 1
    output = capsys.readouterr().out
    assert "statz" in output
    assert "INVALID" in output


def _imported_after_load(cache: Path, bank: Path | None = None) -> set[str]:
    """The modules a fresh interpreter holds after loading `bank` (default: the shipped
    bank) and making a quiz of it, with `cache` as the user's cache."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from quiz.questions import default_bank\n"
        "from quiz.game.generate import Settings, generate\n"
        "from quiz.bank.loader import load_bank\n"
        f"bank = {str(bank) if bank else None!r}\n"
        "generate(load_bank(Path(bank) if bank else default_bank()), Settings(count=10, seed=1))\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    env = dict(os.environ, QUIZ_CACHE_DIR=str(cache))
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    return set(done.stdout.split())


HEAVY = {
    "pydantic",
    "pydantic_core",
    "tomli",
    "quiz.bank.checks",
    "quiz.bank.model",
    "quiz.bank.locate",
}


def test_a_warm_start_imports_no_validation(
    cache: Path, tmp_path: Path, second_bank_path: Path
) -> None:
    bank = _copy_bank("shipped", tmp_path, second_bank_path)  # an own bank: no shipped entry
    cold = _imported_after_load(cache, bank)
    assert cold >= HEAVY  # the first start checks the bank, and so fills the cache
    warm = _imported_after_load(cache, bank)
    assert HEAVY & warm == set()
    assert "quiz.game.generate" in warm


def test_a_first_start_on_the_shipped_bank_imports_no_validation(cache: Path) -> None:
    first = _imported_after_load(cache)
    assert HEAVY & first == set()
    assert "quiz.game.generate" in first
    assert _entries(cache) == []  # read from the shipped entry, nothing to write


def test_the_shipped_entries_are_current() -> None:
    """Each shipped bank's entry holds exactly what a full check of it gives today."""
    for path in shipped_banks():
        checked = load_bank(path, use_cache=False)
        entry = bank_cache.shipped_entry_path(path)
        assert entry is not None
        found = bank_cache._read_entry(entry, bank_cache.shipped_key(path.read_bytes()))
        digest = hashlib.sha256(checked.article_text.encode("utf-8")).hexdigest()
        assert found == (checked.bank, digest, checked.readings), (
            f"{entry.name} is out of date: run `python -m quiz.bank.shipped` and commit it"
        )


def test_a_first_start_reads_the_shipped_entry(cache: Path, full_checks: list[str]) -> None:
    loaded = load_bank(default_bank())
    assert full_checks == []
    checked = load_bank(default_bank(), use_cache=False)
    assert (loaded.bank, loaded.article_text, loaded.digest, loaded.path) == (
        checked.bank,
        checked.article_text,
        checked.digest,
        checked.path,
    )


def test_a_stale_shipped_entry_is_a_miss(
    cache: Path, full_checks: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # What an edit of the shipped bank (or of the data layout) does to the entry's key.
    monkeypatch.setattr(bank_cache, "shipped_key", lambda raw: "another bank")
    load_bank(default_bank())
    assert len(full_checks) == 1


def test_an_entry_beside_an_own_bank_is_never_read(
    cache: Path, full_checks: list[str], tmp_path: Path, second_bank_path: Path
) -> None:
    """Only the shipped folder's entries are trusted: a copied one (or a forged one) beside
    a bank of one's own leaves it checked in full."""
    bank = _copy_bank("shipped", tmp_path, second_bank_path)
    assert (tmp_path / "ukraine-war-casualties.checked.json").is_file()  # copied beside it
    assert bank_cache.shipped_entry_path(bank) is None
    load_bank(bank)
    assert full_checks == [bank.name]


def test_every_module_and_library_a_full_check_uses_is_in_the_fingerprint(
    cache: Path, tmp_path: Path, second_bank_path: Path
) -> None:
    """A change in any code that decides what a bank's check returns must be a miss: the
    fingerprint lists every module of quiz.bank and every library a full check imports."""
    cold = _imported_after_load(cache, _copy_bank("shipped", tmp_path, second_bank_path))
    checking = {
        f"quiz.{name.removesuffix('.py').replace('/', '.')}"
        for name in bank_cache._CHECKING_MODULES
    }
    used = {m for m in cold if m.startswith("quiz.bank.") or m == "quiz.errors"}
    assert used - {"quiz.bank.cache"} <= checking | {"quiz.bank"}
    libraries = {name for name, _ in bank_cache._LIBRARIES}
    for library in ("pydantic", "tomli", "text_to_num", "inflection"):
        assert library in cold and library in libraries
    assert all(
        bank_cache._installed_version(name, dist) != "absent"
        and "dist-info" in bank_cache._installed_version(name, dist)
        for name, dist in bank_cache._LIBRARIES
    )
