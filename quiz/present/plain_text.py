"""Plain-text layout of questions, reveals, leaderboards and summaries, for `--plain`
and `preview`.

Every function returns lines of plain text laid out from the views the rest of this
package computes (`RevealView`, `SummaryView`, `Standing`): no ANSI codes, no markup,
nothing a screen reader would read out as noise. Bank text is printed as written (the
bank format refuses control characters); player names and typed input are printable
already in the views.

Layout decisions:

- The verdict is printed in words only ("Right."), without the ✓ the screens show.
- The quote is printed verbatim, without marking the number: the value is on
  the card's first line, and asterisks or brackets would be read aloud.
- A reveal lists every figure of the question's measure(s) as a card: source and
  role, the value, what it counts, as of when, the quote, the explanation; the
  figure the question asked about is marked "(the figure asked about)".
"""

from __future__ import annotations

from collections.abc import Sequence

from quiz.game.explain import Card
from quiz.game.hints import Examples
from quiz.game.quantity import is_linear
from quiz.game.question import Question
from quiz.game.scoring import rule_text
from quiz.present.kinds import kind_label
from quiz.present.quotes import shown_quote
from quiz.present.ranking import Standing
from quiz.present.reveal_view import ASKED, AnswerLine, RevealView
from quiz.present.summary_view import SummaryView
from quiz.present.words import points, points_words


def answer_hint(question: Question, interval: bool, examples: Examples) -> str:
    """What the prompt for this question accepts, in a few words; the example numbers are
    the engine's (`quiz.game.hints`), none of them a number of the bank."""
    if not question.is_numeric:
        return f"1-{len(question.options)}, or the option's text"
    unit = f" of {question.unit}" if question.unit else ""
    if interval:
        return f"a low and a high number{unit}, as {examples.bounds}"
    return f"a number{unit}, as {examples.typed}"


def question_lines(question: Question, position: int, total: int) -> list[str]:
    """The question as asked: number, kind, prompt, numbered options."""
    lines = [
        f"Question {position} of {total} "
        f"({kind_label(question.kind)}, {points_words(question.points)})"
    ]
    lines.append(question.prompt)
    for number, option in enumerate(question.options, start=1):
        lines.append(f"  {number}. {option}")
    if question.is_numeric and is_linear(question.number_kind):
        # The header states the usual rule; a temperature or a percentage has its own.
        lines.append(f"Scoring: {rule_text(question)}.")
    return lines


def answer_text(line: AnswerLine) -> str:
    """One player's answer in a sentence: "Ana answered 20,000. Close. 0.5 of 1 point (...)."""
    who = f"{line.name} answered" if line.name else "You answered"
    return f"{who} {line.given}. {line.verdict.words}. {line.score_text}."


def reveal_lines(view: RevealView) -> list[str]:
    """The answer, each player's verdict and score, then every source's figure."""
    lines: list[str]
    yours = view.yours
    if yours is not None and not yours.name:
        said = (
            f"{yours.verdict.words}: the answer is {view.answer_text}."
            if view.gave_the_answer(yours)
            else f"{yours.verdict.words}. You answered {yours.given}; "
            f"the answer is {view.answer_text}."
        )
        lines = [said, f"Score: {yours.score_text}."]
        if yours.bonus:
            lines.append(yours.bonus)
    else:
        lines = [f"The answer is {view.answer_text}."]
        for line in view.answers:
            lines.append(f"  {answer_text(line)}")
            if line.bonus:
                lines.append(f"    {line.bonus}")
    if view.note:
        lines.append(f"Note: {view.note}")
    if view.cards:
        lines.append(f"{view.cards_heading}:")
        for card in view.cards:
            lines.extend(card_lines(card))
    return lines


def card_lines(card: Card) -> list[str]:
    role = f", {card.role}" if card.role else ""
    mark = f" ({ASKED})" if card.is_answer else ""
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


def standing_lines(rows: Sequence[Standing]) -> list[str]:
    """A leaderboard: "  =1st Ana 0.3 points (2 answered)"."""
    return [f"  {row.text} ({row.answered} answered)" for row in rows]


def summary_lines(view: SummaryView) -> list[str]:
    """The end of a solo game: totals, per kind, calibration, what was missed."""
    if not view.answered:
        return [f"No questions answered (of {view.questions})."]
    lines = [f"Final score: {view.total} ({view.share}, {view.answered_text})."]
    kinds = [row for row in view.kinds if row.answered]
    if kinds:
        lines.append("By kind:")
        lines += [f"  {row.label}: {row.points} ({row.answered} answered)" for row in kinds]
    if view.calibration:
        lines.append(f"Calibration: {view.calibration}")
    if view.missed:
        lines.append("To read again:")
        for row in view.missed:
            lines.append(f"  Q{row.number}. {row.prompt}")
            lines.append(f"      You answered {row.given}; the answer is {row.answer_text}.")
            lines.append(f"      Score: {row.score_text}.")
    return lines


__all__ = [
    "answer_hint",
    "card_lines",
    "points",
    "question_lines",
    "reveal_lines",
    "standing_lines",
    "summary_lines",
]
