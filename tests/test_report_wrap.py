"""The teacher's report wraps with a hanging indent: a long question, answer or name
continues under its own text, in the terminal (`quiz results --session N --report`) and
on the projector's report view, so a continuation never reads as a new entry."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from textual.pilot import Pilot

from quiz.bank.loader import LoadedBank
from quiz.classroom.room import Room
from quiz.cli.main import main
from quiz.game import scoring
from quiz.game.generate import Question
from quiz.present.report import report_lines, split_lead, wrap_report
from quiz.results.record import GameRecord
from quiz.results.report import session_results
from quiz.results.store import Store

LONG = Question(
    id="choice-long",
    kind="choice",
    prompt=(
        "By the end of the first month of the war, how many ships had called at the "
        "river port of Riverton, counting every barge, ferry and cargo ship that tied up "
        "at its quays for at least one night?"
    ),
    options=("120", "1,200", "12,000", "120,000"),
    answer_index=1,
    figure_ids=("ships",),
)
NAME = "Anastasia Longname-Smyth"  # 24 characters, the longest a classroom takes


def stored(bank: LoadedBank, folder: Path) -> int:
    """One finished session: a player with a long name answers LONG wrong, another right."""
    with Store(folder) as store:
        sid = store.start_session(bank, mode="classroom", seed=1, total=1)
        for name, choice in ((NAME, 2), ("Ben", 1)):
            pid = store.add_player(sid, name)
            result = scoring.score(LONG, scoring.ChoiceAnswer(choice))
            store.record(sid, pid, LONG, LONG.options[choice], result, 2.0)
        store.finish_session(sid)
    return sid


def assert_hangs(lines: list[str], text: str, width: int, *, fold: bool = False) -> None:
    """`text` (or more) is shown from the line it starts on, over more than one line, and each
    line after the first starts in the column where the text starts. `fold`: the screen
    may end (a blank line, then the footer) before the text does."""
    words = text.split()
    start = " ".join(words[:2])
    first = next(i for i, line in enumerate(lines) if start in line)
    column = lines[first].index(start)
    block = [lines[first]]
    shown = lines[first][column:].split()
    for line in lines[first + 1 :]:
        if len(shown) >= len(words) or (fold and not line.strip()):
            break
        block.append(line)
        shown += line.split()
    if fold:
        words = words[: len(shown)]
    assert shown[: len(words)] == words, f"all of {text!r}, in order: {block}"
    assert len(block) > 1, f"{text!r} wraps at {width} columns: {block}"
    for line in block[1:]:
        assert len(line) - len(line.lstrip()) == column, (
            f"a continuation starts under its text (column {column}), not at the margin: {block}"
        )


@pytest.mark.parametrize("columns", [40, 80, 120])
def test_the_terminal_report_wraps_each_entry_under_its_text(
    second_bank: LoadedBank,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    columns: int,
) -> None:
    sid = stored(second_bank, tmp_path)
    monkeypatch.setenv("COLUMNS", str(columns))
    assert main(["results", "--data-dir", str(tmp_path), "--session", str(sid), "--report"]) == 0
    out = capsys.readouterr().out
    report = out.split("Written as CSV")[0].splitlines()
    assert all(len(line) <= min(columns, 100) for line in report), report
    assert_hangs(report, LONG.prompt, columns)
    if columns == 40:
        assert_hangs(report, f"{NAME}  0 of 1 point, 1 answered, 0 missed", columns)
        stats = "1 of 2 right (50%); most common wrong answer 12,000 (1); none missed"
        assert_hangs(report, stats, columns)


def test_a_pipe_gets_the_report_whole(
    second_bank: LoadedBank,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No $COLUMNS and not a terminal (pytest captures stdout): one line per fact."""
    sid = stored(second_bank, tmp_path)
    monkeypatch.delenv("COLUMNS", raising=False)
    assert main(["results", "--data-dir", str(tmp_path), "--session", str(sid), "--report"]) == 0
    assert f"  1. {LONG.prompt}\n" in capsys.readouterr().out


def test_question_ten_lines_up_with_question_nine(second_bank: LoadedBank, tmp_path: Path) -> None:
    """Numbers right-aligned: every question's prompt, answer and figures share one column,
    so a continuation of any of them is under the same text."""
    with Store(tmp_path) as store:
        sid = store.start_session(bank=second_bank, mode="classroom", seed=1, total=10)
        pid = store.add_player(sid, "Ana")
        for n in range(1, 11):
            question = replace(LONG, id=f"choice-{n}", prompt=f"Question {n}: {LONG.prompt}")
            result = scoring.score(question, scoring.ChoiceAnswer(1))
            store.record(sid, pid, question, "1,200", result, 2.0)
        store.finish_session(sid)
        results = session_results(store, sid)
    assert results is not None
    lines = list(report_lines(results))
    section = lines[lines.index("Questions") + 1 : lines.index("Players") - 1]
    numbered = re.compile(r" *\d+\. ")  # a prompt's line: its text after the number
    starts = {m.end() if (m := numbered.match(x)) else len(x) - len(x.lstrip()) for x in section}
    assert starts == {6}, section[:6]
    wrapped = list(wrap_report(lines, 40))
    assert_hangs(wrapped, f"Question 9: {LONG.prompt}", 40)
    assert_hangs(wrapped, f"Question 10: {LONG.prompt}", 40)


def test_a_lead_is_the_margin_and_the_entrys_marker_only() -> None:
    assert split_lead("  12. 3. answer: a prompt") == ("  12. ", "3. answer: a prompt")
    assert split_lead("     answer: 1,200") == ("     answer: ", "1,200")
    assert split_lead("    2. Ana  1 of 1 point") == ("    2. ", "Ana  1 of 1 point")
    assert split_lead("Questions") == ("", "Questions")
    # A word longer than its room stays whole: an answer or a number is never cut.
    long_word = "     answer: " + "x" * 50
    assert list(wrap_report([long_word], 40)) == [long_word]


def screen_lines(pilot: Pilot[object]) -> list[str]:
    return [strip.text.rstrip() for strip in pilot.app.screen._compositor.render_strips()]


@pytest.mark.parametrize("size", [(40, 12), (80, 24), (120, 40)])
async def test_the_projectors_report_wraps_each_entry_under_its_text(
    second_bank: LoadedBank, tmp_path: Path, size: tuple[int, int]
) -> None:
    """At 40x12 the prompt runs below the fold: the lines shown hang under its text."""
    from quiz.screens.classroom.host_app import make_host_app
    from report_kit import open_report

    store = Store(tmp_path)
    room = Room([LONG], seconds=600)
    record = GameRecord(store, second_bank, mode="classroom", seed=1, total=1)
    app = make_host_app(room, record=record, shown_address="127.0.0.1:1")
    async with app.run_test(size=size) as pilot:
        await open_report(app, pilot, NAME, LONG, 2, "12,000")
        await pilot.pause()
        lines = screen_lines(pilot)
        assert_hangs(lines, LONG.prompt, size[0], fold=size[1] <= 12)
        assert any(re.match(r"\s*1\. By the end", line) for line in lines), "its number first"
        if size[1] > 12:  # at 40x12 the players are below the fold
            rows = lines[lines.index(next(x for x in lines if "Players" in x)) :]
            assert any(NAME.split()[0] in row for row in rows)
        print("\n".join(lines))  # shown when the test fails
    store.close()
