"""The README's two commands and CI's must stay the same commands.

CI (.ci/run) installs the project and runs the tests; a newcomer follows the README.
If either changes alone, a green CI would no longer prove the README works.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", text)[:2]


def test_readme_opens_with_the_two_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    play, test = _readme_commands()
    head = text[: text.index(test) + len(test)]
    assert head.count("```sh") == 2, "the README must open with the play and test commands"
    assert play.rstrip().endswith("quiz"), "the first command must start the game"
    assert "pytest" in test


def test_ci_runs_exactly_the_readme_commands() -> None:
    play, test = _readme_commands()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    # CI has no terminal for the game, so it runs the set-up part of the play command.
    setup = play.rsplit(" && ", 1)[0]
    assert setup in ci, f"CI does not run the README's set-up command: {setup}"
    assert test in ci, f"CI does not run the README's test command: {test}"
