"""The student's screens: waiting, the question with its countdown, their reveal, the end.

They lay out the host's messages (`quiz.classroom.protocol`) with the same widgets as solo
play (options, number input, progress header, figure cards, log chart). The countdown is
shown from the host's `seconds_left` counted down locally; whether an answer is in time
is the host's decision, which arrives as "received" or a refusal.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from quiz.screens.classroom.host_views import clock_text, podium_content
from quiz.screens.widgets.figure_card import FigureCard
from quiz.screens.widgets.log_chart import LogChart
from quiz.screens.widgets.number_input import NumberInput
from quiz.screens.widgets.options import Options
from quiz.screens.widgets.progress_header import Progress, ProgressHeader
from textual.app import ComposeResult
from textual.containers import Center, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from quiz.classroom.protocol import EndMsg, QuestionMsg, RevealMsg
from quiz.classroom.views import podium, student_reveal
from quiz.game.generate import KINDS, Kind, Question
from quiz.game.scoring import RULE_TEXT, Answer, ChoiceAnswer, NumberAnswer, read_answer
from quiz.present.class_answers import class_text
from quiz.present.keys import not_an_option
from quiz.present.ranking import place_text
from quiz.present.words import points_of, points_words


class WaitingScreen(Screen[None]):
    """Between questions, or before the start: one line saying what is going on."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield Static(Content("Figures quiz · classroom"), id="title")
        yield Static(Content(self.text), id="status", markup=False)
        yield Footer()

    def show(self, text: str) -> None:
        self.text = text
        self.query_one("#status", Static).update(Content(text))


def as_question(message: QuestionMsg) -> Question:
    """An engine Question with no answer in it, for the engine's `read_answer`."""
    # The host sends a kind it generated; anything else reads as a plain written question.
    kind: Kind = "written"
    for known in KINDS:
        if known == message.kind:
            kind = known
    return Question(
        id=f"classroom-{message.number}",
        kind=kind,
        prompt=message.prompt,
        options=message.options,
        unit=message.unit,
        unit_words=message.unit_words,
    )


class JoinQuestionScreen(Screen[None]):
    """The question; picking an option or pressing Enter on a number sends the answer."""

    AUTO_FOCUS = "Options, NumberInput Input"

    class Answered(Message):
        def __init__(self, number: int, answer: Answer) -> None:
            super().__init__()
            self.number = number
            self.answer = answer

    def __init__(
        self,
        message: QuestionMsg,
        progress: Progress,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.message = message
        self.question = as_question(message)
        self.progress = progress
        self.clock = clock
        """Counts the time left down locally; a fixed clock holds it still (snapshots)."""
        self.deadline = clock() + message.seconds_left
        self.paused = message.paused
        self.left_when_paused = message.seconds_left
        self.sent = False
        self.settled = False
        """Received, refused or out of time: nothing more to send."""

    def compose(self) -> ComposeResult:
        message = self.message
        yield ProgressHeader(self.progress)
        with VerticalScroll(id="question-body"):
            yield Static(Content(message.prompt), id="prompt", markup=False)
            if message.options:
                yield Options(message.options, id="options")
            else:
                unit = f" ({message.unit})" if message.unit else ""
                yield NumberInput(
                    label=f"Your estimate{unit}",
                    range_means="middle",
                    units=message.unit_words,
                    id="guess",
                    examples=message.examples,  # the host engine's: none of the bank's numbers
                )
                rule = message.rule or RULE_TEXT
                if rule:
                    yield Static(Content(f"Scoring: {rule}"), classes="hint")
            yield Static(id="time-left")
            yield Static(id="state", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self._tick()
        self.set_interval(0.25, self._tick)

    def seconds_left(self) -> float:
        if self.paused:
            return self.left_when_paused
        return max(0.0, self.deadline - self.clock())

    def set_timer_state(self, seconds_left: float, paused: bool) -> None:
        self.paused = paused
        self.left_when_paused = seconds_left
        self.deadline = self.clock() + seconds_left
        self._tick()

    def _tick(self) -> None:
        left = self.seconds_left()
        if self.paused:
            text = Content.assemble(
                ("Paused by the teacher ", "bold reverse"), f" {clock_text(left)} left"
            )
        elif left <= 0 and not self.sent:
            text = Content("Time is up.")
        else:
            text = Content.assemble(("Time left ", "bold"), clock_text(left))
        self.query_one("#time-left", Static).update(text)

    def show_state(self, text: str, *, settled: bool = True) -> None:
        self.settled = settled
        self.query_one("#state", Static).update(Content(text))
        if settled:
            for widget in self.query("Options, NumberInput"):
                widget.disabled = True

    def _send(self, answer: Answer) -> None:
        if self.sent or self.settled:
            return
        self.sent = True
        self.show_state("Sending your answer…", settled=False)
        self.post_message(self.Answered(self.message.number, answer))

    def on_options_picked(self, event: Options.Picked) -> None:
        self._send(ChoiceAnswer(event.index))

    def on_options_not_an_option(self, event: Options.NotAnOption) -> None:
        """Typing that picks no option (as in solo play): the state line says how to pick."""
        if not (self.sent or self.settled):
            self.show_state(not_an_option(event.typed, len(self.message.options)), settled=False)

    def on_number_input_submitted(self, event: NumberInput.Submitted) -> None:
        try:
            answer = read_answer(self.question, event.text)
        except ValueError as exc:
            event.number_input.show_error(f"Not answered: {exc}.")
            return
        if isinstance(answer, NumberAnswer):
            self._send(answer)


class JoinRevealScreen(Screen[None]):
    """This student's reveal: the answer, their score and why, how the class did, the figures.

    Everything said comes from the host's message through `quiz.classroom.views`, in the
    words of `quiz.present`: this screen lays it out.
    """

    def __init__(self, reveal: RevealMsg, prompt: str, total: int) -> None:
        super().__init__()
        self.reveal = reveal
        self.view = student_reveal(reveal, prompt)
        self.total = total

    def compose(self) -> ComposeResult:
        reveal = self.reveal
        view = self.view
        place = place_text(reveal.rank, reveal.tied)
        yield Static(
            Content(
                f"Question {reveal.number} of {self.total} · {points_words(reveal.points)} "
                f"· {place} of {reveal.players}"
            ),
            id="progress",
        )
        with VerticalScroll(id="reveal-body"):
            yield Static(Content(view.prompt), id="prompt", markup=False)
            yield Static(
                Content.assemble(("Answer: ", "bold"), (view.answer_text, "bold reverse")),
                id="answer",
            )
            yield Static(self._yours(), id="yours", markup=False)
            yield Static(self._class_line(), id="class", markup=False)
            if view.rule:
                yield Static(Content.assemble(("Scoring: ", "bold"), view.rule), id="rule")
            if view.chart:
                yield LogChart(view.chart, view.legend, id="chart")
            if view.note:
                yield Static(Content(view.note), id="note", markup=False)
            for card in view.cards:
                yield FigureCard(card)
            yield Static(
                Content(
                    f"You are {place} of {reveal.players} with "
                    f"{points_words(reveal.points)}. Wait for the next question."
                ),
                id="rank",
            )
        yield Footer()

    def _yours(self) -> Content:
        yours = self.view.yours
        if yours is None:
            return Content("You did not answer this one.")
        return Content.assemble(
            ("You answered: ", "bold"),
            Content(yours.given),
            "\n",
            (yours.verdict.text, "bold"),
            ("  " + yours.points, "bold"),
            "\n",
            Content(yours.reason),
            Content("\n" + yours.bonus if yours.bonus else ""),
        )

    def _class_line(self) -> Content:
        reveal = self.reveal
        return Content(
            class_text(
                reveal.answered,
                yours=reveal.yours.correct if reveal.yours is not None else None,
                right=reveal.right,
                further_off=reveal.further_off,
            )
        )


class EndScreen(Screen[None]):
    """The end of the quiz: this student's rank, points and the podium."""

    def __init__(self, end: EndMsg) -> None:
        super().__init__()
        self.end = end

    def compose(self) -> ComposeResult:
        end = self.end
        yield Static(Content("The quiz is over"), id="title")
        yield Static(
            Content(
                f"You came {place_text(end.rank, end.tied)} of {end.players} with "
                f"{points_of(end.points, end.max_points)}."
            ),
            id="result",
        )
        with Center():  # as on the projector: lines left-aligned in a centred block
            yield Static(podium_content(podium(end)), id="podium", markup=False)
        yield Static(Content("Press q to leave."))
        yield Footer()
