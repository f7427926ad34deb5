"""`quiz play --plain`, hot-seat and `quiz preview`, run as a player would: a subprocess
fed a file of answers. The answers are worked out from the quiz the same bank and seed
generate, so nothing here depends on which questions a seed happens to pick."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from quiz.bank.loader import LoadedBank, load_bank
from quiz.game.generate import Question, Settings, generate
from quiz.game.scoring import ChoiceAnswer, IntervalAnswer, NumberAnswer
from quiz.play.plain import read_answer

ARTICLE = """\
Festival draws record crowd, but nobody agrees how big

The city council said 12,000 people attended the harbour festival on Saturday. Police put the
crowd at 30,000, while the organisers claimed between 40,000 and 50,000 visitors over the day.
The council spent 2.5 million on the event, and the organisers said 350 volunteers helped.
Police made 14 arrests.
"""

BANK = """\
format = 1

[bank]
id = "harbour-festival"
title = "The harbour festival crowd"

[article]
title = "Festival draws record crowd, but nobody agrees how big"
text_file = "festival.txt"

[sources.council]
name = "The city council"
role = "Runs the festival's licence"

[sources.police]
name = "The police"
role = "Policed the harbour"

[sources.organisers]
name = "The organisers"

[figures.crowd-council]
source = "council"
measure = "crowd"
counts = "people attending the festival"
value = 12_000
as_of = "2023-06"
quote = "12,000 people attended the harbour festival"
ask = "How many people attended the festival, according to the city council?"
explain = "Counted from ticket sales, so it leaves out everyone who watched from the quay."

[figures.crowd-police]
source = "police"
measure = "crowd"
counts = "people in the crowd at its peak"
value = 30_000
approximate = true
as_of = "2023-06"
quote = "Police put the crowd at 30,000"
ask = "How large was the crowd, according to the police?"
explain = "A peak estimate from officers on the ground, counting those without tickets."

[figures.crowd-organisers]
source = "organisers"
measure = "crowd"
counts = "visitors over the whole day"
low = 40_000
high = 50_000
as_of = "2023-06"
quote = "between 40,000 and 50,000 visitors"
ask = "How many visitors came over the day, according to the organisers?"
explain = "Everyone who came at any time of day, from organisers who want the event renewed."

[figures.volunteers]
source = "organisers"
measure = "volunteers"
counts = "volunteers helping"
value = 350
as_of = "2023-06"
quote = "350 volunteers helped"
ask = "How many volunteers helped, according to the organisers?"
explain = "The organisers' own count of volunteers."

[figures.arrests]
source = "police"
measure = "arrests"
counts = "arrests made"
value = 14
as_of = "2023-06"
quote = "Police made 14 arrests"
ask = "How many arrests did the police make?"
explain = "Arrests on the day, by the police's count."
"""


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    folder = tmp_path / "bank"
    folder.mkdir()
    (folder / "festival.txt").write_text(ARTICLE, encoding="utf-8")
    path = folder / "festival.toml"
    path.write_text(BANK, encoding="utf-8")
    return path


def quiz_for(bank: Path, seed: int, count: int) -> tuple[LoadedBank, list[Question]]:
    loaded = load_bank(bank)
    return loaded, generate(loaded, Settings(count=count, seed=seed))


def an_answer(question: Question, interval: bool = False) -> str:
    """A valid answer, some right and some wrong, derived from the question itself."""
    if not question.is_numeric:
        assert question.answer_index is not None
        # Alternate right and wrong so the summary has something to total and to miss.
        wrong = (question.answer_index + 1) % len(question.options)
        return str((question.answer_index if len(question.id) % 2 else wrong) + 1)
    assert question.low is not None
    if interval:
        return f"{question.low / 2:.2f}-{question.low * 3:.2f}"
    return f"{question.low * 2.5:,.0f}"


def play(
    bank: Path, data: Path, stdin: str, *args: str, seed: int = 5, count: int = 6
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "QUIZ_DATA_DIR"}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "quiz",
            "play",
            str(bank),
            "--plain",
            "--seed",
            str(seed),
            "--count",
            str(count),
            "--data-dir",
            str(data),
            *args,
        ],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def stored(data: Path) -> list[tuple[str, str, str, float, float]]:
    conn = sqlite3.connect(data / "results.sqlite3")
    try:
        return conn.execute(
            "SELECT p.name, a.question_id, a.given, a.points, a.max_points FROM answers a "
            "JOIN players p ON p.id = a.player_id ORDER BY a.id"
        ).fetchall()
    finally:
        conn.close()


def sections(output: str) -> list[str]:
    """The output cut at each "Question n of N" line: one section per question."""
    return re.split(r"^Question \d+ of \d+", output, flags=re.MULTILINE)[1:]


def measure_sources(loaded: LoadedBank, question: Question) -> set[str]:
    figures = loaded.bank.figures
    measures = {figures[f].measure for f in question.figure_ids}
    return {
        loaded.bank.sources[fig.source].name for fig in figures.values() if fig.measure in measures
    }


def final_score(output: str) -> tuple[float, float]:
    match = re.search(r"^Final score: ([\d.]+) of ([\d.]+) points?", output, re.MULTILINE)
    assert match, output
    return float(match[1]), float(match[2])


def test_a_file_of_answers_plays_the_whole_quiz(bank: Path, tmp_path: Path) -> None:
    loaded, questions = quiz_for(bank, seed=5, count=6)
    answers = [an_answer(q) for q in questions]
    result = play(bank, tmp_path / "data", "\n".join(answers) + "\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "\x1b" not in out
    assert "Press Enter" not in out
    assert "seed 5" in out
    parts = sections(out)
    assert len(parts) == len(questions)
    for question, part in zip(questions, parts, strict=True):
        assert question.prompt in part
        assert f"the answer is {question.answer_text}" in part
        for name in measure_sources(loaded, question):
            assert name in part, f"{name} missing from the reveal of {question.id}"
    rows = stored(tmp_path / "data")
    assert [r[1] for r in rows] == [q.id for q in questions]
    assert final_score(out) == (
        pytest.approx(sum(r[3] for r in rows)),
        pytest.approx(sum(r[4] for r in rows)),
    )
    assert f"{len(questions)} of {len(questions)} questions answered" in out


def test_interval_mode_reports_calibration(bank: Path, tmp_path: Path) -> None:
    _, questions = quiz_for(bank, seed=9, count=6)
    answers = [an_answer(q, interval=True) for q in questions]
    result = play(bank, tmp_path / "data", "\n".join(answers) + "\n", "--interval", seed=9)
    assert result.returncode == 0, result.stderr
    numeric = sum(q.is_numeric for q in questions)
    assert numeric, "the seed should give at least one estimate"
    assert re.search(rf"inside your bounds \d+ of {numeric} times", result.stdout), result.stdout
    assert len(stored(tmp_path / "data")) == len(questions)


def test_bad_input_is_asked_again_and_not_stored(bank: Path, tmp_path: Path) -> None:
    _, questions = quiz_for(bank, seed=5, count=3)
    first = questions[0]
    junk = ["banana", "", "99" if not first.is_numeric else "12 to"]
    answers = [*junk, *(an_answer(q) for q in questions)]
    result = play(bank, tmp_path / "data", "\n".join(answers) + "\n", count=3)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("Try again") + result.stdout.count("Type an answer") == len(junk)
    rows = stored(tmp_path / "data")
    assert [r[1] for r in rows] == [q.id for q in questions]
    assert "banana" not in {r[2] for r in rows}


def test_end_of_input_mid_quiz_keeps_the_answers_given(bank: Path, tmp_path: Path) -> None:
    _, questions = quiz_for(bank, seed=5, count=6)
    answers = [an_answer(q) for q in questions[:2]]
    result = play(bank, tmp_path / "data", "\n".join(answers) + "\n")
    assert result.returncode == 0, result.stderr
    assert "End of input" in result.stdout
    assert f"2 of {len(questions)} questions answered" in result.stdout
    rows = stored(tmp_path / "data")
    assert [r[1] for r in rows] == [q.id for q in questions[:2]]
    assert final_score(result.stdout)[0] == pytest.approx(sum(r[3] for r in rows))


def test_no_answer_at_all_keeps_no_session(bank: Path, tmp_path: Path) -> None:
    result = play(bank, tmp_path / "data", "")
    assert result.returncode == 0, result.stderr
    assert "No questions answered" in result.stdout
    # The game record starts with the first answer: nothing was ever written.
    assert not (tmp_path / "data" / "results.sqlite3").exists()


def test_hot_seat_takes_turns_and_stores_each_player(bank: Path, tmp_path: Path) -> None:
    _, questions = quiz_for(bank, seed=5, count=3)
    lines = []
    for question in questions:
        lines += [an_answer(question), an_answer(question)]
    result = play(
        bank, tmp_path / "data", "\n".join(lines) + "\n", "--players", "Ana, [b]Ben", count=3
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.count("Ana, your answer") == len(questions)
    assert out.count("[b]Ben, your answer") == len(questions)
    assert out.count("Scoreboard after question") == len(questions)
    assert "Final ranking:" in out
    rows = stored(tmp_path / "data")
    assert [r[0] for r in rows] == ["Ana", "[b]Ben"] * len(questions)
    for name in ("Ana", "[b]Ben"):
        total = sum(r[3] for r in rows if r[0] == name)
        ranking = out[out.index("Final ranking:") :]
        assert re.search(rf"\d(st|nd) {re.escape(name)} {total:g} points?", ranking), ranking
    # The reveal waits for every player: Ben answers before anyone sees the answer.
    for part in sections(out):
        assert part.index("[b]Ben, your answer") < part.index("The answer is")


@pytest.mark.parametrize("players", ["Ana,ana", "Ana,,Ben", "Ana,\x1b[31mBen"])
def test_hot_seat_refuses_unusable_names(bank: Path, tmp_path: Path, players: str) -> None:
    result = play(bank, tmp_path / "data", "", "--players", players)
    assert result.returncode == 2
    assert "--players" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "data").exists()


def test_a_missing_or_broken_bank_is_reported_with_its_problems(tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    result = play(missing, tmp_path / "data", "")
    assert result.returncode == 1
    assert result.stderr.startswith(f"{missing}: ")
    assert "no such file" in result.stderr
    broken = tmp_path / "broken.toml"
    broken.write_text('format = 1\n[bank]\nid = "x"\ntitel = "typo"\n', encoding="utf-8")
    result = play(broken, tmp_path / "data", "")
    assert result.returncode == 1
    assert re.search(rf"{re.escape(str(broken))}:\d+", result.stderr), result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "data").exists()


def test_preview_is_the_same_for_the_same_seed_and_shows_the_answers(bank: Path) -> None:
    def preview(seed: int) -> str:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "quiz",
                "preview",
                str(bank),
                "--seed",
                str(seed),
                "--count",
                "5",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    first = preview(11)
    assert first == preview(11)
    _, questions = quiz_for(bank, seed=11, count=5)
    for number, question in enumerate(questions, start=1):
        assert f"{number}. [{question.kind}] {question.prompt}" in first
        if question.is_numeric:
            assert f"Answer: {question.answer_text}" in first
        else:
            assert f"{question.answer_index + 1}) {question.answer_text}   <- answer" in first
        assert ", ".join(question.figure_ids) in first
    assert "--seed 11" in first


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2", ChoiceAnswer(1)),
        ("2.", ChoiceAnswer(1)),
        ("  the   POLICE ", ChoiceAnswer(1)),
        ("12k", ChoiceAnswer(0)),
        ("5", "Try again"),
        ("", "Type an answer"),
    ],
)
def test_reading_a_choice(typed: str, expected: object) -> None:
    question = Question(
        id="q",
        kind="choice",
        prompt="?",
        options=("12,000", "The police", "30,000"),
        answer_index=0,
    )
    got = read_answer(typed, question, interval=False)
    if isinstance(expected, str):
        assert isinstance(got, str) and got.startswith(expected)
    else:
        assert got == expected


def test_reading_numbers_and_ranges() -> None:
    estimate = Question(id="e", kind="estimate", prompt="?", low=30_000.0, high=30_000.0)
    ratio = Question(id="r", kind="compare", prompt="?", low=2.5, high=2.5, unit="times")
    assert read_answer("7.8m", estimate, interval=False) == NumberAnswer(7_800_000, "7.8m")
    assert read_answer("15 million", estimate, interval=False) == NumberAnswer(15e6, "15 million")
    # A range as one estimate is its (geometric) middle, as in the TUI (issue 14).
    middle = read_answer("10-20k", estimate, interval=False)
    assert isinstance(middle, NumberAnswer) and round(middle.value) == 14142
    assert read_answer("10k-20k", estimate, interval=True) == IntervalAnswer(1e4, 2e4, "10k-20k")
    assert isinstance(read_answer("20k", estimate, interval=True), str)
    assert read_answer("2.5x", ratio, interval=False) == NumberAnswer(2.5, "2.5")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_on_a_terminal_the_game_pauses_after_each_reveal(bank: Path, tmp_path: Path) -> None:
    """Enter at the pause is not an answer; Ctrl-D at a prompt ends the game."""
    import pty

    _, questions = quiz_for(bank, seed=5, count=3)
    main, child = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "QUIZ_DATA_DIR"} | {"COLUMNS": "80"}
    game = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "quiz",
            "play",
            str(bank),
            "--plain",
            "--seed",
            "5",
            "--count",
            "3",
            "--data-dir",
            str(tmp_path / "data"),
        ],
        stdin=child,
        stdout=child,
        stderr=subprocess.PIPE,
        env=env,
    )
    os.close(child)
    seen = ""

    def read_until(marker: str) -> None:
        nonlocal seen
        while marker not in seen:
            try:
                chunk = os.read(main, 4096)
            except OSError:  # the game closed the terminal
                chunk = b""
            assert chunk, f"no {marker!r} in:\n{seen}"
            seen += chunk.decode("utf-8", "replace")

    try:
        read_until("Your answer")
        os.write(main, (an_answer(questions[0]) + "\n").encode())
        read_until("Press Enter for the next question.")
        os.write(main, b"\n")
        read_until(f"Question 2 of {len(questions)}")
        read_until("Your answer")
        os.write(main, b"\x04")
        read_until("questions answered")
        assert game.wait() == 0
    finally:
        if game.poll() is None:
            game.kill()
            game.wait()
        os.close(main)
        if game.stderr is not None:
            game.stderr.close()
    assert f"1 of {len(questions)} questions answered" in seen
    assert "\x1b" not in seen
    assert [r[1] for r in stored(tmp_path / "data")] == [questions[0].id]


def test_kinds_the_bank_cannot_give_are_a_message(bank: Path, tmp_path: Path) -> None:
    for command in ("play", "preview"):
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "quiz",
                command,
                str(bank),
                "--kinds",
                "written",
                *(["--plain", "--data-dir", str(tmp_path / "data")] if command == "play" else []),
            ],
            input="",
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 2
        assert "written" in result.stderr and str(bank) in result.stderr
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "data").exists()


def test_bytes_that_are_not_text_are_asked_again(bank: Path, tmp_path: Path) -> None:
    _, questions = quiz_for(bank, seed=5, count=1)
    env = {k: v for k, v in os.environ.items() if k != "QUIZ_DATA_DIR"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "quiz",
            "play",
            str(bank),
            "--plain",
            "--seed",
            "5",
            "--count",
            "1",
            "--data-dir",
            str(tmp_path / "data"),
        ],
        input=b"\xff\xfe\x1b[31m\n" + an_answer(questions[0]).encode() + b"\n",
        capture_output=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert b"Try again" in result.stdout
    assert b"\x1b" not in result.stdout
    assert [r[1] for r in stored(tmp_path / "data")] == [questions[0].id]
