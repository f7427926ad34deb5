"""The game line by line on stdin/stdout: `quiz play --plain` and hot-seat.

For screen readers, pipes and scripts: plain text only, one answer per input line.

Decisions:

- Answers are read by the engine's `quiz.game.scoring.read_answer`, as in the TUI.
  Choice questions take the option's number ("2", "2." or "2)") or its text (case
  and spacing ignored); a bare number from 1 to N always means the option at that
  position. A number that matches exactly one option's value ("100k" for
  "100,000") picks that option. Estimates go through `quiz.bank.numbers.read_number`
  ("7.8m", "7,800,000", "15 million"; a trailing "x" or "times" is allowed when the
  answer is a ratio). A range is refused outside interval mode rather than
  silently scored at its middle. The example numbers in the header, the prompts and
  the messages are the engine's (`quiz.game.hints`): none is a number of the bank or
  of the quiz's options. The header shows the bank's title as `quiz.game.start_texts`
  masks it; plain mode has no command that prints the article.
- Interval mode (`--interval`) takes both bounds on one line ("50,000-200,000",
  "1 to 3 million"), so one line is still one answer.
- Input that cannot be read is answered with what to type instead, and the
  question is asked again; it is not an answer and is not stored.
- When stdin is not a terminal, every line is an answer: no pauses, and each line
  read is echoed after its prompt so the transcript reads as a dialogue. On a
  terminal, the game pauses after each reveal ("Press Enter") so it can be read
  before the next question scrolls it away, and long lines are wrapped to the
  terminal's width.
- End of input or Ctrl-C ends the game at once: every answer given is already
  stored; the summary of what was answered is printed. Exit status 0 for a game
  played to the end or ended by end of input, 130 for Ctrl-C, 1 when the bank or
  the results store cannot be used, 2 for unusable options.
- Hot-seat (`--players "Ana,Ben"`): each question is put to each player in turn;
  the reveal comes once all have answered, so no one sees the answer before their
  turn; then a scoreboard; at the end, a ranking (ties share a place). Each
  player's answers are stored under their name, in one session of mode "hotseat".
  Answers are typed in view of the room: plain text cannot hide them. One name in
  `--players` is a solo game under that name.
- The game is kept as one `GameRecord`: it ends "finished" when played to the end and
  "unfinished" when stopped (end of input, Ctrl-C, a store failure); a game in which
  nobody answered anything is not kept at all.
"""

from __future__ import annotations

import io
import re
import sys
from dataclasses import dataclass, field

from quiz.bank.numbers import read_number
from quiz.game import scoring
from quiz.game.explain import explain
from quiz.game.generate import Question
from quiz.game.hints import NONE, Examples, examples
from quiz.game.scoring import INTERVAL_RULE_TEXT, RULE_TEXT, Answer, ChoiceAnswer
from quiz.game.session import AnsweredQuestion, Session
from quiz.game.start_texts import start_texts
from quiz.play.banks import ask_on
from quiz.play.console import Console, EndOfInput
from quiz.play.settings import GameSettings
from quiz.play.setup import Quiz, bank_argument, build_quiz, player_names, replay_command
from quiz.present import bonus
from quiz.present import plain_text as text
from quiz.present.counts import questions_text
from quiz.present.progress import session_progress
from quiz.present.ranking import Standing, standings
from quiz.present.replay import mode_flags
from quiz.present.reveal_view import shared_reveal, solo_reveal
from quiz.present.saving import unsaved_warning
from quiz.present.summary_view import calibration_text, summary_view
from quiz.present.words import printable
from quiz.results.record import GameRecord
from quiz.results.store import Store, StoreError

# -- reading answers ---------------------------------------------------------

_SPACES = re.compile(r"\s+")
_RATIO = re.compile(r"\s*(?:x|×|times)\s*$", re.IGNORECASE)


def _option_by_value(typed: str, options: tuple[str, ...]) -> int | None:
    """The one option whose number is the number typed ("100k" for "100,000")."""
    reading = read_number(typed)
    if reading is None:
        return None
    same = [
        i
        for i, option in enumerate(options)
        if (other := read_number(option)) is not None
        and (other.low, other.high) == (reading.low, reading.high)
    ]
    return same[0] if len(same) == 1 else None


def read_answer(
    typed: str, question: Question, interval: bool, hints: Examples | None = None
) -> Answer | str:
    """The answer typed, or a message saying what to type instead.

    The engine's reader (`quiz.game.scoring.read_answer`) decides; plain mode adds only
    what typing allows and a keypress does not: "2." or "2)" for option 2, spacing
    ignored in an option's text, an option picked by its value, "17x" for a ratio.
    """
    stripped = _SPACES.sub(" ", typed).strip()
    hint = text.answer_hint(question, interval, hints or NONE)
    if not stripped:
        return f"Type an answer: {hint}."
    if not question.is_numeric:
        stripped = re.sub(r"^(\d+)[.)]$", r"\1", stripped)
    elif question.unit == "times":
        stripped = _RATIO.sub("", stripped)
    try:
        return scoring.read_answer(question, stripped, interval, hints)
    except ValueError as exc:
        if not question.is_numeric:
            index = _option_by_value(stripped, question.options)
            if index is not None:
                return ChoiceAnswer(index)
        return f"Try again: {printable(str(exc))}."


# -- the game ----------------------------------------------------------------


@dataclass
class Player:
    name: str
    session: Session | None = None
    """Created at the player's first turn, so answer times count their own turn only."""
    answered: list[AnsweredQuestion] = field(default_factory=list)

    def standing(self) -> Standing:
        """This player's row for the leaderboard (ranked by `quiz.present.ranking`)."""
        if self.session is None:
            return Standing(0, self.name, 0.0)
        return Standing(
            0,
            self.name,
            self.session.points,
            max_points=self.session.max_points,
            answered=len(self.answered),
        )


class PlainGame:
    """One plain-text game for one or more players on one console."""

    def __init__(
        self,
        quiz: Quiz,
        names: list[str],
        console: Console,
        store: Store,
        *,
        settings: GameSettings | None = None,
        bank_arg: str | None = None,
    ) -> None:
        self.quiz = quiz
        self.hints = examples(quiz.loaded, quiz.questions)  # never a number of the bank
        self.bank_arg = bank_arg
        self.console = console
        self.store = store
        self.settings = settings or GameSettings()
        self.interval = self.settings.interval
        self.hotseat = len(names) > 1
        self.record = GameRecord(
            store,
            quiz.loaded,
            mode="hotseat" if self.hotseat else "plain",
            seed=quiz.settings.seed,
            total=len(quiz.questions),
            settings={**self.settings.stored(), "count": quiz.settings.count},
        )
        self.players = [Player(name) for name in names]
        self.flags = [
            "--plain",
            *mode_flags(
                interval=self.interval, speed=self.settings.speed, streak=self.settings.streak
            ),
        ]
        self.replay = replay_command(quiz, bank_arg, *self.flags)

    def _session_for(self, player: Player) -> Session:
        if player.session is None:
            player.session = Session(
                self.quiz.questions,
                settings=self.settings.session_settings(),
                on_answer=self.record.recorder(player.name),
            )
        elif player.session.state == "reveal":
            player.session.next()
        return player.session

    def _prompt(self, player: Player, question: Question) -> str:
        who = f"{printable(player.name)}, your answer" if self.hotseat else "Your answer"
        hints = self.hints.for_question(question)
        return f"{who} ({text.answer_hint(question, self.interval, hints)}): "

    def _take_answer(self, player: Player, question: Question) -> AnsweredQuestion:
        session = self._session_for(player)
        while True:
            typed = self.console.ask(self._prompt(player, question))
            answer = read_answer(typed, question, self.interval, self.hints.for_question(question))
            if isinstance(answer, str):
                self.console.say(answer)
                continue
            result = session.answer(answer)  # stored by on_answer before it returns
            player.answered.append(result)
            return result

    def header(self) -> list[str]:
        quiz = self.quiz
        title = start_texts(quiz.loaded).title  # nothing a question asks
        who = (
            f"Hot-seat for {', '.join(printable(p.name) for p in self.players)}. "
            if (self.hotseat)
            else ""
        )
        unsaved = self.record.unsaved
        lines = [
            *([unsaved_warning(unsaved)] if unsaved is not None else []),
            f"{title}: {questions_text(len(quiz.questions))}, seed {quiz.settings.seed}.",
            *([quiz.count_note] if quiz.count_note else []),
            f"{who}Replay this quiz with: {self.replay}",
            "Answer choices by number or by typing the option; type numbers as "
            f"{self.hints.typed}.",
        ]
        if self.interval:
            lines.append(
                f"Interval mode: give a low and a high bound on one line, as {self.hints.bounds}."
            )
        lines.append(f"Scoring estimates: {INTERVAL_RULE_TEXT if self.interval else RULE_TEXT}.")
        lines.extend(bonus.rules(self.settings.session_settings()))
        kept = "; answers given are kept" if unsaved is None else ""
        lines.append(f"End of input (Ctrl-D) or Ctrl-C stops the game{kept}.")
        return lines

    def reveal(self, question: Question, results: list[AnsweredQuestion]) -> None:
        explanation = explain(self.quiz.loaded, question)
        if self.hotseat:
            named = [(p.name, r) for p, r in zip(self.players, results, strict=True)]
            view = shared_reveal(question, explanation, named, interval=self.interval)
        else:
            (result,) = results
            view = solo_reveal(result, explanation, interval=self.interval)
        self.console.say(*text.reveal_lines(view))

    def standings(self) -> list[Standing]:
        return standings([p.standing() for p in self.players])

    def scoreboard(self, position: int) -> None:
        self.console.say(f"Scoreboard after question {position} of {len(self.quiz.questions)}:")
        self.console.say(*text.standing_lines(self.standings()))

    def summary(self) -> list[str]:
        if not self.hotseat:
            player = self.players[0]
            if player.session is None:
                return ["No questions answered."]
            view = summary_view(player.session, self.replay)
            return text.summary_lines(view)
        lines = ["Final ranking:", *text.standing_lines(self.standings())]
        for player in self.players:
            if player.session is None:
                continue
            calibration = calibration_text(player.session.summary())
            if calibration:
                lines.append(f"{printable(player.name)}: {calibration}")
        return lines

    def play(self) -> int:
        """Play to the end or until input ends; return the exit status."""
        console = self.console
        self.record.check_saving()  # before the first question: the header says so
        console.say(*self.header())
        status = 0
        ended = ""
        finished = False
        kept = "stored" if self.record.unsaved is None else "not stored (see the start)"
        try:
            self._play_questions()
            finished = True
        except EndOfInput:
            ended = f"End of input: the game stops here. Your answers so far are {kept}."
        except KeyboardInterrupt:
            ended = f"Interrupted: the game stops here. Your answers so far are {kept}."
            status = 130
        except StoreError as exc:
            console.say("", f"quiz: {exc}", "The game stops here: that answer could not be stored.")
            status = 1
        if ended:
            console.say("", ended)
        console.say("", *self.summary())
        try:
            outcome = self.record.end("finished" if finished else "unfinished")
            sid = self.record.session_id
            if outcome != "discarded":
                state = "" if outcome == "finished" else ", unfinished"
                console.say(
                    f"Stored as session {sid}{state} in {self.store.path} "
                    f"(see `quiz results --session {sid}`)."
                )
        except StoreError as exc:
            console.say(f"quiz: {exc}")
            status = status or 1
        console.flush()
        return status

    def _play_questions(self) -> None:
        total = len(self.quiz.questions)
        for position, question in enumerate(self.quiz.questions, start=1):
            if position > 1:
                self.console.pause()
            self.console.say("", *text.question_lines(question, position, total))
            if not self.hotseat:
                player = self.players[0]
                if player.session is not None and player.session.max_points:
                    so_far = session_progress(player.session).points_text
                    self.console.say(f"Score so far: {so_far}.")
            results = [self._take_answer(player, question) for player in self.players]
            self.console.say("")
            self.reveal(question, results)
            if self.hotseat:
                self.console.say("")
                self.scoreboard(position)
        for player in self.players:
            if player.session is not None and player.session.state == "reveal":
                player.session.next()


# -- the command handler -----------------------------------------------------


def run_plain(settings: GameSettings) -> int:
    """`quiz play --plain` and hot-seat `quiz play --players A,B`.

    Raises QuizError (a bank, an option or the store that cannot be used) for the CLI
    to print; once the game has begun, problems are told in the game's own output.
    """
    names = player_names(settings)
    for stream in (sys.stdin, sys.stdout):
        # Bytes that are not text become U+FFFD: an answer to ask again, not a crash.
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")
    interactive = sys.stdin.isatty()
    quiz = build_quiz(settings, ask_on(sys.stdin, sys.stdout) if interactive else None)
    console = Console(sys.stdin, sys.stdout, interactive=interactive)
    store = Store(settings.data_dir)
    try:
        game = PlainGame(
            quiz, names, console, store, settings=settings, bank_arg=bank_argument(settings, quiz)
        )
        return game.play()
    finally:
        store.close()
