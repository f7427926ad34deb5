"""The classroom game without sockets: players, the clock, answers, reveals and ranks.

`Room` is the host's authority. It judges every answer with its own clock, scores it
with `quiz.game.scoring.score`, explains with `quiz.game.explain.explain`, and decides what each
player may see. What the projector says of a reveal (`Reveal.view`) and the standings
are built by `quiz.present`, as for every other front end. `quiz.classroom.server` only
carries its decisions over the network, so the rules are tested here without a socket
and there with one.

Decisions worth knowing:

- Phases: lobby -> question -> reveal -> question ... -> finished. `skip` ends the
  countdown now (the answers already in count); `next` leaves a reveal.
- A player who joins while a question is open (or being revealed) enters at the next
  question; a player who rejoins with their token keeps their score and may still
  answer the open question if they were in it.
- Pausing freezes the countdown; answers are still taken while paused.
- "Further off" counts classmates whose answer was further from the truth: by the
  ratio to the answer's range for a number, wrong versus right for an option.
- Removing is a ban for the session: the name cannot join again (in any spelling
  that reads the same) and the token no longer rejoins. A removed player leaves the
  leaderboard and the counts; what they answered stays in the results store.
- The leaderboard, the podium and the "of N" of a rank count the players in the game:
  a player who left before answering anything is not on it (a flood of hellos leaves
  no trace there); one who answered and then left stays with their points.
- Answers are read and their bonus earned in `quiz.classroom.answers`: the text kept for
  the record is the host's; speed points and the streak bonus (off unless the host asks)
  score as in a solo game, speed falling to nothing when the countdown ends.
"""

from __future__ import annotations

import bisect
import logging
import math
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from quiz.bank.loader import LoadedBank
from quiz.classroom import answers
from quiz.classroom.answers import Refusal
from quiz.classroom.gate import CODE_LENGTH, new_code
from quiz.classroom.names import NAME_MAX, clean_name, name_key, name_problem
from quiz.classroom.player import Given, Player
from quiz.game import explain as explaining
from quiz.game import hints, scoring
from quiz.game.generate import Question
from quiz.game.scoring import ChoiceAnswer, NumberAnswer
from quiz.game.session import SessionSettings
from quiz.present.chart import CLASS_GUESSES, class_chart
from quiz.present.ranking import Standing, positions, standings_of
from quiz.present.reveal_view import RevealView, reveal_view

Phase = Literal["lobby", "question", "reveal", "finished"]
log = logging.getLogger(__name__)
MAX_PLAYERS = 1200


@dataclass(frozen=True)
class Reveal:
    """What the projector shows after a question, and each player's share of it."""

    number: int
    question: Question
    explanation: explaining.Explanation | None
    counts: tuple[int, ...]
    """Answers per option (choice questions)."""
    guesses: tuple[float, ...]
    """Every guess given (number questions), in no particular order."""
    answered: int
    players: int
    rule: str
    view: RevealView
    """What the projector says: the answer, the note, the cards, the chart with the
    class's guesses where they belong."""


def _distance(question: Question, given: Given) -> float:
    if question.is_numeric and isinstance(given.answer, NumberAnswer):
        low, high = question.low or 0.0, question.high or 0.0
        value = given.answer.value
        if low <= value <= high or value <= 0 or low <= 0:
            return 0.0 if low <= value <= high else math.inf
        return min(abs(math.log(value / low)), abs(math.log(value / high)))
    return 0.0 if given.score.correct else 1.0


class Room:
    """The state of one classroom session; every method is synchronous and quick."""

    def __init__(
        self,
        questions: list[Question],
        *,
        loaded: LoadedBank | None = None,
        seconds: float = 30.0,
        code: str | None = None,
        clock: Callable[[], float] = time.monotonic,
        bonuses: SessionSettings | None = None,
    ) -> None:
        if not questions:
            raise ValueError("a classroom session needs at least one question")
        self.questions = questions
        self.loaded = loaded
        self.hints = hints.examples(loaded, questions) if loaded else hints.NONE
        """How to type a number on the students' screens: never a number of the bank."""
        self.bonuses = bonuses or SessionSettings()
        """Speed points and the streak bonus, scored as in a solo game (off by default)."""
        self.seconds = float(seconds)
        self.code = code or new_code()
        self.clock = clock
        self.phase: Phase = "lobby"
        self.number = 0
        """The current question's 1-based number; 0 in the lobby."""
        self.players: dict[int, Player] = {}
        self.answered = 0
        """Answers taken for the open question (a running count, not a scan)."""
        self._names: dict[str, Player] = {}
        """Every player who joined, removed ones too, by `name_key`."""
        self._removed = 0
        self._next_id = 1
        self._deadline = 0.0
        self._opened = 0.0
        self._left_when_paused: float | None = None
        self.reveal: Reveal | None = None
        self._distances: list[float] = []
        """Distances from the truth of the revealed question's answers, sorted."""

    # -- the question under way ---------------------------------------------

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def question(self) -> Question | None:
        return self.questions[self.number - 1] if self.number else None

    @property
    def paused(self) -> bool:
        return self._left_when_paused is not None

    def seconds_left(self) -> float:
        if self.phase != "question":
            return 0.0
        if self._left_when_paused is not None:
            return self._left_when_paused
        return max(0.0, self._deadline - self.clock())

    def time_is_up(self) -> bool:
        return self.phase == "question" and not self.paused and self.clock() >= self._deadline

    def active(self) -> list[Player]:
        return [p for p in self.players.values() if not p.removed]

    def in_question(self) -> list[Player]:
        return [p for p in self.players.values() if p.plays(self.number)]

    def answered_count(self) -> int:
        return sum(1 for p in self.in_question() if self.number in p.answers)

    def examples_for(self, question: Question) -> str:
        """How to type `question`'s number on the students' screens ("" without a bank,
        and the student app says how without an example)."""
        return self.hints.for_question(question).placeholder if self.loaded else ""

    def answered_of(self) -> tuple[int, int]:
        """(answered, of how many) for the open question, over the `ranked` players."""
        counted = self.ranked()
        return sum(1 for p in counted if self.number in p.answers), len(counted)

    # -- players ---------------------------------------------------------------

    def check_code(self, code: str) -> bool:
        return secrets.compare_digest(code.strip().upper().encode(), self.code.encode())

    def join(self, name: str) -> Player:
        name = clean_name(name)
        problem = name_problem(name)
        if problem:
            raise Refusal(problem)
        if self.phase == "finished":
            raise Refusal("this quiz has ended")
        key = name_key(name)
        other = self._names.get(key)
        if other is not None:
            if other.removed:
                raise Refusal("the teacher removed that name from this session")
            raise Refusal(f"the name {name!r} is taken in this room; choose another")
        if len(self.players) - self._removed >= MAX_PLAYERS:
            raise Refusal("the room is full")
        first = 1 if self.phase == "lobby" else self.number + 1
        player = Player(self._next_id, name, secrets.token_urlsafe(18), first)
        self._next_id += 1
        self.players[player.id] = player
        self._names[key] = player
        return player

    def rejoin(self, token: str) -> Player | None:
        """The player holding `token`, or None when no player does."""
        for player in self.players.values():
            if secrets.compare_digest(player.token.encode(), token.encode()):
                if player.removed:
                    raise Refusal("the teacher removed you from this session")
                return player
        return None

    def remove(self, player_id: int) -> Player | None:
        player = self.players.get(player_id)
        if player is None or player.removed:
            return None
        player.removed = True
        self._removed += 1
        return player

    # -- the teacher's controls ---------------------------------------------

    def next(self) -> Phase:
        """Lobby or reveal -> the next question (or the end after the last)."""
        if self.phase in ("lobby", "reveal"):
            if self.number >= self.total:
                self.phase = "finished"
            else:
                self.number += 1
                self.phase = "question"
                self.reveal = None
                self.answered = 0
                self._opened = self.clock()
                self._deadline = self._opened + self.seconds
                self._left_when_paused = None
        return self.phase

    def pause(self) -> bool:
        """Toggle the countdown; True when now paused."""
        if self.phase != "question":
            return False
        if self._left_when_paused is None:
            self._left_when_paused = self.seconds_left()
        else:
            self._deadline = self.clock() + self._left_when_paused
            self._left_when_paused = None
        return self.paused

    def extend(self, seconds: float) -> None:
        if self.phase != "question":
            return
        if self._left_when_paused is not None:
            self._left_when_paused += seconds
        else:
            self._deadline = max(self._deadline, self.clock()) + seconds

    def finish(self) -> None:
        self.phase = "finished"

    # -- answers -------------------------------------------------------------

    def answer(self, player: Player, number: int, choice: int | None, value: float | None) -> Given:
        """Judge and score one answer, or raise Refusal saying why it is not taken."""
        question = self.question
        if self.phase != "question" or number != self.number or question is None:
            raise Refusal("that question is closed")
        if not player.plays(number):
            raise Refusal("you joined during this question: you play from the next one")
        if number in player.answers:
            raise Refusal("you already answered this question")
        if self.time_is_up():
            raise Refusal("too late: time was up")
        answer, shown = answers.read(question, choice, value)
        result = scoring.score(question, answer)
        seconds = max(0.0, self.clock() - self._opened)
        previous = player.answers.get(number - 1)
        full = previous is not None and previous.score.correct
        earned = answers.earn(self.bonuses, player.streak, full, result, seconds)
        player.streak = earned.streak
        given = Given(answer, shown, result, seconds, earned.points, earned.reason)
        player.answers[number] = given
        player.points += result.points + earned.points
        self.answered += 1
        return given

    # -- the reveal ------------------------------------------------------------

    def close(self) -> Reveal:
        """End the question now (time up or skipped) and compute the reveal."""
        question = self.question
        if self.phase != "question" or question is None:
            raise Refusal("no question is open")
        explanation = None
        if self.loaded is not None:
            try:
                explanation = explaining.explain(self.loaded, question)
            except Exception:  # a reveal without cards beats a room that stops
                log.exception("explaining question %s", question.id)
        self.phase = "reveal"
        self._left_when_paused = None
        playing = self.in_question()
        given = [p.answers[self.number] for p in playing if self.number in p.answers]
        counts: tuple[int, ...] = ()
        guesses: tuple[float, ...] = ()
        if question.is_numeric:
            guesses = tuple(g.answer.value for g in given if isinstance(g.answer, NumberAnswer))
        else:
            tally = [0] * len(question.options)
            for g in given:
                if isinstance(g.answer, ChoiceAnswer):
                    tally[g.answer.index] += 1
            counts = tuple(tally)
        self._distances = sorted(_distance(question, g) for g in given)
        view = reveal_view(
            question,
            explanation,
            chart=class_chart(question, explanation, guesses),
            guess_label=CLASS_GUESSES,
        )
        self.reveal = Reveal(
            number=self.number,
            question=question,
            explanation=explanation,
            counts=counts,
            guesses=guesses,
            answered=len(given),
            players=len(self.ranked()),
            rule=view.rule,
            view=view,
        )
        return self.reveal

    def further_off(self, player: Player) -> int:
        """Classmates whose answer to the revealed question was further from the truth."""
        question = self.question
        mine = player.answers.get(self.number)
        if question is None or mine is None or self.phase != "reveal":
            return 0
        distances = self._distances
        return len(distances) - bisect.bisect_right(distances, _distance(question, mine))

    def missed(self) -> list[Player]:
        """Players in the game (`ranked`) who gave no answer to the revealed question."""
        return [p for p in self.ranked() if self.number not in p.answers]

    def ranked(self) -> list[Player]:
        """The players in the game: in the current question (or were), and still here or
        having answered something. The leaderboard, a rank's "of N" and the projector's
        "answered of N" all count these, so they agree."""
        return [p for p in self.in_question() if p.connected or p.answers]

    def absent(self) -> list[Player]:
        """Players who left, or (once a question has been asked) never answered one."""
        asked = self.phase != "lobby"
        return [
            p
            for p in self.active()
            if not p.connected or (asked and not p.answers and p.first <= self.number)
        ]

    def standings(self) -> list[Standing]:
        """The leaderboard (`ranked`), best first; ties share a rank (`quiz.present.ranking`)."""
        return standings_of(
            self.ranked(),
            points_of=lambda p: p.points,
            name_of=lambda p: p.name,
            player_id_of=lambda p: p.id,
            answered_of=lambda p: len(p.answers),
        )

    def positions(self) -> dict[int, tuple[int, bool]]:
        """Each ranked player's (rank, tied), by player id: what a reveal tells each one."""
        return positions(
            self.ranked(),
            points_of=lambda p: p.points,
            name_of=lambda p: p.name,
            id_of=lambda p: p.id,
        )

    def places(self) -> dict[int, Standing]:
        """Each ranked player's standing, by player id (one sort for the whole room)."""
        return {s.player_id: s for s in self.standings()}

    def ranks(self) -> dict[int, int]:
        """Each ranked player's rank, by player id (one sort for the whole room)."""
        return {s.player_id: s.rank for s in self.standings()}

    def max_points(self) -> float:
        """Points available so far (questions opened up to and including the current one)."""
        upto = self.number if self.phase != "lobby" else 0
        return sum(q.points for q in self.questions[:upto])


__all__ = ["CODE_LENGTH", "NAME_MAX", "Given", "Player", "Refusal", "Reveal", "Room", "Standing"]
