"""No module of the game or its benchmarks over 400 lines: one concept per module.

The developers' guide sets the bound; a module that grows past it is split by concept
(as quiz.game.facts came out of quiz.game.disclosure), not trimmed of its comments.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 400
CHECKED = ("quiz", "screens", "bench", "questions")


def _modules() -> list[Path]:
    return sorted(p for folder in CHECKED for p in (ROOT / folder).rglob("*.py"))


def test_the_check_sees_the_code() -> None:
    names = {p.relative_to(ROOT).as_posix() for p in _modules()}
    assert {"quiz/game/disclosure.py", "screens/app.py", "bench/honesty.py"} <= names


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_module_over_400_lines(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= LIMIT, f"{path.relative_to(ROOT)}: {lines} lines; split it by concept"
