"""A measure's plausible range (issue 10, point 4: options a reader cannot rule out).

The bank format: `[measures.<id>] plausible = { low, high }`, refused with a clear message
when it is malformed or rules out its own figures; `quiz check` notes a figure whose
range leaves no room for a choice question; the engine then asks it as an estimate only,
and every other choice question about the measure keeps its options inside the range.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quiz.bank.loader import LoadedBank, load_bank
from quiz.bank.numbers import read_number
from quiz.cli.main import main
from quiz.errors import BankError
from quiz.game.generate import all_questions

BANK = """\
format = 1
[bank]
id = "meeting"
title = "A meeting"
[article]
title = "A meeting"
text = "The city said 1,250 people attended, and between 15 and 30 million watched it."
[sources.city]
name = "the city"
[figures.attendance]
source = "city"
measure = "attendance"
counts = "people at the meeting"
value = 1250
quote = "said 1,250 people attended"
ask = "How many people attended?"
explain = "The city's count."
[figures.watchers]
source = "city"
measure = "watchers"
counts = "people who watched"
low = 15_000_000
high = 30_000_000
quote = "between 15 and 30 million watched it"
ask = "How many watched?"
explain = "The city's estimate."
"""


def write(tmp_path: Path, measures: str) -> Path:
    path = tmp_path / "meeting.toml"
    path.write_text(BANK + measures, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(BankError) as refused:
        load_bank(path, use_cache=False)
    return [f"{p.key}: {p.message}" for p in refused.value.problems]


@pytest.mark.parametrize(
    ("measures", "expected"),
    [
        (
            "[measures.attendance]\nplausible = {}\n",
            "measures.attendance.plausible: expected `low`, `high` or both",
        ),
        (
            "[measures.attendance]\nplausible = { low = 5_000, high = 2_000 }\n",
            "measures.attendance.plausible.low: expected `low` below `high`,"
            " found low = 5,000 and high = 2,000",
        ),
        (
            '[measures.attendance]\nplausible = { high = "lots" }\n',
            "measures.attendance.plausible.high: expected a number",
        ),
        (
            "[measures.attendance]\nplausible = { high = 1_000 }\n",
            'figures.attendance.value: expected a number inside measure "attendance"\'s'
            " plausible range (at most 1,000), found 1,250",
        ),
        (
            "[measures.attendence]\nplausible = { high = 9_000 }\n",
            "measures.attendence: expected the `measure` of one of the [figures], found no"
            ' figure of measure "attendence"; did you mean `attendance`?',
        ),
        (
            "[measures.attendance]\nplausible = { hi = 9_000 }\n",
            "measures.attendance.plausible.hi: unknown key",
        ),
    ],
)
def test_a_bad_plausible_range_is_refused_with_a_clear_message(
    tmp_path: Path, measures: str, expected: str
) -> None:
    found = problems(write(tmp_path, measures))
    assert any(p.startswith(expected) for p in found), found


def test_the_schema_describes_measures(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    measures = schema["properties"]["measures"]
    assert "plausible" in json.dumps(schema["$defs"]["Measure"])
    assert "description" in measures
    plausible = schema["$defs"]["Plausible"]
    assert plausible["additionalProperties"] is False
    assert set(plausible["properties"]) == {"low", "high"}


def test_check_notes_a_range_too_narrow_for_a_choice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(
        tmp_path,
        "[measures.watchers]\nplausible = { high = 40_000_000 }\n"
        "[measures.attendance]\nplausible = { low = 500, high = 3_000 }\n",
    )
    assert main(["check", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"{path}: ok, 2 figures, 1 source, 0 questions"
    assert len(lines) == 2, lines  # attendance has room: 1,250 x1.25^3 is under 3,000
    assert lines[1].startswith(f"{path}: note: figures.watchers: asked as an estimate but")
    assert "room for no option above it, up to 40 million" in lines[1]
    assert "about 470 million" in lines[1]


def test_a_figure_without_room_is_asked_as_an_estimate_only(tmp_path: Path) -> None:
    loaded = load_bank(
        write(tmp_path, "[measures.watchers]\nplausible = { high = 40_000_000 }\n"),
        use_cache=False,
    )
    ids = {q.id for seed in range(5) for q in all_questions(loaded, seed)}
    assert "estimate:watchers" in ids
    assert "choice:watchers" not in ids
    assert "choice:attendance" in ids


def test_options_about_a_ranged_measure_stay_inside_it(tmp_path: Path) -> None:
    loaded = load_bank(
        write(tmp_path, "[measures.attendance]\nplausible = { low = 500, high = 3_000 }\n"),
        use_cache=False,
    )
    ranks = set()
    for seed in range(200):
        (question,) = [q for q in all_questions(loaded, seed) if q.id == "choice:attendance"]
        for option in question.options:
            reading = read_number(option, units=question.unit_words)
            assert reading is not None and 500 <= reading.low <= reading.high <= 3_000, option
        ranks.add(question.answer_index)
    assert ranks == {0, 1, 2, 3}


def test_the_shipped_refugee_options_stay_under_ukraines_population(
    shipped: LoadedBank,
) -> None:
    """No "240 million-500 million people" for refugees from a country of 41 million:
    the UN's 7.8 million gets options under it; Milley's 15-30 million, whose options
    could not fit, is not a choice question."""
    measure = shipped.bank.measures["refugees"]
    assert measure.plausible is not None and measure.plausible.high == 41_000_000
    seen = 0
    for seed in range(200):
        for question in all_questions(shipped, seed):
            assert question.id != "choice:refugees-milley"
            if question.id != "choice:refugees-un":
                continue
            seen += 1
            for option in question.options:
                reading = read_number(option, units=question.unit_words)
                assert reading is not None and reading.high <= 41_000_000, option
    assert seen == 200
