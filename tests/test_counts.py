"""Asking for more questions than a bank gives: every front end says how many it gives."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from quiz.bank.loader import LoadedBank
from quiz.game.generate import KINDS, Settings, generate
from quiz.play.settings import GameSettings
from quiz.play.setup import make_quiz
from quiz.present.counts import count_note

SHIPPED = Path(__file__).resolve().parent.parent / "questions" / "ukraine-war-casualties.toml"


def test_the_note_names_both_counts() -> None:
    assert count_note(200, 43) == (
        "You asked for 200 questions; this bank gives 43 questions of the kinds chosen,"
        " so the quiz has 43."
    )
    assert count_note(5, 1) is not None and "gives 1 question of" in (count_note(5, 1) or "")
    assert count_note(10, 10) is None


def _engine_note(loaded: LoadedBank) -> str:
    """What every front end says of a 200-question quiz at seed 3: the count, and why
    honesty stops the quiz there (`quiz.game.select`)."""
    note = make_quiz(loaded, GameSettings(count=200, seed=3)).count_note
    assert note is not None and "answered by an earlier screen" in note
    return note


def _run(*argv: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "QUIZ_DATA_DIR"}
    return subprocess.run(
        [sys.executable, "-m", "quiz", *argv],
        input="",
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_plain_and_preview_say_how_many_the_bank_gives(shipped: LoadedBank, tmp_path: Path) -> None:
    given = len(generate(shipped, Settings(count=200, kinds=KINDS, seed=3)))
    assert given < 200
    note = count_note(200, given)
    assert note is not None
    plain = _run(
        "play",
        "--plain",
        "--seed",
        "3",
        "--count",
        "200",
        "--data-dir",
        str(tmp_path / "d"),
        tmp_path=tmp_path,
    )
    assert _engine_note(shipped) in plain.stdout
    preview = _run("preview", "--seed", "3", "--count", "200", tmp_path=tmp_path)
    assert preview.returncode == 0 and _engine_note(shipped) in preview.stdout
    # A count the bank can fill says nothing.
    small = _run("preview", "--seed", "3", "--count", "3", tmp_path=tmp_path)
    assert "You asked for" not in small.stdout


async def test_the_terminal_game_says_so_when_the_quiz_starts(
    shipped: LoadedBank, tmp_path: Path
) -> None:
    from quiz.screens.app import make_app

    app = make_app(
        loaded=shipped,
        settings=GameSettings(count=200, seed=3),
        data_dir=tmp_path / "data",
        prefs_path=tmp_path / "prefs.json",
    )
    given = len(generate(shipped, Settings(count=200, kinds=KINDS, seed=3)))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        shown = [str(n.message) for n in app._notifications]
        assert _engine_note(shipped) in shown
        assert f"of {given}" in " ".join(
            strip.text for strip in app.screen._compositor.render_strips()
        )


async def test_the_classroom_host_says_so_when_the_room_opens(shipped: LoadedBank) -> None:
    from quiz.screens.classroom.host_app import make_host_app

    from quiz.classroom.room import Room

    questions = generate(shipped, Settings(count=200, kinds=KINDS, seed=3))
    note = count_note(200, len(questions))
    room = Room(questions, loaded=shipped, seconds=600)
    app = make_host_app(room, shown_address="127.0.0.1:8765", note=note)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert note in [str(n.message) for n in app._notifications]
