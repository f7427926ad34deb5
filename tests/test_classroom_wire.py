"""The classroom host's door, on loopback: the join code, the protocol version and names
are checked, and a bad line (before or after the hello) drops only its own connection
while the class plays on.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from classroom_session_kit import WAIT, Peer, hosting, joined, right, wrong

from quiz.bank.loader import LoadedBank
from quiz.classroom import serving
from quiz.classroom.protocol import (
    MAX_LINE,
    PROTOCOL_VERSION,
    AnswerMsg,
    ErrorMsg,
    Hello,
    QuestionMsg,
    Received,
    Refused,
    RevealMsg,
    Welcome,
    encode,
)


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
        await joined(host, ["Ana"])
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
        bad, good = await joined(host, ["Mallory", "Ana"])
        await host.next()
        await good.expect(QuestionMsg)
        await bad.send_raw(line)
        assert await bad.closed()
        errors = [m for m in bad.seen if isinstance(m, ErrorMsg)]
        assert errors and why.lower() in errors[-1].reason.lower()
        await good.send(AnswerMsg(number=1, **right(host.room.question)))
        assert (await good.expect(Received)).number == 1
        assert host.room.phase in ("question", "reveal")


async def test_garbage_before_the_hello_is_refused(second_bank: LoadedBank) -> None:
    async with hosting(second_bank) as host:
        peer = await Peer.connect(host.address)  # type: ignore[arg-type]
        await peer.send_raw(b"GET / HTTP/1.1\r\n")
        assert await peer.closed()
        assert isinstance(peer.seen[-1], ErrorMsg)
        assert host.room.players == {}


async def test_garbage_flood_and_oversize_while_the_class_plays_on(
    second_bank: LoadedBank, tmp_path: Path
) -> None:
    async with hosting(second_bank, tmp_path, seconds=600) as host:
        ana, ben, flood, big, junk = await joined(host, ["Ana", "Ben", "Flo", "Big", "Junk"])
        await host.next()
        question = host.room.question
        await ana.expect(QuestionMsg)
        burst = encode(AnswerMsg(number=1, **wrong(question))) * 500
        await flood.send_raw(burst)
        await big.send_raw(b"{" + b" " * (MAX_LINE * 10))
        await junk.send_raw(b"\x00\x01\x02\n")
        await ana.send(AnswerMsg(number=1, **right(question)))
        assert (await ana.expect(Received)).number == 1
        for peer in (flood, big, junk):
            assert await peer.closed()
        assert any(isinstance(m, ErrorMsg) and "too many" in m.reason for m in flood.seen)
        assert any(isinstance(m, ErrorMsg) and "at most" in m.reason for m in big.seen)
        # The flooder's first answer was taken, once; the rest never counted.
        assert len(host.room.players[3].answers) == 1
        await ben.send(AnswerMsg(number=1, **wrong(question)))
        assert (await ben.expect(Received)).number == 1
        reveal = await ana.expect(RevealMsg)
        assert reveal.yours is not None and reveal.yours.correct


async def test_lines_are_read_whole_however_the_bytes_arrive(second_bank: LoadedBank) -> None:
    """A hello that comes a few bytes at a time joins; a hello and an answer in one write are
    both taken, in order."""
    async with hosting(second_bank, seconds=600) as host:
        slow = await Peer.connect(host.address)  # type: ignore[arg-type]
        hello = encode(Hello(version=PROTOCOL_VERSION, code=host.room.code, name="Ana"))
        for start in range(0, len(hello), 7):
            await slow.send_raw(hello[start : start + 7])
            await asyncio.sleep(0.005)
        welcome = await slow.receive()
        assert isinstance(welcome, Welcome) and welcome.name == "Ana"
        await host.next()
        await slow.expect(QuestionMsg)
        eager = await Peer.connect(host.address)  # type: ignore[arg-type]
        both = encode(Hello(version=PROTOCOL_VERSION, code=host.room.code, name="Ben"))
        both += encode(AnswerMsg(number=1, **right(host.room.question)))
        await eager.send_raw(both)
        assert isinstance(await eager.receive(), Welcome)
        refused = await eager.expect(Refused)
        assert refused.number == 1 and "next one" in refused.reason, "Ben joined mid-question"


async def test_a_connection_that_says_nothing_is_closed_with_a_reason(
    second_bank: LoadedBank, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(serving, "FIRST_LINE_SECONDS", 0.2)
    async with hosting(second_bank) as host:
        silent = await Peer.connect(host.address)  # type: ignore[arg-type]
        reply = await silent.receive()
        assert isinstance(reply, ErrorMsg) and reply.reason == "no hello received in time"
        assert await silent.closed()
        await silent.hang_up()
        loop = asyncio.get_running_loop()
        end = loop.time() + WAIT
        while host.gate.pending() and loop.time() < end:
            await asyncio.sleep(0.01)
        assert host.gate.pending() == 0, "its slot is free again"
