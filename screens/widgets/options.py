"""The options of a choice question: number keys, arrows + Enter, or the mouse."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList

MAX_OPTIONS = 6
"""Options beyond six have no number key; banks allow at most six."""


class Options(OptionList):
    """Numbered options; picking one posts `Options.Picked` with its 0-based index.

    Option text is bank data: each prompt is built as Content so it is never read as markup.
    A number key picks at once (no Enter needed), as quiz shows do; arrows move the
    highlight and Enter picks it.
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

    def action_pick(self, index: int) -> None:
        if 0 <= index < self.option_count:
            self.highlighted = index
            self.post_message(self.Picked(self, index))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Picked(self, event.option_index))
