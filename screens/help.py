"""Help (`?` or F1): the keys of the screen it was opened from, and how answers are scored."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from quiz.game.scoring import RULE_TEXT

GENERAL = """\
Number keys 1-6   pick an option (or ↑↓ and Enter, or click it)
Enter             answer an estimate; go on from a reveal
Esc               leave a text field, so letter keys work again
a                 the article, quotes highlighted (start, reveal, summary)
?  or  F1         this help
Ctrl+P            the command palette: themes, article, play again
q  or  Ctrl+Q     quit (asks first during a quiz)

Estimates accept 7.8m, 7,800,000, about 40k, 15-30 million; the line under
the field says how your number was read before you press Enter."""


class HelpScreen(ModalScreen[None]):
    """Keys for the screen underneath, the general keys, and the scoring rule."""

    CSS_PATH = "help.tcss"
    AUTO_FOCUS = "#help-body"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,question_mark,f1,q", "close", "Close")]

    def __init__(self, under: Screen[object]) -> None:
        super().__init__()
        self.under = under

    def _screen_keys(self) -> list[str]:
        lines = []
        for binding in type(self.under).BINDINGS:
            if isinstance(binding, Binding) and binding.show and binding.description:
                keys = binding.key.replace(",", " / ")
                lines.append(f"{keys:<18}{binding.description}")
        return lines

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body", can_focus=True):
            yield Static(Content("Help"), id="help-title")
            keys = self._screen_keys()
            if keys:
                yield Static(Content("On this screen"), classes="heading")
                yield Static(Content("\n".join(keys)))
            yield Static(Content("Everywhere"), classes="heading")
            yield Static(Content(GENERAL))
            if RULE_TEXT:
                yield Static(Content("Scoring estimates"), classes="heading")
                yield Static(Content(RULE_TEXT))
            yield Static(Content("Esc closes this help."), classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)
