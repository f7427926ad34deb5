"""The session state machine: transitions, totals, timing, storing, summary, bonuses."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quiz.bank.loader import LoadedBank
from quiz.game.generate import Question, Settings, generate
from quiz.game.scoring import ChoiceAnswer, IntervalAnswer, NumberAnswer, score
from quiz.game.session import (
    SPEED_SHARE,
    STREAK_STEP,
    AnsweredQuestion,
    Session,
    SessionError,
    SessionSettings,
)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


EXACT = Question("e1", "estimate", "How many?", low=1000, high=1000, figure_ids=("f",))
RANGED = Question("e2", "compare", "How many times?", low=2, high=4, unit="times", points=2)
CHOICE = Question("c1", "choice", "Which?", options=("a", "b", "c", "d"), answer_index=2)
SOURCE = Question("s1", "source", "Who?", options=("X", "Y"), answer_index=0)


def right(question: Question) -> ChoiceAnswer | NumberAnswer:
    if question.is_numeric:
        assert question.low is not None
        return NumberAnswer(question.low)
    assert question.answer_index is not None
    return ChoiceAnswer(question.answer_index)


def test_walks_question_reveal_next_to_finished() -> None:
    session = Session([EXACT, CHOICE])
    assert (session.state, session.position, session.total, session.current) == (
        "question",
        1,
        2,
        EXACT,
    )
    session.answer(NumberAnswer(1000))
    assert (session.state, session.current) == ("reveal", EXACT)
    session.next()
    assert (session.state, session.position, session.current) == ("question", 2, CHOICE)
    session.answer(ChoiceAnswer(0))
    session.next()
    assert session.state == "finished"
    assert [r.question for r in session.results] == [EXACT, CHOICE]


@pytest.mark.parametrize(
    ("steps", "action"),
    [
        ([], "next"),
        (["answer"], "answer"),
        (["answer", "next", "answer", "next"], "answer"),
        (["answer", "next", "answer", "next"], "next"),
        (["answer", "next", "answer", "next"], "finish"),
        (["finish"], "answer"),
    ],
)
def test_transitions_the_state_forbids_raise_session_error(steps: list[str], action: str) -> None:
    # Every step but the last is allowed; the last is not.
    session = Session([EXACT, CHOICE])
    actions = {
        "answer": lambda: session.answer(right(session.current)),
        "next": session.next,
        "finish": session.finish,
    }
    for step in steps:
        actions[step]()
    with pytest.raises(SessionError, match="cannot"):
        actions[action]()


def test_finish_early_keeps_what_was_answered() -> None:
    session = Session([EXACT, CHOICE, SOURCE])
    session.answer(NumberAnswer(2000))
    session.finish()
    summary = session.summary()
    assert (session.state, summary.answered, summary.total) == ("finished", 1, 3)
    assert summary.max_points == 1.0


def test_running_totals_follow_the_scores() -> None:
    session = Session([EXACT, RANGED, CHOICE])
    expected_points = 0.0
    expected_max = 0.0
    for question, answer in [
        (EXACT, NumberAnswer(3000)),
        (RANGED, NumberAnswer(3)),
        (CHOICE, ChoiceAnswer(0)),
    ]:
        result = session.answer(answer)
        expected = score(question, answer)
        assert result.score == expected
        expected_points += expected.points
        expected_max += expected.max_points
        assert session.points == pytest.approx(expected_points)
        assert session.max_points == pytest.approx(expected_max)
        session.next()
    assert session.max_points == 4.0  # RANGED weighs 2


def test_time_per_answer_comes_from_the_injected_clock() -> None:
    clock = Clock()
    session = Session([EXACT, CHOICE], clock=clock)
    clock.now += 12.5
    assert session.answer(NumberAnswer(1000)).seconds == 12.5
    clock.now += 30  # time on the reveal does not count
    session.next()
    clock.now += 4
    assert session.answer(ChoiceAnswer(2)).seconds == 4
    assert session.summary().seconds == 16.5


def test_on_answer_runs_before_answer_returns_and_before_the_reveal() -> None:
    seen: list[tuple[str, AnsweredQuestion, int]] = []
    holder: list[Session] = []

    def store(result: AnsweredQuestion) -> None:
        seen.append((holder[0].state, result, len(holder[0].results)))

    session = Session([EXACT, CHOICE], on_answer=store)
    holder.append(session)
    result = session.answer(NumberAnswer(900))
    assert seen == [("question", result, 0)]


def test_an_answer_the_store_refused_is_not_taken() -> None:
    def failing(result: AnsweredQuestion) -> None:
        raise OSError("disk full")

    session = Session([EXACT], on_answer=failing)
    with pytest.raises(OSError, match="disk full"):
        session.answer(NumberAnswer(1000))
    assert (session.state, session.results, session.points) == ("question", [], 0)


@pytest.mark.parametrize(
    ("question", "answer", "interval", "message"),
    [
        (CHOICE, NumberAnswer(3), False, "option"),
        (CHOICE, ChoiceAnswer(4), False, "from 1 to 4"),
        (EXACT, ChoiceAnswer(0), False, "number"),
        (EXACT, IntervalAnswer(1, 10), False, "not in interval mode"),
        (EXACT, NumberAnswer(10), True, "low and a high bound"),
    ],
)
def test_misfit_answers_raise_value_error_and_keep_the_question(
    question: Question, answer: object, interval: bool, message: str
) -> None:
    session = Session([question], SessionSettings(interval=interval))
    with pytest.raises(ValueError, match=message):
        session.answer(answer)  # type: ignore[arg-type]
    assert session.state == "question" and session.results == []


def test_read_uses_the_number_reader_and_the_mode() -> None:
    assert Session([EXACT]).read("1.5k") == NumberAnswer(1500, "1.5k")
    interval = Session([EXACT], SessionSettings(interval=True))
    assert interval.read("1k to 2k") == IntervalAnswer(1000, 2000, "1k to 2k")
    with pytest.raises(ValueError):
        Session([CHOICE]).read("9")


def test_summary_breaks_down_by_kind_and_lists_the_missed() -> None:
    session = Session([EXACT, CHOICE, SOURCE, RANGED])
    for answer in (NumberAnswer(1000), ChoiceAnswer(0), ChoiceAnswer(0), NumberAnswer(40)):
        session.answer(answer)
        session.next()
    summary = session.summary()
    kinds = {k.kind: k for k in summary.by_kind}
    assert [k.kind for k in summary.by_kind] == ["estimate", "choice", "source", "compare"]
    assert (kinds["estimate"].points, kinds["choice"].points, kinds["source"].points) == (1, 0, 1)
    assert kinds["compare"].max_points == 2 and kinds["compare"].points == 0
    assert [m.question for m in summary.missed] == [CHOICE, RANGED]
    assert summary.points == session.points == 2
    assert (summary.answered, summary.total) == (4, 4)


def test_calibration_counts_intervals_holding_the_truth() -> None:
    session = Session([EXACT, RANGED, CHOICE], SessionSettings(interval=True))
    session.answer(IntervalAnswer(500, 2000))
    session.next()
    session.answer(IntervalAnswer(5, 8))
    session.next()
    session.answer(ChoiceAnswer(2))
    summary = session.summary()
    assert (summary.intervals, summary.inside, summary.calibration) == (2, 1, 0.5)


def test_bonuses_are_off_by_default() -> None:
    clock = Clock()
    session = Session([CHOICE, SOURCE], clock=clock)
    for _ in range(2):
        result = session.answer(right(session.current))
        assert (result.bonus, result.bonus_reason) == (0, "")
        session.next()
    assert session.points == session.max_points == 2


def test_speed_points_fall_with_time_and_skip_wrong_answers() -> None:
    clock = Clock()
    settings = SessionSettings(speed_points=True, speed_seconds=20)
    session = Session([CHOICE, SOURCE, EXACT], settings, clock=clock)
    clock.now += 5
    fast = session.answer(ChoiceAnswer(2))
    assert fast.bonus == pytest.approx(SPEED_SHARE * (1 - 5 / 20), abs=0.0051)  # to 0.01
    assert fast.bonus_reason.startswith("speed +")
    session.next()
    clock.now += 1
    assert session.answer(ChoiceAnswer(1)).bonus == 0  # wrong, however fast
    session.next()
    clock.now += 25
    assert session.answer(NumberAnswer(1000)).bonus == 0  # too slow
    assert session.points == pytest.approx(2 + fast.bonus)
    assert session.summary().bonus == pytest.approx(fast.bonus)


def test_streak_bonus_grows_with_a_run_of_full_marks_and_resets() -> None:
    questions = [CHOICE, CHOICE, CHOICE, SOURCE, CHOICE]
    session = Session(questions, SessionSettings(streak_bonus=True))
    bonuses = []
    for answer in (ChoiceAnswer(2), ChoiceAnswer(2), ChoiceAnswer(2), ChoiceAnswer(1)):
        bonuses.append(session.answer(answer).bonus)
        session.next()
    bonuses.append(session.answer(ChoiceAnswer(2)).bonus)
    assert bonuses == pytest.approx([0, STREAK_STEP, 2 * STREAK_STEP, 0, 0])


def test_an_empty_quiz_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one question"):
        Session([])


@pytest.mark.parametrize("bank_name", ["shipped", "second_bank"])
def test_a_whole_generated_quiz_plays_through(
    request: pytest.FixtureRequest, bank_name: str
) -> None:
    bank: LoadedBank = request.getfixturevalue(bank_name)
    questions = generate(bank, Settings(count=12, seed=9))
    stored: list[AnsweredQuestion] = []
    session = Session(questions, on_answer=stored.append)
    for _ in range(session.total):  # bounded: a walk that stops advancing fails, never hangs
        session.answer(right(session.current))
        session.next()
    assert session.state == "finished"
    assert len(stored) == len(questions)
    assert session.points == session.max_points == sum(q.points for q in questions)
    assert session.summary().missed == ()


@given(
    actions=st.lists(
        st.sampled_from(["right", "wrong", "number", "bounds", "next", "finish"]), max_size=30
    ),
    interval=st.booleans(),
)
def test_any_sequence_of_actions_keeps_the_session_consistent(
    actions: list[str], interval: bool
) -> None:
    """Whatever a UI does, refused actions change nothing and the totals add up."""
    stored: list[AnsweredQuestion] = []
    questions = [EXACT, CHOICE, RANGED, SOURCE]
    session = Session(questions, SessionSettings(interval=interval), on_answer=stored.append)
    for action in actions:
        before = (session.state, session.position, len(session.results))
        try:
            if action == "right":
                session.answer(right(session.current))
            elif action == "wrong":
                session.answer(ChoiceAnswer(0))
            elif action == "number":
                session.answer(NumberAnswer(123))
            elif action == "bounds":
                session.answer(IntervalAnswer(100, 10_000))
            elif action == "next":
                session.next()
            else:
                session.finish()
        except (SessionError, ValueError):
            assert (session.state, session.position, len(session.results)) == before
        assert 1 <= session.position <= len(questions)
        assert session.results == stored
        assert session.points == pytest.approx(sum(r.points for r in stored), abs=0.01)
        answered_here = {"question": [0], "reveal": [1], "finished": [0, 1]}[session.state]
        assert len(stored) - (session.position - 1) in answered_here
        if session.state == "reveal":
            assert stored[-1].question == session.current
