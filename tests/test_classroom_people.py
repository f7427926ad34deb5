"""Issue 12's problems 4-7 and 10 on loopback: the record, bans, names, the student's
terminal and the smaller ones. (Problems 1-3 are in test_classroom_pranks.py.)"""

from __future__ import annotations

import asyncio
import json
import os
import re
import stat
import sys
from pathlib import Path

import pytest
from classroom_loopback import Peer, hosting, quiz, right

from quiz.bank.loader import LoadedBank
from quiz.bank.numbers import format_number
from quiz.classroom import tokens
from quiz.classroom.protocol import (
    PROTOCOL_VERSION,
    AnswerMsg,
    EndMsg,
    ErrorMsg,
    QuestionMsg,
    Received,
    RevealMsg,
    Welcome,
)
from quiz.results.store import Store

ESCAPES = "\x1b]0;PWNED\x07\x1b[2J\x1b[31m\u202e"


async def joined(host: object, *names: str) -> list[Peer]:
    peers = []
    for name in names:
        peer = await Peer.connect(host.address)  # type: ignore[attr-defined]
        await peer.hello(host.room.code, name)  # type: ignore[attr-defined]
        await peer.expect(Welcome)
        peers.append(peer)
    return peers


# -- 4. the host owns the record; one printable filter -----------------------------


async def test_the_stored_answer_is_the_hosts_words_and_a_client_text_is_refused(
    second_bank: LoadedBank, tmp_path: Path
) -> None:
    store = Store(tmp_path)
    async with hosting(second_bank, store=store) as host:
        question = host.room.questions[0]
        ana, ben = await joined(host, "Ana", "Ben")
        await host.next()
        await ana.expect(QuestionMsg)
        # The forged record: a text that says something else and escapes.
        forged = {"type": "answer", "number": 1, "value": question.low, "text": "=HYPERLINK(1)"}
        await ben.send_raw(json.dumps(forged).encode() + b"\n")
        refused = await ben.expect(ErrorMsg)
        assert "text" in refused.reason
        await ana.send(AnswerMsg(number=1, value=question.low * 3))
        await ana.expect(Received)
        await host.saver.drain()
        rows = store.answers(host.record.session_id)  # type: ignore[union-attr]  # hosting(store=) gave it a record
    assert [row.given for row in rows] == [format_number(question.low * 3)]
    store.close()


def test_results_print_no_escape_into_the_teachers_terminal_or_csv(
    second_bank: LoadedBank, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A store written before this fix (or by hand) holds escapes: neither the listing nor
    the CSV lets one through."""
    from quiz.cli.main import main
    from quiz.game.generate import Settings, generate
    from quiz.game.scoring import Score

    question = generate(second_bank, Settings(count=1, seed=3))[0]
    with Store(tmp_path) as store:
        sid = store.start_session(second_bank, mode="classroom", seed=3, total=1)
        pid = store.add_player(sid, "Eve" + ESCAPES)
        store.record(sid, pid, question, "=HYPERLINK(1)" + ESCAPES, Score(0, 1, False, "no"))
    for argv in (["--session", str(sid)], ["--csv"], ["--csv", "--summary"]):
        assert main(["results", "--data-dir", str(tmp_path), *argv]) == 0
        out = capsys.readouterr().out
        assert "Eve" in out
        for char in "\x1b\x07\u202e":
            assert char not in out, (argv, out)
    assert "'=HYPERLINK(1)" in out or "=HYPERLINK" not in out


async def test_the_student_strips_control_characters_from_the_hosts_text() -> None:
    """A host (or whatever answers on that address) sends escapes in a prompt and an
    option: the student's screens show them as U+FFFD, and nothing reaches the terminal."""
    from quiz.screens.classroom.join_app import JoinApp
    from quiz.screens.classroom.join_views import JoinQuestionScreen

    async def evil(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readline()
        for message in (
            {
                "type": "welcome",
                "version": PROTOCOL_VERSION,
                "name": "Ana" + ESCAPES,
                "token": "t",
                "total": 1,
            },
            {
                "type": "question",
                "number": 1,
                "total": 1,
                "kind": "choice",
                "prompt": "How many?" + ESCAPES,
                "options": ["one" + ESCAPES, "two"],
                "seconds_left": 30,
            },
        ):
            writer.write(json.dumps(message).encode() + b"\n")
        await writer.drain()
        await reader.read()

    server = await asyncio.start_server(evil, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        app = JoinApp("127.0.0.1", port, "ABCDEF", "Ana", rejoin_pause=60)
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(200):
                if isinstance(app.screen, JoinQuestionScreen):
                    break
                await pilot.pause(0.01)
            screen = app.screen
            assert isinstance(screen, JoinQuestionScreen)
            assert screen.message.prompt.startswith("How many?\ufffd]0;PWNED\ufffd")
            assert all(ch not in "".join(screen.message.options) for ch in "\x1b\x07\u202e")
            shown = str(screen.query_one("#prompt").render())
            assert "\x1b" not in shown and "\ufffd" in shown
            await app.student.leave()
    finally:
        server.close()


# -- 5. removing is a ban; absent players -------------------------------------------


@pytest.mark.parametrize("again", ["Ana", "ANA", "\u0410na", " Ana "])
async def test_a_removed_name_cannot_join_again_in_any_spelling(
    second_bank: LoadedBank, again: str
) -> None:
    async with hosting(second_bank) as host:
        (ana,) = await joined(host, "Ana")
        host.remove(1)
        assert "removed" in (await ana.expect(ErrorMsg)).reason
        peer = await Peer.connect(host.address)  # type: ignore[arg-type]
        await peer.hello(host.room.code, again)
        reply = await peer.expect(ErrorMsg)
        assert "removed" in reply.reason
        assert [p.name for p in host.room.active()] == []


async def test_one_choice_removes_everyone_who_left_or_never_answered(
    second_bank: LoadedBank,
) -> None:
    async with hosting(second_bank) as host:
        ana, ben, chi = await joined(host, "Ana", "Ben", "Chi")
        await host.next()
        await ana.send(AnswerMsg(number=1, **right(host.room.questions[0])))
        await ana.expect(Received)
        chi.close()
        for _ in range(200):
            if not host.room.players[3].connected:
                break
            await asyncio.sleep(0.01)
        assert host.remove_absent() == 2
        assert [p.name for p in host.room.active()] == ["Ana"]
        # Ben was the only one left to answer: the reveal follows at once.
        assert (await ana.expect(RevealMsg)).number == 1
        assert any(
            isinstance(m, ErrorMsg) and "removed" in m.reason for m in [await ben.expect(ErrorMsg)]
        )


async def test_connections_that_drop_before_answering_are_not_on_the_podium_or_in_the_store(
    second_bank: LoadedBank, tmp_path: Path
) -> None:
    store = Store(tmp_path)
    async with hosting(second_bank, store=store) as host:
        ana, _ben = await joined(host, "Ana", "Ben")
        flood = await joined(host, *(f"bot{n}" for n in range(20)))
        for peer in flood:
            peer.close()
        for _ in range(200):
            if sum(p.connected for p in host.room.players.values()) == 2:
                break
            await asyncio.sleep(0.01)
        for number, question in enumerate(host.room.questions, start=1):
            await host.next()
            await ana.send(AnswerMsg(number=number, **right(question)))
            await ana.expect(Received)
            await host.skip()
            reveal = await ana.expect(RevealMsg)
            assert reveal.players == 2, "Ana and Ben (who missed it), not the bots"
        await host.next()
        end = await ana.expect(EndMsg)
        assert end.players == 2 and [place.name for place in end.podium] == ["Ana", "Ben"]
        await host.saver.drain()
        rows = store.answers(host.record.session_id)  # type: ignore[union-attr]  # hosting(store=) gave it a record
    assert {row.player for row in rows} == {"Ana", "Ben"}
    assert len(rows) == 2 * len(host.room.questions)
    store.close()


# -- 7. names that read the same are one name ----------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [("José", "Jose\u0301"), ("Ana", "\u0410na"), ("Ana", "ＡＮＡ"), ("Al", "AI")],
)
async def test_names_that_read_the_same_are_one_name(
    second_bank: LoadedBank, first: str, second: str
) -> None:
    async with hosting(second_bank) as host:
        await joined(host, first)
        peer = await Peer.connect(host.address)  # type: ignore[arg-type]
        await peer.hello(host.room.code, second)
        reply = await peer.expect(ErrorMsg)
        assert "taken" in reply.reason


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("\u2800", "visible"),
        ("\u3164", "visible"),
        ("\u0301", "visible"),
        ("Ana\u2028Ben", "line breaks"),
        ("Ana\u200bBen", "invisible"),
        ("Ana\u00a0Ben", "plain spaces"),
    ],
)
async def test_blank_invisible_and_line_separator_names_are_refused(
    second_bank: LoadedBank, name: str, why: str
) -> None:
    async with hosting(second_bank) as host:
        peer = await Peer.connect(host.address)  # type: ignore[arg-type]
        await peer.hello(host.room.code, name)
        reply = await peer.expect(ErrorMsg)
        assert why in reply.reason
        assert host.room.players == {}


async def test_a_name_is_stored_nfc(second_bank: LoadedBank) -> None:
    async with hosting(second_bank) as host:
        peer = await Peer.connect(host.address)  # type: ignore[arg-type]
        await peer.hello(host.room.code, "Jose\u0301")
        assert (await peer.expect(Welcome)).name == "Jos\u00e9"


# -- 10. the smaller ones -------------------------------------------------------------


async def test_the_students_rank_counts_the_same_players_as_the_projector(
    second_bank: LoadedBank,
) -> None:
    async with hosting(second_bank) as host:
        ana, _ben = await joined(host, "Ana", "Ben")
        await host.next()
        (_late,) = await joined(host, "Lou")  # plays from the next question
        await ana.send(AnswerMsg(number=1, **right(host.room.questions[0])))
        await ana.expect(Received)
        assert host.room.answered_of() == (1, 2)
        await host.skip()
        reveal = await ana.expect(RevealMsg)
        assert (reveal.rank, reveal.players) == (1, 2)
        assert host.room.reveal is not None and host.room.reveal.players == 2


async def test_an_idle_question_does_not_redraw_the_projector(second_bank: LoadedBank) -> None:
    async with hosting(second_bank) as host:
        (ana,) = await joined(host, "Ana")
        await host.next()
        await ana.expect(QuestionMsg)
        calls: list[None] = []
        host.on_change = lambda: calls.append(None)
        await asyncio.sleep(0.5)  # ten of the test host's ticks, in a question
        assert calls == []
        await ana.send(AnswerMsg(number=1, **right(host.room.questions[0])))
        await ana.expect(RevealMsg)
        assert calls, "a change (the answer, the reveal) still redraws"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_token_files_are_readable_by_their_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "token.json"
    path.write_text("{}")
    os.chmod(path, 0o644)  # an older, world-readable file is tightened too
    tokens.remember(path, "Ana", "secret")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert tokens.remembered(path, "Ana") == "secret"


async def test_the_leaderboard_lines_up_its_ranks_and_names(second_bank: LoadedBank) -> None:
    """Names of different lengths: every rank ends in the same screen column (each line
    centred on its own made the ranks ragged), and the table is centred as a block."""
    from quiz.screens.classroom.host_app import make_host_app

    from quiz.classroom.room import Room

    room = Room(quiz(second_bank), loaded=second_bank, seconds=600)
    for name in ("Al", "Benedikta Longname", "Chi", "Dominique"):
        room.join(name)
    app = make_host_app(room, shown_address="127.0.0.1:8765")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        question = room.questions[0]
        for player in list(room.active())[1::2]:
            room.answer(player, 1, right(question).get("choice"), right(question).get("value"))  # type: ignore[arg-type]
        await app.host.skip()
        await pilot.press("enter")
        for _ in range(100):
            if app.view == "leaderboard":
                break
            await pilot.pause(0.02)
        await pilot.pause()
        table = app.screen.query_one("#table")
        lines = ["".join(seg.text for seg in table.render_line(y)) for y in range(4)]
        ends = {re.search(r"\d(st|nd|rd|th)", line).end() + table.region.x for line in lines}  # type: ignore[union-attr]
        assert len(ends) == 1, lines
        assert table.region.x > 0, "the block is centred"
