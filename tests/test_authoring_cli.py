"""The author's commands as an author runs them: `quiz check`, `quiz schema`, `quiz new`."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from quiz.cli.authoring import STARTER_SENTENCE
from quiz.cli.main import main

BANKS = Path(__file__).resolve().parent / "banks"
VALID = BANKS / "valid"
INVALID = BANKS / "invalid"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# -- quiz check -----------------------------------------------------------------------------


def test_check_valid_bank_prints_a_summary(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(VALID / "ukraine-sample.toml"))
    assert code == 0
    assert out == f"{VALID / 'ukraine-sample.toml'}: ok, 8 figures, 5 sources, 2 questions\n"


def test_check_a_folder_checks_each_bank(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(VALID))
    assert code == 0
    banks = sorted(VALID.glob("*.toml"))
    assert [line.split(": ok,")[0] for line in out.splitlines()] == [str(b) for b in banks]


def test_check_any_invalid_bank_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "check", str(VALID / "ukraine-sample.toml"), str(INVALID / "unknown-source.toml")
    )
    assert code == 1
    lines = out.splitlines()
    assert lines[0].endswith(": ok, 8 figures, 5 sources, 2 questions")
    assert lines[1].startswith(f"{INVALID / 'unknown-source.toml'}:15:1: figures.crowd.source:")
    assert lines[2] == f"{INVALID / 'unknown-source.toml'}: INVALID, 1 problem"


def test_check_missing_path(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    code, out, _ = run(capsys, "check", str(missing))
    assert code == 1
    assert out.splitlines() == [
        f"{missing}: expected a bank file, found no such file",
        f"{missing}: INVALID, 1 problem",
    ]


def test_check_empty_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "check", str(tmp_path))
    assert code == 1
    assert out == f"{tmp_path}: expected a folder holding .toml banks, found none\n"


def test_check_shipped_banks_as_a_subprocess() -> None:
    """The console entry point, as CI runs it: `python -m quiz check questions/`."""
    questions = Path(__file__).resolve().parent.parent / "questions"
    result = subprocess.run(
        [sys.executable, "-m", "quiz", "check", str(questions)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert ": ok, " in result.stdout


# -- quiz schema ----------------------------------------------------------------------------


def test_schema_is_json_with_the_field_docs(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0
    schema = json.loads(out)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert set(schema["required"]) == {"format", "bank", "article", "sources", "figures"}
    figure = schema["$defs"]["Figure"]
    assert figure["additionalProperties"] is False
    assert "verbatim" in figure["properties"]["quote"]["description"]
    assert {"source", "value", "low", "high", "quote", "ask", "explain"} <= set(
        figure["properties"]
    )
    # TOML has no null: optional keys are simply not required.
    assert "null" not in out
    assert "ask" not in figure["required"]


# -- quiz new -------------------------------------------------------------------------------


def test_new_then_fill_the_article_then_check(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bank = tmp_path / "my bank.toml"
    code, out, _ = run(capsys, "new", str(bank))
    assert code == 0
    article = tmp_path / "my bank.txt"
    assert bank.exists() and article.exists()
    assert "# " in bank.read_text(encoding="utf-8")  # commented for the author
    assert 'id = "my-bank"' in bank.read_text(encoding="utf-8")

    # Before the article is pasted in, check says what is missing, where.
    code, out, _ = run(capsys, "check", str(bank))
    assert code == 1
    assert "figures.attendance-city.quote: expected the quote to occur in the article" in out

    article.write_text(f"Some text before.\n{STARTER_SENTENCE}\nSome after.\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", str(bank))
    assert (code, out) == (0, f"{bank}: ok, 1 figure, 1 source, 1 question\n")


def test_new_refuses_to_overwrite(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bank = tmp_path / "b.toml"
    bank.write_text("mine", encoding="utf-8")
    code, out, err = run(capsys, "new", str(bank))
    assert (code, out) == (1, "")
    assert err == f"quiz new: {bank} already exists; not overwriting (use --force to replace)\n"
    assert bank.read_text(encoding="utf-8") == "mine"
    assert not (tmp_path / "b.txt").exists()

    code, _, _ = run(capsys, "new", str(bank), "--force")
    assert code == 0
    assert bank.read_text(encoding="utf-8").startswith("# A question bank")


def test_new_adds_the_toml_suffix(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, _ = run(capsys, "new", str(tmp_path / "sub" / "riverton"))
    assert code == 0
    assert (tmp_path / "sub" / "riverton.toml").exists()
    assert (tmp_path / "sub" / "riverton.txt").exists()


def test_new_into_an_unwritable_place(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run(capsys, "new", str(blocker / "b.toml"))
    assert code == 1
    assert err.startswith(f"quiz new: cannot write {blocker / 'b.toml'}")


# -- help -----------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["check", "schema", "new"])
def test_each_author_command_has_help(capsys: pytest.CaptureFixture[str], command: str) -> None:
    with pytest.raises(SystemExit) as caught:
        main([command, "--help"])
    assert caught.value.code == 0
    assert f"usage: quiz {command}" in capsys.readouterr().out


def test_help_lists_the_author_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("check", "schema", "new"):
        assert command in out


def test_starter_is_toml_with_a_figure(tmp_path: Path) -> None:
    """The starter parses as TOML on its own (before any article is added)."""
    import tomli

    main(["new", str(tmp_path / "s.toml")])
    data = tomli.loads((tmp_path / "s.toml").read_text(encoding="utf-8"))
    assert data["format"] == 1 and data["figures"]["attendance-city"]["value"] == 1250


def test_check_a_folder_skips_hidden_folders(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / "pyvenv.toml").write_text("not = 'a bank'\n")
    shutil.copy(VALID / "with-bom.toml", tmp_path / "bank.toml")
    code, out, _ = run(capsys, "check", str(tmp_path))
    assert (code, out) == (0, f"{tmp_path / 'bank.toml'}: ok, 1 figure, 1 source, 0 questions\n")
