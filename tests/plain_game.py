"""What the tests of `quiz play --plain`, hot-seat and `quiz preview` share: a bank of its
own (a harbour festival's crowd, counted by three sources), the quiz a seed gives, an
answer worked out from each question, the game run as a subprocess fed a file of answers,
and readers of what it printed and stored."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

from quiz.bank.loader import LoadedBank, load_bank
from quiz.game.generate import Question, Settings, generate

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


def write_bank(folder: Path) -> Path:
    """The festival bank and its article, written into `folder`; the bank's path."""
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


def plain_command(bank: Path, data: Path, *args: str, seed: int = 5, count: int = 6) -> list[str]:
    """`quiz play BANK --plain` in a child Python, with its seed, count and data folder."""
    return [
        sys.executable, "-m", "quiz", "play", str(bank), "--plain",
        "--seed", str(seed), "--count", str(count), "--data-dir", str(data), *args,
    ]  # fmt: skip


def plain_env() -> dict[str, str]:
    """This environment without QUIZ_DATA_DIR, so that --data-dir is the folder used."""
    return {k: v for k, v in os.environ.items() if k != "QUIZ_DATA_DIR"}


def play(
    bank: Path, data: Path, stdin: str, *args: str, seed: int = 5, count: int = 6
) -> subprocess.CompletedProcess[str]:
    env = plain_env()
    return subprocess.run(
        plain_command(bank, data, *args, seed=seed, count=count),
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
