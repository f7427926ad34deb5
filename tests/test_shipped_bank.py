"""The shipped bank: it loads clean, every figure is tied to the article's words, and the
article has no count of people that the bank leaves out.

The mutation tests edit the bank's TOML text (one digit of a number, one word of a quote),
confirm with tomli that exactly the intended key changed, and expect `load_bank` to point at
that key's line. Figure ids are read from the bank, so a new figure is covered with no new code.
"""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import tomli
from quiz.questions import default_bank

from quiz.bank.loader import load_bank
from quiz.bank.numbers import NumberReading, find_numbers
from quiz.errors import BankError, Problem

BANK_PATH = default_bank()
BANK_TEXT = BANK_PATH.read_text(encoding="utf-8")
BANK_DATA = tomli.loads(BANK_TEXT)
ARTICLE_NAME = BANK_DATA["article"]["text_file"]
ARTICLE_PATH = BANK_PATH.parent / ARTICLE_NAME
ARTICLE_TEXT = ARTICLE_PATH.read_text(encoding="utf-8")
FIGURE_IDS = sorted(BANK_DATA["figures"])
NUMBER_KEYS = [
    (figure_id, key)
    for figure_id in FIGURE_IDS
    for key in ("value", "low", "high")
    if key in BANK_DATA["figures"][figure_id]
]

NOT_COUNTS = {
    "1979 and 1989": "the years the Soviet war in Afghanistan began and ended",
    "24": 'the day of the month in "February 24", when the invasion began',
}
"""Numbers in the article that are not counts of people, as the number reader spans them,
with the reason each is left out. Everything else the reader finds must be a figure."""

REQUIRED_MEASURES = {
    "russian-military-losses": {"milley", "moscow", "afghanistan-estimate"},
    "ukrainian-military-losses": {"milley", "zaluzhniy"},
    "refugees": {"milley", "un"},
}
"""The comparisons the issue asks the reveal to show, and the sources each must set side by
side."""


# -- editing the bank's text ------------------------------------------------------------------


def _key_line(lines: list[str], figure_id: str, key: str) -> int:
    """Index of the line of `key` inside the `[figures.<figure_id>]` table."""
    start = lines.index(f"[figures.{figure_id}]")
    for index in range(start + 1, len(lines)):
        stripped = lines[index].lstrip()
        if stripped.startswith("["):
            break
        if re.match(rf"{re.escape(key)}\s*=", stripped):
            return index
    raise AssertionError(f"no `{key}` line in [figures.{figure_id}]")


def _edited(figure_id: str, key: str, edit) -> tuple[str, int, object]:
    """The bank text with one line of one figure rewritten by `edit(line) -> (line, new)`.

    Returns the text, the 1-based line edited and the key's new value, after checking with
    the TOML parser that the edit changed that key and nothing else.
    """
    lines = BANK_TEXT.split("\n")
    index = _key_line(lines, figure_id, key)
    lines[index], new_value = edit(lines[index])
    text = "\n".join(lines)
    expected = copy.deepcopy(BANK_DATA)
    expected["figures"][figure_id][key] = new_value
    assert tomli.loads(text) == expected, "the edit changed more than the one key"
    return text, index + 1, new_value


def _change_last_digit(line: str) -> tuple[str, int]:
    # The last digit keeps the magnitude (and a range's low end below its high end), so the
    # checker must notice a change of one in the smallest place, not only a gross one.
    match = re.fullmatch(r"(\s*\w+\s*=\s*)([0-9_]*)([0-9])(\s*(?:#.*)?)", line)
    assert match, f"expected an integer literal on {line!r}"
    head, body, last, tail = match.groups()
    digit = str((int(last) + 1) % 10) if last != "9" else "8"
    literal = body + digit
    return head + literal + tail, int(literal.replace("_", ""))


def _change_word(which: int):
    def edit(line: str) -> tuple[str, str]:
        match = re.fullmatch(r'(\s*quote\s*=\s*")([^"\\]*)("\s*(?:#.*)?)', line)
        assert match, f"expected a one-line basic string on {line!r}"
        head, quote, tail = match.groups()
        words = list(re.finditer(r"[A-Za-z]{3,}", quote))
        word = words[which]
        replacement = "elephants" if word.group().lower() != "elephants" else "giraffes"
        new = quote[: word.start()] + replacement + quote[word.end() :]
        return head + new + tail, new

    return edit


def _load_problems(tmp_path: Path, text: str) -> tuple[Path, list[Problem]]:
    """Write `text` as a bank beside a copy of the article and return its problems."""
    bank = tmp_path / BANK_PATH.name
    bank.write_text(text, encoding="utf-8")
    shutil.copyfile(ARTICLE_PATH, tmp_path / ARTICLE_NAME)
    try:
        load_bank(bank)
    except BankError as exc:
        return bank, exc.problems
    return bank, []


# -- article coverage -------------------------------------------------------------------------


def _spans(quote: str) -> list[tuple[int, int]]:
    """Where the quote occurs in the article, whitespace and case aside."""
    pattern = r"\s+".join(re.escape(word) for word in quote.split())
    return [(m.start(), m.end()) for m in re.finditer(pattern, ARTICLE_TEXT, re.IGNORECASE)]


def _bounds(figure: dict) -> tuple[float, float]:
    if "value" in figure:
        return (float(figure["value"]), float(figure["value"]))
    return (float(figure["low"]), float(figure["high"]))


def _counts_in_article() -> list[NumberReading]:
    readings = find_numbers(ARTICLE_TEXT)
    spans = [ARTICLE_TEXT[r.start : r.end] for r in readings]
    for text in NOT_COUNTS:
        # A stale exclusion could hide a count the article gained; each must still be found.
        assert spans.count(text) == 1, f"expected {text!r} once among the article's numbers"
    return [r for r, text in zip(readings, spans, strict=True) if text not in NOT_COUNTS]


def _uncovered(figures: dict[str, dict]) -> list[NumberReading]:
    """Counts in the article that no figure states, each figure standing for one count.

    A figure covers a count when its quote spans that place in the article and its number
    equals the count; a bipartite matching makes two equal counts ("100,000 Russian and
    100,000 Ukrainian") need two figures.
    """
    counts = _counts_in_article()
    candidates: list[list[str]] = []
    for reading in counts:
        candidates.append(
            [
                figure_id
                for figure_id, figure in figures.items()
                if _bounds(figure) == (reading.low, reading.high)
                and any(s <= reading.start and reading.end <= e for s, e in _spans(figure["quote"]))
            ]
        )
    owner: dict[str, int] = {}

    def assign(index: int, seen: set[str]) -> bool:
        for figure_id in candidates[index]:
            if figure_id in seen:
                continue
            seen.add(figure_id)
            if figure_id not in owner or assign(owner[figure_id], seen):
                owner[figure_id] = index
                return True
        return False

    return [reading for index, reading in enumerate(counts) if not assign(index, set())]


# -- tests ------------------------------------------------------------------------------------


def test_shipped_bank_loads_clean():
    loaded = load_bank(BANK_PATH)
    assert loaded.id == "ukraine-war-casualties"
    assert loaded.article_text == ARTICLE_TEXT
    assert sorted(loaded.bank.figures) == FIGURE_IDS


def test_quiz_check_passes_on_the_shipped_bank():
    result = subprocess.run(
        [sys.executable, "-m", "quiz", "check", str(BANK_PATH)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(FIGURE_IDS)} figures" in result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("figure_id", "key"), NUMBER_KEYS)
def test_a_changed_digit_is_reported_at_its_line(tmp_path, figure_id, key):
    text, line, _ = _edited(figure_id, key, _change_last_digit)
    bank, problems = _load_problems(tmp_path, text)
    assert len(problems) == 1, "\n".join(map(str, problems))
    problem = problems[0]
    assert problem.path == str(bank)
    # The checker names one end of a range whichever end is wrong; it must still point at
    # the line of the key it names.
    allowed = {key} if key == "value" else {"low", "high"}
    assert problem.key in {f"figures.{figure_id}.{k}" for k in allowed}, str(problem)
    named = problem.key.rsplit(".", 1)[1]
    assert problem.line == _key_line(text.split("\n"), figure_id, named) + 1, str(problem)
    if named == key:
        assert problem.line == line


@pytest.mark.parametrize("which", [0, -1], ids=["first-word", "last-word"])
@pytest.mark.parametrize("figure_id", FIGURE_IDS)
def test_a_changed_quote_word_is_reported_at_its_line(tmp_path, figure_id, which):
    text, line, _ = _edited(figure_id, "quote", _change_word(which))
    bank, problems = _load_problems(tmp_path, text)
    assert len(problems) == 1, "\n".join(map(str, problems))
    problem = problems[0]
    assert (problem.path, problem.key, problem.line) == (
        str(bank),
        f"figures.{figure_id}.quote",
        line,
    ), str(problem)


def test_every_count_in_the_article_is_a_figure():
    missing = _uncovered(BANK_DATA["figures"])
    assert not missing, "counts no figure states: " + ", ".join(
        f"{ARTICLE_TEXT[r.start : r.end]!r} at character {r.start}" for r in missing
    )


@pytest.mark.parametrize("figure_id", FIGURE_IDS)
def test_a_deleted_figure_leaves_a_count_uncovered(figure_id):
    figures = {k: v for k, v in BANK_DATA["figures"].items() if k != figure_id}
    low, high = _bounds(BANK_DATA["figures"][figure_id])
    assert [(r.low, r.high) for r in _uncovered(figures)] == [(low, high)]


def test_every_figure_names_a_source_and_every_source_gives_a_figure():
    sources = set(BANK_DATA["sources"])
    used = {figure["source"] for figure in BANK_DATA["figures"].values()}
    assert used <= sources, f"unknown sources: {sorted(used - sources)}"
    assert sources <= used, f"sources with no figure: {sorted(sources - used)}"


@pytest.mark.parametrize("measure", sorted(REQUIRED_MEASURES))
def test_comparable_figures_share_a_measure(measure):
    in_measure = [f for f in BANK_DATA["figures"].values() if f["measure"] == measure]
    assert len(in_measure) >= 2
    assert {f["source"] for f in in_measure} >= REQUIRED_MEASURES[measure]


def test_hand_written_questions_teach_and_link_to_real_figures():
    questions = BANK_DATA.get("questions", [])
    assert len(questions) >= 8
    for question in questions:
        assert question.get("explain"), question["prompt"]
        if "figure" in question:
            assert question["figure"] in BANK_DATA["figures"], question["prompt"]


def test_the_ratio_question_follows_from_its_figures():
    """The estimate question's answer is Milley's Russian figure over Moscow's, rounded."""
    figures = BANK_DATA["figures"]
    (question,) = [q for q in BANK_DATA["questions"] if q["kind"] == "estimate"]
    high = figures[question["figure"]]["value"]
    low = figures["russian-dead-moscow"]["value"]
    assert question["answer"] == round(high / low)
