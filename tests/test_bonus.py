"""Speed points and the streak bonus, made reachable: `--speed` and `--streak` for `play` and
`host`, boxes on the start screen, scored, explained on the reveal, stored and exported; off
by default everywhere."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
from plain_game import plain_command
from quiz.screens.app import make_app

from quiz.bank.loader import LoadedBank, load_bank
from quiz.classroom.room import Room
from quiz.cli.main import build_parser
from quiz.cli.options import game_settings
from quiz.game.generate import Question, Settings, generate
from quiz.game.scoring import IntervalAnswer, NumberAnswer
from quiz.game.session import STREAK_CAP, STREAK_STEP, Session, SessionSettings
from quiz.play.settings import GameSettings
from quiz.present import bonus
from quiz.present.progress import Progress
from quiz.present.verdict import verdict
from quiz.results.export import write_csv
from quiz.results.store import Store


def one_point_seed(bank: Path) -> int:
    """The first seed whose three choice questions are worth one point each, so the
    totals below are simple whatever the selection picks."""
    loaded = load_bank(bank)
    return next(
        seed
        for seed in range(100)
        if all(
            q.points == 1 for q in generate(loaded, Settings(count=3, kinds=("choice",), seed=seed))
        )
    )


def choices(bank: Path, count: int) -> list[Question]:
    seed = one_point_seed(bank)
    return generate(load_bank(bank), Settings(count=count, kinds=("choice",), seed=seed))


def play_plain(bank: Path, data: Path, answers: str, *flags: str) -> str:
    result = subprocess.run(
        plain_command(bank, data, "--kinds", "choice", *flags, seed=one_point_seed(bank), count=3),
        input=answers,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def exported(data: Path) -> list[dict[str, str]]:
    out = io.StringIO()
    with Store(data) as store:
        write_csv(store, out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_the_options_reach_the_settings_of_play_and_host() -> None:
    parser = build_parser()
    for command in ("play", "host"):
        assert game_settings(parser.parse_args([command])).session_settings() == SessionSettings()
        on = game_settings(parser.parse_args([command, "--speed", "--streak"]))
        assert (on.speed, on.streak) == (True, True)
        assert on.session_settings().speed_points and on.session_settings().streak_bonus


def test_a_streak_in_plain_is_stated_scored_explained_stored_and_exported(
    second_bank_path: Path, tmp_path: Path
) -> None:
    questions = choices(second_bank_path, 3)
    right = "".join(f"{q.answer_index + 1}\n" for q in questions if q.answer_index is not None)
    out = play_plain(second_bank_path, tmp_path / "on", right, "--streak")
    assert bonus.rules(SessionSettings(streak_bonus=True))[0] in out
    assert "Bonus: streak of 2 +0.1, so 1.1 points for this answer." in out
    assert "Bonus: streak of 3 +0.2, so 1.2 points for this answer." in out
    # The bonus comes on top of the questions' points, never as "3.3 of 3".
    assert "Final score: 3 of 3 points + 0.3 bonus (100%, 3 of 3 questions answered)." in out
    assert "Score so far: 2 of 2 points + 0.1 bonus." in out
    listing = subprocess.run(
        [sys.executable, "-m", "quiz", "results", "--data-dir", str(tmp_path / "on")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "3 of 3 points + 0.3 bonus, 3 of 3 answered" in listing, listing
    answers = subprocess.run(
        [
            sys.executable,
            "-m",
            "quiz",
            "results",
            "--data-dir",
            str(tmp_path / "on"),
            "--session",
            "1",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    # Each answer's line says the points once, and nothing the answer already says.
    assert "the answer is 85 million euros; 1 of 1 point\n" in answers, answers
    assert "--streak" in out.split("Replay this quiz with:")[1].splitlines()[0]
    rows = exported(tmp_path / "on")
    assert [(r["score"], r["bonus"], r["bonus_reason"]) for r in rows] == [
        ("1", "0", ""),
        ("1", "0.1", "streak of 2 +0.1"),
        ("1", "0.2", "streak of 3 +0.2"),
    ]


def test_speed_points_in_plain_reward_a_right_answer_only(
    second_bank_path: Path, tmp_path: Path
) -> None:
    questions = choices(second_bank_path, 3)
    first = questions[0]
    assert first.answer_index is not None
    wrong = (first.answer_index + 1) % len(first.options) + 1
    answers = f"{first.answer_index + 1}\n{wrong}\n"
    out = play_plain(second_bank_path, tmp_path / "speed", answers, "--speed")
    assert bonus.rules(SessionSettings(speed_points=True))[0] in out
    rows = exported(tmp_path / "speed")
    assert float(rows[0]["bonus"]) > 0 and rows[0]["bonus_reason"].startswith("speed +")
    assert (rows[1]["bonus"], rows[1]["bonus_reason"]) == ("0", "")


def test_bonuses_are_off_by_default_in_plain(second_bank_path: Path, tmp_path: Path) -> None:
    questions = choices(second_bank_path, 3)
    right = "".join(f"{q.answer_index + 1}\n" for q in questions if q.answer_index is not None)
    out = play_plain(second_bank_path, tmp_path / "off", right)
    assert "Bonus" not in out and "Streak bonus" not in out and "Speed points" not in out
    assert "Final score: 3 of 3 points" in out
    assert {r["bonus"] for r in exported(tmp_path / "off")} == {"0"}


@pytest.mark.parametrize("streak", [False, True], ids=["off", "on"])
async def test_the_start_screen_switches_the_streak_bonus(
    second_bank: LoadedBank, tmp_path: Path, streak: bool
) -> None:
    """Off unless its box is ticked; then the second right answer's reveal says why it
    earned more, and the choice is remembered."""
    from quiz.play.preferences import load

    app = make_app(
        loaded=second_bank,
        settings=GameSettings(seed=one_point_seed(second_bank.path), count=3, kinds=("choice",)),
        data_dir=tmp_path / "data",
        prefs_path=tmp_path / "prefs.json",
    )
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.pause()
        box = app.screen.query_one("#streak")
        assert box.value is False  # type: ignore[attr-defined]
        if streak:
            box.value = True  # type: ignore[attr-defined]
        app.screen.query_one("#name").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.session is not None
        for _ in range(2):
            question = app.session.current
            assert question.answer_index is not None
            await pilot.press(str(question.answer_index + 1))
            await pilot.pause()
            assert type(app.screen).__name__ == "RevealScreen"
            shown = " ".join(s.text for s in app.screen._compositor.render_strips())
            if app.session.position == 1:
                await pilot.press("enter")
                await pilot.pause()
        assert ("streak of 2 +0.1" in shown) is streak
        assert ("Bonus" in shown) is streak
        # The header's score stays within the questions' maximum, the bonus beside it.
        assert ("Score 2 of 2 + 0.1 bonus" in shown) is streak
        assert "Score 2 of 2" in shown and "Score 2.1" not in shown
    assert load(tmp_path / "prefs.json").streak is streak


def test_the_classroom_scores_a_streak_and_a_miss_ends_it(second_bank: LoadedBank) -> None:
    questions = choices(second_bank.path, 3)
    clock = [0.0]
    room = Room(
        questions,
        seconds=30,
        clock=lambda: clock[0],
        bonuses=SessionSettings(streak_bonus=True, speed_points=True, speed_seconds=30),
    )
    ana, ben = room.join("Ana"), room.join("Ben")
    for number, question in enumerate(questions, start=1):
        room.next()
        clock[0] += 15  # half the time: half the speed points
        assert question.answer_index is not None
        given = room.answer(ana, number, question.answer_index, None)
        if number != 2:  # Ben misses question 2
            room.answer(ben, number, question.answer_index, None)
        room.close()
        if number == 2:
            assert (given.bonus, given.bonus_reason) == (
                0.35,
                "speed +0.25, streak of 2 +0.1",
            )
    assert ana.points == pytest.approx(3 + 3 * 0.25 + 0.1 + 0.2)
    # Ben's run was broken by the miss: no streak on question 3.
    assert ben.answers[3].bonus_reason == "speed +0.25"


def test_the_classroom_is_off_by_default(second_bank: LoadedBank) -> None:
    questions = choices(second_bank.path, 2)
    room = Room(questions, seconds=30)
    ana = room.join("Ana")
    for number, question in enumerate(questions, start=1):
        room.next()
        assert question.answer_index is not None
        assert room.answer(ana, number, question.answer_index, None).bonus == 0
        room.close()
    assert ana.points == 2


def test_the_header_keeps_a_bonus_apart_from_the_questions_points() -> None:
    """ "Score 1.44 of 1" read as more than the maximum: the bonus is said apart, and a
    student's app that cannot tell its bonus (it rejoined) shows the part above the
    maximum as bonus, since only a bonus takes a total there."""
    assert Progress(2, 5, 1.44, 1.0, bonus=0.44).score_text == "Score 1 of 1 + 0.44 bonus"
    assert Progress(2, 5, 1.44, 1.0).score_text == "Score 1 of 1 + 0.44 bonus"
    assert Progress(3, 5, 1.1, 2.0, bonus=0.3).score_text == "Score 0.8 of 2 + 0.3 bonus"
    assert Progress(3, 5, 1.1, 2.0).score_text == "Score 1.1 of 2"
    assert Progress(2, 5, 1.44, 1.0).short_score == "1/1+0.44 pts"
    assert Progress(3, 5, 1.1, 2.0).short_score == "1.1/2 pts"


def _interval_session(questions: list[Question], streak: bool = True) -> Session:
    return Session(questions, SessionSettings(interval=True, streak_bonus=streak))


def test_in_interval_mode_bounds_that_hold_the_truth_keep_the_streak(
    second_bank: LoadedBank,
) -> None:
    """Bounds rarely earn full marks (points shrink with their width), so in interval mode
    the run is kept by answers the reveal calls right, "Inside your bounds"; bounds that
    miss the truth end it. The rules say so where they are stated."""
    questions = generate(second_bank, Settings(count=4, kinds=("estimate",), seed=3))
    session = _interval_session(questions)
    earned = []
    for number, question in enumerate(questions):
        assert question.low is not None and question.high is not None
        if number == 2:  # far above the truth: outside, the run ends
            low, high = question.high * 50, question.high * 100
        else:  # 4x wide around the truth: inside, short of full marks
            low, high = question.low / 2, question.high * 2
        result = session.answer(IntervalAnswer(low, high, f"{low:g}-{high:g}"))
        assert not result.score.correct
        assert verdict(result.score).tone == ("wrong" if number == 2 else "right")
        earned.append(result.bonus_reason)
        session.next()
    step = questions[1].points * STREAK_STEP
    assert earned == ["", f"streak of 2 +{step:g}", "", ""]
    rules = bonus.rules(SessionSettings(interval=True, streak_bonus=True))
    assert rules == [
        "Streak bonus: each answer whose bounds hold the truth in an unbroken run adds "
        f"{STREAK_STEP:g} of the question's points per earlier answer in the run, at most "
        f"{STREAK_CAP:g}."
    ]
    assert "full-marks answer" in bonus.rules(SessionSettings(streak_bonus=True))[0]


def test_outside_interval_mode_only_full_marks_keep_the_streak(second_bank: LoadedBank) -> None:
    """A close estimate (not full marks) ends the run, as it always did."""
    questions = generate(second_bank, Settings(count=3, kinds=("estimate",), seed=3))
    session = Session(questions, SessionSettings(streak_bonus=True))
    reasons = []
    for number, question in enumerate(questions):
        assert question.low is not None
        value = question.low * (1.5 if number == 1 else 1)
        result = session.answer(NumberAnswer(value, f"{value:g}"))
        reasons.append(result.bonus_reason)
        session.next()
    assert reasons == ["", "", ""]
