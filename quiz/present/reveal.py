"""Plain-text layout of questions, reveals and summaries, for `--plain` and `preview`.

Every function returns lines of plain text: no ANSI codes, no markup, nothing a
screen reader would read out as noise. Bank text is printed as written (the
bank format refuses control characters); player names and typed input pass
through `printable`, since they come from outside the bank.

Layout decisions:

- The quote is printed verbatim, without marking the number: the value is on
  the card's first line, and asterisks or brackets would be read aloud.
- A reveal lists every figure of the question's measure(s) as a card: source and
  role, the value, what it counts, as of when, the quote, the explanation; the
  figure the question asked about is marked "(this question)".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from quiz.game.explain import Card, Explanation
from quiz.game.generate import Question
from quiz.game.quantity import is_linear
from quiz.game.scoring import Score, rule_text
from quiz.game.session import AnsweredQuestion, Summary
from quiz.present.counts import questions_text
from quiz.present.quotes import shown_quote
from quiz.results.printable import printable as printable  # re-exported: callers ask present
from quiz.results.store import describe_answer

KIND_LABELS = {
    "estimate": "Estimate",
    "choice": "Multiple choice",
    "source": "Who said it",
    "compare": "Compare",
    "written": "Question",
}


def points(value: float) -> str:
    """0.4567 -> "0.46", 1.0 -> "1"."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def points_of(value: float, maximum: float) -> str:
    """ "0.5 of 1 point", "7 of 10 points"."""
    unit = "point" if points(maximum) == "1" else "points"
    return f"{points(value)} of {points(maximum)} {unit}"


def kind_label(question: Question) -> str:
    return KIND_LABELS.get(question.kind, question.kind.capitalize())


def answer_hint(question: Question, interval: bool) -> str:
    """What the prompt for this question accepts, in a few words."""
    if not question.is_numeric:
        return f"1-{len(question.options)}, or the option's text"
    unit = f" of {question.unit}" if question.unit else ""
    if interval:
        return f"a low and a high number{unit}, as 50,000-200,000"
    return f"a number{unit}, as 7.8 million, 7,800,000 or 15m"


def question_lines(question: Question, position: int, total: int) -> list[str]:
    """The question as asked: number, kind, prompt, numbered options."""
    lines = [f"Question {position} of {total} ({kind_label(question)}, {points_of_max(question)})"]
    lines.append(question.prompt)
    for number, option in enumerate(question.options, start=1):
        lines.append(f"  {number}. {option}")
    if question.is_numeric and is_linear(question.number_kind):
        # The header states the usual rule; a temperature or a percentage has its own.
        lines.append(f"Scoring: {rule_text(question)}.")
    return lines


def points_of_max(question: Question) -> str:
    unit = "point" if points(question.points) == "1" else "points"
    return f"{points(question.points)} {unit}"


def verdict(answered: AnsweredQuestion) -> str:
    score = answered.score
    if score.inside is not None:  # interval mode: "right" would overstate a wide range
        return "Inside your range." if score.inside else "Outside your range."
    if score.correct:
        return "Right."
    if score.points > 0:
        return "Partly right."
    return "Wrong."


def score_lines(answered: AnsweredQuestion, given: str) -> list[str]:
    """Verdict, the player's answer, the right answer, the score and its reason."""
    return [
        f"{verdict(answered)} You answered {printable(given)}; "
        f"the answer is {answered.question.answer_text}.",
        f"Score: {score_text(answered.score)}.",
    ]


def score_text(score: Score) -> str:
    """The points and their reason, without saying the points twice."""
    earned = points_of(score.points, score.max_points)
    return score.reason if earned in score.reason else f"{earned} ({score.reason})"


def card_lines(card: Card) -> list[str]:
    role = f", {card.role}" if card.role else ""
    mark = " (this question)" if card.is_answer else ""
    lines = [f"- {card.source}{role}: {card.value_text}{mark}"]
    if card.note:
        lines.append(f"  About them: {card.note}")
    lines.append(f"  Counts: {card.counts}")
    if card.as_of:
        lines.append(f"  As of: {card.as_of}")
    lines.append(f"  Quote: {shown_quote(card.quote).text}")
    if card.explain:
        lines.append(f"  Why: {card.explain}")
    return lines


def explanation_lines(explanation: Explanation) -> list[str]:
    lines: list[str] = []
    if explanation.note:
        lines.append(f"Note: {explanation.note}")
    if explanation.cards:
        count = len(explanation.cards)
        lines.append(
            "The figure behind this question:"
            if count == 1
            else f"What each source said ({count} figures):"
        )
        for card in explanation.cards:
            lines.extend(card_lines(card))
    return lines


def summary_lines(summary: Summary, questions: Sequence[Question]) -> list[str]:
    """The end of a solo game: totals, per kind, calibration, what was missed."""
    if not summary.answered:
        return [f"No questions answered (of {summary.total})."]
    lines = [
        f"Final score: {points_of(summary.points, summary.max_points)} "
        f"({summary.answered} of {questions_text(summary.total)} answered)."
    ]
    if summary.by_kind:
        lines.append("By kind:")
        for part in summary.by_kind:
            if not part.answered:
                continue
            label = KIND_LABELS.get(part.kind, part.kind)
            lines.append(
                f"  {label}: {points_of(part.points, part.max_points)} ({part.answered} answered)"
            )
    if summary.intervals:
        share = round(100 * summary.inside / summary.intervals)
        lines.append(
            f"Calibration: the answer fell inside {summary.inside} of your "
            f"{summary.intervals} ranges ({share}%)."
        )
    if summary.missed:
        lines.append("Missed:")
        lines.extend(missed_lines(summary.missed, questions))
    return lines


def missed_lines(missed: Iterable[AnsweredQuestion], questions: Sequence[Question]) -> list[str]:
    numbers = {q.id: n for n, q in enumerate(questions, start=1)}
    lines = []
    for answered in missed:
        question = answered.question
        number = numbers.get(question.id)
        label = f"Q{number}" if number is not None else "Q"
        lines.append(f"  {label}. {question.prompt}")
        lines.append(
            f"      You answered {describe_answer(question, answered.answer)}; "
            f"the answer is {question.answer_text} "
            f"({points_of(answered.score.points, answered.score.max_points)})."
        )
    return lines


def ranking(totals: Sequence[tuple[str, float, float, int]]) -> list[str]:
    """Players ranked by points: (name, points, max points, answered) -> lines.

    Ties share a rank (1, 1, 3), keeping the order the players were given.
    """
    order = sorted(range(len(totals)), key=lambda i: -round(totals[i][1], 6))
    lines = []
    previous: float | None = None
    rank = 0
    for place, index in enumerate(order, start=1):
        name, got, maximum, answered = totals[index]
        if previous is None or round(got, 6) != previous:
            rank = place
            previous = round(got, 6)
        lines.append(
            f"  {rank}. {printable(name)}: {points_of(got, maximum)} ({answered} answered)"
        )
    return lines
