"""Check boxes whose on and off differ by more than colour.

Textual draws the same "X" in a checkbox whether it is on or off, only in another colour: on
a monochrome terminal, or to a colour-blind player, the start screen's choices all looked the
same. These show the mark only when the box is on.
"""

from __future__ import annotations

from typing import TypeVar

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList
from textual.widgets._toggle_button import ToggleButton

ON = ToggleButton.BUTTON_INNER
OFF = " "

T = TypeVar("T")


class TickBox(Checkbox):
    """A Checkbox showing its mark only when checked."""

    def __init__(
        self, label: str, value: bool = False, *, id: str | None = None, compact: bool = False
    ) -> None:
        super().__init__(label, value, id=id, compact=compact)
        self.BUTTON_INNER = ON if value else OFF

    def watch_value(self) -> None:
        self.BUTTON_INNER = ON if self.value else OFF
        super().watch_value()


class TickList(SelectionList[T]):
    """A SelectionList showing the mark only beside the selected options."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        # SelectionList draws one line per option, so line y is option scroll_y + y.
        index = self.scroll_offset.y + y
        if not 0 <= index < self.option_count:
            return strip
        if self.get_option_at_index(index).value in self.selected:
            return strip
        segments = list(strip)
        if len(segments) < 3 or segments[1].text != ON:
            return strip
        segments[1] = Segment(OFF, segments[1].style)
        return Strip(segments, strip.cell_length)
