"""The key-path scanner: where in the TOML source a key pydantic names was written."""

from __future__ import annotations

import textwrap

import pytest
import tomli

from quiz.bank.locate import key_positions, locate

SOURCE = textwrap.dedent(
    '''\
    format = 1  # a comment
    "$schema" = "x"

    [bank]
    id = "x"
    title = "a # not a comment, ] not a bracket"

    [figures."odd id"]
    ask.text = "dotted"
    quote = """
    [figures.fake]
    explain = "inside a string"
    [[questions]]
    """
    note = \'\'\'
    answer = "also inside"
    \'\'\'
    escaped = "a \\" b = 1"
    explain = "after the strings"

    [figures.inline]
    card = { source = "a", nested = { deep = 1 }, list = [1, 2] }

    [[questions]]
    answer = "first"

    [[questions]]
    answer = "second"
    [questions.hint]
    text = "a sub-table of the second block"

    [[questions]]
    kind = "choice"
    options = [
      "a",  # a comment in an array
      "b = 1",
      { x = 1 },
    ]

    [[questions]]
    prompt = "no answer here"
    '''
)


def test_source_is_valid_toml() -> None:
    tomli.loads(SOURCE)


@pytest.mark.parametrize(
    ("loc", "line", "column"),
    [
        (("format",), 1, 1),
        (("$schema",), 2, 1),
        (("bank",), 4, 1),
        (("bank", "title"), 6, 1),
        (("figures", "odd id"), 8, 1),
        (("figures", "odd id", "ask", "text"), 9, 1),
        (("figures", "odd id", "quote"), 10, 1),
        (("figures", "odd id", "note"), 15, 1),
        (("figures", "odd id", "escaped"), 18, 1),
        # After two multi-line strings whose lines look like headers and keys.
        (("figures", "odd id", "explain"), 19, 1),
        (("figures", "inline", "card", "source"), 22, 10),
        (("figures", "inline", "card", "nested", "deep"), 22, 35),
        (("figures", "inline", "card", "list", 1), 22, 58),
        # questions[n] counts [[questions]] blocks.
        (("questions", 0, "answer"), 25, 1),
        (("questions", 1, "answer"), 28, 1),
        (("questions", 1, "hint", "text"), 30, 1),
        (("questions", 2, "kind"), 33, 1),
        (("questions", 2, "options", 1), 36, 3),
        (("questions", 2, "options", 2, "x"), 37, 5),
    ],
)
def test_locates_keys(loc: tuple[str | int, ...], line: int, column: int) -> None:
    assert locate(SOURCE, loc) == (line, column)


def test_third_block_answer_is_in_the_third_block() -> None:
    source = "[[questions]]\nanswer = 1\n[[questions]]\nanswer = 2\n[[questions]]\nanswer = 3\n"
    assert locate(source, ("questions", 2, "answer")) == (6, 1)


def test_missing_key_points_at_its_table() -> None:
    assert locate(SOURCE, ("questions", 3, "answer")) == (40, 1)
    assert locate(SOURCE, ("figures", "inline", "quote")) == (21, 1)


def test_unknown_position_is_not_invented() -> None:
    assert locate(SOURCE, ("article", "title")) == (None, None)
    assert locate("", ("format",)) == (None, None)


def test_lines_inside_strings_are_not_keys() -> None:
    positions = key_positions(SOURCE)
    assert ("figures", "fake") not in positions
    assert ("figures", "odd id", "answer") not in positions
    assert ("questions", 0) in positions and ("questions", 4) not in positions


def test_windows_line_endings() -> None:
    source = 'format = 1\r\n[bank]\r\nid = "x"\r\ntitle = "t"\r\n'
    assert locate(source, ("bank", "title")) == (4, 1)


def test_every_key_of_a_real_bank_is_found_on_its_own_line() -> None:
    """Whatever the layout, the line found for a key starts with that key."""
    from pathlib import Path

    bank = Path(__file__).parent / "banks" / "valid" / "ukraine-sample.toml"
    source = bank.read_text(encoding="utf-8")
    lines = source.splitlines()
    data = tomli.loads(source)
    for table in ("sources", "figures"):
        for ident, entry in data[table].items():
            for key in entry:
                line, column = locate(source, (table, ident, key))
                assert line is not None and column is not None
                assert lines[line - 1][column - 1 :].startswith(key)


def test_source_tomli_refuses_gives_what_was_found_before() -> None:
    """The scanner runs only on parsed source, but must not crash on anything."""
    positions = key_positions('a = 1\nb = "unterminated\n')
    assert positions[("a",)] == (1, 1)
