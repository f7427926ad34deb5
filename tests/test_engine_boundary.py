"""No engine module imports the UI, not even inside a function.

import-linter (in CI) cannot see `quiz.screens`, because `screens/` is mapped into the
package only at install time; this test reads the engine's source instead. The CLI's
lazy imports of `quiz.screens.launch` and `quiz.screens.classroom.commands`, which start the
TUI and the classroom screens, are the only allowed exceptions.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ENGINE = Path(__file__).resolve().parent.parent / "quiz"
ALLOWED = {
    ("cli/main.py", "quiz.screens.launch"),
    ("cli/main.py", "quiz.screens.classroom.commands"),
}
FORBIDDEN = ("textual", "rich", "quiz.screens")


def _imports(source: str) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            names.extend(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _violations(source: str, relative: str) -> list[str]:
    allowed = [name for rel, name in ALLOWED if rel == relative]
    return [
        name
        for name in _imports(source)
        if any(name == f or name.startswith(f + ".") for f in FORBIDDEN)
        and not any(name == a or name.startswith(a + ".") for a in allowed)
    ]


@pytest.mark.parametrize(
    "path", sorted(ENGINE.rglob("*.py")), ids=lambda p: str(p.relative_to(ENGINE))
)
def test_engine_module_does_not_import_the_ui(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert _violations(source, str(path.relative_to(ENGINE))) == []


def test_the_check_sees_a_function_level_import() -> None:
    source = "def f():\n    from quiz.screens.launch import run_app\n    import rich.text\n"
    assert _violations(source, "generate.py") == [
        "quiz.screens.launch",
        "quiz.screens.launch.run_app",
        "rich.text",
    ]
    assert _violations(source, "cli/main.py") == ["rich.text"]
