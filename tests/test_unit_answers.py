"""A typed answer may carry the figure's unit or its abbreviation: "4.5 km", "12 arrests"."""

from __future__ import annotations

from pathlib import Path

import pytest

from quiz.bank.loader import LoadedBank, load_bank
from quiz.game.generate import Question, Settings, all_questions, generate
from quiz.game.scoring import NumberAnswer, read_answer

BANK = """\
format = 1

[bank]
id = "march"
title = "The march"

[article]
title = "A march"
text = "The organisers said the 4.5 km route was walked by 250,000 people. Police made 12 arrests."

[sources.organisers]
name = "the organisers"

[sources.police]
name = "the police"

[figures.route]
source = "organisers"
measure = "route"
counts = "length of the route"
kind = "amount"
unit = { singular = "kilometre", plural = "kilometres", abbreviation = "km" }
value = 4.5
quote = "the 4.5 km route was walked"
ask = "How long was the route?"
explain = "The organisers' route."

[figures.arrests]
source = "police"
measure = "arrests"
counts = "arrests"
unit = "arrests"
value = 12
quote = "Police made 12 arrests"
ask = "How many arrests did the police make?"
explain = "The police's count."
"""


@pytest.fixture
def march(tmp_path: Path) -> LoadedBank:
    path = tmp_path / "march.toml"
    path.write_text(BANK, encoding="utf-8")
    return load_bank(path, use_cache=False)


def _estimate(loaded: LoadedBank, figure: str) -> Question:
    return next(q for q in all_questions(loaded) if q.kind == "estimate" and figure in q.figure_ids)


@pytest.mark.parametrize("typed", ["4.5 km", "4.5km", "4.5 kilometres", "4.5 KM", "4.5"])
def test_a_length_with_its_unit(march: LoadedBank, typed: str) -> None:
    question = _estimate(march, "route")
    assert question.unit_words == ("kilometre", "kilometres", "km")
    answer = read_answer(question, typed)
    assert isinstance(answer, NumberAnswer) and answer.value == 4.5


def test_a_count_with_its_noun_and_not_another_unit(march: LoadedBank) -> None:
    question = _estimate(march, "arrests")
    answer = read_answer(question, "twelve arrests")
    assert isinstance(answer, NumberAnswer) and answer.value == 12
    with pytest.raises(ValueError):
        read_answer(question, "12 km")


def test_a_ratio_takes_times_and_x(shipped: LoadedBank) -> None:
    # A seed whose comparisons include a "how many times" (not only "which source").
    ratio = next(
        q
        for seed in range(50)
        for q in generate(shipped, Settings(count=50, kinds=("compare",), seed=seed))
        if q.is_numeric
    )
    for typed in ("17x", "17 times", "17 ×"):
        answer = read_answer(ratio, typed)
        assert isinstance(answer, NumberAnswer) and answer.value == 17


def test_zero_is_refused_with_a_word_about_positive_numbers(march: LoadedBank) -> None:
    with pytest.raises(ValueError, match="above zero"):
        read_answer(_estimate(march, "arrests"), "0")


async def test_the_estimate_field_reads_the_unit(march: LoadedBank, tmp_path: Path) -> None:
    from quiz.screens.app import make_app
    from quiz.screens.widgets.number_input import NumberInput

    from quiz.play.settings import GameSettings

    seed = next(
        s
        for s in range(50)
        if "route" in generate(march, Settings(count=1, kinds=("estimate",), seed=s))[0].figure_ids
    )
    app = make_app(
        loaded=march,
        settings=GameSettings(count=1, kinds=("estimate",), seed=seed),
        data_dir=tmp_path / "data",
        prefs_path=tmp_path / "prefs.json",
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        field = app.screen.query_one(NumberInput)
        await pilot.press(*"4.5 km")
        await pilot.pause()
        assert field.reading_text.startswith("= 4.5"), field.reading_text
        await pilot.press("ctrl+u")
        await pilot.press("0")
        await pilot.press("enter")
        await pilot.pause()
        assert "above zero" in field.reading_text
