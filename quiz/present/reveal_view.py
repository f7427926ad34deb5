"""What a reveal says, built once for every front end (`RevealView`).

The Textual reveal, `--plain` (solo and hot-seat), the projector and the student's
reveal all lay out a `RevealView`: the prompt, the right answer, each player's answer
with its verdict, points and reason, the note, the cards with their heading, the
chart's points (figures and the guesses that belong, `quiz.present.chart`) with the
legend's words, and the scoring rule of a number question.

A student's reveal crosses the network as a `RevealMsg`; `quiz.classroom.views`
rebuilds the same view from it on the student's side, through `answer_line` here, so
the student reads the words the host's engine would have written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from quiz.game.explain import Card, ChartPoint, Explanation
from quiz.game.question import Question
from quiz.game.scoring import INTERVAL_RULE_TEXT, Answer, Score
from quiz.game.scoring import rule_text as scoring_rule
from quiz.game.session import AnsweredQuestion
from quiz.present.bonus import reveal_line as bonus_line
from quiz.present.chart import YOUR_GUESS, chart_legend, player_chart
from quiz.present.verdict import Verdict, score_points, score_text, verdict, why
from quiz.present.words import printable
from quiz.results.store import describe_answer

ASKED = "the figure asked about"
"""How a card says its figure is the one the question asked about."""


@dataclass(frozen=True)
class AnswerLine:
    """One player's answer on a reveal."""

    name: str
    """The player's name, printable; "" in solo play."""
    given: str
    """What they answered, in words ("20,000", the option's text), printable."""
    verdict: Verdict
    points: str
    """ "0.73 of 1 point"."""
    reason: str
    """Why the score, in what the verdict, the points and the answer do not already say
    ("2.1x too low"; `quiz.present.verdict.why`); "" when they say it all."""
    score_text: str
    """Points and that reason in one phrase: "0.73 of 1 point (2.1x too low)"."""
    bonus: str = ""
    """Speed and streak points on top ("Bonus: ..."; `quiz.present.bonus`), or ""."""


def answer_line(
    score: Score, given: str, name: str = "", *, bonus: float = 0.0, bonus_reason: str = ""
) -> AnswerLine:
    return AnswerLine(
        name=printable(name),
        given=printable(given),
        verdict=verdict(score),
        points=score_points(score),
        reason=why(score),
        score_text=score_text(score),
        bonus=bonus_line(bonus, bonus_reason, score.points + bonus),
    )


def answered_line(answered: AnsweredQuestion, name: str = "") -> AnswerLine:
    """The line of an answer a Session scored."""
    given = describe_answer(answered.question, answered.answer)
    return answer_line(
        answered.score, given, name, bonus=answered.bonus, bonus_reason=answered.bonus_reason
    )


def cards_heading(count: int) -> str:
    """What the cards are, above them."""
    return (
        "The figure behind this question"
        if count == 1
        else (f"What each source said ({count} figures)")
    )


def rule_text(question: Question, interval: bool = False) -> str:
    """The scoring rule a number question is judged by ("" for a choice)."""
    if not question.is_numeric:
        return ""
    return INTERVAL_RULE_TEXT if interval else scoring_rule(question)


@dataclass(frozen=True)
class RevealView:
    prompt: str
    answer_text: str
    """The right answer, in words."""
    answers: tuple[AnswerLine, ...]
    """One per player who answered (none on the projector)."""
    note: str | None
    """A hand-written question's explanation."""
    cards: tuple[Card, ...]
    cards_heading: str
    chart: tuple[ChartPoint, ...]
    legend: str
    rule: str

    @property
    def yours(self) -> AnswerLine | None:
        """The one player's answer in solo play and on a student's reveal."""
        return self.answers[0] if len(self.answers) == 1 else None

    def gave_the_answer(self, line: AnswerLine) -> bool:
        """The player's answer reads as the right answer itself (a right option, an exact
        number; "15,000 soldiers" for "about 15,000 soldiers", an approximate figure's
        answer): the reveal then says the answer once, not again as what they said."""
        answer = self.answer_text.casefold()
        return line.given.casefold() in (answer, answer.removeprefix("about "))

    def answer_rows(self) -> tuple[tuple[str, str], ...]:
        """The one player's answer as (label, text) rows, each thing said once: the right
        answer; what they said, unless it was the answer; why the score, when the verdict
        and points above the rows do not say it; the bonus. Without one player's answer
        (the projector), the answer alone."""
        rows = [("Answer", self.answer_text)]
        yours = self.yours
        if yours is None:
            return tuple(rows)
        if not self.gave_the_answer(yours):
            rows.append(("You said", yours.given))
        if yours.reason:
            rows.append(("Why", yours.reason))
        if yours.bonus:
            rows.append(("Bonus", yours.bonus.removeprefix("Bonus: ")))
        return tuple(rows)


def reveal_view(
    question: Question,
    explanation: Explanation | None,
    answers: Sequence[AnswerLine] = (),
    *,
    chart: tuple[ChartPoint, ...] | None = None,
    guess_label: str = YOUR_GUESS,
    interval: bool = False,
) -> RevealView:
    """The reveal of `question`; `chart` defaults to the figures alone."""
    cards = explanation.cards if explanation is not None else ()
    note = explanation.note if explanation is not None else question.explain
    if chart is None:
        chart = explanation.chart if explanation is not None else ()
    return RevealView(
        prompt=question.prompt,
        answer_text=question.answer_text,
        answers=tuple(answers),
        note=note,
        cards=cards,
        cards_heading=cards_heading(len(cards)) if cards else "",
        chart=chart,
        legend=chart_legend(chart, guess_label),
        rule=rule_text(question, interval),
    )


def solo_reveal(
    answered: AnsweredQuestion, explanation: Explanation, *, interval: bool = False
) -> RevealView:
    """One player's reveal in solo play: their answer, and their guess on the chart."""
    question = answered.question
    return reveal_view(
        question,
        explanation,
        (answered_line(answered),),
        chart=player_chart(question, explanation, answered.answer),
        interval=interval,
    )


def shared_reveal(
    question: Question,
    explanation: Explanation,
    results: Sequence[tuple[str, AnsweredQuestion]],
    *,
    interval: bool = False,
) -> RevealView:
    """Hot-seat: every player's answer to one question, named, revealed together."""
    answer: Answer | None = results[0][1].answer if len(results) == 1 else None
    return reveal_view(
        question,
        explanation,
        tuple(answered_line(result, name) for name, result in results),
        chart=player_chart(question, explanation, answer),
        interval=interval,
    )
