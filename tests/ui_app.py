"""What the Pilot tests of the full-screen game share: the app as the CLI builds it, with
results and preferences in the test's folder, and the screen's text as a player reads it."""

from __future__ import annotations

import re
from pathlib import Path

from quiz.screens.app import QuizApp, make_app

from quiz.bank.loader import LoadedBank
from quiz.play.settings import GameSettings


def build(loaded: LoadedBank, tmp_path: Path, **choices: object) -> QuizApp:
    return make_app(
        loaded=loaded,
        settings=GameSettings(**choices),  # type: ignore[arg-type]
        data_dir=tmp_path / "data",
        prefs_path=tmp_path / "prefs.json",
    )


def screen_lines(app: QuizApp) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


def screen_text(app: QuizApp) -> str:
    """The screen as one line: borders and runs of spaces folded to one space."""
    return re.sub(r"\s+", " ", re.sub(r"[│┃]", " ", " ".join(screen_lines(app))))


def name(app: QuizApp) -> str:
    return type(app.screen).__name__
