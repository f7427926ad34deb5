"""A single player's game loads nothing it does not use: no classroom, no web join, no
validation of a bank that is cached or shipped checked, no number words before an answer.

Each case runs in a fresh interpreter (what a player's start imports is what this process
would have imported, not what earlier tests left in sys.modules) with an empty user cache,
so the shipped bank comes from its shipped entry, as on a first start.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Modules that must not load for one player: the classroom and its web join (and the
# libraries only they use), and the full check of a bank with what only it imports.
NOT_FOR_ONE_PLAYER = (
    "quiz.classroom",
    "quiz.screens.classroom",
    "quiz.cli.classroom",
    "aiohttp",
    "textual_serve",
    "segno",
    "pydantic",
    "pydantic_core",
    "tomli",
    "quiz.bank.model",
    "quiz.bank.checks",
    "inflection",
    "confusable_homoglyphs",
)
# Loaded later in a game, not before its first screen: the reveal finds quotes in the
# article (quiz.bank.provenance, which reads numbers in words with text2num).
NOT_AT_START = ("quiz.bank.provenance", "text_to_num")

TUI = """
import json, sys, tempfile
from pathlib import Path
from quiz.screens.app import make_app
from quiz.play.settings import GameSettings

folder = Path(tempfile.mkdtemp())
app = make_app(
    settings=GameSettings(seed=1, count=10),
    data_dir=folder / "data",
    prefs_path=folder / "prefs.json",
    show_start=False,
)
shown = []

async def first_question(pilot):
    await pilot.pause()
    shown.append(type(pilot.app.screen).__name__)
    pilot.app.exit()

app.run(headless=True, auto_pilot=first_question)
print(json.dumps({"screen": shown, "modules": sorted(sys.modules)}))
"""

START = TUI.replace("show_start=False", "show_start=True")


def _loaded(code: str, tmp_path: Path) -> tuple[list[str], set[str]]:
    env = dict(os.environ, QUIZ_CACHE_DIR=str(tmp_path / "cache"))
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    return found["screen"], set(found["modules"])


def _unwanted(modules: set[str], unwanted: tuple[str, ...] = NOT_FOR_ONE_PLAYER) -> list[str]:
    return sorted(
        name
        for name in modules
        for prefix in unwanted
        if name == prefix or name.startswith(prefix + ".")
    )


@pytest.mark.parametrize(("code", "screen"), [(TUI, "QuestionScreen"), (START, "StartScreen")])
def test_the_game_to_its_first_screen_loads_no_classroom_web_or_checks(
    code: str, screen: str, tmp_path: Path
) -> None:
    shown, modules = _loaded(code, tmp_path)
    assert shown == [screen]
    assert "quiz.screens.app" in modules and "textual" in modules  # the check can see
    assert _unwanted(modules, NOT_FOR_ONE_PLAYER + NOT_AT_START) == []


def test_a_whole_plain_game_loads_no_classroom_web_or_checks(tmp_path: Path) -> None:
    code = (
        "import io, json, sys\n"
        "from quiz.cli.main import main\n"
        "sys.stdin = io.StringIO('1\\n' * 3)\n"
        f"main(['play', '--plain', '--seed', '1', '--count', '1', '--kinds', 'choice',"
        f" '--data-dir', {str(tmp_path / 'data')!r}])\n"
        "print(json.dumps({'screen': ['plain'], 'modules': sorted(sys.modules)}))\n"
    )
    shown, modules = _loaded(code, tmp_path)
    assert shown == ["plain"]
    assert "quiz.play.plain" in modules and "quiz.present.summary_view" in modules
    assert _unwanted(modules) == []


def test_the_list_of_unwanted_modules_names_real_ones() -> None:
    """A misspelt name would make the tests above pass for nothing."""
    import importlib.util

    for name in NOT_FOR_ONE_PLAYER + NOT_AT_START:
        assert importlib.util.find_spec(name) is not None, name
