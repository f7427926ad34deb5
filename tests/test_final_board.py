"""The projector's final screen: the podium once, then the rest of the class from the
first rank after the medals (`quiz.present.final_board`), never the winners twice."""

from __future__ import annotations

from pilot_wait import until
from quiz.screens.classroom.host_app import HostApp, make_host_app
from quiz.screens.classroom.host_views import HostRevealScreen, PodiumScreen
from textual.pilot import Pilot
from textual.widgets import Static

from quiz.bank.loader import LoadedBank
from quiz.classroom.room import Room
from quiz.game.generate import Question, Settings, generate
from quiz.present.final_board import final_board
from quiz.present.ranking import PODIUM_MAX, Standing, standings


def ranked(*points: float) -> list[Standing]:
    """Players P1, P2, ... with these points, ranked by the engine's rule."""
    return standings([Standing(0, f"P{i}", p, player_id=i) for i, p in enumerate(points, 1)])


def names(rows: tuple[Standing, ...]) -> list[str]:
    return [row.name for row in rows]


def test_a_tie_for_third_is_on_the_podium_and_the_rest_starts_at_fifth() -> None:
    board = final_board(ranked(5, 4, 3, 3, 1))
    assert [(s.name, s.rank) for s in board.medals] == [("P1", 1), ("P2", 2), ("P3", 3), ("P4", 3)]
    assert [(s.name, s.rank) for s in board.rest] == [("P5", 5)]
    assert board.more == 0 and board.more_text == ""


def test_everyone_on_the_podium_leaves_no_rest() -> None:
    board = final_board(ranked(3, 3, 2))
    assert names(board.medals) == ["P1", "P2", "P3"]
    assert board.rest == () and board.more == 0


def test_the_rest_is_cut_with_a_count_and_never_inside_a_tie() -> None:
    # Medals P1-P3; the rest P4..P9, where P7 and P8 share 7th.
    board = final_board(ranked(9, 8, 7, 6, 5, 4, 3, 3, 1), shown=4)
    assert names(board.rest) == ["P4", "P5", "P6"], "the tie for 7th is not split by the cut"
    assert board.more == 3 and board.more_text == "… and 3 more"
    # A cut between ranks keeps its rows.
    assert names(final_board(ranked(9, 8, 7, 6, 5, 4, 3, 3, 1), shown=3).rest) == [
        "P4",
        "P5",
        "P6",
    ]


def test_a_tie_that_fills_the_rest_is_listed_up_to_the_limit() -> None:
    board = final_board(ranked(9, 8, 7, *[1] * 6), shown=4)
    assert names(board.rest) == ["P4", "P5", "P6", "P7"]
    assert board.more == 2


def test_a_podium_cut_at_its_limit_leaves_the_others_of_that_tie_first_in_the_rest() -> None:
    rows = ranked(*[2] * (PODIUM_MAX + 2), 1)
    board = final_board(rows)
    assert len(board.medals) == PODIUM_MAX
    every = names(board.medals) + names(board.rest)
    assert sorted(every) == sorted(row.name for row in rows), "each player exactly once"


# -- the projector ---------------------------------------------------------------------

CLASS = ("Ana", "Ben", "Chi", "Dan", "Eve")
FACTORS = (1.0, 1.5, 3.0, 3.0, 40.0)
"""Each player's guess as a multiple of the answer: Chi and Dan tie for 3rd, Eve is 5th."""


def estimate(bank: LoadedBank) -> Question:
    return next(q for q in generate(bank, Settings(count=20, seed=3)) if q.is_numeric)


def shown(app: HostApp) -> str:
    """Every text the podium screen shows (a hidden widget shows nothing)."""
    return "\n".join(str(w.render()) for w in app.screen.query(Static) if w.display)


async def play_to_the_podium(pilot: Pilot, app: HostApp, guesses: dict[str, float]) -> None:
    room = app.room
    for name in guesses:
        room.join(name)
    app.sync()
    await pilot.press("enter")
    await until(pilot, lambda: room.question is not None)
    for player in room.active():
        room.answer(player, room.number, None, guesses[player.name])
    app.sync()
    await pilot.press("s")
    await until(pilot, lambda: isinstance(app.screen, HostRevealScreen))
    await pilot.press("enter", "enter")  # the leaderboard, then the end
    await until(pilot, lambda: isinstance(app.screen, PodiumScreen))


async def test_the_podium_screen_lists_each_player_once(second_bank: LoadedBank) -> None:
    """A class of 5 with a tie for 3rd: four medal rows, then Eve alone in the table."""
    question = estimate(second_bank)
    assert question.low is not None
    room = Room([question], loaded=second_bank, seconds=600)
    app = make_host_app(room, shown_address="192.0.2.7:8765")
    async with app.run_test(size=(80, 24)) as pilot:
        guesses = {name: question.low * f for name, f in zip(CLASS, FACTORS, strict=True)}
        await play_to_the_podium(pilot, app, guesses)
        assert [(s.name, s.rank) for s in room.standings()] == [
            ("Ana", 1),
            ("Ben", 2),
            ("Chi", 3),
            ("Dan", 3),
            ("Eve", 5),
        ], "the class this test needs"
        await pilot.pause()
        text = shown(app)
        for name in CLASS:
            assert text.count(name) == 1, f"{name} appears once on the final screen:\n{text}"
        podium = str(app.screen.query_one("#podium", Static).render())
        assert "🥉 Chi" in podium and "🥉 Dan" in podium
        table = str(app.screen.query_one("#table", Static).render())
        assert "5th" in table and "Eve" in table


async def test_with_everyone_on_the_podium_there_is_no_second_table(
    second_bank: LoadedBank,
) -> None:
    question = estimate(second_bank)
    assert question.low is not None
    room = Room([question], loaded=second_bank, seconds=600)
    app = make_host_app(room, shown_address="192.0.2.7:8765")
    async with app.run_test(size=(80, 24)) as pilot:
        await play_to_the_podium(pilot, app, {"Ana": question.low, "Ben": question.low * 3})
        await pilot.pause()
        assert not app.screen.query_one("#table", Static).display
        text = shown(app)
        assert text.count("Ana") == 1 and text.count("Ben") == 1
