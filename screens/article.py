"""The article, with every figure's quote highlighted; the selected quote's card below it.

Reachable from the start screen and from any reveal (key `a`). Quotes are underlined; the
selected one is also in reverse video, so the selection reads without colour. n / p (or the
arrow keys) move between quotes, a click on a quote selects it, Escape goes back.
"""

from __future__ import annotations

from typing import ClassVar

from quiz.screens.widgets.figure_card import FigureCard
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.style import Style
from textual.widgets import Footer, Static

from quiz.bank.dates import in_words
from quiz.bank.loader import LoadedBank
from quiz.game.explain import Card, article_highlights, card

QUOTE_STYLE = "underline"
SELECTED_STYLE = "bold reverse"


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the article's paragraphs (blank-line separated)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for part in text.split("\n\n"):
        end = start + len(part)
        if part.strip():
            spans.append((start, end))
        start = end + 2
    return spans


class ArticleScreen(Screen[None]):
    """The article with highlighted quotes; shown on top of the screen it was opened from."""

    STYLES = ("article.tcss",)  # added when first shown (quiz.screens.styling)
    AUTO_FOCUS = "#article-text"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,b", "app.pop_screen", "Back"),
        Binding("n,right", "move(1)", "Next quote"),
        Binding("p,left", "move(-1)", "Previous quote"),
    ]

    def __init__(self, loaded: LoadedBank, figure_id: str | None = None) -> None:
        super().__init__()
        self.loaded = loaded
        self.highlights = article_highlights(loaded)
        self.selected = 0
        if figure_id is not None:
            for index, (_, _, fid) in enumerate(self.highlights):
                if fid == figure_id:
                    self.selected = index
                    break

    def compose(self) -> ComposeResult:
        article = self.loaded.bank.article
        details = [article.title]
        if article.outlet:
            details.append(article.outlet)
        if article.published:
            details.append(in_words(article.published.isoformat()))
        with Vertical(id="article-head"):
            yield Static(Content(" · ".join(details)), id="article-title")
            yield Static(Content(""), id="quote-position")
        with VerticalScroll(id="article-text", classes="body", can_focus=True):
            for number in range(len(paragraphs(self.loaded.article_text))):
                yield Static(Content(""), id=f"para-{number}", classes="paragraph")
        if self.highlights:
            # A card can be longer than the room under the article: it scrolls on its own
            # (Tab to it, then ↑↓ / PageUp / PageDown), never cut off.
            with VerticalScroll(id="article-card-box", can_focus=True):
                yield FigureCard(self._card(self.selected), id="article-card")
        yield Footer()

    def on_mount(self) -> None:
        self._render_selection()

    def _card(self, index: int) -> Card:
        return card(self.loaded, self.highlights[index][2])

    def _paragraph_content(self, start: int, end: int) -> Content:
        text = Content(self.loaded.article_text[start:end])
        for index, (q_start, q_end, _) in enumerate(self.highlights):
            if q_end <= start or q_start >= end:
                continue
            style = SELECTED_STYLE if index == self.selected else QUOTE_STYLE
            click = Style.from_meta({"@click": f"screen.select({index})"})
            text = text.stylize(style, max(q_start, start) - start, min(q_end, end) - start)
            text = text.stylize(click, max(q_start, start) - start, min(q_end, end) - start)
        return text

    def _render_selection(self) -> None:
        selected_para = None
        for number, (start, end) in enumerate(paragraphs(self.loaded.article_text)):
            widget = self.query_one(f"#para-{number}", Static)
            widget.update(self._paragraph_content(start, end))
            if self.highlights:
                q_start = self.highlights[self.selected][0]
                if start <= q_start < end:
                    selected_para = widget
        position = self.query_one("#quote-position", Static)
        if not self.highlights:
            position.update(Content("This article has no quoted figures."))
            return
        count = len(self.highlights)
        position.update(
            Content(f"Quote {self.selected + 1} of {count}: n / p or click a quote to move")
        )
        figure_card = self.query_one("#article-card", FigureCard)
        figure_card.show_card(self._card(self.selected))
        # The border (and the source's name in it) is the scrolling box's, so it stays put
        # while the card scrolls inside.
        box = self.query_one("#article-card-box", VerticalScroll)
        box.border_title = Content(figure_card.card.source)
        box.scroll_home(animate=False)
        if selected_para is not None:
            scroller = self.query_one("#article-text", VerticalScroll)
            self.call_after_refresh(
                scroller.scroll_to_widget, selected_para, animate=False, top=True
            )

    def action_move(self, step: int) -> None:
        if self.highlights:
            self.selected = (self.selected + step) % len(self.highlights)
            self._render_selection()

    def action_select(self, index: int) -> None:
        if 0 <= index < len(self.highlights):
            self.selected = index
            self._render_selection()

    @property
    def selected_figure(self) -> str | None:
        return self.highlights[self.selected][2] if self.highlights else None
