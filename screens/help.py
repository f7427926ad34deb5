"""Help (`?` or F1): the keys of the screen it was opened from, and how answers are scored."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Static

from quiz.game.scoring import RULE_TEXT

GENERAL = [
    ("Number keys 1-6", "pick an option (or ↑↓ and Enter, or click it)"),
    ("Enter", "answer an estimate; go on from a reveal"),
    ("Esc", "leave a text field, so letter keys work again"),
    ("a", "the article, quotes highlighted (last reveal, summary)"),
    ("?  or  F1", "this help (F1 also inside a text field)"),
    ("Ctrl+P", "the command palette: themes, article (after the quiz), play again"),
    ("q  or  Ctrl+Q", "quit (asks first during a quiz)"),
]
"""(keys, what they do): laid out in two columns, so a description that wraps stays in its
column instead of running under the keys."""


def numbers_hint(examples: str) -> str:
    """How to type an estimate. `examples` come from the engine (`quiz.game.hints`), made so
    that none is a number of the bank: fixed ones here would answer some bank's question."""
    return (
        f"Estimates accept {examples} (a range is read as its middle); "
        "the line under the field says how your number was read before you press Enter."
    )


def key_rows(rows: list[tuple[str, str]]) -> Grid:
    return Grid(
        *[
            widget
            for keys, does in rows
            for widget in (Static(Content(keys), classes="keys"), Static(Content(does)))
        ],
        classes="key-rows",
    )


class HelpScreen(ModalScreen[None]):
    """Keys for the screen underneath, the general keys, and the scoring rule."""

    STYLES = ("help.tcss",)  # added when first shown (quiz.screens.styling)
    AUTO_FOCUS = "#help-body"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,question_mark,f1,q", "close", "Close")]

    def __init__(self, under: Screen[object], examples: str) -> None:
        super().__init__()
        self.under = under
        self.examples = examples
        """Example numbers from the engine (`quiz.game.hints`), never the bank's."""

    def _screen_keys(self) -> list[tuple[str, str]]:
        rows = []
        for binding in type(self.under).BINDINGS:
            if not (isinstance(binding, Binding) and binding.show and binding.description):
                continue
            # A key the screen does not offer now (the article mid-quiz) is not listed.
            if self.under.check_action(binding.action.split("(")[0], ()):
                rows.append((binding.key.replace(",", " / "), binding.description))
        return rows

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body", can_focus=True):
            yield Static(Content("Help"), id="help-title")
            keys = self._screen_keys()
            if keys:
                yield Static(Content("On this screen"), classes="heading")
                yield key_rows(keys)
            yield Static(Content("Everywhere"), classes="heading")
            yield key_rows(GENERAL)
            yield Static(Content(numbers_hint(self.examples)), classes="hint")
            if RULE_TEXT:
                yield Static(Content("Scoring estimates"), classes="heading")
                yield Static(Content(RULE_TEXT))
            yield Static(Content("Esc closes this help."), classes="hint")
        # The way out stays in sight when the help is longer than the terminal.
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)
