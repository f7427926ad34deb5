"""The options of a choice question: number keys, arrows + Enter, or the mouse."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList

MAX_OPTIONS = 6
"""Options beyond six have no number key; banks allow at most six."""
MOVES = frozenset({"up", "down", "home", "end", "pageup", "pagedown"})
"""Keys that move the highlight: after one, Enter picks the highlighted option again."""


class Options(OptionList):
    """Numbered options; picking one posts `Options.Picked` with its 0-based index.

    Option text is bank data: each prompt is built as Content so it is never read as markup.
    A number key picks at once (no Enter needed), as quiz shows do; arrows move the
    highlight and Enter picks it. Any other typing (a digit past the last option, "9000")
    picks nothing and posts `Options.NotAnOption`; Enter then picks nothing either (it
    posts `NotAnOption` again) until an option's number, an arrow or a click: a player who
    typed a number did not mean the highlighted option. Keys bound elsewhere (q, ?, Tab)
    keep their meaning.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(str(n), f"pick({n - 1})", f"Option {n}", show=False) for n in range(1, 7)
    ]

    class Picked(Message):
        """An option was picked."""

        def __init__(self, options: Options, index: int) -> None:
            super().__init__()
            self.options = options
            self.index = index

        @property
        def control(self) -> Options:
            return self.options

    class NotAnOption(Message):
        """Typing that picks no option; `typed` is what was typed since the last pick,
        arrow or click ("" for Enter alone after it)."""

        def __init__(self, options: Options, typed: str) -> None:
            super().__init__()
            self.options = options
            self.typed = typed

        @property
        def control(self) -> Options:
            return self.options

    def __init__(
        self,
        texts: Sequence[str],
        *,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        self.texts = tuple(texts)
        prompts = [
            Content.assemble((f"{n} ", "bold"), Content(text))
            for n, text in enumerate(self.texts[:MAX_OPTIONS], start=1)
        ]
        super().__init__(*prompts, id=id, classes=classes, disabled=disabled, markup=False)
        self.typed = ""
        """Typing that picked nothing, since the last pick, arrow or click."""

    def action_pick(self, index: int) -> None:
        if 0 <= index < self.option_count:
            self.typed = ""
            self.highlighted = index
            self.post_message(self.Picked(self, index))

    def on_key(self, event: events.Key) -> None:
        if event.key in MOVES:
            self.typed = ""
            return
        char = event.character
        if not char or not char.isprintable() or char.isspace():
            return  # Enter, Escape, Tab, ...: their bindings decide
        if char.isdigit() and 1 <= int(char) <= min(self.option_count, MAX_OPTIONS):
            return  # an option's number: its binding picks it
        if not char.isdigit() and event.key in self.screen.active_bindings:
            return  # q, ?, ...: the app's keys
        event.stop()
        event.prevent_default()
        self.typed += char
        self.post_message(self.NotAnOption(self, self.typed))

    def on_mouse_down(self) -> None:
        self.typed = ""  # a click on an option picks it

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.typed:
            self.post_message(self.NotAnOption(self, self.typed))
            return
        self.post_message(self.Picked(self, event.option_index))
