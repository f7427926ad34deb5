"""`quiz` and `quiz play` in the terminal: from the command line's settings to the running app.

The CLI's one way into the full-screen game (`quiz.cli.main` imports `run_app` lazily).
Which bank opens: the bank or folder given (a folder opens on its first bank that checks
and offers them all), else the bank remembered from last time if it still checks, else
the shipped one.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from quiz.screens.app import make_app

from quiz.bank.loader import LoadedBank
from quiz.play.settings import GameSettings


def opening_bank(
    settings: GameSettings, remembered_bank: Path | None
) -> tuple[LoadedBank, list[Path]]:
    """The bank the start screen opens on, and every bank it offers.

    The bank or folder the settings name (a folder: its first bank that checks; none
    that checks is a BankError), else the remembered bank if it still checks, else the
    shipped one; the offer lists the folder's banks, then the shipped banks.
    """
    from quiz.questions import shipped_banks

    from quiz.bank.loader import load_bank
    from quiz.errors import BankError
    from quiz.play.banks import choose_bank, default_bank, usable

    offered: list[Path] = []
    loaded: LoadedBank | None = None
    given = settings.bank
    if given is not None and given.is_dir():
        folder = usable(given)
        offered = [offer.path for offer in folder]
        loaded = next(offer.loaded for offer in folder if offer.loaded is not None)
    elif given is not None:
        loaded = choose_bank(given)
        offered = [given]
    elif remembered_bank is not None and remembered_bank.is_file():
        with contextlib.suppress(BankError):  # no longer checks: open the shipped bank
            loaded = load_bank(remembered_bank)
            offered = [remembered_bank]
    if loaded is None:
        loaded = load_bank(default_bank())
    for path in shipped_banks():
        if Path(path) not in offered:
            offered.append(Path(path))
    return loaded, offered


def run_app(settings: GameSettings, *, remembered_bank: Path | None = None) -> int:
    """`quiz` and `quiz play`: check the bank first (a QuizError for the CLI), then play."""
    loaded, offered = opening_bank(settings, remembered_bank)
    app = make_app(loaded=loaded, settings=settings, bank_paths=offered)
    result = app.run()
    if app.return_code:
        return app.return_code
    if app.session is not None:
        print(f"Seed {app.seed}. Play this quiz again with: {app.replay}")
    return int(result or 0)
