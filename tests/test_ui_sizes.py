"""Every screen at 40x12, 60x20, 80x24 and 120x40 (issue 14): the first line of what the
screen says, the focused control and the key hints are all in sight, without scrolling.

"In sight" is checked the way a player sees it: the widget Textual finds at the point is the
one expected (or inside it), so a widget scrolled away, covered or cut to nothing fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from quiz.screens.app import QuizApp, make_app
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Footer, Input, OptionList

from quiz.bank.loader import LoadedBank
from quiz.play.settings import GameSettings

SIZES = [(40, 12), (60, 20), (80, 24), (120, 40)]


def in_sight(app: QuizApp, widget: Widget, line: int = 0) -> bool:
    """Whether `widget`'s line `line` (0: its first) shows on screen."""
    region = widget.region
    if region.height <= line or region.width == 0:
        return False
    y = region.y + line
    screen = app.screen.region
    if not (0 <= y < screen.height and region.x < screen.width):
        return False
    for x in range(max(region.x, 0), min(region.right, screen.width)):
        found, _ = app.screen.get_widget_at(x, y)
        if found is widget or widget in found.ancestors:
            return True
    return False


def first_text_line(widget: Widget) -> int:
    """The first line of `widget` that holds text (after its top padding or border)."""
    return widget.styles.gutter.top


def check(app: QuizApp, first_line: str, size: tuple[int, int]) -> None:
    screen = app.screen
    where = f"{type(screen).__name__} at {size[0]}x{size[1]}"
    head = screen.query_one(first_line)
    assert in_sight(app, head, first_text_line(head)), f"{first_line} hidden on {where}"
    focused = app.focused
    assert focused is not None, f"nothing focused on {where}"
    assert in_sight(app, focused), f"focused {focused!r} hidden on {where}"
    footers = screen.query(Footer)
    if footers:
        keys = [key for key in footers.first().children if key.display]
        assert keys, f"no keys in the footer on {where}"
        assert all(in_sight(app, key) for key in keys), f"footer keys cut on {where}"


def build(loaded: LoadedBank, tmp_path: Path, **choices: object) -> QuizApp:
    return make_app(
        loaded=loaded,
        settings=GameSettings(count=1, **choices),  # type: ignore[arg-type]
        data_dir=tmp_path / "data",
        prefs_path=tmp_path / "prefs.json",
    )


async def settle(pilot: Pilot[int]) -> None:
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
async def test_a_choice_quiz_fits(
    shipped: LoadedBank, tmp_path: Path, size: tuple[int, int]
) -> None:
    """Start, a choice question (and its help and quit dialog), reveal, summary, article."""
    app = build(shipped, tmp_path, seed=3, kinds=("choice",))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        check(app, "#bank-title", size)
        assert app.focused is app.screen.query_one("#play")
        await pilot.press("enter")
        await settle(pilot)
        check(app, "#prompt", size)
        assert isinstance(app.focused, OptionList)
        assert app.screen.query_one("#keys").visible
        assert in_sight(app, app.screen.query_one("#keys"))
        await pilot.press("question_mark")
        await settle(pilot)
        check(app, "#help-title", size)
        await pilot.press("escape", "q")
        await settle(pilot)
        check(app, "#question", size)
        for button in app.screen.query("Button"):
            assert in_sight(app, button, 1 if button.styles.border.top[0] else 0)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.focused, OptionList)
        check(app, "#prompt", size)
        await pilot.press("1")
        await settle(pilot)
        check(app, "#verdict", size)
        await pilot.press("enter")
        await settle(pilot)
        check(app, "#title", size)
        await pilot.press("a")
        await settle(pilot)
        check(app, "#quote-position", size)
        await pilot.press("tab")
        await settle(pilot)
        assert app.focused is app.screen.query_one("#article-card-box")
        check(app, "#quote-position", size)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("interval", [False, True], ids=["estimate", "interval"])
async def test_an_estimate_fits(
    shipped: LoadedBank, tmp_path: Path, size: tuple[int, int], interval: bool
) -> None:
    """The typed number's field (the low bound's in interval mode), under the prompt."""
    app = build(shipped, tmp_path, seed=3, kinds=("estimate",), interval=interval)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        check(app, "#prompt", size)
        assert isinstance(app.focused, Input)
        assert in_sight(app, app.screen.query_one("#keys"))
        await pilot.press(*"7.8m")
        await settle(pilot)
        assert in_sight(app, app.screen.query_one(".number-reading"))
