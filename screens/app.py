"""The figures quiz as a Textual app: one factory builds it for the CLI, the tests and bench.

The App owns the engine objects (the loaded bank, the Session, the results Store) and moves
between screens when a screen posts a message (`screens/messages.py`); screens only lay out
what they are given. Screens other than the first one shown are imported when first needed,
to keep start-up close to a bare Textual app's.

Decisions worth knowing:

- `quiz` always opens on the start screen, pre-filled with the command line's options and
  then the last choices remembered; Enter on it plays. (`make_app(show_start=False)` goes
  straight to the first question, for the start-up benchmark and tests.)
- The store's session row is written with the first answer, not before: a quiz abandoned
  before any answer leaves nothing behind, and start-up does no database writes.
- `q` (and Ctrl+Q, which also works inside a text field) asks before leaving a quiz in
  progress; on the start and summary screens it quits at once.
"""

from __future__ import annotations

import contextlib
import random
import sys
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, ClassVar

from quiz.screens import messages
from quiz.screens.widgets import WIDGETS_CSS
from quiz.screens.widgets.progress_header import Progress
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Input

from quiz.bank.loader import LoadedBank
from quiz.game.generate import KINDS, Settings, generate
from quiz.play import preferences
from quiz.play.preferences import Choices

if TYPE_CHECKING:
    # Only `quiz`'s command line passes a Namespace (it has imported argparse already);
    # tests and the start-up benchmark build the app without it.
    import argparse

    from quiz.game.session import AnsweredQuestion, Session
    from quiz.results.store import Store

PLAYER = "player"
"""The name stored when the player gives none."""


class QuizApp(App[int]):
    """The solo game. Build it with `make_app`."""

    TITLE = "Figures quiz"
    # The two screens that can come first are styled from the start: a Screen with its own
    # CSS_PATH makes Textual reparse the whole stylesheet when it is first shown.
    CSS_PATH: ClassVar[list[str | PurePath]] = [
        "app.tcss",
        WIDGETS_CSS,
        "start.tcss",
        "question.tcss",
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "request_quit", "Quit"),
        Binding("ctrl+q", "quit_anywhere", "Quit", show=False, priority=True),
        Binding("question_mark", "help", "Help"),
        Binding("f1", "help", "Help", show=False),
    ]

    def __init__(
        self,
        loaded: LoadedBank,
        choices: Choices,
        *,
        bank_paths: Iterable[Path] = (),
        data_dir: Path | None = None,
        prefs_path: Path | None = None,
        show_start: bool = True,
        clock: Callable[[], float] | None = None,
    ) -> None:
        super().__init__()
        self.loaded = loaded
        self.choices = choices
        self.bank_paths = list(bank_paths)
        self.data_dir = data_dir
        self.prefs_path = prefs_path
        self.show_start = show_start
        self.clock = clock
        self.session: Session | None = None
        self.seed: int = 0
        self._store: Store | None = None
        self._store_session: int | None = None
        self._store_player: int | None = None

    # -- the flow between screens -------------------------------------------------

    def on_mount(self) -> None:
        if self.show_start:
            self._show_start()
        else:
            self.start_quiz(self.loaded, self.choices)

    def _show_start(self) -> None:
        from quiz.screens.start import StartScreen

        self._replace(StartScreen(self.loaded, self.choices, self.bank_paths))

    def _replace(self, screen: Screen[Any]) -> None:
        """Show `screen` in place of the current main screen (dialogs on top are closed)."""
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    @property
    def in_progress(self) -> bool:
        """A quiz is being played and not finished: leaving it needs a confirmation."""
        return self.session is not None and self.session.state != "finished"

    def start_quiz(self, loaded: LoadedBank, choices: Choices) -> None:
        """Generate the quiz for these choices and show its first question."""
        from quiz.game.session import Session, SessionSettings

        self.loaded = loaded
        self.choices = choices
        self.seed = choices.seed if choices.seed is not None else random.randrange(1, 10**6)
        kinds = tuple(k for k in KINDS if k in choices.kinds) or KINDS
        questions = generate(loaded, Settings(count=choices.count, kinds=kinds, seed=self.seed))
        if not questions:
            self.notify(
                "This bank has no questions of the kinds chosen.", severity="error", timeout=6
            )
            self._show_start()
            return
        self._store_session = None
        self.session = Session(
            questions,
            SessionSettings(interval=choices.interval),
            on_answer=self._record,
            clock=self.clock,
        )
        self._show_question()

    def _show_question(self) -> None:
        from quiz.screens.question import QuestionScreen

        assert self.session is not None
        self._replace(
            QuestionScreen(
                self.session.current,
                self._progress(),
                interval=self.choices.interval,
            )
        )

    def _progress(self) -> Progress:
        assert self.session is not None
        return Progress(
            position=self.session.position,
            total=self.session.total,
            points=self.session.points,
            max_points=self.session.max_points,
            title=self.loaded.bank.bank.title,
        )

    def on_start_quiz(self, message: messages.StartQuiz) -> None:
        self._save_choices(message.choices)
        self.start_quiz(message.loaded, message.choices)

    def on_answer_given(self, message: messages.AnswerGiven) -> None:
        from quiz.screens.reveal import RevealScreen

        from quiz.game.explain import explain

        if self.session is None or self.session.state != "question":
            return
        try:
            result = self.session.answer(message.answer)
        except ValueError as exc:
            # The question screen reads answers with the engine's reader, so this is a bug
            # somewhere; say it and let the player answer again rather than crash.
            self.notify(f"That answer could not be used: {exc}", severity="error", markup=False)
            if hasattr(self.screen, "answered"):
                self.screen.answered = False
            return
        explanation = explain(self.loaded, result.question, result.answer)
        self._replace(
            RevealScreen(
                result,
                explanation,
                self._progress(),
                last=self.session.position == self.session.total,
            )
        )

    def on_next_question(self, message: messages.NextQuestion) -> None:
        if self.session is None or self.session.state != "reveal":
            return
        if self.session.next() == "finished":
            self._finish()
        else:
            self._show_question()

    def _finish(self) -> None:
        from quiz.screens.summary import SummaryScreen

        assert self.session is not None
        if self._store is not None and self._store_session is not None:
            self._guard_store(lambda store: store.finish_session(self._store_session or 0))
        self._replace(
            SummaryScreen(
                self.session.summary(),
                seed=self.seed,
                title=self.loaded.bank.bank.title,
                name=self.choices.name,
            )
        )

    def on_play_again(self, message: messages.PlayAgain) -> None:
        seed = self.seed if message.same_seed else None
        self.start_quiz(self.loaded, replace(self.choices, seed=seed))

    def on_back_to_start(self, message: messages.BackToStart) -> None:
        self.session = None
        self._show_start()

    def on_open_article(self, message: messages.OpenArticle) -> None:
        from quiz.screens.article import ArticleScreen

        self.push_screen(ArticleScreen(message.loaded or self.loaded, message.figure_id))

    # -- results and preferences --------------------------------------------------

    def _record(self, answered: AnsweredQuestion) -> None:
        """Store one answer now; the Session calls this before it returns the result."""

        def write(store: Store) -> None:
            if self._store_session is None:
                assert self.session is not None
                self._store_session = store.start_session(
                    self.loaded,
                    mode="solo",
                    seed=self.seed,
                    total=self.session.total,
                    settings={
                        "count": self.choices.count,
                        "kinds": list(self.choices.kinds),
                        "interval": self.choices.interval,
                    },
                )
                self._store_player = store.add_player(
                    self._store_session, self.choices.name or PLAYER
                )
            store.record_answer(self._store_session, self._store_player or 0, answered)

        self._guard_store(write)

    def _guard_store(self, work: Callable[[Store], object]) -> None:
        """Run `work` on the store; a failure is told to the player, never a crash."""
        from quiz.results.store import Store, StoreError

        if self._store is None:
            self._store = Store(self.data_dir)
        try:
            work(self._store)
        except StoreError as exc:
            self.notify(f"Results not saved: {exc}", severity="error", timeout=10, markup=False)

    def _save_choices(self, choices: Choices) -> None:
        # Remembering choices is a convenience; failing to is not worth interrupting play.
        with contextlib.suppress(OSError):
            preferences.save(choices, self.prefs_path)

    def on_unmount(self) -> None:
        if self._store is not None:
            self._store.close()

    # -- actions available everywhere -------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Letter keys go into a text field: hide them from the Footer there (Ctrl+Q and F1
        # still work).
        return not (action in ("request_quit", "help") and isinstance(self.focused, Input))

    def action_quit_anywhere(self) -> None:
        """Ctrl+Q: the same as q, but it also works inside a text field."""
        self.action_request_quit()

    def action_request_quit(self) -> None:
        if not self.in_progress:
            self.exit(0)
            return
        if any(type(s).__name__ == "ConfirmQuit" for s in self.screen_stack):
            return
        from quiz.screens.dialogs.confirm_quit import ConfirmQuit

        def done(leave: bool | None) -> None:
            if leave:
                self.exit(0)

        assert self.session is not None
        self.push_screen(ConfirmQuit(self.session.position, self.session.total), done)

    def action_help(self) -> None:
        from quiz.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_article(self) -> None:
        self.post_message(messages.OpenArticle())

    def action_play_again(self, same_seed: bool) -> None:
        self.post_message(messages.PlayAgain(same_seed))

    def action_back_to_start(self) -> None:
        self.post_message(messages.BackToStart())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The command palette (Ctrl+P) offers the game's own actions first."""
        yield SystemCommand("Help", "Keys and how answers are scored", self.action_help)
        yield SystemCommand(
            "Read the article", "The article with every figure's quote", self.action_article
        )
        if not self.in_progress:
            yield SystemCommand(
                "New quiz", "Back to the start screen to choose again", self.action_back_to_start
            )
        if self.session is not None and self.session.state == "finished":
            yield SystemCommand(
                "Play again, same questions",
                f"The same quiz (seed {self.seed})",
                lambda: self.action_play_again(True),
            )
            yield SystemCommand(
                "Play again, new questions", "A new seed", lambda: self.action_play_again(False)
            )
        yield from super().get_system_commands(screen)


def make_app(
    bank: Path | None = None,
    *,
    choices: Choices | None = None,
    loaded: LoadedBank | None = None,
    bank_paths: Iterable[Path] = (),
    data_dir: Path | None = None,
    prefs_path: Path | None = None,
    show_start: bool = True,
    clock: Callable[[], float] | None = None,
) -> QuizApp:
    """Build the app on `bank` (default: the shipped bank). Raises BankError if it is invalid."""
    from quiz.questions import default_bank

    from quiz.bank.loader import load_bank

    if loaded is None:
        loaded = load_bank(bank or default_bank())
    return QuizApp(
        loaded,
        choices or Choices(),
        bank_paths=bank_paths,
        data_dir=data_dir,
        prefs_path=prefs_path,
        show_start=show_start,
        clock=clock,
    )


def _bank_files(given: Path | None) -> tuple[Path | None, list[Path]]:
    """The bank to open and every bank on offer: the one given (or each .toml in a folder
    given), then the shipped banks."""
    from quiz.questions import shipped_banks

    found: list[Path] = []
    first: Path | None = None
    if given is not None:
        if given.is_dir():
            found = sorted(given.glob("*.toml"))
            first = found[0] if found else given
        else:
            first = given
            found = [given]
    for path in shipped_banks():
        if path not in found:
            found.append(path)
    return first, found


def _choices_from_args(args: argparse.Namespace, remembered: Choices) -> Choices | str:
    """Command-line options over remembered choices; a message string when one is bad."""
    kinds = remembered.kinds
    if getattr(args, "kinds", None):
        asked = [k.strip() for k in args.kinds.split(",") if k.strip()]
        unknown = [k for k in asked if k not in KINDS]
        if unknown:
            return f"unknown question kind {unknown[0]!r}; expected some of: {', '.join(KINDS)}"
        kinds = tuple(asked)
    count = getattr(args, "count", None)
    if count is None:
        count = remembered.count
    seed = getattr(args, "seed", None)
    return Choices(
        bank=remembered.bank,
        count=count,
        kinds=kinds,
        interval=bool(getattr(args, "interval", False)) or remembered.interval,
        seed=seed if seed is not None else remembered.seed,
        name=getattr(args, "name", None) or remembered.name,
    )


def run_app(args: argparse.Namespace) -> int:
    """`quiz` and `quiz play`: check the bank first (problems printed, exit 1), then play."""
    from quiz.questions import default_bank

    from quiz.bank.loader import load_bank
    from quiz.errors import BankError
    from quiz.paths import data_dir

    remembered = preferences.load()
    choices = _choices_from_args(args, remembered)
    if isinstance(choices, str):
        print(f"quiz: {choices}", file=sys.stderr)
        return 2
    first, offered = _bank_files(args.bank)
    loaded: LoadedBank | None = None
    if first is not None:
        try:
            loaded = load_bank(first)
        except BankError as exc:
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            print(
                f"quiz: {first} is not a valid bank; `quiz check {first}` explains.",
                file=sys.stderr,
            )
            return 1
    elif remembered.bank and Path(remembered.bank).is_file():
        try:
            loaded = load_bank(remembered.bank)
            if Path(remembered.bank) not in offered:
                offered.insert(0, Path(remembered.bank))
        except BankError:
            loaded = None  # a remembered bank that no longer checks: play the shipped one
    if loaded is None:
        try:
            loaded = load_bank(default_bank())
        except BankError as exc:
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            return 1
    choices = replace(choices, bank=str(loaded.path))
    app = make_app(
        loaded=loaded,
        choices=choices,
        bank_paths=offered,
        data_dir=data_dir(getattr(args, "data_dir", None)),
    )
    result = app.run()
    if app.return_code:
        return app.return_code
    if app.session is not None:
        print(f"Seed {app.seed}: `quiz play --seed {app.seed}` replays this quiz.")
    return int(result or 0)
