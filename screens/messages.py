"""Messages that cross the app: a screen says what the player did, the App acts on it.

Screens hold no game state; they post these and the App drives the engine's Session.
Messages a single widget posts are nested in that widget's class instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from quiz.bank.loader import LoadedBank
from quiz.game.scoring import Answer
from quiz.play.settings import GameSettings


@dataclass
class StartQuiz(Message):
    """Play `loaded` with these settings (from the start screen)."""

    loaded: LoadedBank
    settings: GameSettings


@dataclass
class AnswerGiven(Message):
    """The player answered the current question."""

    answer: Answer


class NextQuestion(Message):
    """The player has read the reveal and wants to go on."""


@dataclass
class PlayAgain(Message):
    """Play the same bank again, with the same seed or a new one."""

    same_seed: bool


class BackToStart(Message):
    """Go back to the start screen to choose a bank and settings."""


@dataclass
class OpenArticle(Message):
    """Show the article, optionally with this figure's quote selected.

    `loaded` is the bank whose article to show; None for the bank being played.
    """

    figure_id: str | None = None
    loaded: LoadedBank | None = None
