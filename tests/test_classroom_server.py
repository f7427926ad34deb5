"""The classroom host on loopback, with real sockets: authority, safety, rejoin, storage.

Every read and wait is bounded by `WAIT` so a bug fails a test instead of hanging the
suite; no test asserts on how long anything took.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from pathlib import Path

import pytest

from quiz.bank.loader import LoadedBank
from quiz.bank.numbers import format_number
from quiz.classroom.protocol import (
    MAX_LINE,
    MAX_SERVER_LINE,
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
    Welcome,
    decode_server,
    encode,
)
from quiz.classroom.room import Room
from quiz.classroom.server import Host
from quiz.game import scoring
from quiz.game.generate import Question, all_questions
from quiz.game.scoring import ChoiceAnswer, NumberAnswer
from quiz.results.record import GameRecord
from quiz.results.store import Store

WAIT = 5.0


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Peer:
    """A raw client: sends lines, collects every validated message it receives."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer
        self.seen: list[object] = []
        self.raw: list[bytes] = []

    @classmethod
    async def connect(cls, address: tuple[str, int]) -> Peer:
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection(*address, limit=MAX_SERVER_LINE), WAIT
        )
        return cls(reader, writer)

    async def send_line(self, data: bytes) -> None:
        self.writer.write(data)
        with contextlib.suppress(ConnectionError):
            await self.writer.drain()

    async def send(self, message: object) -> None:
        await self.send_line(encode(message))  # type: ignore[arg-type]

    async def receive(self) -> object | None:
        line = await asyncio.wait_for(self.reader.readline(), WAIT)
        if not line:
            return None
        self.raw.append(line)
        message = decode_server(line)
        self.seen.append(message)
        return message

    async def expect(self, kind: type | tuple[type, ...]) -> object:
        """Read until a message of `kind` arrives (bounded)."""
        for _ in range(50):
            message = await self.receive()
            assert message is not None, f"connection closed while waiting for {kind}"
            if isinstance(message, kind):
                return message
        raise AssertionError(f"no {kind} in 50 messages")

    async def closed(self) -> bool:
        """True when the host closes the connection (after any messages still queued)."""
        for _ in range(50):
            try:
                line = await asyncio.wait_for(self.reader.readline(), WAIT)
            except ConnectionError:
                return True
            if not line:
                return True
            self.raw.append(line)
            self.seen.append(decode_server(line))
        return False

    async def join(self, code: str, name: str, token: str | None = None) -> Welcome:
        await self.send(Hello(version=PROTOCOL_VERSION, code=code, name=name, token=token))
        reply = await self.receive()
        assert isinstance(reply, Welcome), reply
        return reply

    async def close(self) -> None:
        self.writer.close()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.writer.wait_closed(), WAIT)


def _quiz(bank: LoadedBank) -> list[Question]:
    """A quiz with both a number question and an option question first."""
    # From everything the bank gives: an honest quiz may hold one number question only.
    questions = all_questions(bank, seed=3)
    numeric = [q for q in questions if q.is_numeric]
    choice = [q for q in questions if not q.is_numeric and q.figure_ids]
    assert numeric and choice, "the test bank must give both kinds of question"
    return [numeric[0], choice[0], numeric[1] if len(numeric) > 1 else choice[1]]


@contextlib.asynccontextmanager
async def hosting(bank: LoadedBank, tmp_path: Path | None = None, **room_options: object):
    room = Room(_quiz(bank), loaded=bank, **room_options)  # type: ignore[arg-type]
    store = record = None
    if tmp_path is not None:
        store = Store(tmp_path)
        record = GameRecord(store, bank, mode="classroom", seed=3, total=room.total)
    tick = 3600.0 if isinstance(room.clock, FakeClock) else 0.05
    host = Host(room, record=record, tick=tick)
    await host.start("127.0.0.1", 0)
    try:
        yield host
    finally:
        await asyncio.wait_for(host.close(), WAIT)
        if store is not None:
            store.close()


def _wrong(question: Question) -> dict[str, object]:
    if question.is_numeric:
        assert question.high is not None
        return {"value": question.high * 50}
    assert question.answer_index is not None
    return {"choice": (question.answer_index + 1) % len(question.options)}


def _right(question: Question) -> dict[str, object]:
    if question.is_numeric:
        assert question.low is not None
        return {"value": question.low}
    return {"choice": question.answer_index}


async def _joined(host: Host, names: list[str]) -> list[Peer]:
    peers = []
    for name in names:
        peer = await Peer.connect(host.address)  # type: ignore[arg-type]
        await peer.join(host.room.code, name)
        peers.append(peer)
    return peers


async def test_a_whole_session_with_three_students(second_bank: LoadedBank, tmp_path: Path) -> None:
    async with hosting(second_bank, tmp_path, seconds=600) as host:
        ana, ben, chi = await _joined(host, ["Ana", "Ben", "Chi"])
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
            plan = {"Ana": _right(question), "Ben": _wrong(question), "Chi": _right(question)}
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
            await peer.close()
        await host.saver.drain()  # the last answer's commit may still be running
        rows = Store(tmp_path).answers(host.record.session_id)  # type: ignore[union-attr]  # hosting() gave it a record
    assert len(rows) == 9, "one stored row per player per question"
    assert {(r.player, r.question_id) for r in rows} == {
        (n, q.id) for n in ("Ana", "Ben", "Chi") for q in host.room.questions
    }


async def test_a_wrong_code_is_refused_and_the_connection_closed(second_bank: LoadedBank) -> None:
    async with hosting(second_bank) as host:
        peer = await Peer.connect(host.address)  # type: ignore[arg-type]
        wrong = "Z" * len(host.room.code) if host.room.code != "Z" * 6 else "Y" * 6
        await peer.send(Hello(version=PROTOCOL_VERSION, code=wrong, name="Eve"))
        reply = await peer.receive()
        assert isinstance(reply, ErrorMsg) and "wrong join code" in reply.reason
        assert await peer.closed()
        assert host.room.players == {}


async def test_the_code_is_read_without_regard_to_case(second_bank: LoadedBank) -> None:
    async with hosting(second_bank) as host:
        peer = await Peer.connect(host.address)  # type: ignore[arg-type]
        welcome = await peer.join(host.room.code.lower(), "Ana")
        assert welcome.name == "Ana"


async def test_an_older_protocol_is_told_to_update(second_bank: LoadedBank) -> None:
    async with hosting(second_bank) as host:
        peer = await Peer.connect(host.address)  # type: ignore[arg-type]
        await peer.send(Hello(version=PROTOCOL_VERSION + 1, code=host.room.code, name="Ana"))
        reply = await peer.receive()
        assert isinstance(reply, ErrorMsg) and "protocol" in reply.reason


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("ana", "taken"),
        (" ANA ", "taken"),
        ("", "name is needed"),
        ("x" * 25, "at most"),
        ("Ana\x1b[31m", "control"),
        ("Bob\u202e", "direction"),
    ],
)
async def test_names_are_unique_bounded_and_plain(
    second_bank: LoadedBank, name: str, why: str
) -> None:
    async with hosting(second_bank) as host:
        await _joined(host, ["Ana"])
        peer = await Peer.connect(host.address)  # type: ignore[arg-type]
        await peer.send(Hello(version=PROTOCOL_VERSION, code=host.room.code, name=name))
        reply = await peer.receive()
        assert isinstance(reply, ErrorMsg) and why in reply.reason
        assert [p.name for p in host.room.players.values()] == ["Ana"]


async def test_a_name_with_markup_is_kept_literally(second_bank: LoadedBank) -> None:
    async with hosting(second_bank) as host:
        peer = await Peer.connect(host.address)  # type: ignore[arg-type]
        welcome = await peer.join(host.room.code, "[b]Bo[/b]")
        assert welcome.name == "[b]Bo[/b]"


async def test_an_answer_after_the_deadline_is_refused_by_the_hosts_clock(
    second_bank: LoadedBank, tmp_path: Path
) -> None:
    clock = FakeClock()
    async with hosting(second_bank, tmp_path, seconds=20, clock=clock) as host:
        (ana, ben) = await _joined(host, ["Ana", "Ben"])
        await host.next()
        question = host.room.question
        await ana.expect(QuestionMsg)
        clock.now += 20.5
        await ana.send(AnswerMsg(number=1, **_right(question)))
        refused = await ana.expect(Refused)
        assert "too late" in refused.reason
        assert host.room.players[1].points == 0
        assert host.room.answered_count() == 0
        await ben.close()


async def test_pause_and_extend_move_the_deadline_and_tell_the_students(
    second_bank: LoadedBank,
) -> None:
    clock = FakeClock()
    async with hosting(second_bank, seconds=20, clock=clock) as host:
        (ana, ben) = await _joined(host, ["Ana", "Ben"])
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
        await ana.send(AnswerMsg(number=1, **_right(host.room.question)))
        assert (await ana.expect(Received)).number == 1
        await ben.close()


async def test_a_second_answer_is_refused_and_the_first_one_stands(
    second_bank: LoadedBank, tmp_path: Path
) -> None:
    async with hosting(second_bank, tmp_path, seconds=600) as host:
        ana, _ben = await _joined(host, ["Ana", "Ben"])
        await host.next()
        question = host.room.question
        await ana.send(AnswerMsg(number=1, **_wrong(question)))
        await ana.expect(Received)
        await ana.send(AnswerMsg(number=1, **_right(question)))
        refused = await ana.expect(Refused)
        assert "already answered" in refused.reason
        first = scoring.score(question, NumberAnswer(question.high * 50))
        assert host.room.players[1].points == pytest.approx(first.points)
        await host.saver.drain()  # the last answer's commit may still be running
        rows = Store(tmp_path).answers(host.record.session_id)  # type: ignore[union-attr]  # hosting() gave it a record
        assert [r.given for r in rows] == [format_number(question.high * 50)]


async def test_a_student_joining_mid_question_enters_at_the_next(second_bank: LoadedBank) -> None:
    async with hosting(second_bank, seconds=600) as host:
        (ana,) = await _joined(host, ["Ana"])
        await host.next()
        await ana.expect(QuestionMsg)
        late = await Peer.connect(host.address)  # type: ignore[arg-type]
        welcome = await late.join(host.room.code, "Lou")
        assert welcome.waiting
        await late.send(AnswerMsg(number=1, **_right(host.room.question)))
        refused = await late.expect(Refused)
        assert "next one" in refused.reason
        await host.skip()
        await host.next()
        shown = await late.expect(QuestionMsg)
        assert shown.number == 2
        assert not any(isinstance(m, QuestionMsg) and m.number == 1 for m in late.seen)


BAD_LINES = [
    pytest.param(b"\xff\xfe\x00garbage\n", "UTF-8", id="garbage-bytes"),
    pytest.param(b"{not json\n", "JSON", id="invalid-json"),
    pytest.param(b'{"type": "shout", "text": "hi"}\n', "unknown message", id="unknown-type"),
    pytest.param(b'{"type": "answer", "number": 1, "value": NaN}\n', "finite", id="nan"),
    pytest.param(b'{"type": "answer", "number": 1, "value": 1e999}\n', "finite", id="inf"),
    pytest.param(
        b'{"type": "answer", "number": 99999999999999999999999}\n', "number", id="huge-int"
    ),
    pytest.param(b'{"type": "answer", "number": "1", "choice": 0}\n', "number", id="wrong-type"),
    pytest.param(
        b'{"type": "answer", "number": 1, "choice": 0, "admin": true}\n', "admin", id="extra-field"
    ),
    pytest.param(b"[1, 2, 3]\n", "object", id="not-an-object"),
    pytest.param(b"x" * (MAX_LINE * 4) + b"\n", "at most", id="oversized-line"),
]


@pytest.mark.parametrize(("line", "why"), BAD_LINES)
async def test_a_bad_line_closes_only_that_connection(
    second_bank: LoadedBank, line: bytes, why: str
) -> None:
    async with hosting(second_bank, seconds=600) as host:
        bad, good = await _joined(host, ["Mallory", "Ana"])
        await host.next()
        await good.expect(QuestionMsg)
        await bad.send_line(line)
        assert await bad.closed()
        errors = [m for m in bad.seen if isinstance(m, ErrorMsg)]
        assert errors and why.lower() in errors[-1].reason.lower()
        await good.send(AnswerMsg(number=1, **_right(host.room.question)))
        assert (await good.expect(Received)).number == 1
        assert host.room.phase in ("question", "reveal")


async def test_garbage_before_the_hello_is_refused(second_bank: LoadedBank) -> None:
    async with hosting(second_bank) as host:
        peer = await Peer.connect(host.address)  # type: ignore[arg-type]
        await peer.send_line(b"GET / HTTP/1.1\r\n")
        assert await peer.closed()
        assert isinstance(peer.seen[-1], ErrorMsg)
        assert host.room.players == {}


async def test_garbage_flood_and_oversize_while_the_class_plays_on(
    second_bank: LoadedBank, tmp_path: Path
) -> None:
    async with hosting(second_bank, tmp_path, seconds=600) as host:
        ana, ben, flood, big, junk = await _joined(host, ["Ana", "Ben", "Flo", "Big", "Junk"])
        await host.next()
        question = host.room.question
        await ana.expect(QuestionMsg)
        burst = encode(AnswerMsg(number=1, **_wrong(question))) * 500
        await flood.send_line(burst)
        await big.send_line(b"{" + b" " * (MAX_LINE * 10))
        await junk.send_line(b"\x00\x01\x02\n")
        await ana.send(AnswerMsg(number=1, **_right(question)))
        assert (await ana.expect(Received)).number == 1
        for peer in (flood, big, junk):
            assert await peer.closed()
        assert any(isinstance(m, ErrorMsg) and "too many" in m.reason for m in flood.seen)
        assert any(isinstance(m, ErrorMsg) and "at most" in m.reason for m in big.seen)
        # The flooder's first answer was taken, once; the rest never counted.
        assert len(host.room.players[3].answers) == 1
        await ben.send(AnswerMsg(number=1, **_wrong(question)))
        assert (await ben.expect(Received)).number == 1
        reveal = await ana.expect(RevealMsg)
        assert reveal.yours is not None and reveal.yours.correct


async def test_a_dropped_student_rejoins_with_the_token_and_keeps_the_score(
    second_bank: LoadedBank, tmp_path: Path
) -> None:
    async with hosting(second_bank, tmp_path, seconds=600) as host:
        ana = await Peer.connect(host.address)  # type: ignore[arg-type]
        welcome = await ana.join(host.room.code, "Ana")
        (ben,) = await _joined(host, ["Ben"])
        await host.next()
        question = host.room.question
        await ana.send(AnswerMsg(number=1, **_right(question)))
        await ana.expect(Received)
        await ana.close()
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
        await ben.send(AnswerMsg(number=1, **_wrong(question)))
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
        (ana,) = await _joined(host, ["Ana"])
        await host.next()
        question = host.room.question
        await ana.send(AnswerMsg(number=1, **_right(question)))
        await ana.expect(Received)
        await chi.close()
        for _ in range(100):
            if not host.room.players[1].connected:
                break
            await asyncio.sleep(0.01)
        assert host.room.phase == "question", "everyone still here has answered, yet Chi may return"
        again = await Peer.connect(host.address)  # type: ignore[arg-type]
        await again.join(host.room.code, "", token=welcome.token)
        assert (await again.expect(QuestionMsg)).number == 1
        await again.send(AnswerMsg(number=1, **_wrong(question)))
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
        ana, ben, chi = await _joined(host, ["Ana", "Ben", "Chi"])
        for number, question in enumerate(host.room.questions, start=1):
            marks = [len(p.raw) for p in (ana, ben, chi)]
            await host.next()
            for peer in (ana, ben, chi):
                await peer.expect(QuestionMsg)
            # Ana and Ben answer; their answers must not reach anyone before the reveal.
            await ana.send(AnswerMsg(number=number, **_right(question)))
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
