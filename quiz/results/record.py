"""One game as it is kept: the same life for the TUI, `--plain`, hot-seat and the classroom.

    record = GameRecord(store, loaded, mode="plain", seed=seed, total=len(questions),
                        settings=settings.stored())      # nothing written yet
    ana = record.add_player("Ana")                       # starts the session on first need
    session = Session(questions, on_answer=record.recorder(ana))   # each answer stored
    ...                                                  # before the game moves on
    record.end("finished")   # or "unfinished": quit, Ctrl-C, end of input, host stopped

Decisions worth knowing:

- Lazy: the session row is written when the first player joins or the first answer is
  given, so a game left before anyone plays costs no write. Players are added once per
  name (a classroom student who rejoins keeps their row).
- Every answer is committed before the call returns: `recorder` is a Session's
  `on_answer`, which runs before the session moves to the reveal, and the classroom
  host acknowledges an answer only once `record` has returned.
- Ending: "finished" (played to the end) stamps the session finished; "unfinished"
  leaves it open, as a crash does, and `quiz results` lists it as unfinished. Either
  way, a session in which nothing was stored (a host quitting in the lobby, a player
  leaving at the first question) is discarded, so the list shows only games played.
  The first end wins: a classroom finished at the podium stays finished when the
  projector is then closed.
- A `StoreError` from any call is the caller's to report; the record stays usable.
- `check_saving()`, called before the first question, finds a data folder that cannot be
  written (`quiz.results.writable`); the record then stores nothing and the game plays on,
  the front end having said so once, instead of failing at every answer.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Literal

from quiz.results.schema import Mode
from quiz.results.store import Store, describe_answer
from quiz.results.writable import saving_problem

if TYPE_CHECKING:
    from quiz.bank.loader import LoadedBank
    from quiz.game.generate import Question
    from quiz.game.scoring import Score
    from quiz.game.session import AnsweredQuestion
    from quiz.results.rows import NewAnswer

Ending = Literal["finished", "unfinished"]
Outcome = Literal["finished", "unfinished", "discarded"]


class GameRecord:
    """The results of one game, in one store session created when first needed."""

    def __init__(
        self,
        store: Store,
        loaded: LoadedBank,
        *,
        mode: Mode,
        seed: int | None,
        total: int,
        settings: Mapping[str, object] | None = None,
    ) -> None:
        self.store = store
        self._loaded = loaded
        self._mode: Mode = mode
        self._seed = seed
        self._total = total
        self._settings = dict(settings or {})
        self.session_id: int | None = None
        """The store's session id, once something has been stored."""
        self.outcome: Outcome | None = None
        """How the game ended; None while it runs."""
        self._players: dict[str, int] = {}
        self.unsaved: str | None = None
        """Why answers are not being saved ("<path>: <reason>"), once `check_saving` found it."""
        # The TUI records from its workers; the classroom host ends the game from a thread.
        self._lock = threading.RLock()

    def check_saving(self) -> str | None:
        """Why answers cannot be saved in this store's folder, or None; when they cannot,
        the record stores nothing from now on."""
        self.unsaved = saving_problem(self.store.folder)
        return self.unsaved

    def start(self) -> int:
        """The session id, writing the session row now if it is not yet written."""
        with self._lock:
            if self.session_id is None:
                self.session_id = self.store.start_session(
                    self._loaded,
                    mode=self._mode,
                    seed=self._seed,
                    total=self._total,
                    settings=self._settings,
                )
            return self.session_id

    def add_player(self, name: str) -> int:
        """The player's id in this game's session (the session starts if it has not)."""
        with self._lock:
            if name not in self._players:
                self._players[name] = self.store.add_player(self.start(), name)
            return self._players[name]

    def add_players(self, names: Sequence[str]) -> dict[str, int]:
        """Many players' ids at once (a classroom's first answers), adding the new ones."""
        with self._lock:
            new = [name for name in names if name not in self._players]
            if new:
                self._players.update(self.store.add_players(self.start(), new))
            return {name: self._players[name] for name in names}

    def record(
        self,
        player_id: int,
        question: Question,
        given: str,
        score: Score,
        seconds: float | None = None,
        bonus: float = 0.0,
        bonus_reason: str = "",
    ) -> None:
        """Store one answer now; `given` "" is a question missed (classroom, out of time)."""
        self.store.record(
            self.start(), player_id, question, given, score, seconds, bonus, bonus_reason
        )

    def record_many(self, answers: Sequence[NewAnswer]) -> None:
        """Store a burst of answers (a classroom's, inside one `store.transaction()`)."""
        self.store.record_many(self.start(), answers)

    def record_answer(self, player_id: int, answered: AnsweredQuestion) -> None:
        """Store a Session's answer, bonus included."""
        self.record(
            player_id,
            answered.question,
            describe_answer(answered.question, answered.answer),
            answered.score,
            answered.seconds,
            answered.bonus,
            answered.bonus_reason,
        )

    def recorder(self, name: str) -> Callable[[AnsweredQuestion], None]:
        """A Session's `on_answer` storing each answer under `name` (added at the first)."""

        def on_answer(answered: AnsweredQuestion) -> None:
            if self.unsaved is None:
                self.record_answer(self.add_player(name), answered)

        return on_answer

    def end(self, ending: Ending) -> Outcome:
        """End the game as finished or unfinished; discarded if nothing was stored.

        Only the first call counts; later ones return the outcome already reached.
        """
        with self._lock:
            if self.outcome is not None:
                return self.outcome
            if self.session_id is None or self.store.discard_if_empty(self.session_id):
                self.outcome = "discarded"
            else:
                if ending == "finished":
                    self.store.finish_session(self.session_id)
                self.outcome = ending
            return self.outcome
