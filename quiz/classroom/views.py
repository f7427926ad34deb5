"""The classroom's messages to and from the views of `quiz.present`.

The host sends a student what `quiz.present` computes (cards, the figures' chart
points and the student's guess only where it belongs, ranks with ties); the student's
app turns the message back into the same views (`student_reveal`, `podium`) and only
lays them out. Cards cross the wire with exactly the fields `CardMsg` names: what may
leave the host is decided by the wire model, not by the engine's dataclass.
"""

from __future__ import annotations

from quiz.classroom.protocol import CardMsg, EndMsg, PlaceMsg, PointMsg, RevealMsg
from quiz.game.explain import Card, ChartPoint
from quiz.game.scoring import NumberAnswer, Score
from quiz.present.chart import answer_point, chart_legend
from quiz.present.ranking import Standing
from quiz.present.reveal_view import AnswerLine, RevealView, answer_line, cards_heading


def card_message(card: Card) -> CardMsg:
    return CardMsg(**{name: getattr(card, name) for name in CardMsg.model_fields})


def card_of(message: CardMsg) -> Card:
    return Card(figure_id="", **message.model_dump())


def point_message(point: ChartPoint) -> PointMsg:
    return PointMsg(
        label=point.label, low=point.low, high=point.high, kind=point.kind, text=point.text
    )


def point_of(message: PointMsg) -> ChartPoint:
    return ChartPoint(message.label, message.low, message.high, message.kind, message.text)


def place_message(standing: Standing) -> PlaceMsg:
    return PlaceMsg(
        rank=standing.rank, name=standing.name, points=standing.points, tied=standing.tied
    )


def podium(end: EndMsg) -> list[Standing]:
    """The podium the host ranked, as leaderboard rows."""
    return [Standing(p.rank, p.name, p.points, p.tied) for p in end.podium]


def student_reveal(message: RevealMsg, prompt: str) -> RevealView:
    """A student's reveal, from the host's message, in the words of `quiz.present`."""
    answers: tuple[AnswerLine, ...] = ()
    yours = message.yours
    if yours is not None:
        score = Score(yours.points, yours.max_points, yours.correct, yours.reason)
        answers = (
            answer_line(score, yours.text, bonus=yours.bonus, bonus_reason=yours.bonus_reason),
        )
    cards = tuple(card_of(card) for card in message.cards)
    chart = tuple(point_of(point) for point in message.chart)
    # The host sends a guess only where `quiz.present.chart` draws one.
    guess = answer_point(NumberAnswer(message.guess)) if message.guess is not None else None
    if chart and guess is not None:
        chart += (guess,)
    return RevealView(
        prompt=prompt,
        answer_text=message.answer_text,
        answers=answers,
        note=message.note,
        cards=cards,
        cards_heading=cards_heading(len(cards)) if cards else "",
        chart=chart,
        legend=chart_legend(chart),
        rule=message.rule,
    )
