"""From a `GameSettings` to a bank, a seed and a quiz.

Shared by the plain-text game, `quiz preview`, `quiz host` and the TUI so that all
turn settings into a quiz the same way. Functions raise `UsageError` (exit 2) or
`BankError` (exit 1), both `QuizError`s the CLI prints; the TUI shows the message on
its start screen instead.

Decisions:

- No `--seed`: a random seed from 1 to 999,999 (short enough to read aloud to a
  class), printed so the quiz can be replayed.
- No `--name`: the operating system's user name, else "player".
- Names are data: stored and shown as typed, but refused when empty, longer than
  `MAX_NAME` characters, or carrying control characters (an escape sequence in a
  name would reach every terminal that lists results).
- `--players "Ana,Ben"`: comma-separated, spaces around names ignored, at least
  one and at most `MAX_PLAYERS`, no two the same ignoring case (they would be
  indistinguishable on the scoreboard).
"""

from __future__ import annotations

import difflib
import getpass
import secrets
import unicodedata
from dataclasses import dataclass

from quiz.bank.loader import LoadedBank
from quiz.errors import UsageError
from quiz.game.generate import KINDS, Kind, Question, Settings, generate_quiz
from quiz.play.banks import Chooser, choose_bank
from quiz.play.settings import GameSettings
from quiz.present.counts import count_note
from quiz.present.replay import replay_command as present_replay

MAX_NAME = 40
MAX_PLAYERS = 12


class NoQuiz(UsageError):
    """These settings give no quiz from this bank (exit 2: other choices would work)."""

    def __init__(self, path: object, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.reason = reason
        """Why, without the bank's path: the start screen has the bank in view."""


@dataclass(frozen=True)
class Quiz:
    """A bank, the settings it was generated with, and the questions."""

    loaded: LoadedBank
    settings: Settings
    questions: list[Question]
    note: str | None = None
    """The engine's word when the quiz is shorter because more questions would have
    been answered by earlier screens (`quiz.game.select`)."""

    @property
    def count_note(self) -> str | None:
        """What to say when the bank gave fewer questions than asked for, else None; every
        front end shows it (TUI start, --plain header, classroom host, preview)."""
        base = count_note(self.settings.count, len(self.questions))
        return f"{base} {self.note}" if base and self.note else base


def parse_kinds(text: str | None) -> tuple[Kind, ...]:
    """`--kinds estimate,choice` as kinds, in the order KINDS lists them."""
    if text is None:
        return KINDS
    wanted = [part.strip().lower() for part in text.split(",") if part.strip()]
    if not wanted:
        raise UsageError(f"--kinds: expected kinds separated by commas ({', '.join(KINDS)})")
    for kind in wanted:
        if kind not in KINDS:
            near = difflib.get_close_matches(kind, KINDS, n=1)
            hint = f"; did you mean {near[0]!r}?" if near else "."
            raise UsageError(
                f"--kinds: unknown kind {kind!r}{hint} Expected some of: {', '.join(KINDS)}"
            )
    return tuple(kind for kind in KINDS if kind in wanted)


def new_seed() -> int:
    return secrets.randbelow(999_999) + 1


def check_name(name: str, what: str = "--name") -> str:
    """The name, stripped, or UsageError saying what is wrong with it."""
    name = name.strip()
    if not name:
        raise UsageError(f"{what}: a player name cannot be empty")
    if len(name) > MAX_NAME:
        raise UsageError(f"{what}: a player name has at most {MAX_NAME} characters, found {name!r}")
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in name):
        raise UsageError(f"{what}: a player name cannot contain control characters: {name!r}")
    return name


def default_name() -> str:
    try:
        name = getpass.getuser()
    except Exception:  # no user name in this environment (KeyError, OSError, ...)
        return "player"
    try:
        return check_name(name)
    except UsageError:
        return "player"


def parse_players(text: str) -> tuple[str, ...]:
    """`--players "Ana, Ben"`: the hot-seat names, checked, in turn order."""
    names = [check_name(part, "--players") for part in text.split(",")]
    if len(names) > MAX_PLAYERS:
        raise UsageError(f"--players: at most {MAX_PLAYERS} players, found {len(names)}")
    seen: set[str] = set()
    for name in names:
        if name.casefold() in seen:
            raise UsageError(f"--players: {name!r} is named twice")
        seen.add(name.casefold())
    return tuple(names)


def player_names(settings: GameSettings) -> list[str]:
    """The hot-seat players, or the one player of a solo game."""
    if settings.players:
        return list(settings.players)
    return [settings.name or default_name()]


def make_quiz(loaded: LoadedBank, settings: GameSettings) -> Quiz:
    """The quiz these settings ask of this bank; a new seed when they name none.

    A choice that gives no questions (only "written" on a bank without
    `[[questions]]`) is a NoQuiz saying so: other choices would work.
    """
    seed = settings.seed if settings.seed is not None else new_seed()
    generation = Settings(count=settings.count, kinds=settings.kinds, seed=seed)
    try:
        chosen = generate_quiz(loaded, generation)
    except ValueError as exc:  # generate's messages are written for the player
        raise NoQuiz(loaded.path, str(exc)) from None
    return Quiz(loaded, generation, chosen.questions, chosen.note)


def build_quiz(settings: GameSettings, choose: Chooser | None = None) -> Quiz:
    """Load the bank the settings name (a folder: `choose` picks) and make its quiz.

    Raises BankError (bank problems, exit 1) or UsageError (exit 2).
    """
    return make_quiz(choose_bank(settings.bank, choose), settings)


def bank_argument(settings: GameSettings, quiz: Quiz) -> str | None:
    """The bank as a replay command names it: the file played, even when a folder was given."""
    if settings.bank is None:
        return None
    return str(quiz.loaded.path if settings.bank.is_dir() else settings.bank)


def replay_command(quiz: Quiz, bank_arg: str | None, *flags: str) -> str:
    """The command that plays this quiz again (`quiz.present.replay` writes it), with the
    count asked for: which questions a bank gives depends on it, so a smaller count could
    give another quiz (`quiz.present.counts` says how many this one has)."""
    settings = quiz.settings
    return present_replay(settings.seed, settings.count, settings.kinds, bank_arg, flags)
