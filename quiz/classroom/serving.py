"""Each student's connection to the classroom host, from the first line to the last.

`Serving` is the half of `quiz.classroom.server.Host` that talks to one connection at a
time: it takes the connection into a slot (`quiz.classroom.gate`), reads its hello
within `FIRST_LINE_SECONDS`, holds a wrong code, joins or rejoins the player, then
takes their answers until they leave. It is called back by each connection's protocol
(`quiz.classroom.link.Link`: `on_connect`, `on_message`, `on_drop`, `on_lost`), in the
same event-loop callback that read the line: no task per student. Bad lines drop only
that connection, with an `ErrorMsg` saying why (`link.Drop`); the link catches whatever
else a step raises, so no exception reaches the loop. The teacher's controls and the
life cycle are the other half, in `server.py`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from quiz.classroom import outbox
from quiz.classroom.gate import BUSY, FIRST_LINE_SECONDS, Gate
from quiz.classroom.link import BUSY_LINGER_SECONDS, LINGER_SECONDS, Busy, Drop, Link
from quiz.classroom.protocol import (
    PROTOCOL_VERSION,
    AnswerMsg,
    Bye,
    ErrorMsg,
    Hello,
    LobbyMsg,
    Received,
    Refused,
    encode,
)
from quiz.classroom.room import Player, Refusal, Room
from quiz.classroom.saver import Saver

if TYPE_CHECKING:
    from quiz.results.record import GameRecord

log = logging.getLogger(__name__)


NO_HELLO = "no hello received in time"


class Serving:
    """The room's connections: admission, hello, answers, drops."""

    def __init__(
        self,
        room: Room,
        *,
        record: GameRecord | None,
        on_change: Callable[[], None] | None,
        gate: Gate[Link] | None,
    ) -> None:
        self.room = room
        self.record = record
        self.on_change = on_change or (lambda: None)
        self.gate: Gate[Link] = gate or Gate(room.clock)
        self._links: dict[int, Link] = {}
        """Live connection of each player, by player id."""
        self._all: set[Link] = set()
        self._held: set[Link] = set()
        """Connections held for a wrong code (closed with the host)."""
        self._saver: Saver | None = None
        self._lobby_pending = False
        self._change_pending = False
        self._outbox = outbox.Outbox(room)
        self._late = 0
        """Players who joined during the open question (connected, not in it)."""
        self._reveal_pending = False
        """A reveal after the last answer awaited is on its way (`_reveal_soon`)."""

    @property
    def store_error(self) -> str | None:
        """The last results-store failure, for the projector to show."""
        return self._saver.error if self._saver else None

    @property
    def saver(self) -> Saver:
        if self._saver is None:  # made on the loop: it owns an asyncio.Event
            self._saver = Saver(self.record)
        return self._saver

    def reveal_now(self) -> None:
        """Close the open question and send its reveal (the host's; see server.py)."""
        raise NotImplementedError

    def _changed(self) -> None:
        """Tell the projector once per burst of events, not once per answer."""
        if self._change_pending:
            return
        self._change_pending = True
        asyncio.get_running_loop().call_soon(self._flush_change)

    def _flush_change(self) -> None:
        self._change_pending = False
        self.on_change()

    def _send_lobby(self) -> None:
        """Tell everyone how many are in the room, once per burst of joins."""
        if self.room.phase != "lobby" or self._lobby_pending:
            return
        self._lobby_pending = True
        asyncio.get_running_loop().call_soon(self._flush_lobby)

    def _flush_lobby(self) -> None:
        self._lobby_pending = False
        if self.room.phase != "lobby":
            return
        line = encode(LobbyMsg(players=len(self.room.active())))
        for link in self._links.values():
            link.send_bytes(line)

    # -- one connection (the calls `quiz.classroom.link.Link` makes) -----------------

    def connect(self) -> Link:
        """A new connection's protocol (`loop.create_server` calls this per connection)."""
        return Link(self, asyncio.get_running_loop())

    def on_connect(self, link: Link) -> None:
        self._all.add(link)
        admission = self.gate.admit(link, link.peer)
        for idle in admission.evict:
            idle.send_now(ErrorMsg(reason=BUSY, retry=True))
            idle.close()
        if not admission.admitted:
            raise Busy(BUSY)
        link.after(FIRST_LINE_SECONDS, lambda: self.on_drop(link, Drop(NO_HELLO)))

    def on_message(self, link: Link, message: Hello | AnswerMsg | Bye) -> None:
        if link.player is not None:
            if isinstance(message, AnswerMsg):
                self._answer(link, message)
            elif isinstance(message, Bye):
                link.close()
            else:
                raise Drop("already joined")
            return
        self.gate.spoke(link)
        if not isinstance(message, Hello):
            raise Drop("the first message must be a hello")
        self._hello(link, message)

    def on_drop(self, link: Link, drop: Drop) -> None:
        link.send_now(
            ErrorMsg(reason=str(drop), retry=isinstance(drop, Busy), number=self.room.number)
        )
        self._detach(link)
        link.linger(BUSY_LINGER_SECONDS if isinstance(drop, Busy) else LINGER_SECONDS)

    def on_lost(self, link: Link) -> None:
        self.gate.release(link)
        self._all.discard(link)
        self._held.discard(link)
        self._detach(link)

    def _detach(self, link: Link) -> None:
        """The connection no longer speaks for its player (who may rejoin)."""
        player = link.player
        if player is None or self._links.get(player.id) is not link:
            return
        del self._links[player.id]
        player.connected = False
        # No reveal here even if everyone left has answered: a student whose connection
        # blinks rejoins within seconds and should still be able to answer.
        self._changed()

    def _hello(self, link: Link, hello: Hello) -> None:
        room = self.room
        if hello.version != PROTOCOL_VERSION:
            raise Drop(
                f"this host speaks protocol {PROTOCOL_VERSION}, the client {hello.version}:"
                " use the same version of quiz"
            )
        if not room.check_code(hello.code):
            # Only this connection waits: a right code or token from the same computer
            # is taken at once (quiz.classroom.gate says why this bounds guessing).
            self._held.add(link)
            link.hold(
                self.gate.wrong_code(link.peer),
                lambda: self.on_drop(link, Drop("wrong join code")),
            )
            return
        try:
            player = room.rejoin(hello.token) if hello.token else None
            rejoined = player is not None
            if player is None:
                player = room.join(hello.name)
        except Refusal as refusal:
            raise Drop(str(refusal)) from None
        self._attach(link, player, rejoined)
        self.gate.release(link)

    def _attach(self, link: Link, player: Player, rejoined: bool) -> None:
        room = self.room
        old = self._links.get(player.id)
        if old is not None and old is not link:
            old.send_now(ErrorMsg(reason="you joined again from another connection"))
            old.close()
        link.player = player
        player.connected = True
        self._links[player.id] = link
        playing_now = room.phase == "question" and player.plays(room.number)
        if room.phase == "question" and not playing_now:
            self._late += 1
        link.send(self._outbox.welcome(player, rejoined))
        if room.phase == "lobby":
            self._send_lobby()
        elif playing_now:
            link.send(self._outbox.question())
            if room.number in player.answers:
                link.send(Received(number=room.number))
        elif room.phase == "reveal" and player.plays(room.number):
            positions = room.positions()
            shared = self._outbox.shared_reveal(len(positions))
            link.send_bytes(self._outbox.reveal_line(shared, player, positions))
        elif room.phase == "finished":
            top, places = self._outbox.podium()
            link.send(self._outbox.end(player, top, places))
        # The store learns of a player with their first answer (or first miss): a flood of
        # hellos that never answers leaves no rows behind.
        self._changed()

    def _answer(self, link: Link, message: AnswerMsg) -> None:
        player = link.player
        assert player is not None
        room = self.room
        try:
            given = room.answer(player, message.number, message.choice, message.value)
        except Refusal as refusal:
            link.send(Refused(number=message.number, reason=str(refusal)))
            return
        question = room.questions[message.number - 1]
        received = self._outbox.received(message.number)
        link.saving += 1
        self.saver.answer(
            player,
            question,
            given.text,
            given.score,
            given.seconds,
            lambda: link.saved(received),
            given.bonus,
            given.bonus_reason,
        )
        self._changed()
        self._reveal_soon()

    def _reveal_soon(self) -> None:
        """After an answer: reveal if it was the last one awaited, in the loop's next pass.

        The acknowledgements of answers already committed go out first: building a class's
        reveal takes milliseconds, and in the callback that read the last answer it held
        them back. The question stays open until then (the teacher's `next` cannot run in
        between), and the reveal is built when it is sent, from the room as it is then.
        """
        if self._reveal_pending or not self._may_reveal():
            return
        self._reveal_pending = True
        asyncio.get_running_loop().call_soon(self._reveal_deferred)

    def _reveal_deferred(self) -> None:
        self._reveal_pending = False
        self._reveal_if_all_answered()

    def _may_reveal(self) -> bool:
        """A question is open and the running count of answers reaches everyone connected
        (a cheap test before looking at each player)."""
        room = self.room
        return room.phase == "question" and room.answered >= len(self._links) - self._late

    def _reveal_if_all_answered(self) -> None:
        """Reveal at once when every connected player in the question has answered."""
        if not self._may_reveal():
            return
        room = self.room
        here = [p for p in room.in_question() if p.id in self._links]
        if here and all(room.number in p.answers for p in here):
            try:
                self.reveal_now()
            except Exception:
                log.exception("classroom reveal")
