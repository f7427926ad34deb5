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

from quiz.cli.main import main

BANKS = Path(__file__).resolve().parent / "banks"
# A file that is not a bank at all (an article given to `quiz check`) is a case too; its
# expectation is NAME.txt.errors.txt.
INVALID = sorted((BANKS / "invalid").glob("*.toml")) + sorted(
    p for p in (BANKS / "invalid").glob("*.txt") if p.with_name(p.name + ".errors.txt").exists()
)
VALID = sorted((BANKS / "valid").glob("*.toml"))


def test_cases_exist() -> None:
    assert len(INVALID) >= 30
    assert VALID


def test_every_expectation_has_its_bank() -> None:
    orphans = [
        p.name
        for p in (BANKS / "invalid").glob("*.errors.txt")
        if not p.with_name(p.name.removesuffix(".errors.txt") + ".toml").exists()
        and not p.with_name(p.name.removesuffix(".errors.txt")).exists()
    ]
    assert orphans == []


@pytest.mark.parametrize("bank", INVALID, ids=lambda p: p.stem)
def test_invalid_bank(
    bank: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    expected_file = bank.with_name(
        bank.stem + ".errors.txt" if bank.suffix == ".toml" else bank.name + ".errors.txt"
    )
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


def test_the_documented_example_bank_checks(tmp_path: Path) -> None:
    """docs/bank-format.md promises its complete example passes `quiz check`."""
    from quiz.bank.loader import load_bank

    doc = (Path(__file__).resolve().parent.parent / "docs" / "bank-format.md").read_text(
        encoding="utf-8"
    )
    section = doc.split("## A complete example", 1)[1]
    example = section.split("```toml\n", 1)[1].split("\n```", 1)[0]
    path = tmp_path / "example.toml"
    path.write_text(example, encoding="utf-8")
    load_bank(path)
    # Which keys the example sets is known to the validating models only.
    import tomli

    from quiz.bank.model import Bank

    bank = Bank.model_validate(tomli.loads(example))
    # Every key of the format appears in the example, as the page says.
    for model, fields in (
        (bank.bank, {"id", "title", "language", "description", "authors"}),
        (bank.article, {"title", "outlet", "published", "url", "text"}),
        (bank.sources["mayor"], {"name", "role", "note"}),
    ):
        assert fields <= model.model_fields_set
    keys = set().union(*(f.model_fields_set for f in bank.figures.values()))
    assert keys == set(type(next(iter(bank.figures.values()))).model_fields)
    asked = set().union(*(q.model_fields_set for q in bank.questions))
    assert asked == set(type(bank.questions[0]).model_fields)
