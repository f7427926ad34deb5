"""The reveal and the summary say each thing once (quiz.present): the answer, what was
said unless it was the answer, the points, and why only when the verdict, the points and
the answer do not say it. Played through a Session, as every front end gets them."""

from __future__ import annotations

from quiz.bank.loader import LoadedBank
from quiz.game.explain import explain
from quiz.game.generate import Question, Settings, generate
from quiz.game.scoring import ChoiceAnswer, IntervalAnswer, NumberAnswer, read_answer
from quiz.game.session import Session, SessionSettings
from quiz.present.plain_text import reveal_lines, summary_lines
from quiz.present.reveal_view import solo_reveal
from quiz.present.summary_view import summary_view
from quiz.present.verdict import score_points, why


def _one(bank: LoadedBank, kind: str, seed: int = 3) -> Question:
    return generate(bank, Settings(count=1, kinds=(kind,), seed=seed))[0]


def test_a_right_option_is_said_once(shipped: LoadedBank) -> None:
    """Was: "Answer: Several weeks / You said: Several weeks / Why: right: Several weeks"."""
    question = _one(shipped, "choice")
    assert question.answer_index is not None
    session = Session([question])
    answered = session.answer(ChoiceAnswer(question.answer_index))
    view = solo_reveal(answered, explain(shipped, question))
    assert view.answer_rows() == (("Answer", question.answer_text),)
    lines = reveal_lines(view)
    assert lines[:2] == [f"Right: the answer is {question.answer_text}.", "Score: 1 of 1 point."]
    assert "\n".join(lines[:2]).count(question.answer_text) == 1


def test_a_wrong_option_says_the_answer_and_what_was_said(shipped: LoadedBank) -> None:
    question = _one(shipped, "choice")
    assert question.answer_index is not None
    wrong = (question.answer_index + 1) % len(question.options)
    answered = Session([question]).answer(ChoiceAnswer(wrong))
    view = solo_reveal(answered, explain(shipped, question))
    assert view.answer_rows() == (
        ("Answer", question.answer_text),
        ("You said", question.options[wrong]),
    )
    assert reveal_lines(view)[1] == "Score: 0 of 1 point."


def test_an_estimate_off_says_how_far_and_the_points_once(shipped: LoadedBank) -> None:
    question = _one(shipped, "estimate")
    assert question.low is not None
    answered = Session([question]).answer(NumberAnswer(question.low * 3, "x"))
    assert answered.score.reason.endswith(score_points(answered.score))  # the stored reason
    reason = why(answered.score)
    assert reason == "3x too high"
    view = solo_reveal(answered, explain(shipped, question))
    assert view.answer_rows()[-1] == ("Why", reason)
    assert reveal_lines(view)[1] == f"Score: {score_points(answered.score)} ({reason})."


def test_bounds_say_how_wide_they_were_or_where_the_truth_fell(shipped: LoadedBank) -> None:
    question = _one(shipped, "estimate")
    assert question.low is not None and question.high is not None
    session = Session([question, question], SessionSettings(interval=True))
    inside = session.answer(IntervalAnswer(question.low / 2, question.high * 2, "x"))
    assert why(inside.score).startswith("your bounds are ") and "wide" in why(inside.score)
    session.next()
    outside = session.answer(IntervalAnswer(question.high * 4, question.high * 8, "y"))
    assert why(outside.score) == "the truth is 4x below your bounds"


def test_the_summary_says_what_was_said_and_the_score_apart(second_bank: LoadedBank) -> None:
    """Was: "You said 20 million–30 million (its middle, about 24.5 million) (0.95 of 1
    point)": the points now have their own row, with why."""
    question = next(
        q
        for seed in range(50)
        for q in generate(second_bank, Settings(count=4, kinds=("estimate",), seed=seed))
        if q.low is not None and q.low == q.high and q.low >= 1000
    )
    assert question.low is not None
    low, high = question.low * 1.5, question.low * 2.5
    typed = f"{low:.0f}-{high:.0f}"
    session = Session([question])
    session.answer(read_answer(question, typed))
    session.next()
    view = summary_view(session)
    (row,) = view.missed
    labels = [label for label, _ in row.rows()]
    assert labels == ["Answer", "You said", "Score"]
    said, score = row.rows()[1][1], row.rows()[2][1]
    assert "(its middle, about" in said and "point" not in said
    assert score.startswith(row.points) and score.endswith("too high)")
    lines = summary_lines(view)
    assert f"      Score: {score}." in lines
    assert not any(") (" in line for line in lines)
