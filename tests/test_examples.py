"""Golden files: every bank in tests/banks/invalid/ fails `quiz check` with exactly the
messages in the `.errors.txt` beside it; every bank in tests/banks/valid/ passes.

A new case is two files and no code: `NAME.toml` and `NAME.errors.txt`, the latter
holding `quiz check NAME.toml`'s output as run inside tests/banks/invalid/ (so paths
are relative and the files machine-independent). To start one, run
`cd tests/banks/invalid && quiz check NAME.toml > NAME.errors.txt`, then read it: the
file is the specification, so check every line says what an author needs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.cli import main

BANKS = Path(__file__).resolve().parent / "banks"
INVALID = sorted((BANKS / "invalid").glob("*.toml"))
VALID = sorted((BANKS / "valid").glob("*.toml"))


def test_cases_exist() -> None:
    assert len(INVALID) >= 30
    assert VALID


def test_every_expectation_has_its_bank() -> None:
    orphans = [
        p.name
        for p in (BANKS / "invalid").glob("*.errors.txt")
        if not p.with_name(p.name.removesuffix(".errors.txt") + ".toml").exists()
    ]
    assert orphans == []


@pytest.mark.parametrize("bank", INVALID, ids=lambda p: p.stem)
def test_invalid_bank(
    bank: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    expected_file = bank.with_name(bank.stem + ".errors.txt")
    assert expected_file.exists(), f"write {expected_file.name} beside {bank.name}"
    expected = expected_file.read_text(encoding="utf-8")
    monkeypatch.chdir(bank.parent)
    code = main(["check", bank.name])
    output = capsys.readouterr().out
    assert output == expected
    assert code == 1


@pytest.mark.parametrize("bank", VALID, ids=lambda p: p.stem)
def test_valid_bank(
    bank: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(bank.parent)
    code = main(["check", bank.name])
    output = capsys.readouterr().out
    assert output.startswith(f"{bank.name}: ok, "), output
    assert code == 0
