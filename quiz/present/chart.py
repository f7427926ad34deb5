"""What the reveal's chart draws: the figures, and which guesses go beside them.

The figures' points come from the explanation (`quiz.game.explain`): every figure of
the question's measure(s), or a hand-written number question's own answer. Guesses
are drawn only where they are on the same scale as those points, decided here once
for every front end:

- a guess is drawn for a number question whose chart has points, except a
  "how many times larger?" question (unit "times") built from figures: its answer is
  a ratio, and a guess of 5 beside 100,000 and 5,937 would read as a figure of 5;
- a hand-written number question charts its own answer, so its guesses go beside it;
- a choice question draws no guess (an option is not a point on the scale).

Whose guesses they are is said in the legend: the player's own in solo play and on a
student's reveal; on the projector the whole class's, one mark each for a small class,
or the median and the middle half for more than `EACH_GUESS_UP_TO` guesses, never with
a name attached.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from quiz.game.explain import ChartPoint, Explanation
from quiz.game.question import Question
from quiz.game.scoring import Answer, IntervalAnswer, NumberAnswer

YOUR_GUESS = "your guess"
CLASS_GUESSES = "the class's guesses"
"""The legend's words for the ▲ marks on the projector."""
EACH_GUESS_UP_TO = 8
"""A small class's guesses are drawn one by one; a larger one's as a median and a range."""


def draws_guesses(question: Question) -> bool:
    """Whether a guess at `question` belongs on its chart (see the module docstring)."""
    if not question.is_numeric:
        return False
    return question.kind == "written" or question.unit != "times"


def legend(guess_label: str | None = YOUR_GUESS) -> str:
    """The key under the chart; `guess_label` names whose guesses the ▲ marks are (None:
    the chart draws no guess, and the key does not mention one)."""
    guess = f"▲ {guess_label}   " if guess_label else ""
    return f"● a figure   ◆ the answer   {guess}├──┤ a range"


def chart_legend(points: Sequence[ChartPoint], guess_label: str = YOUR_GUESS) -> str:
    """The key under a chart of `points`: ▲ is explained only where one is drawn."""
    return legend(guess_label if any(p.kind == "guess" for p in points) else None)


def answer_point(answer: Answer | None) -> ChartPoint | None:
    """One player's answer as a chart point: a guess, or interval bounds."""
    if isinstance(answer, NumberAnswer):
        return ChartPoint("your guess", answer.value, answer.value, "guess")
    if isinstance(answer, IntervalAnswer):
        return ChartPoint("your bounds", answer.low, answer.high, "guess")
    return None


def class_points(guesses: Sequence[float]) -> list[ChartPoint]:
    """The class's guesses, never with a name attached."""
    values = sorted(v for v in guesses if v > 0)
    if len(values) <= EACH_GUESS_UP_TO:
        return [ChartPoint("a guess", v, v, "guess") for v in values]
    median = statistics.median(values)
    quarter = len(values) // 4
    return [
        ChartPoint("class median", median, median, "guess"),
        ChartPoint("middle half of the class", values[quarter], values[-quarter - 1], "guess"),
    ]


def chart_points(
    question: Question, explanation: Explanation | None, guesses: Sequence[ChartPoint] = ()
) -> tuple[ChartPoint, ...]:
    """The points a reveal's chart draws: the explanation's, then the guesses that belong."""
    figures = explanation.chart if explanation is not None else ()
    if not figures or not draws_guesses(question):
        return figures
    return figures + tuple(g for g in guesses if g.low > 0 and g.high > 0)


def player_chart(
    question: Question, explanation: Explanation | None, answer: Answer | None
) -> tuple[ChartPoint, ...]:
    """One player's reveal: the figures and their own guess, where it belongs."""
    point = answer_point(answer)
    return chart_points(question, explanation, (point,) if point is not None else ())


def class_chart(
    question: Question, explanation: Explanation | None, guesses: Sequence[float]
) -> tuple[ChartPoint, ...]:
    """The projector's reveal: the figures and the class's guesses, where they belong."""
    return chart_points(question, explanation, class_points(guesses))
