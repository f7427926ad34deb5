"""Importing the engine loads no UI: every module of `quiz` (but the CLI and the screens),
imported in a fresh interpreter, leaves textual, rich and quiz.screens out of sys.modules.

tests/test_engine_boundary.py reads the source for import statements; this checks what
actually happens at import time, including imports made by the libraries we use.
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import pytest

import quiz

UI = ("textual", "rich", "quiz.screens")


def engine_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(quiz.__path__, prefix="quiz."):
        # The CLI may start the UI; `python -m quiz` runs the CLI when imported.
        if info.name in {"quiz.cli.main", "quiz.__main__"} or info.name.startswith("quiz.screens"):
            continue
        names.append(info.name)
    return sorted(names)


def test_the_walk_finds_the_engine() -> None:
    names = engine_modules()
    assert {
        "quiz.bank.loader",
        "quiz.bank.model",
        "quiz.bank.numbers",
        "quiz.cli.authoring",
    } <= set(names)
    assert not any(name.startswith("quiz.screens") for name in names)


@pytest.mark.parametrize("module", engine_modules())
def test_engine_module_imports_no_ui(module: str) -> None:
    script = (
        "import importlib, json, sys\n"
        f"importlib.import_module({module!r})\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {UI[:2]!r}"
        " or m.startswith('quiz.screens'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
