"""`quiz host` and `quiz join` refuse unusable options with a message and an exit code,
before any screen opens."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from quiz.cli.main import main


@pytest.mark.parametrize(
    ("argv", "code", "words"),
    [
        (["join", "host:port", "--code", "ABC234", "--name", "Ana"], 2, "port must be a number"),
        (["join", "127.0.0.1", "--code", "no way!", "--name", "Ana"], 2, "join code"),
        (["join", "127.0.0.1", "--code", "ABC234", "--name", "Ana\x1b[2J"], 2, "control"),
        (["join", "127.0.0.1", "--code", "ABC234", "--name", "  "], 2, "name is needed"),
        (["host", "--kinds", "estimat"], 2, "did you mean 'estimate'"),
        (["host", "--time", "100000"], 2, "--time"),
        (["host", "--port", "70000"], 2, "--port"),
    ],
)
def test_unusable_options_get_a_message(
    argv: list[str], code: int, words: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # After the subcommand: `quiz --data-dir X host` loses X to the host parser's default.
    extra = ["--data-dir", str(tmp_path)] if argv[0] == "host" else []
    assert main([*argv, *extra]) == code
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err


def test_a_bad_bank_is_reported_with_its_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bank = tmp_path / "bad.toml"
    bank.write_text("format = 1\n[bank\n", encoding="utf-8")
    assert main(["host", str(bank), "--data-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "bad.toml:2" in err and "Traceback" not in err


def test_a_port_in_use_names_the_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["host", "--port", str(port), "--data-dir", str(tmp_path)]) == 1
    assert f"port {port} is in use" in capsys.readouterr().err
    assert not (tmp_path / "results.sqlite3").exists(), "no session stored for a host not run"
