"""The figures quiz as a Textual app: one factory builds it for the CLI, the tests and bench.

The App owns the engine objects (the loaded bank, the Session, the results Store) and moves
between screens when a screen posts a message (`screens/messages.py`); screens only lay out
what they are given, imported when first needed (start-up close to a bare Textual app's).

Decisions worth knowing:

- `quiz` always opens on the start screen, pre-filled with the `GameSettings` the command
  line and the last choices remembered make; Enter on it plays. (`make_app(show_start=False)`
  goes straight to the first question, for the start-up benchmark and tests.)
- The quiz is made by the engine (`quiz.play.setup.make_quiz`), as for `--plain`: a choice
  that gives no questions is a message on the start screen, never a traceback.
- Results: each quiz is one `GameRecord`, kept by `quiz.screens.keeper` (made with the
  first answer; "finished" at the summary, "unfinished" when the app closes mid-quiz).
- `q` asks before leaving a quiz in progress; on the start and summary screens it quits.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path, PurePath
from typing import Any, ClassVar

from quiz.screens import messages
from quiz.screens.app_commands import ask_to_quit, game_commands
from quiz.screens.keeper import Keeper
from quiz.screens.sizing import sized
from quiz.screens.styling import styled
from quiz.screens.widgets import WIDGETS_CSS
from quiz.screens.widgets.progress_header import Progress
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Input

from quiz.bank.loader import LoadedBank
from quiz.game.hints import Examples, examples
from quiz.game.session import ARTICLE_CLOSED, Session, article_open
from quiz.game.start_texts import start_texts
from quiz.play import preferences
from quiz.play.settings import GameSettings
from quiz.play.setup import NoQuiz, default_name, make_quiz
from quiz.present.progress import session_progress


class QuizApp(App[int]):
    """The solo game. Build it with `make_app`."""

    TITLE = "Figures quiz"
    # Parsed before the first frame: what every screen and the first question need. The
    # start screen's styles are added when it is shown (quiz.screens.styling).
    CSS_PATH: ClassVar[list[str | PurePath]] = ["app.tcss", WIDGETS_CSS, "question.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "request_quit", "Quit"),
        Binding("question_mark", "help", "Help"),
        # In a text field, where q and ? are typed, the Footer offers these instead.
        Binding("ctrl+q", "quit_anywhere", "Quit", priority=True),
        Binding("f1", "help_anywhere", "Help"),
        # The same keys, never in the Footer, act where the listed ones are hidden (Ctrl+Q, F1
        # outside a text field; q, ? when a narrow Footer shows a screen's keys: check_action).
        Binding("ctrl+q", "quit_unlisted", show=False, priority=True),
        Binding("f1", "help_unlisted", show=False),
        Binding("q", "request_quit_unlisted", show=False),
        Binding("question_mark", "help_unlisted", show=False),
    ]
    # Classes every screen gets from the terminal's size; the .tcss files lay out small
    # terminals with them (down to 40x12). Not annotated ClassVar (which ruff's RUF012 wants):
    # Textual's own annotation makes mypy refuse a ClassVar override.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (60, "-medium"), (80, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-tiny"), (16, "-short"), (24, "-tall")]  # noqa: RUF012

    def __init__(
        self,
        loaded: LoadedBank,
        settings: GameSettings,
        *,
        bank_paths: Iterable[Path] = (),
        prefs_path: Path | None = None,
        show_start: bool = True,
        clock: Callable[[], float] | None = None,
    ) -> None:
        super().__init__()
        self.loaded = loaded
        self.settings = settings
        self.bank_paths = list(bank_paths)
        self.prefs_path = prefs_path
        self.show_start = show_start
        self.clock = clock
        self.session: Session | None = None
        self.seed: int = 0
        self.replay = ""
        """The command that plays the current quiz again (`quiz.present.replay`)."""
        self.examples: Examples = examples(loaded)  # for hints: never the bank's numbers
        self.keeper = Keeper(lambda t: self.notify(t, severity="error", timeout=10, markup=False))

    # -- the flow between screens -------------------------------------------------

    def on_mount(self) -> None:
        if self.show_start:
            self._show_start()
        else:
            self.start_quiz(self.loaded, self.settings)

    def _show_start(self, message: str = "") -> None:
        from quiz.screens.start import StartScreen

        self._replace(StartScreen(self.loaded, self.settings, self.bank_paths, message=message))

    def _replace(self, screen: Screen[Any]) -> None:
        """Show `screen` in place of the current main screen (dialogs on top are closed)."""
        styled(self, sized(self, screen))
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

    def start_quiz(self, loaded: LoadedBank, settings: GameSettings) -> None:
        """Make the quiz for these settings and show its first question; when they give
        no quiz, say why on the start screen."""
        from quiz.present.replay import replay_of

        self.loaded = loaded
        self.settings = settings
        try:
            quiz = make_quiz(loaded, settings)
        except NoQuiz as exc:
            from quiz.screens.start import StartScreen  # only here: a quiz may start without

            self.session = None
            text = f"No quiz from these choices: {exc.reason}."
            if isinstance(self.screen, StartScreen):
                self.screen.show_message(text)
            else:
                self._show_start(text)
            return
        self.seed = quiz.settings.seed
        name = settings.name or default_name()
        self.keeper.begin(loaded, settings, self.seed, len(quiz.questions), name)
        if self.keeper.unsaved is not None:
            from quiz.present.saving import unsaved_warning

            self.notify(
                unsaved_warning(self.keeper.unsaved),
                title="Results folder",
                severity="warning",
                timeout=30,
                markup=False,
            )
        if quiz.count_note:
            self.notify(quiz.count_note, title="A shorter quiz", timeout=10, markup=False)
        self.replay = replay_of(
            self.seed, quiz.settings.count, quiz.settings.kinds, loaded.path, settings
        )
        self.examples = examples(loaded, quiz.questions)
        self.session = Session(
            quiz.questions,
            settings.session_settings(),
            on_answer=self.keeper.answer,
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
                interval=self.settings.interval,
                examples=self.examples,
            )
        )

    def _progress(self) -> Progress:
        assert self.session is not None
        # The title states no number a question asks.
        return session_progress(self.session, start_texts(self.loaded).title)

    def on_start_quiz(self, message: messages.StartQuiz) -> None:
        self._save_choices(message.settings)
        self.start_quiz(message.loaded, message.settings)

    def on_answer_given(self, message: messages.AnswerGiven) -> None:
        from quiz.screens.reveal import RevealScreen

        from quiz.game.explain import explain
        from quiz.present.reveal_view import solo_reveal

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
        view = solo_reveal(
            result, explain(self.loaded, result.question), interval=self.settings.interval
        )
        figure_ids = result.question.figure_ids
        self._replace(
            RevealScreen(
                view,
                self._progress(),
                figure_id=figure_ids[0] if figure_ids else None,
                last=self.session.position == self.session.total,
                article_open=self.session.article_open,
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

        from quiz.present.summary_view import summary_view

        assert self.session is not None
        self.keeper.end("finished")
        self._replace(
            SummaryScreen(
                summary_view(self.session, self.replay),
                seed=self.seed,
                title=self.loaded.bank.bank.title,
                name=self.settings.name,
            )
        )

    def on_play_again(self, message: messages.PlayAgain) -> None:
        seed = self.seed if message.same_seed else None
        self.start_quiz(self.loaded, replace(self.settings, seed=seed))

    def on_back_to_start(self, message: messages.BackToStart) -> None:
        self.session = None
        self._show_start()

    def on_open_article(self, message: messages.OpenArticle) -> None:
        from quiz.screens.article import ArticleScreen

        if not article_open(self.session):  # the engine's rule: it states every answer
            self.notify(ARTICLE_CLOSED, markup=False)
            return
        article = ArticleScreen(message.loaded or self.loaded, message.figure_id)
        self.push_screen(styled(self, sized(self, article)))

    # -- results and preferences --------------------------------------------------

    def _save_choices(self, settings: GameSettings) -> None:
        # Remembering choices is a convenience; failing to is not worth interrupting play.
        with contextlib.suppress(OSError):
            preferences.save(settings, self.prefs_path)

    def on_unmount(self) -> None:
        self.keeper.close()  # the first end wins: a finished game stays finished

    # -- actions available everywhere -------------------------------------------

    NARROW = 60
    """Below this width the Footer cannot hold the app's keys beside a screen's own three."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        in_field = isinstance(self.focused, Input)
        if action in ("quit_anywhere", "help_anywhere"):
            return in_field
        # Letter keys go into a text field: q and ? act (and show) only outside one.
        if action in ("request_quit_unlisted", "help_unlisted") and in_field:
            return False
        if action in ("request_quit", "help"):
            if in_field:
                return False
            # On a narrow terminal, q and ? give way in the Footer to a screen with keys
            # of its own; the unlisted bindings still act on them.
            return not (self.size.width < self.NARROW and self._screen_keys_shown() >= 3)
        return True

    def _screen_keys_shown(self) -> int:
        return sum(1 for b in type(self.screen).BINDINGS if isinstance(b, Binding) and b.show)

    def on_resize(self) -> None:
        self.refresh_bindings()

    def action_request_quit_unlisted(self) -> None:
        self.action_request_quit()

    def action_help_unlisted(self) -> None:
        self.action_help()

    def action_quit_anywhere(self) -> None:
        """Ctrl+Q: the same as q, but it also works inside a text field."""
        self.action_request_quit()

    async def action_quit(self) -> None:
        """Textual's own quit (the command palette's "Quit"): asks first mid-quiz, like q."""
        self.action_request_quit()

    def action_request_quit(self) -> None:
        ask_to_quit(self)

    def action_help_anywhere(self) -> None:
        self.action_help()

    def action_quit_unlisted(self) -> None:
        self.action_request_quit()

    def action_help(self) -> None:
        from quiz.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            help_screen = HelpScreen(self.screen, self.examples.placeholder)
            self.push_screen(styled(self, sized(self, help_screen)))

    def action_article(self) -> None:
        self.post_message(messages.OpenArticle())

    def action_play_again(self, same_seed: bool) -> None:
        self.post_message(messages.PlayAgain(same_seed))

    def action_back_to_start(self) -> None:
        self.post_message(messages.BackToStart())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The command palette (Ctrl+P) offers the game's own actions first."""
        yield from game_commands(self)
        yield from super().get_system_commands(screen)


def make_app(
    bank: Path | None = None,
    *,
    settings: GameSettings | None = None,
    loaded: LoadedBank | None = None,
    bank_paths: Iterable[Path] = (),
    data_dir: Path | None = None,
    prefs_path: Path | None = None,
    show_start: bool = True,
    clock: Callable[[], float] | None = None,
) -> QuizApp:
    """Build the app on `bank` (default: the shipped bank). Raises BankError if it is invalid.

    `data_dir`, when given, replaces the settings' results folder (tests keep results apart).
    """
    from quiz.questions import default_bank

    from quiz.bank.loader import load_bank

    if loaded is None:
        loaded = load_bank(bank or default_bank())
    settings = settings or GameSettings()
    if data_dir is not None:
        settings = replace(settings, data_dir=data_dir)
    return QuizApp(
        loaded,
        replace(settings, bank=loaded.path),
        bank_paths=bank_paths,
        prefs_path=prefs_path,
        show_start=show_start,
        clock=clock,
    )
