"""Dates a figure was true: only real calendar dates pass, and players read them in words."""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from quiz.bank.dates import FULL_DATE, PARTIAL_DATE, date_problem, figure_date, in_words
from quiz.bank.model import Figure


def figure(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "source": "mayor",
        "measure": "crowd",
        "counts": "people who came",
        "value": 1250,
        "quote": "The mayor said 1,250 people came",
        "explain": "The organiser's count.",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.parametrize(
    ("as_of", "words"),
    [
        ("2022", "2022"),
        ("2022-11", "November 2022"),
        ("2022-08", "August 2022"),
        ("2022-11-09", "9 November 2022"),
        ("2024-02-29", "29 February 2024"),
    ],
)
def test_dates_in_words(as_of: str, words: str) -> None:
    assert in_words(as_of) == words
    assert date_problem(as_of) is None


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("2024-13", "expected a month from 01 to 12, found 13"),
        ("2024-00", "expected a month from 01 to 12, found 00"),
        ("0000", "expected a year from 1000 to 9999, found 0000"),
        ("2024-02-30", "expected a day that exists, found 2024-02-30: February 2024 has 29 days"),
        ("2023-02-29", "expected a day that exists, found 2023-02-29: February 2023 has 28 days"),
        ("1900-02-29", "expected a day that exists, found 1900-02-29: February 1900 has 28 days"),
        ("2024-04-31", "expected a day that exists, found 2024-04-31: April 2024 has 30 days"),
    ],
)
def test_dates_that_do_not_exist_are_refused_with_the_reason(text: str, problem: str) -> None:
    assert date_problem(text) == problem
    with pytest.raises(ValidationError):
        Figure.model_validate(figure(as_of=text))


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)))
def test_every_real_day_matches_the_pattern(day: date) -> None:
    text = day.isoformat()
    assert re.fullmatch(FULL_DATE, text) and re.fullmatch(PARTIAL_DATE, text)
    assert re.fullmatch(PARTIAL_DATE, text[:7]) and re.fullmatch(PARTIAL_DATE, text[:4])


@given(
    st.integers(1000, 9999),
    st.integers(0, 99),
    st.integers(0, 99),
)
def test_the_pattern_refuses_every_day_that_does_not_exist(year: int, month: int, day: int) -> None:
    text = f"{year:04d}-{month:02d}-{day:02d}"
    real = 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]
    assert bool(re.fullmatch(PARTIAL_DATE, text)) == real
    assert (date_problem(text) is None) == real


def test_an_integer_year_is_a_year() -> None:
    assert Figure.model_validate(figure(as_of=2022)).as_of == "2022"
    with pytest.raises(ValidationError, match="expected a year from 1000 to 9999"):
        Figure.model_validate(figure(as_of=0))


def test_as_of_is_optional_and_then_the_article_date_stands_in() -> None:
    undated = Figure.model_validate(figure())
    assert undated.as_of is None
    assert figure_date(undated.as_of, date(2022, 11, 10)) == "10 November 2022"
    assert figure_date(undated.as_of, None) is None
    assert figure_date("2022-08", date(2022, 11, 10)) == "August 2022"


def test_published_takes_a_real_day_only() -> None:
    from quiz.bank.model import Article

    article = {"title": "t", "text": "x"}
    assert Article.model_validate({**article, "published": "2024-02-29"}).published == date(
        2024, 2, 29
    )
    assert Article.model_validate({**article, "published": date(2024, 2, 29)}).published
    for bad in ("2024-02-30", "2024-02-29T00:00Z", 1_700_000_000, "2024-1-2"):
        with pytest.raises(ValidationError):
            Article.model_validate({**article, "published": bad})


async def test_the_start_and_article_screens_give_the_date_in_words(tmp_path: object) -> None:
    from pathlib import Path

    from quiz.screens.app import make_app

    from quiz.play.settings import GameSettings

    folder = Path(str(tmp_path))
    settings = GameSettings(count=1, kinds=("choice",))
    app = make_app(settings=settings, data_dir=folder / "data", prefs_path=folder / "prefs.json")

    def shown() -> str:
        return " ".join(strip.text for strip in app.screen._compositor.render_strips())

    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "10 November 2022" in shown() and "2022-11-10" not in shown()
        await pilot.press("enter", "1", "enter", "a")  # the article opens after the quiz
        await pilot.pause()
        assert type(app.screen).__name__ == "ArticleScreen"
        assert "10 November 2022" in shown()
