"""What the game offers on every screen: the command palette's entries and the question
asked before leaving a quiz in progress.

Both read the engine's state (`quiz.game.session.article_open`, the Session's counts,
`quiz.present.saving.quit_detail` for what is and is not saved) and decide nothing of
their own: the palette offers the article only when the engine says it is open.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from quiz.screens.sizing import sized
from textual.app import SystemCommand

from quiz.game.session import article_open

if TYPE_CHECKING:
    from quiz.screens.app import QuizApp


def game_commands(app: QuizApp) -> Iterator[SystemCommand]:
    """The palette's (Ctrl+P) game entries, before Textual's own."""
    yield SystemCommand("Help", "Keys and how answers are scored", app.action_help)
    if article_open(app.session):
        yield SystemCommand("Read the article", "Every figure's quote", app.action_article)
    if not app.in_progress:
        yield SystemCommand(
            "New quiz", "Back to the start screen to choose again", app.action_back_to_start
        )
    if app.session is not None and app.session.state == "finished":
        yield SystemCommand(
            "Play again, same questions",
            f"The same quiz (seed {app.seed})",
            lambda: app.action_play_again(True),
        )
        yield SystemCommand(
            "Play again, new questions", "A new seed", lambda: app.action_play_again(False)
        )


def ask_to_quit(app: QuizApp) -> None:
    """Quit now outside a quiz; mid-quiz, ask first (once), saying what is saved."""
    if not app.in_progress:
        app.exit(0)
        return
    if any(type(s).__name__ == "ConfirmQuit" for s in app.screen_stack):
        return
    from quiz.screens.dialogs.confirm_quit import ConfirmQuit

    from quiz.present.saving import quit_detail

    def done(leave: bool | None) -> None:
        if leave:
            app.exit(0)

    session = app.session
    assert session is not None
    detail = quit_detail(session.position, session.total, len(session.results), app.keeper.unsaved)
    app.push_screen(sized(app, ConfirmQuit(detail)), done)
