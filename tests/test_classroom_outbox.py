"""The host's encoded messages: a reveal spliced from the class's part and each student's."""

from __future__ import annotations

import json

import pytest
from classroom_loopback import quiz, right

from quiz.bank.loader import LoadedBank
from quiz.classroom.outbox import Outbox
from quiz.classroom.protocol import Received, RevealMsg, YourAnswer, YourReveal, decode_server
from quiz.classroom.room import Room


def test_a_spliced_reveal_reads_as_one_reveal_with_each_students_own_fields(
    second_bank: LoadedBank,
) -> None:
    room = Room(quiz(second_bank), loaded=second_bank, seconds=600)
    ana, ben, chi = (room.join(name) for name in ("Ana", "Ben", "Chi"))
    room.next()
    question = room.questions[0]
    given = right(question)
    room.answer(ana, 1, given.get("choice"), given.get("value"))  # type: ignore[arg-type]  # right() maps "choice" to an int, "value" to a float
    if question.options:
        room.answer(ben, 1, ((question.answer_index or 0) + 1) % len(question.options), None)
    else:
        room.answer(ben, 1, None, 1e9)
    room.close()
    outbox = Outbox(room)
    positions = room.positions()
    shared = outbox.shared_reveal(len(positions))
    lines = {p.name: outbox.reveal_line(shared, p, positions) for p in (ana, ben, chi)}
    read = {name: decode_server(line) for name, line in lines.items()}
    assert all(isinstance(r, RevealMsg) for r in read.values())
    first, second, none = read["Ana"], read["Ben"], read["Chi"]
    assert isinstance(first, RevealMsg) and isinstance(second, RevealMsg)
    assert isinstance(none, RevealMsg)
    assert first.answer_text == question.answer_text and first.number == 1
    assert first.yours == YourAnswer(
        text=ana.answers[1].text,
        points=ana.answers[1].score.points,
        max_points=ana.answers[1].score.max_points,
        correct=True,
        reason=ana.answers[1].score.reason,
    )
    assert second.yours is not None and not second.yours.correct
    assert (first.rank, first.further_off, first.points) == (1, 1, pytest.approx(ana.points))
    assert second.rank == 2 and none.yours is None and none.points == 0
    # Every personal field is spliced in, and no key twice (a reader would keep either).
    for line in lines.values():
        top = json.loads(line, object_pairs_hook=lambda pairs: [k for k, _ in pairs])
        assert sorted(top) == sorted(RevealMsg.model_fields)
        assert set(YourReveal.model_fields) <= set(top)


def test_the_acknowledgement_is_encoded_once_per_question(second_bank: LoadedBank) -> None:
    outbox = Outbox(Room(quiz(second_bank), loaded=second_bank, seconds=600))
    assert decode_server(outbox.received(3)) == Received(number=3)
    assert outbox.received(3) is outbox.received(3)
