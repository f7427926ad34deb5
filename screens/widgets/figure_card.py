"""A card that explains one figure: who gave it, what it counts, when, and in whose words."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from quiz.game.explain import Card
from quiz.present.quotes import shown_quote
from quiz.present.reveal_view import ASKED

NUMBER_STYLE = "bold reverse"
"""The number inside the quote: reverse video reads without colour and on any theme."""


def quote_content(quote: str, start: int, end: int) -> Content:
    """The quote with quote[start:end] highlighted; a bad span highlights nothing."""
    shown = shown_quote(quote)
    text = Content(shown.text)
    if 0 <= start < end <= len(quote):
        # An opening quotation mark added before the quote shifts every offset.
        text = text.stylize(NUMBER_STYLE, start + shown.shift, end + shown.shift)
    return text


def card_content(card: Card) -> Content:
    """Everything on a card except its title, as Content built from plain strings."""
    lines: list[Content] = []
    if card.role:
        lines.append(Content.styled(card.role, "italic"))
    if card.note:
        lines.append(Content.assemble(("About them ", "bold"), Content.styled(card.note, "italic")))
    lines.append(Content.assemble(("Figure   ", "bold"), (card.value_text, "bold")))
    lines.append(Content.assemble(("Counts   ", "bold"), card.counts))
    if card.as_of:
        lines.append(Content.assemble(("As of    ", "bold"), card.as_of))
    lines.append(quote_content(card.quote, card.number_start, card.number_end))
    if card.explain:
        lines.append(Content(card.explain))
    return Content("\n").join(lines)


class FigureCard(Static):
    """One `quiz.game.explain.Card`, bordered and titled with the source's name.

    The figure the question asked about carries the `-answer` class and says so in its
    subtitle, so it stands out without relying on colour.
    """

    def __init__(self, card: Card, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(card_content(card), id=id, classes=classes, markup=False)
        self.card = card
        self.border_title = Content(card.source)
        if card.is_answer:
            self.border_subtitle = Content(f"★ {ASKED}")
            self.add_class("-answer")

    def show_card(self, card: Card) -> None:
        """Show another card in place (the article screen reuses one card)."""
        self.card = card
        self.update(card_content(card))
        self.border_title = Content(card.source)
        self.border_subtitle = Content(f"★ {ASKED}") if card.is_answer else None
        self.set_class(card.is_answer, "-answer")
