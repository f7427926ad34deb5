"""Quotes are shown in quotation marks once, whatever marks the bank's quote carries."""

from __future__ import annotations

from quiz.game.explain import Card
from quiz.present.plain_text import card_lines
from quiz.present.quotes import shown_quote


def test_a_plain_quote_gets_one_pair_of_marks() -> None:
    assert shown_quote("Police made 12 arrests") == ("“Police made 12 arrests”", 1)


def test_a_quote_already_in_marks_is_not_wrapped_again() -> None:
    for quote in ("“at least 250,000 people”", '"at least 250,000 people"'):
        shown = shown_quote(quote)
        assert shown.text == "“at least 250,000 people”"
        assert shown.shift == 0
        assert shown.text.count("“") == 1 and shown.text.count("”") == 1


def test_marks_inside_a_quote_become_single_marks() -> None:
    shown = shown_quote('the total cost of the storm at "150 million euros"')
    assert shown.text == "“the total cost of the storm at ‘150 million euros’”"
    # A highlight computed on the bank's quote lands on the same characters.
    quote = 'the total cost of the storm at "150 million euros"'
    start = quote.index("150")
    assert shown.text[start + shown.shift : start + shown.shift + 3] == "150"


def test_the_plain_reveal_shows_each_mark_once() -> None:
    card = Card(
        figure_id="f",
        source="the organisers",
        role=None,
        counts="marchers",
        as_of=None,
        value_text="250,000",
        quote="“at least 250,000 people”",
        number_start=10,
        number_end=17,
        explain="",
        is_answer=False,
    )
    lines = card_lines(card)
    assert "  Quote: “at least 250,000 people”" in lines
    # No date and no explanation: no empty "As of" or "Why" line.
    assert not any(line.startswith(("  As of", "  Why")) for line in lines)
