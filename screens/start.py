"""The start screen: which bank, how many questions, which kinds, interval mode, speed points
and the streak bonus, seed, name.

Pre-filled from the `GameSettings` the command line and the last choices remembered make
(`quiz.cli.options`, `quiz.play.preferences`); Enter anywhere on it plays. Choosing another
bank loads and checks it at once: a bank that does not check shows its problems here,
literally, and cannot be played. A name is checked as on the command line
(`quiz.play.setup.check_name`), and a choice that gives no quiz is said here.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from quiz.screens.messages import OpenArticle, StartQuiz
from quiz.screens.widgets.toggles import TickBox, TickList
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Select, Static
from textual.widgets.selection_list import Selection

from quiz.bank.dates import in_words
from quiz.bank.loader import LoadedBank, load_bank
from quiz.errors import BankError, UsageError
from quiz.game.generate import KINDS, Kind
from quiz.game.start_texts import start_texts
from quiz.play.settings import GameSettings
from quiz.play.setup import check_name
from quiz.present.kinds import kind_label

MAX_COUNT = 200


def bank_label(path: Path) -> Content:
    return Content(path.name)


def article_line(loaded: LoadedBank) -> Content:
    article = loaded.bank.article
    parts = [start_texts(loaded).article_title]  # the engine masks what a question asks
    if article.outlet:
        parts.append(article.outlet)
    if article.published:
        parts.append(in_words(article.published.isoformat()))
    return Content.assemble(("From  ", "bold"), " · ".join(parts))


class StartScreen(Screen[None]):
    """Choose and play. The focused Play button makes Enter the quickest way in."""

    AUTO_FOCUS = "#play"
    STYLES = ("start.tcss",)  # added when first shown (quiz.screens.styling)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "play", "Play", priority=False),
        # Not offered before a quiz (it states every answer); pressed, the app says why.
        Binding("a", "article", "Article", show=False),
    ]

    def __init__(
        self,
        loaded: LoadedBank,
        settings: GameSettings,
        bank_paths: list[Path],
        *,
        message: str = "",
    ) -> None:
        super().__init__()
        self.loaded: LoadedBank | None = loaded
        self.settings = settings
        self.message = message
        self.bank_paths = list(bank_paths)
        if loaded.path not in self.bank_paths:
            self.bank_paths.insert(0, loaded.path)

    def compose(self) -> ComposeResult:
        choices = self.settings
        with VerticalScroll(id="start-body", classes="body"):
            yield Static(Content(""), id="bank-title")
            yield Static(Content(""), id="bank-article")
            yield Static(Content(""), id="bank-description")
            yield Static(Content(""), id="bank-problems")
            with Horizontal(classes="row", id="bank-row"):
                yield Static("Bank", classes="label")
                yield Select(
                    [(bank_label(p), i) for i, p in enumerate(self.bank_paths)],
                    value=self.bank_paths.index(self.loaded.path) if self.loaded else 0,
                    allow_blank=False,
                    compact=True,
                    id="bank",
                )
            with Horizontal(id="settings"):
                with Vertical(id="fields"):
                    with Horizontal(classes="row"):
                        yield Static("Questions", classes="label")
                        yield Input(
                            str(choices.count),
                            restrict=r"[0-9]*",
                            max_length=3,
                            compact=True,
                            id="count",
                        )
                    with Horizontal(classes="row"):
                        yield Static("Seed", classes="label")
                        yield Input(
                            "" if choices.seed is None else str(choices.seed),
                            placeholder="random",
                            restrict=r"[0-9]*",
                            max_length=9,
                            compact=True,
                            id="seed",
                        )
                    with Horizontal(classes="row"):
                        yield Static("Name", classes="label")
                        yield Input(
                            choices.name,
                            placeholder="optional",
                            max_length=40,
                            compact=True,
                            id="name",
                        )
                    yield TickBox(
                        "Interval mode: give low and high bounds",
                        choices.interval,
                        compact=True,
                        id="interval",
                    )
                    # Off unless chosen: time pressure makes people guess (README, Scoring).
                    with Horizontal(classes="row", id="bonuses"):
                        yield TickBox("Speed points", choices.speed, compact=True, id="speed")
                        yield TickBox("Streak bonus", choices.streak, compact=True, id="streak")
                with Vertical(id="kinds-box"):
                    yield Static("Kinds (space toggles)", classes="label wide")
                    yield TickList[Kind](
                        *[Selection(Content(kind_label(k)), k, k in choices.kinds) for k in KINDS],
                        id="kinds",
                        compact=True,
                    )
        # Outside the scrolling body, so Play stays in sight (and focusing it scrolls nothing
        # away) however small the terminal.
        yield Static(Content(""), id="start-message", classes="-empty")
        with Horizontal(id="start-buttons"):
            yield Button("Play", id="play", variant="primary", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self._show_bank()
        if self.message:
            self.show_message(self.message)

    def show_message(self, text: str) -> None:
        """Say why the choices cannot be played (shown literally, never as markup)."""
        message = self.query_one("#start-message", Static)
        message.update(Content(text))
        message.set_class(bool(text), "-error")
        message.set_class(not text, "-empty")

    def _show_bank(self) -> None:
        loaded = self.loaded
        problems = self.query_one("#bank-problems", Static)
        if loaded is None:
            self.query_one("#bank-title", Static).update(Content(""))
            self.query_one("#bank-article", Static).update(Content(""))
            self.query_one("#bank-description", Static).update(Content(""))
            return
        problems.update(Content(""))
        problems.display = False
        info = start_texts(loaded)
        self.query_one("#bank-title", Static).update(Content.styled(info.title, "bold"))
        self.query_one("#bank-article", Static).update(article_line(loaded))
        description = self.query_one("#bank-description", Static)
        description.update(Content(info.description or ""))
        description.display = bool(info.description)

    @on(Select.Changed, "#bank")
    def _bank_chosen(self, event: Select.Changed) -> None:
        if not isinstance(event.value, int):
            return
        path = self.bank_paths[event.value]
        if self.loaded is not None and path == self.loaded.path:
            return
        try:
            self.loaded = load_bank(path)
        except BankError as exc:
            self.loaded = None
            self._show_bank()
            problems = self.query_one("#bank-problems", Static)
            problems.update(
                Content.assemble(
                    (f"{path.name} does not check, so it cannot be played:\n", "bold"),
                    "\n".join(str(p) for p in exc.problems[:8]),
                )
            )
            problems.display = True
            return
        self._show_bank()

    def _read_choices(self) -> GameSettings | str:
        count_text = self.query_one("#count", Input).value.strip()
        if not count_text.isdigit() or not 1 <= int(count_text) <= MAX_COUNT:
            return f"Questions: a whole number from 1 to {MAX_COUNT}."
        seed_text = self.query_one("#seed", Input).value.strip()
        if seed_text and not seed_text.isdigit():
            return "Seed: a whole number, or leave it empty for a random quiz."
        selected = set(self.query_one("#kinds", TickList).selected)
        kinds = tuple(k for k in KINDS if k in selected)
        if not kinds:
            return "Kinds: choose at least one kind of question."
        name = self.query_one("#name", Input).value.strip()
        try:
            name = check_name(name, "Name") if name else ""
        except UsageError as exc:
            return str(exc)
        return replace(
            self.settings,
            bank=self.loaded.path if self.loaded else None,
            count=int(count_text),
            kinds=kinds,
            interval=self.query_one("#interval", TickBox).value,
            speed=self.query_one("#speed", TickBox).value,
            streak=self.query_one("#streak", TickBox).value,
            seed=int(seed_text) if seed_text else None,
            name=name,
        )

    def action_play(self) -> None:
        if self.loaded is None:
            self.show_message("Choose a bank that checks to play.")
            return
        settings = self._read_choices()
        if isinstance(settings, str):
            self.show_message(settings)
            return
        self.show_message("")
        self.post_message(StartQuiz(self.loaded, settings))

    def action_article(self) -> None:
        if self.loaded is not None:
            self.post_message(OpenArticle(loaded=self.loaded))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_play()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "play":
            self.action_play()
