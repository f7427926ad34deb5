"""The command line's own behaviour: options reach the handlers wherever they are written."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.cli.main import build_parser, data_dir
from quiz.game.generate import DEFAULT_COUNT


@pytest.mark.parametrize(
    "argv",
    [
        ["--data-dir", "X", "results"],
        ["results", "--data-dir", "X"],
        ["--data-dir", "X", "host"],
        ["--data-dir", "X", "play", "--plain"],
        ["play", "--data-dir", "X"],
    ],
)
def test_data_dir_before_or_after_the_command(argv: list[str], monkeypatch) -> None:
    monkeypatch.delenv("QUIZ_DATA_DIR", raising=False)
    assert data_dir(build_parser().parse_args(argv)) == Path("X")


def test_environment_moves_the_store_when_no_option_does(monkeypatch) -> None:
    monkeypatch.setenv("QUIZ_DATA_DIR", "/tmp/elsewhere")
    assert data_dir(build_parser().parse_args(["results"])) == Path("/tmp/elsewhere")
    assert data_dir(build_parser().parse_args(["results", "--data-dir", "Y"])) == Path("Y")


def test_help_lists_every_command(capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    for command in ("play", "check", "schema", "new", "preview", "results", "host", "join"):
        assert command in out


def test_play_tells_the_game_whether_count_was_given() -> None:
    # The full-screen game remembers the last count: only an explicit --count overrides it.
    assert build_parser().parse_args(["play"]).count is None
    assert build_parser().parse_args(["play", "--count", "10"]).count == 10
    assert build_parser().parse_args(["preview"]).count == DEFAULT_COUNT
