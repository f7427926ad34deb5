"""The student's line about the class after a reveal (`quiz.present.class_answers`): "further
off" for an estimate, how many classmates got it right for an option question."""

from __future__ import annotations

import asyncio

import pytest
from pilot_wait import until
from quiz.screens.classroom.join_app import JoinApp
from quiz.screens.classroom.join_views import JoinQuestionScreen, JoinRevealScreen
from textual.widgets import Static

from quiz.bank.loader import LoadedBank
from quiz.classroom.protocol import RevealMsg
from quiz.classroom.room import Room
from quiz.classroom.server import Host
from quiz.game.generate import Settings, generate
from quiz.present.class_answers import class_text, got_it_right_text

WAIT = 5.0


@pytest.mark.parametrize(
    ("answered", "yours", "expected"),
    [
        (2, False, "Your classmate got it wrong too."),
        (4, False, "None of your 3 classmates got it right either."),
        (4, True, "None of your 3 classmates got it right."),
    ],
)
def test_a_choice_nobody_else_got_right(answered: int, yours: bool, expected: str) -> None:
    right = 1 if yours else 0
    line = class_text(answered, yours=yours, right=right, further_off=0)
    assert line == expected
    assert "further off" not in line


@pytest.mark.parametrize(
    ("answered", "right", "yours", "expected"),
    [
        (5, 3, True, "2 of 4 classmates got it right too."),
        (5, 2, False, "2 of 4 classmates got it right."),
        (4, 4, True, "All 3 classmates got it right too."),
        (4, 3, False, "All 3 classmates got it right."),
        (2, 1, False, "Your classmate got it right."),
        (2, 2, True, "Your classmate got it right too."),
        (2, 1, True, "Your classmate got it wrong."),
        (1, 1, True, "Only you answered."),
    ],
)
def test_a_choice_some_got_right(answered: int, right: int, yours: bool, expected: str) -> None:
    assert got_it_right_text(answered, right, yours=yours) == expected


@pytest.mark.parametrize(
    ("answered", "right", "expected"),
    [
        (0, 0, "Nobody answered."),
        (1, 0, "The one who answered got it wrong."),
        (3, 0, "None of the 3 who answered got it right."),
        (3, 2, "2 of 3 who answered got it right."),
    ],
)
def test_a_choice_the_student_did_not_answer(answered: int, right: int, expected: str) -> None:
    assert class_text(answered, yours=None, right=right) == expected


@pytest.mark.parametrize(
    ("answered", "further_off", "expected"),
    [
        (3, 1, "1 of 2 classmates were further off than you."),
        (4, 3, "All 3 classmates were further off than you."),
        (4, 0, "None of your 3 classmates was further off than you."),
        (2, 1, "Your classmate was further off than you."),
        (2, 0, "Your classmate was as close or closer."),  # was "0 of 1 classmate was ..."
        (1, 0, "Only you answered."),
    ],
)
def test_an_estimate_says_who_was_further_off(
    answered: int, further_off: int, expected: str
) -> None:
    assert class_text(answered, yours=True, right=None, further_off=further_off) == expected
    assert class_text(2, yours=None, right=None) == "2 answered."


# -- the student's app, against a real host ------------------------------------------


@pytest.mark.parametrize(
    ("ben_right", "expected"),
    [(False, "Your classmate got it wrong too."), (True, "Your classmate got it right.")],
)
async def test_the_student_reads_how_the_class_did_on_a_choice(
    second_bank: LoadedBank, ben_right: bool, expected: str
) -> None:
    """Ana picks a wrong option; Ben too (or the right one): her reveal says so, in the
    engine's words, and never "further off"."""
    question = next(
        q for q in generate(second_bank, Settings(count=20, seed=3)) if not q.is_numeric
    )
    assert question.answer_index is not None
    wrong = (question.answer_index + 1) % len(question.options)
    room = Room([question], loaded=second_bank, seconds=600)
    host = Host(room, tick=0.05)
    address = await host.start("127.0.0.1", 0)
    try:
        app = JoinApp(address[0], address[1], room.code, "Ana", rejoin_pause=0.05)
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: any(p.name == "Ana" for p in room.active()))
            ben = room.join("Ben")
            await host.next()
            await until(pilot, lambda: isinstance(app.screen, JoinQuestionScreen))
            room.answer(ben, 1, question.answer_index if ben_right else wrong, None)
            await pilot.press(str(wrong + 1))
            # Ana's answer is the last one in: the host reveals at once.
            await until(pilot, lambda: isinstance(app.screen, JoinRevealScreen))
            screen = app.screen
            assert isinstance(screen, JoinRevealScreen)
            assert screen.reveal.right == (1 if ben_right else 0), "the host counts who was right"
            line = str(screen.query_one("#class", Static).render())
            assert line == expected
    finally:
        await asyncio.wait_for(host.close(), WAIT)


def test_the_count_of_right_answers_is_in_the_shared_part_of_a_reveal() -> None:
    """Everyone gets the same count, so it is encoded once for the class."""
    assert "right" not in RevealMsg.PERSONAL
    shared = RevealMsg(number=1, answer_text="x", answer_index=0, right=2).shared_json()
    assert b'"right":2' in shared
