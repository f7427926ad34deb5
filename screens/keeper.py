"""The full-screen game's results: one `GameRecord` per quiz, as in `--plain` and the classroom.

The record is made with the quiz's first answer (so a quiz left before any answer leaves
nothing, and start-up does no database work), each answer is stored before the reveal is
shown, and the quiz ends "finished" at its summary or "unfinished" when the app closes
mid-quiz. A store that fails is told to the player through `warn`, never a crash.

`begin` checks the data folder before the first question (`quiz.results.writable`): when it
cannot be written, `unsaved` says why, the app warns at once, and no answer is tried (one
warning, not one per answer). The quit dialog says "saved" only while `unsaved` is None.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quiz.bank.loader import LoadedBank
    from quiz.game.session import AnsweredQuestion
    from quiz.play.settings import GameSettings
    from quiz.results.record import Ending, GameRecord
    from quiz.results.store import Store


class Keeper:
    """Stores the quizzes one app plays, one after the other."""

    def __init__(self, warn: Callable[[str], None]) -> None:
        self._warn = warn
        self._store: Store | None = None
        self._game: GameRecord | None = None
        self._quiz: tuple[LoadedBank, GameSettings, int, int, str] | None = None
        self.unsaved: str | None = None
        """Why this quiz's answers are not (all) saved; None while every answer is."""

    def begin(
        self, loaded: LoadedBank, settings: GameSettings, seed: int, total: int, name: str
    ) -> None:
        """A new quiz: the one before, if any was stored, ends unfinished. Then the data
        folder is checked: `unsaved` says why answers cannot be saved, or is None."""
        from quiz import paths
        from quiz.results.writable import saving_problem

        self.end("unfinished")
        self._quiz = (loaded, settings, seed, total, name)
        self.unsaved = saving_problem(paths.data_dir(settings.data_dir))

    def answer(self, answered: AnsweredQuestion) -> None:
        """Store one answer now (a Session's `on_answer`), unless the folder cannot take it."""
        if self.unsaved is None:
            self._guard(lambda: self._record().recorder(self._name)(answered))

    def end(self, ending: Ending) -> None:
        """End the stored quiz, if one was started; the first end wins."""
        game, self._game = self._game, None
        if game is not None:
            self._guard(lambda: game.end(ending))

    def close(self) -> None:
        self.end("unfinished")
        if self._store is not None:
            self._store.close()

    @property
    def _name(self) -> str:
        assert self._quiz is not None
        return self._quiz[4]

    def _record(self) -> GameRecord:
        from quiz.results.record import GameRecord
        from quiz.results.store import Store

        assert self._quiz is not None
        loaded, settings, seed, total, _ = self._quiz
        if self._store is None:
            self._store = Store(settings.data_dir)
        if self._game is None:
            self._game = GameRecord(
                self._store, loaded, mode="solo", seed=seed, total=total, settings=settings.stored()
            )
        return self._game

    def _guard(self, work: Callable[[], object]) -> None:
        from quiz.results.store import StoreError

        try:
            work()
        except StoreError as exc:
            self.unsaved = str(exc)
            self._warn(f"Results not saved: {exc}")
