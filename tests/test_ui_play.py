"""Play whole quizzes in the Textual app with the keyboard and check what the screen shows.

Every expected value comes from the engine (the Session's questions and scores, `explain`,
`Session.summary`), never typed in here, so the tests follow the bank and the rules while
checking that the screens show them and drive them only through keys.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from quiz.screens.app import QuizApp
from quiz.screens.widgets.figure_card import FigureCard
from quiz.screens.widgets.number_input import NumberInput
from textual.pilot import Pilot
from ui_app import build

from quiz.bank.loader import LoadedBank
from quiz.bank.numbers import format_number
from quiz.game.explain import explain
from quiz.game.generate import KINDS, Question
from quiz.present.chart import player_chart
from quiz.present.reveal_view import solo_reveal
from quiz.present.words import points as format_points
from quiz.results.store import Store


def screen_text(app: QuizApp) -> str:
    """The visible text of the top screen, with borders dropped and whitespace collapsed, so
    that text wrapped inside a bordered box still reads as one phrase."""
    lines = [strip.text for strip in app.screen._compositor.render_strips()]
    return re.sub(r"\s+", " ", re.sub(r"[│┃]", " ", " ".join(lines)))


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def digits(value: float) -> str:
    """What a player might type for this value: plain digits, no separators."""
    return str(round(value))


async def answer(pilot: Pilot[int], question: Question, right: bool) -> str:
    """Answer with keys only; returns the text typed or the key pressed."""
    if not question.is_numeric:
        assert question.answer_index is not None
        index = (
            question.answer_index if right else (question.answer_index + 1) % len(question.options)
        )
        key = str(index + 1)
        await pilot.press(key)
        return key
    assert question.low is not None
    value = question.low if right else question.low * 3
    typed = digits(value)
    await pilot.press(*typed)
    await pilot.pause()
    reading = pilot.app.screen.query_one(NumberInput).reading_text
    # The field says how it read the input before anything is submitted.
    assert reading.startswith(f"= {round(value):,}"), reading
    await pilot.press("enter")
    return typed


async def play_through(app: QuizApp, pilot: Pilot[int]) -> list[str]:
    """Play from the start screen to the summary, alternating right and wrong answers."""
    await pilot.pause()
    assert type(app.screen).__name__ == "StartScreen"
    await pilot.press("enter")
    await pilot.pause()
    session = app.session
    assert session is not None
    kinds_seen: list[str] = []
    for step in range(session.total):  # bounded: a walk that stops advancing fails, never hangs
        question = session.current
        kinds_seen.append(question.kind)
        shown = screen_text(app)
        assert flat(question.prompt) in shown
        assert f"Question {session.position} of {session.total}" in shown
        assert f"Score {format_points(session.points)} of" in shown
        for option in question.options:
            assert flat(option) in shown

        await answer(pilot, question, right=step % 2 == 0)
        await pilot.pause()
        assert type(app.screen).__name__ == "RevealScreen"
        result = session.results[-1]
        shown = screen_text(app)
        assert f"{format_points(result.score.points)} of" in shown
        expected = explain(app.loaded, question)
        # The answer rows say each thing once, as the engine lays them out: the answer,
        # what was said unless it was the answer, why unless the verdict says it all.
        view = solo_reveal(result, expected)
        rows = [
            (flat(str(label.visual)), flat(str(text.visual)))
            for label, text in zip(
                app.screen.query("#answers .label"), app.screen.query("#answers .text"), strict=True
            )
        ]
        assert rows == [(label, flat(text)) for label, text in view.answer_rows()]
        assert rows[0] == ("Answer", flat(question.answer_text))
        yours = view.yours
        assert yours is not None
        said = [text for label, text in rows if label == "You said"]
        assert said == ([] if view.gave_the_answer(yours) else [flat(yours.given)])
        if result.score.correct and not question.is_numeric:
            assert [label for label, _ in rows] == ["Answer"]  # "✓ Right" says the rest
        if not result.score.correct and question.is_numeric:
            assert ("Why", flat(yours.reason)) in rows and yours.reason  # how far off
        cards = list(app.screen.query(FigureCard))
        assert [c.card.figure_id for c in cards] == [c.figure_id for c in expected.cards]
        for widget, card in zip(cards, expected.cards, strict=True):
            assert flat(card.source) in flat(str(widget.border_title))
            assert flat(card.value_text) in flat(str(widget.visual))
        # The first card is on screen without scrolling at 80x24 for short reveals; the
        # chart (when there is one) names every figure's source.
        points = player_chart(question, expected, result.answer)
        if points:
            chart = flat(str(app.screen.query_one("#chart").render()))
            for point in points:
                assert flat(point.label)[:10] in chart
        await pilot.press("enter")
        await pilot.pause()
    assert session.state == "finished"
    assert type(app.screen).__name__ == "SummaryScreen"
    summary = session.summary()
    shown = screen_text(app)
    assert (
        f"Total {format_points(summary.points)} of {format_points(summary.max_points)} point"
        in shown
    )
    return kinds_seen


@pytest.mark.parametrize("kind", KINDS)
async def test_play_a_quiz_of_each_kind(shipped: LoadedBank, tmp_path: Path, kind: str) -> None:
    """Each kind of question, played with keys from the start screen to the summary."""
    app = build(shipped, tmp_path, seed=7, count=3, kinds=(kind,))
    async with app.run_test(size=(80, 24)) as pilot:
        kinds = await play_through(app, pilot)
    assert kinds and set(kinds) == {kind}


async def test_play_a_mixed_quiz_on_another_bank(second_bank: LoadedBank, tmp_path: Path) -> None:
    """A bank from another article (other units, ranges) plays the same way."""
    app = build(second_bank, tmp_path, seed=11, count=8)
    async with app.run_test(size=(80, 24)) as pilot:
        kinds = await play_through(app, pilot)
    assert len(kinds) == 8


async def test_interval_mode_asks_two_bounds(shipped: LoadedBank, tmp_path: Path) -> None:
    """Interval mode: Enter in the low field moves to the high one; both are needed; the
    reveal says whether the truth was inside and the summary gives the calibration."""
    app = build(shipped, tmp_path, seed=5, count=2, kinds=("estimate",), interval=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        session = app.session
        assert session is not None
        for _ in range(session.total):
            question = session.current
            assert question.low is not None and question.high is not None
            low = app.screen.query_one("#low", NumberInput)
            high = app.screen.query_one("#high", NumberInput)
            assert low.input.has_focus
            await pilot.press(*digits(question.low / 2), "enter")
            await pilot.pause()
            assert high.input.has_focus
            assert type(app.screen).__name__ == "QuestionScreen"
            await pilot.press(*digits(question.high * 2), "enter")
            await pilot.pause()
            assert type(app.screen).__name__ == "RevealScreen"
            assert "Inside your bounds" in screen_text(app)
            await pilot.press("enter")
            await pilot.pause()
        summary = session.summary()
        assert summary.intervals == 2
        assert f"inside your bounds {summary.inside} of {summary.intervals} times" in (
            screen_text(app)
        )


async def test_interval_refuses_high_below_low(shipped: LoadedBank, tmp_path: Path) -> None:
    """Bounds the wrong way round are refused with a message, not scored."""
    app = build(shipped, tmp_path, seed=5, count=1, kinds=("estimate",), interval=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("5", "0", "0", "0", "enter", "1", "0", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "QuestionScreen"
        assert "high bound is below the low bound" in screen_text(app)
        assert app.session is not None and app.session.results == []


async def test_unreadable_number_is_refused_with_a_message(
    shipped: LoadedBank, tmp_path: Path
) -> None:
    """Text the reader cannot read is not submitted; the field says why and keeps it."""
    app = build(shipped, tmp_path, seed=5, count=1, kinds=("estimate",))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"lots", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "QuestionScreen"
        assert "Can't read 'lots' as a number" in screen_text(app)
        field = app.screen.query_one(NumberInput)
        assert field.value == "lots"
        # "-" is not a number either (an integer Input would have accepted it).
        await pilot.press(*["backspace"] * 4, "-", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "QuestionScreen"
        assert "Can't read '-' as a number" in screen_text(app)
        await pilot.press("backspace", *"7.8m")
        await pilot.pause()
        assert "= 7,800,000 (7.8 million)" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "RevealScreen"
        assert app.session is not None
        assert app.session.results[0].answer.value == 7_800_000  # type: ignore[union-attr]
        assert format_number(7_800_000) in screen_text(app)


async def test_each_answer_is_stored_when_given(shipped: LoadedBank, tmp_path: Path) -> None:
    """The store holds the answer as soon as the reveal shows, before the quiz ends."""
    app = build(shipped, tmp_path, seed=3, count=4, name="Ana")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert app.session is not None
        assert not (tmp_path / "data").exists()  # nothing written before the first answer
        first = app.session.current
        await answer(pilot, first, right=True)
        await pilot.pause()
        with Store(tmp_path / "data") as store:
            rows = store.answers()
            sessions = store.sessions()
        assert [row.question_id for row in rows] == [first.id]
        assert rows[0].points == app.session.results[0].score.points
        assert sessions[0].players[0].name == "Ana"
        assert sessions[0].seed == 3
