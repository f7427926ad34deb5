"""The classroom under the pranks of issue 12, on loopback: one test per problem found.

Each test plays the prank against a real `Host` and checks that nobody else was
disturbed. Every read is bounded by `WAIT`; no test asserts on how long anything took
(where a hold matters, the order of events is asserted instead).
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from classroom_loopback import WAIT, Peer, hosting, right, wrong_code

from quiz.bank.loader import LoadedBank
from quiz.classroom.client import Status, Student
from quiz.classroom.gate import BUSY, PENDING_PER_ADDRESS, Gate, address_key
from quiz.classroom.link import Link
from quiz.classroom.protocol import (
    AnswerMsg,
    ErrorMsg,
    QuestionMsg,
    Received,
    RevealMsg,
    Welcome,
)
from quiz.results.store import Store

# -- 1. wrong codes lock nobody out ------------------------------------------------


async def test_wrong_codes_from_one_computer_never_refuse_a_right_code_or_a_rejoin(
    second_bank: LoadedBank,
) -> None:
    """The issue's prank: 21 wrong codes from the room's address, then a rejoin by token
    and a new student by code from the same address. Both get in at once, while the
    connection sending the 21st wrong code is still being held."""
    gate: Gate[Link] = Gate(asyncio.get_running_loop().time, min_hold=0.0, refill=2.0)
    async with hosting(second_bank, gate=gate) as host:
        room = host.room
        ana = await Peer.connect(host.address)  # type: ignore[arg-type]
        await ana.hello(room.code, "Ana")
        welcome = await ana.expect(Welcome)
        ana.close()
        for _ in range(20):
            prank = await Peer.connect(host.address)  # type: ignore[arg-type]
            await prank.hello(wrong_code(room), "Eve")
            reply = await prank.expect(ErrorMsg)
            assert reply.reason == "wrong join code"
            prank.close()
        events: list[str] = []
        held = await Peer.connect(host.address)  # type: ignore[arg-type]
        await held.hello(wrong_code(room), "Eve")

        async def prank_reply() -> None:
            reply = await held.expect(ErrorMsg)
            events.append(f"prank: {reply.reason}")

        waiting = asyncio.create_task(prank_reply())
        again = await Peer.connect(host.address)  # type: ignore[arg-type]
        await again.hello(room.code, token=welcome.token)
        back = await again.expect(Welcome)
        events.append(f"rejoined {back.name}")
        ben = await Peer.connect(host.address)  # type: ignore[arg-type]
        await ben.hello(room.code, "Ben")
        events.append(f"joined {(await ben.expect(Welcome)).name}")
        await asyncio.wait_for(waiting, WAIT)
        assert events == ["rejoined Ana", "joined Ben", "prank: wrong join code"]
        assert back.rejoined


def test_the_guess_allowance_is_a_burst_then_one_per_refill_and_expires() -> None:
    now = [0.0]
    gate: Gate[object] = Gate(lambda: now[0], burst=20, refill=3.0, min_hold=0.5)
    holds = [gate.wrong_code("10.0.0.7") for _ in range(23)]
    assert holds[:20] == [0.5] * 20, "the first twenty are only held a moment"
    assert holds[20:] == [3.0, 6.0, 9.0], "then one every three seconds, queued"
    assert gate.wrong_code("10.0.0.8") == 0.5, "another computer has its own allowance"
    now[0] += 20 * 3.0 + 3 * 3.0
    assert gate.wrong_code("10.0.0.7") == 0.5, "a quiet address is as good as new"


def test_ipv6_addresses_share_an_allowance_per_64() -> None:
    assert address_key("2001:db8::1") == address_key("2001:db8::ffff")
    assert address_key("2001:db8::1") != address_key("2001:db8:0:1::1")
    assert address_key("::ffff:10.0.0.7") == "10.0.0.7"


# -- 2. a flood of connections takes no one's place -------------------------------


async def test_a_connection_flood_leaves_room_for_a_join_and_a_rejoin(
    second_bank: LoadedBank,
) -> None:
    """650 idle connections (more than the old cap of 600) from the room's own address,
    kept open: a new student and a returning one (the real client, which retries a busy
    host) still get in, and the flood's connections were turned away, not kept."""
    async with hosting(second_bank) as host:
        room = host.room
        ana = await Peer.connect(host.address)  # type: ignore[arg-type]
        await ana.hello(room.code, "Ana")
        token = (await ana.expect(Welcome)).token
        ana.close()
        flood = [await Peer.connect(host.address) for _ in range(650)]  # type: ignore[arg-type]
        assert host.gate.pending() <= PENDING_PER_ADDRESS
        students = [
            Student(
                "127.0.0.1",
                host.address[1],  # type: ignore[index]
                room.code,
                name,
                on_message=lambda message: None,
                retry_pause=0.05,
                token=token if name == "Ana" else None,
            )
            for name in ("Ben", "Ana")
        ]
        tasks = [asyncio.create_task(s.run()) for s in students]
        for _ in range(int(WAIT / 0.01)):
            if all(s.status == "joined" for s in students):
                break
            await asyncio.sleep(0.01)
        assert [s.status for s in students] == ["joined", "joined"]
        # Every flood connection is turned away: told "busy" at once, or closed when its
        # first line does not come in time (which one depends on the machine's pace).
        told = [
            m
            for m in await asyncio.gather(*(peer.expect(ErrorMsg) for peer in flood))
            if isinstance(m, ErrorMsg)
        ]
        assert len(told) == len(flood)
        assert {m.reason for m in told} <= {BUSY, "no hello received in time"}
        assert any(m.retry for m in told), "the flood was told to try again later"
        for peer in flood:
            peer.close()
        assert sorted(p.name for p in room.active()) == ["Ana", "Ben"]
        assert room.players[1].connected, "Ana is back as herself"
        for student, task in zip(students, tasks, strict=True):
            await student.leave()
            task.cancel()


async def test_the_student_retries_a_busy_host_with_backoff_and_says_so(
    second_bank: LoadedBank,
) -> None:
    """Every slot of the address is held by a wrong code: the student is told "busy",
    reports that it is retrying, and joins once the slot frees."""
    gate: Gate[Link] = Gate(asyncio.get_running_loop().time, per_address=1, min_hold=0.6)
    async with hosting(second_bank, gate=gate) as host:
        prank = await Peer.connect(host.address)  # type: ignore[arg-type]
        await prank.hello(wrong_code(host.room), "Eve")
        for _ in range(100):
            if host.gate.pending() == 1 and host.room.code:
                break
            await asyncio.sleep(0.01)
        statuses: list[tuple[Status, str]] = []
        student = Student(
            "127.0.0.1",
            host.address[1],  # type: ignore[index]
            host.room.code,
            "Ana",
            on_message=lambda message: None,
            on_status=lambda status, text: statuses.append((status, text)),
            retry_pause=0.05,
        )
        task = asyncio.create_task(student.run())
        for _ in range(int(WAIT / 0.01)):
            if student.status == "joined":
                break
            await asyncio.sleep(0.01)
        retries = [text for status, text in statuses if status == "retrying"]
        assert retries, statuses
        assert "try again shortly; trying again in 0.05 s (try 1)" in retries[0]
        assert statuses[-1] == ("joined", "Ana")
        await student.leave()
        task.cancel()
        prank.close()


# -- 3. a reveal never comes after the next question --------------------------------


class SlowStore(Store):
    """A store whose commits wait until the test lets them through."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.gate = threading.Event()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        self.gate.wait(WAIT)
        with super().transaction():
            yield


async def test_a_late_commit_never_puts_the_next_question_before_the_reveal(
    second_bank: LoadedBank, tmp_path: Path
) -> None:
    store = SlowStore(tmp_path)
    store.gate.set()
    async with hosting(second_bank, store=store) as host:
        room = host.room
        peers = []
        for name in ("Ana", "Ben"):
            peer = await Peer.connect(host.address)  # type: ignore[arg-type]
            await peer.hello(room.code, name)
            await peer.expect(Welcome)
            peers.append(peer)
        await host.next()
        for peer in peers:
            await peer.expect(QuestionMsg)
        store.gate.clear()  # the commits of this question's answers are late
        for peer in peers:
            await peer.send(AnswerMsg(number=1, **right(room.questions[0])))
        for _ in range(100):
            if room.phase == "reveal":
                break
            await asyncio.sleep(0.01)
        assert room.phase == "reveal", "the reveal does not wait for the store"
        await host.next()  # the teacher moves on before the commit lands
        store.gate.set()
        for peer in peers:
            await peer.expect(QuestionMsg)
            order = [
                (type(m).__name__, m.number)  # type: ignore[attr-defined]
                for m in peer.seen
                if not isinstance(m, Welcome)
            ]
            assert order[-4:] == [
                ("QuestionMsg", 1),
                ("Received", 1),
                ("RevealMsg", 1),
                ("QuestionMsg", 2),
            ], order
    store.close()


async def test_every_host_message_names_its_question(second_bank: LoadedBank) -> None:
    async with hosting(second_bank) as host:
        peer = await Peer.connect(host.address)  # type: ignore[arg-type]
        await peer.hello(host.room.code, "Ana")
        await peer.expect(Welcome)
        await host.next()
        await peer.expect(QuestionMsg)
        await peer.send(AnswerMsg(number=1, **right(host.room.questions[0])))
        await peer.expect(Received)
        reveal = await peer.expect(RevealMsg)
        assert reveal.number == 1
        for message in peer.seen:
            assert hasattr(message, "number"), message


@pytest.mark.parametrize("late", ["reveal", "timer", "received"])
async def test_the_student_ignores_messages_for_a_question_it_has_left(late: str) -> None:
    from quiz.screens.classroom.join_app import JoinApp
    from quiz.screens.classroom.join_views import JoinQuestionScreen

    from quiz.classroom.protocol import TimerMsg

    app = JoinApp("127.0.0.1", 9, "ABCDEF", "Ana", rejoin_pause=60)
    async with app.run_test(size=(80, 24)) as pilot:
        for number in (1, 2):
            app.on_host_message(
                QuestionMsg(
                    number=number,
                    total=3,
                    kind="choice",
                    prompt=f"Q{number}?",
                    options=("a", "b"),
                    seconds_left=30,
                )
            )
            await pilot.pause()
        stale = {
            "reveal": RevealMsg(number=1, answer_text="a", answer_index=0),
            "timer": TimerMsg(number=1, seconds_left=0, paused=True),
            "received": Received(number=1),
        }[late]
        app.on_host_message(stale)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, JoinQuestionScreen) and screen.message.number == 2
        assert not screen.paused and not screen.settled
        app.on_host_message(RevealMsg(number=2, answer_text="b", answer_index=1))
        await pilot.pause()
        assert "Answer: b" in str(app.screen.query_one("#answer").render())  # type: ignore[attr-defined]


async def test_a_student_back_in_a_fresh_app_during_a_reveal_sees_it() -> None:
    """Found in the teacher's trial: `quiz join` run again during a reveal gets that
    reveal first (it never saw the question): it is shown, not taken for a late one."""
    from quiz.screens.classroom.join_app import JoinApp
    from quiz.screens.classroom.join_views import JoinRevealScreen

    app = JoinApp("127.0.0.1", 9, "ABCDEF", "Ana", rejoin_pause=60)
    async with app.run_test(size=(80, 24)) as pilot:
        app.on_host_message(RevealMsg(number=2, answer_text="b", answer_index=1))
        await pilot.pause()
        assert isinstance(app.screen, JoinRevealScreen)
        app.on_host_message(RevealMsg(number=1, answer_text="a", answer_index=0))
        await pilot.pause()
        assert app.screen.reveal.number == 2  # type: ignore[attr-defined]


async def test_closing_the_host_ends_a_connection_held_for_a_wrong_code(
    second_bank: LoadedBank, caplog: pytest.LogCaptureFixture
) -> None:
    """Quitting the projector while a prank's wrong code is held ends that connection
    and prints nothing."""
    gate: Gate[Link] = Gate(asyncio.get_running_loop().time, min_hold=60.0)
    async with hosting(second_bank, gate=gate) as host:
        prank = await Peer.connect(host.address)  # type: ignore[arg-type]
        await prank.hello(wrong_code(host.room), "Eve")
        for _ in range(100):
            if host._held:
                break
            await asyncio.sleep(0.01)
        held = list(host._held)
    assert held and all(link.closed for link in held)
    assert await prank.receive() is None, "the held connection is closed, not left hanging"
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


def test_slots_evict_only_connections_that_stayed_silent() -> None:
    """A class joining at once is not mistaken for a flood: a connection is evicted only
    after saying nothing for `idle_evict`; one that has spoken never is."""
    now = [0.0]
    gate: Gate[str] = Gate(lambda: now[0], per_address=2, idle_evict=0.5)
    assert gate.admit("a", "10.0.0.1").admitted and gate.admit("b", "10.0.0.1").admitted
    assert not gate.admit("c", "10.0.0.1").admitted, "a and b only just arrived"
    assert gate.admit("x", "10.0.0.2").admitted, "another computer has its own slots"
    now[0] += 0.6
    gate.spoke("a")
    admission = gate.admit("d", "10.0.0.1")
    assert admission.admitted and admission.evict == ["b"], "b said nothing; a did"
