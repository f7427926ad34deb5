"""The classroom host on loopback, with real sockets: a session from lobby to podium, the
host's clock, late joins, drops and rejoins, removal, storage, and what the wire holds
back until the reveal. (Who may join, and which lines drop a connection, are in
test_classroom_wire.py.)
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from classroom_session_kit import WAIT, FakeClock, Peer, hosting, joined, right, wrong

from quiz.bank.loader import LoadedBank
from quiz.bank.numbers import format_number
from quiz.classroom.protocol import (
    PROTOCOL_VERSION,
    AnswerMsg,
    EndMsg,
    ErrorMsg,
    Hello,
    LobbyMsg,
    QuestionMsg,
    Received,
    Refused,
    RevealMsg,
    TimerMsg,
)
from quiz.game import scoring
from quiz.game.generate import Question
from quiz.game.scoring import ChoiceAnswer, NumberAnswer
from quiz.results.store import Store


async def test_a_whole_session_with_three_students(second_bank: LoadedBank, tmp_path: Path) -> None:
    async with hosting(second_bank, tmp_path, seconds=600) as host:
        ana, ben, chi = await joined(host, ["Ana", "Ben", "Chi"])
        lobby = await chi.expect(LobbyMsg)
        assert lobby.players == 3
        expected = {"Ana": 0.0, "Ben": 0.0, "Chi": 0.0}
        for number, question in enumerate(host.room.questions, start=1):
            await host.next()
            for peer in (ana, ben, chi):
                shown = await peer.expect(QuestionMsg)
                assert (shown.number, shown.prompt, shown.options) == (
                    number,
                    question.prompt,
                    question.options,
                )
            plan = {"Ana": right(question), "Ben": wrong(question), "Chi": right(question)}
            for peer, name in ((ana, "Ana"), (ben, "Ben")):
                await peer.send(AnswerMsg(number=number, **plan[name]))
                assert (await peer.expect(Received)).number == number
            assert host.room.answered_count() == 2
            # Chi answers last, so the reveal comes without the teacher skipping.
            await chi.send(AnswerMsg(number=number, **plan["Chi"]))
            for peer, name in ((ana, "Ana"), (ben, "Ben"), (chi, "Chi")):
                reveal = await peer.expect(RevealMsg)
                kwargs = plan[name]
                answer = (
                    NumberAnswer(kwargs["value"])
                    if question.is_numeric
                    else ChoiceAnswer(kwargs["choice"])
                )
                expected[name] += scoring.score(question, answer).points
                assert reveal.answer_text == question.answer_text
                assert reveal.yours is not None
                assert reveal.yours.reason == scoring.score(question, answer).reason
                assert reveal.points == pytest.approx(expected[name])
                assert reveal.answered == 3
                assert reveal.cards, "the reveal explains the figures"
        await host.next()
        ends = [await peer.expect(EndMsg) for peer in (ana, ben, chi)]
        assert ends[1].rank == 3 and ends[1].players == 3
        assert [place.name for place in ends[0].podium][2] == "Ben"
        assert host.room.phase == "finished"
        for peer in (ana, ben, chi):
            await peer.hang_up()
        await host.saver.drain()  # the last answer's commit may still be running
        rows = Store(tmp_path).answers(host.record.session_id)  # type: ignore[union-attr]  # hosting() gave it a record
    assert len(rows) == 9, "one stored row per player per question"
    assert {(r.player, r.question_id) for r in rows} == {
        (n, q.id) for n in ("Ana", "Ben", "Chi") for q in host.room.questions
    }


async def test_an_answer_after_the_deadline_is_refused_by_the_hosts_clock(
    second_bank: LoadedBank, tmp_path: Path
) -> None:
    clock = FakeClock()
    async with hosting(second_bank, tmp_path, seconds=20, clock=clock) as host:
        (ana, ben) = await joined(host, ["Ana", "Ben"])
        await host.next()
        question = host.room.question
        await ana.expect(QuestionMsg)
        clock.now += 20.5
        await ana.send(AnswerMsg(number=1, **right(question)))
        refused = await ana.expect(Refused)
        assert "too late" in refused.reason
        assert host.room.players[1].points == 0
        assert host.room.answered_count() == 0
        await ben.hang_up()


async def test_pause_and_extend_move_the_deadline_and_tell_the_students(
    second_bank: LoadedBank,
) -> None:
    clock = FakeClock()
    async with hosting(second_bank, seconds=20, clock=clock) as host:
        (ana, ben) = await joined(host, ["Ana", "Ben"])
        await host.next()
        await ana.expect(QuestionMsg)
        host.pause()
        timer = await ana.expect(TimerMsg)
        assert timer.paused and timer.seconds_left == pytest.approx(20)
        clock.now += 100  # paused: the countdown does not run
        host.pause()
        timer = await ana.expect(TimerMsg)
        assert not timer.paused and timer.seconds_left == pytest.approx(20)
        host.extend(15)
        timer = await ana.expect(TimerMsg)
        assert timer.seconds_left == pytest.approx(35)
        clock.now += 30  # past the first deadline, inside the extended one
        await ana.send(AnswerMsg(number=1, **right(host.room.question)))
        assert (await ana.expect(Received)).number == 1
        await ben.hang_up()


async def test_a_second_answer_is_refused_and_the_first_one_stands(
    second_bank: LoadedBank, tmp_path: Path
) -> None:
    async with hosting(second_bank, tmp_path, seconds=600) as host:
        ana, _ben = await joined(host, ["Ana", "Ben"])
        await host.next()
        question = host.room.question
        await ana.send(AnswerMsg(number=1, **wrong(question)))
        await ana.expect(Received)
        await ana.send(AnswerMsg(number=1, **right(question)))
        refused = await ana.expect(Refused)
        assert "already answered" in refused.reason
        first = scoring.score(question, NumberAnswer(question.high * 50))
        assert host.room.players[1].points == pytest.approx(first.points)
        await host.saver.drain()  # the last answer's commit may still be running
        rows = Store(tmp_path).answers(host.record.session_id)  # type: ignore[union-attr]  # hosting() gave it a record
        assert [r.given for r in rows] == [format_number(question.high * 50)]


async def test_a_student_joining_mid_question_enters_at_the_next(second_bank: LoadedBank) -> None:
    async with hosting(second_bank, seconds=600) as host:
        (ana,) = await joined(host, ["Ana"])
        await host.next()
        await ana.expect(QuestionMsg)
        late = await Peer.connect(host.address)  # type: ignore[arg-type]
        welcome = await late.join(host.room.code, "Lou")
        assert welcome.waiting
        await late.send(AnswerMsg(number=1, **right(host.room.question)))
        refused = await late.expect(Refused)
        assert "next one" in refused.reason
        await host.skip()
        await host.next()
        shown = await late.expect(QuestionMsg)
        assert shown.number == 2
        assert not any(isinstance(m, QuestionMsg) and m.number == 1 for m in late.seen)


async def test_a_dropped_student_rejoins_with_the_token_and_keeps_the_score(
    second_bank: LoadedBank, tmp_path: Path
) -> None:
    async with hosting(second_bank, tmp_path, seconds=600) as host:
        ana = await Peer.connect(host.address)  # type: ignore[arg-type]
        welcome = await ana.join(host.room.code, "Ana")
        (ben,) = await joined(host, ["Ben"])
        await host.next()
        question = host.room.question
        await ana.send(AnswerMsg(number=1, **right(question)))
        await ana.expect(Received)
        await ana.hang_up()
        # Wait (bounded by WAIT on the loop's clock, not by a count of naps that a loaded
        # machine stretches or shrinks) until the host has noticed the drop.
        loop = asyncio.get_running_loop()
        end = loop.time() + WAIT
        while host.room.players[1].connected and loop.time() < end:
            await asyncio.sleep(0.01)
        assert not host.room.players[1].connected, "the host noticed the drop"
        points = host.room.players[1].points
        assert points > 0
        # Someone else cannot take the name while Ana is away.
        thief = await Peer.connect(host.address)  # type: ignore[arg-type]
        await thief.send(Hello(version=PROTOCOL_VERSION, code=host.room.code, name="ANA"))
        assert isinstance(await thief.receive(), ErrorMsg)
        again = await Peer.connect(host.address)  # type: ignore[arg-type]
        rejoined = await again.join(host.room.code, "", token=welcome.token)
        assert rejoined.rejoined and rejoined.name == "Ana"
        assert rejoined.points == pytest.approx(points)
        # Back in the open question, with the answer already taken.
        assert (await again.expect(QuestionMsg)).number == 1
        assert (await again.expect(Received)).number == 1
        await ben.send(AnswerMsg(number=1, **wrong(question)))
        reveal = await again.expect(RevealMsg)
        assert reveal.points == pytest.approx(points)
        assert reveal.further_off == 1 and reveal.rank == 1
        await host.saver.drain()  # the last answer's commit may still be running
        rows = Store(tmp_path).answers(host.record.session_id)  # type: ignore[union-attr]  # hosting() gave it a record
        assert sorted(r.player for r in rows) == ["Ana", "Ben"]


async def test_a_drop_does_not_end_the_question_and_the_student_answers_after_rejoining(
    second_bank: LoadedBank,
) -> None:
    async with hosting(second_bank, seconds=600) as host:
        chi = await Peer.connect(host.address)  # type: ignore[arg-type]
        welcome = await chi.join(host.room.code, "Chi")
        (ana,) = await joined(host, ["Ana"])
        await host.next()
        question = host.room.question
        await ana.send(AnswerMsg(number=1, **right(question)))
        await ana.expect(Received)
        await chi.hang_up()
        for _ in range(100):
            if not host.room.players[1].connected:
                break
            await asyncio.sleep(0.01)
        assert host.room.phase == "question", "everyone still here has answered, yet Chi may return"
        again = await Peer.connect(host.address)  # type: ignore[arg-type]
        await again.join(host.room.code, "", token=welcome.token)
        assert (await again.expect(QuestionMsg)).number == 1
        await again.send(AnswerMsg(number=1, **wrong(question)))
        await again.expect(Received)
        reveal = await again.expect(RevealMsg)
        assert reveal.answered == 2 and reveal.yours is not None


async def test_a_removed_student_is_told_and_cannot_rejoin(second_bank: LoadedBank) -> None:
    async with hosting(second_bank) as host:
        ana = await Peer.connect(host.address)  # type: ignore[arg-type]
        welcome = await ana.join(host.room.code, "Ana")
        host.remove(1)
        assert await ana.closed()
        assert any(isinstance(m, ErrorMsg) and "removed" in m.reason for m in ana.seen)
        again = await Peer.connect(host.address)  # type: ignore[arg-type]
        await again.send(
            Hello(version=PROTOCOL_VERSION, code=host.room.code, name="", token=welcome.token)
        )
        reply = await again.receive()
        assert isinstance(reply, ErrorMsg) and "removed" in reply.reason
        assert host.room.standings() == []


FORBIDDEN_KEYS = {
    "answer_index",
    "low",
    "high",
    "figure_ids",
    "explain",
    "answer_text",
    "yours",
    "cards",
    "chart",
    "id",
}


def _answer_spellings(question: Question) -> set[str]:
    spellings = {question.answer_text}
    for bound in (question.low, question.high):
        if bound is not None:
            spellings |= {f"{bound:g}", f"{bound:,.0f}", str(int(bound)), repr(bound)}
    return spellings


async def test_no_message_before_the_reveal_gives_the_answer_away(
    second_bank: LoadedBank,
) -> None:
    async with hosting(second_bank, seconds=600) as host:
        ana, ben, chi = await joined(host, ["Ana", "Ben", "Chi"])
        for number, question in enumerate(host.room.questions, start=1):
            marks = [len(p.raw) for p in (ana, ben, chi)]
            await host.next()
            for peer in (ana, ben, chi):
                await peer.expect(QuestionMsg)
            # Ana and Ben answer; their answers must not reach anyone before the reveal.
            await ana.send(AnswerMsg(number=number, **right(question)))
            await ana.expect(Received)
            await ben.send(
                AnswerMsg(number=number, value=98765.4321)
                if question.is_numeric
                else AnswerMsg(number=number, choice=0)
            )
            await ben.expect((Received, Refused))
            host.pause()
            host.extend(5)
            await host.skip()
            for peer, mark in zip((ana, ben, chi), marks, strict=True):
                await peer.expect(RevealMsg)
                before = peer.raw[mark:-1]
                assert before, "messages were sent before the reveal"
                for raw in before:
                    data = json.loads(raw)
                    assert data["type"] != "reveal"
                    assert not FORBIDDEN_KEYS & set(data), data
                    # The countdown and the question number are not the answer.
                    for clock_field in ("seconds_left", "number", "total"):
                        data.pop(clock_field, None)
                    text = json.dumps(data, ensure_ascii=False)
                    if question.is_numeric:
                        for spelling in _answer_spellings(question):
                            assert spelling not in text, (spelling, text)
                        assert "98765" not in text
