"""Units, kinds of number and sources' notes on the Textual screens, played with keys on the
bank a new author wrote (tests/banks/march/). Expected text comes from the engine."""

from __future__ import annotations

from pathlib import Path

from quiz.screens.app import QuizApp
from quiz.screens.widgets.figure_card import FigureCard
from quiz.screens.widgets.number_input import NumberInput
from test_ui_play import build, flat, screen_text
from textual.pilot import Pilot

from quiz.bank.loader import LoadedBank, load_bank
from quiz.game.generate import Settings, generate
from quiz.game.scoring import rule_text

MARCH = Path(__file__).resolve().parent / "banks" / "march" / "march.toml"


async def _to(app: QuizApp, pilot: Pilot[int], question_id: str) -> None:
    """Answer every question before `question_id` with its own low end, keys only."""
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    session = app.session
    assert session is not None
    assert question_id in [q.id for q in session.questions], "the quiz never asks it"
    for _ in range(session.total):  # bounded: a walk that stops advancing fails, never hangs
        if session.current.id == question_id:
            return
        low = session.current.low
        assert low is not None
        await pilot.press(*f"{low:g}", "enter")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    raise AssertionError(f"the walk never reached {question_id}")


def _seed_asking(loaded: LoadedBank, question_id: str) -> int:
    """A seed whose estimate quiz asks this question, found by the engine (which
    seed asks what changes with selection)."""
    for seed in range(200):
        quiz = generate(loaded, Settings(count=40, kinds=("estimate",), seed=seed))
        if question_id in [q.id for q in quiz]:
            return seed
    raise AssertionError(f"no seed asks {question_id}")


async def test_a_temperature_is_typed_with_its_unit_and_scored_in_degrees(
    tmp_path: Path,
) -> None:
    loaded = load_bank(MARCH)
    seed = _seed_asking(loaded, "estimate:heat")
    app = build(loaded, tmp_path, seed=seed, count=40, kinds=("estimate",))
    async with app.run_test(size=(80, 40)) as pilot:
        await _to(app, pilot, "estimate:heat")
        question = app.session.current  # type: ignore[union-attr]
        shown = screen_text(app)
        # The question states its own rule, in degrees, not "2x off".
        assert flat(rule_text(question)) in shown
        assert "°C" in rule_text(question)
        await pilot.press(*"24 degrees Celsius")
        await pilot.pause()
        assert app.screen.query_one(NumberInput).reading_text.startswith("= 24")
        await pilot.press("enter")
        await pilot.pause()
        shown = screen_text(app)
        assert "29°C" in shown  # the answer with its unit
        assert "5°C too low" in shown
        # Two figures from one source: the heading counts figures, not sources.
        assert "What each source said (2 figures)" in shown
        chart = flat(str(app.screen.query_one("#chart").render()))
        assert "29°C" in chart and "18°C" in chart


async def test_cards_show_the_sources_note_and_the_unit(tmp_path: Path) -> None:
    loaded = load_bank(MARCH)
    seed = _seed_asking(loaded, "estimate:crowd-police")
    app = build(loaded, tmp_path, seed=seed, count=40, kinds=("estimate",))
    async with app.run_test(size=(80, 60)) as pilot:
        await _to(app, pilot, "estimate:crowd-police")
        await pilot.press(*"20000 people", "enter")
        await pilot.pause()
        cards = {c.card.figure_id: flat(str(c.visual)) for c in app.screen.query(FigureCard)}
        sources = loaded.bank.sources
        for figure_id, text in cards.items():
            note = sources[loaded.bank.figures[figure_id].source].note
            if note:
                assert flat(note) in text, figure_id
        assert "about 20,000 people" in cards["crowd-police"]
        assert "85,000 people" in cards["crowd-organisers"]
        chart = flat(str(app.screen.query_one("#chart").render()))
        assert "≈ 20,000 people" in chart
