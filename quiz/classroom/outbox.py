"""The host's messages, built from the room: welcome, question, reveal, end.

A reveal goes to the whole class at once, and most of it (the answer, the cards, the
chart) is the same for everyone: `shared_reveal` builds and encodes that part once per
question and `reveal_line` splices in each student's own few fields, so a class of a
thousand costs one large encode and a thousand small ones. The per-student part is a
plain dict of `YourReveal`'s fields (no model built: every value in it is the host's own,
typed by the engine); the student validates the whole line as it reads it.
"""

from __future__ import annotations

from itertools import accumulate
from typing import TYPE_CHECKING

from quiz.classroom.protocol import (
    EndMsg,
    PlaceMsg,
    QuestionMsg,
    Received,
    RevealMsg,
    Welcome,
    encode,
    reveal_line,
)
from quiz.classroom.views import card_message, place_message, point_message
from quiz.game.scoring import NumberAnswer
from quiz.present.chart import draws_guesses
from quiz.present.ranking import Standing, podium

if TYPE_CHECKING:
    from quiz.classroom.room import Player, Room


class Outbox:
    def __init__(self, room: Room) -> None:
        self.room = room
        self._prefix = (0.0, *accumulate(q.points for q in room.questions))
        """Points of the first n questions, for each player's maximum."""
        self._shared: tuple[int, int, bytes] | None = None
        """(question number, players, encoded shared part) of the last reveal built."""
        self._received: dict[int, bytes] = {}

    def received(self, number: int) -> bytes:
        """The acknowledgement of an answer to question `number`, encoded once for the class."""
        line = self._received.get(number)
        if line is None:
            line = self._received[number] = encode(Received(number=number))
        return line

    def available(self, player: Player, upto: int) -> float:
        """Points of the questions this player has been in, up to question `upto`."""
        first = min(player.first, upto + 1)
        return self._prefix[upto] - self._prefix[first - 1]

    def welcome(self, player: Player, rejoined: bool) -> Welcome:
        room = self.room
        playing_now = room.phase == "question" and player.plays(room.number)
        return Welcome(
            name=player.name,
            token=player.token,
            total=room.total,
            points=player.points,
            max_points=self.available(
                player, room.number if room.phase != "question" else room.number - 1
            ),
            rejoined=rejoined,
            waiting=not (playing_now or room.phase in ("reveal", "finished")),
            number=room.number,
        )

    def question(self) -> QuestionMsg:
        room = self.room
        assert room.question is not None, "a question message is sent only while one is open"
        return QuestionMsg.of(
            room.question,
            room.number,
            room.total,
            room.seconds_left(),
            room.paused,
            examples=room.examples_for(room.question),
        )

    def shared_reveal(self, players: int) -> bytes:
        """The revealed question's part that every student gets, encoded (once)."""
        reveal = self.room.reveal
        assert reveal is not None
        if self._shared and self._shared[:2] == (reveal.number, players):
            return self._shared[2]
        question = reveal.question
        # The figures' part of the view (`quiz.present`); each student's guess is theirs.
        figures = reveal.explanation.chart if reveal.explanation is not None else ()
        shared = RevealMsg(
            number=reveal.number,
            answer_text=question.answer_text,
            answer_index=question.answer_index,
            rule=reveal.rule,
            answered=reveal.answered,
            cards=tuple(card_message(c) for c in reveal.view.cards),
            chart=tuple(point_message(p) for p in figures),
            note=reveal.view.note,
            players=players,
            right=None if question.answer_index is None else reveal.counts[question.answer_index],
        ).shared_json()
        self._shared = (reveal.number, players, shared)
        return shared

    def reveal_line(
        self, shared: bytes, player: Player, places: dict[int, tuple[int, bool]]
    ) -> bytes:
        """One student's reveal line: the shared part and their own (`places`: each ranked
        player's rank and tie, `Room.positions`)."""
        room = self.room
        reveal = room.reveal
        assert reveal is not None
        given = player.answers.get(reveal.number)
        yours = guess = None
        if given is not None:
            score = given.score
            yours = {
                "text": given.text,
                "points": score.points,
                "max_points": score.max_points,
                "correct": score.correct,
                "reason": score.reason,
                "bonus": given.bonus,
                "bonus_reason": given.bonus_reason,
            }
            if isinstance(given.answer, NumberAnswer) and draws_guesses(reveal.question):
                guess = given.answer.value
        rank, tied = places.get(player.id, (0, False))
        own = {
            "yours": yours,
            "guess": guess,
            "further_off": room.further_off(player),
            "points": player.points,
            "max_points": self.available(player, reveal.number),
            "rank": rank,
            "tied": tied,
        }
        return reveal_line(shared, own)

    def podium(self) -> tuple[tuple[PlaceMsg, ...], dict[int, Standing]]:
        """The medal rows (ties included) and every player's standing, by player id."""
        places = self.room.places()
        top = tuple(place_message(s) for s in podium(list(places.values())))
        return top, places

    def end(self, player: Player, top: tuple[PlaceMsg, ...], places: dict[int, Standing]) -> EndMsg:
        room = self.room
        place = places.get(player.id)
        return EndMsg(
            number=room.number,
            points=player.points,
            max_points=self.available(player, room.total),
            rank=place.rank if place else 0,
            tied=place.tied if place else False,
            players=len(places),
            podium=top,
        )
