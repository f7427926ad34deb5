"""The three front ends say the same thing: one seed played through `--plain`, the Textual
app (Pilot) and a loopback classroom (host and students on 127.0.0.1).

Each front end only lays out what `quiz.present` computes, so for every answer the
verdict, the points and the reason read the same in all three, and the ranking at the end
reads the same in hot-seat and in the classroom. The expected strings come from the
engine's views (`answer_line`), never typed in, and each front end's text is read the way
a player reads it: the subprocess's output, the screen's widgets.
"""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from quiz.screens.app import make_app
from quiz.screens.classroom.host_app import make_host_app
from quiz.screens.classroom.host_views import LeaderboardScreen
from quiz.screens.classroom.join_app import JoinApp
from quiz.screens.classroom.join_views import EndScreen, JoinQuestionScreen, JoinRevealScreen
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import SelectionList, Static

from quiz.bank.loader import LoadedBank
from quiz.classroom.protocol import (
    MAX_SERVER_LINE,
    PROTOCOL_VERSION,
    AnswerMsg,
    Hello,
    QuestionMsg,
    RevealMsg,
    decode_server,
    encode,
)
from quiz.classroom.room import Room
from quiz.classroom.server import Host
from quiz.classroom.views import student_reveal
from quiz.game.generate import KINDS as ALL_KINDS
from quiz.game.generate import Question, Settings, all_questions, generate
from quiz.game.scoring import ChoiceAnswer, NumberAnswer, read_answer, score
from quiz.play.settings import GameSettings
from quiz.present.kinds import KIND_LABELS
from quiz.present.reveal_view import AnswerLine, answer_line
from quiz.present.words import printable
from quiz.results.store import describe_answer

SEED = 11
COUNT = 4
KINDS = ("estimate", "choice", "source")
NAMES = ("Ana", "Ben")
WAIT = 5.0


def the_quiz(bank: LoadedBank) -> list[Question]:
    return generate(bank, Settings(count=COUNT, kinds=KINDS, seed=SEED))


def typed(question: Question, number: int, player: int) -> str:
    """What a player types: right and wrong in turn, players on opposite turns."""
    right = (number + player) % 2 == 0
    if not question.is_numeric:
        assert question.answer_index is not None
        index = question.answer_index if right else (question.answer_index + 1) % 2
        return str(index + 1)
    assert question.low is not None
    return str(round(question.low if right else question.low * 3))


def expected(question: Question, text: str) -> AnswerLine:
    answer = read_answer(question, text)
    return answer_line(score(question, answer), describe_answer(question, answer))


def shown(app: App[object], selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def until(pilot: Pilot[object], condition: Callable[[], bool]) -> None:
    for _ in range(250):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("the screen never got there")


def play_plain(bank: Path, data: Path, questions: list[Question]) -> str:
    lines = [typed(q, n, p) for n, q in enumerate(questions) for p in range(len(NAMES))]
    env = {k: v for k, v in os.environ.items() if k != "QUIZ_DATA_DIR"}
    result = subprocess.run(
        [
            *(sys.executable, "-m", "quiz", "play", str(bank), "--plain", "--seed", str(SEED)),
            *("--count", str(COUNT), "--kinds", ",".join(KINDS), "--data-dir", str(data)),
            *("--players", ",".join(NAMES)),
        ],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


async def play_tui(bank: LoadedBank, tmp_path: Path, questions: list[Question]) -> list[str]:
    """Ana alone in the Textual app: the verdict and answer lines of each reveal."""
    app = make_app(
        loaded=bank,
        settings=GameSettings(seed=SEED, count=COUNT, kinds=KINDS, name="Ana"),
        data_dir=tmp_path / "tui",
        prefs_path=tmp_path / "prefs.json",
    )
    seen = []
    async with app.run_test(size=(100, 40)) as pilot:
        await until(pilot, lambda: bool(app.screen.query("#kinds")))
        kinds = app.screen.query_one("#kinds", SelectionList)
        labels = [str(kinds.get_option_at_index(i).prompt) for i in range(kinds.option_count)]
        assert labels == [KIND_LABELS[k] for k in ALL_KINDS], "the start screen's kinds"
        await pilot.press("enter")
        await until(pilot, lambda: type(app.screen).__name__ == "QuestionScreen")
        assert app.session is not None
        assert [q.id for q in app.session.questions] == [q.id for q in questions]
        for number, question in enumerate(questions):
            assert shown(app, "#kind") == KIND_LABELS[question.kind], "the question's kind"
            text = typed(question, number, 0)
            await pilot.press(*text, *([] if not question.is_numeric else ["enter"]))
            await until(pilot, lambda: type(app.screen).__name__ == "RevealScreen")
            rows = app.screen.query_one("#answers").query(Static)
            seen.append(shown(app, "#verdict") + "\n" + "\n".join(str(r.render()) for r in rows))
            await pilot.press("enter")
            await pilot.pause()
        await until(pilot, lambda: type(app.screen).__name__ == "SummaryScreen")
    return seen


async def play_classroom(
    bank: LoadedBank, questions: list[Question]
) -> tuple[list[str], str, list[str]]:
    """Ana in the student app, Ben on a raw loopback connection: Ana's reveals, her end
    screen, and the projector's standings (what its leaderboard lays out)."""
    room = Room(questions, loaded=bank, seconds=600)
    host = Host(room, tick=0.05)
    address = await host.start("127.0.0.1", 0)
    reveals: list[str] = []
    try:
        app = JoinApp(address[0], address[1], room.code, "Ana", rejoin_pause=0.05)
        async with app.run_test(size=(100, 60)) as pilot:
            await until(pilot, lambda: "You are in as Ana" in shown(app, "#status"))
            _, writer = await asyncio.open_connection(*address, limit=MAX_SERVER_LINE)
            writer.write(encode(Hello(version=PROTOCOL_VERSION, code=room.code, name="Ben")))
            await until(pilot, lambda: len(room.players) == 2)
            for number, question in enumerate(questions):
                await host.next()
                await until(pilot, lambda: isinstance(app.screen, JoinQuestionScreen))
                await pilot.pause()
                text = typed(question, number, 0)
                await pilot.press(*text, *([] if not question.is_numeric else ["enter"]))
                ben = read_answer(question, typed(question, number, 1))
                if isinstance(ben, NumberAnswer):
                    message = AnswerMsg(number=number + 1, value=ben.value)
                else:
                    assert isinstance(ben, ChoiceAnswer)
                    message = AnswerMsg(number=number + 1, choice=ben.index)
                writer.write(encode(message))
                await until(pilot, lambda: isinstance(app.screen, JoinRevealScreen))
                reveals.append(shown(app, "#yours"))
            standings = [s.text for s in room.standings()]
            await host.next()
            await until(pilot, lambda: isinstance(app.screen, EndScreen))
            end = shown(app, "#result") + "\n" + shown(app, "#podium")
            writer.close()
    finally:
        await asyncio.wait_for(host.close(), WAIT)
    return reveals, end, standings


async def test_plain_tui_and_classroom_say_the_same(
    second_bank: LoadedBank, second_bank_path: Path, tmp_path: Path
) -> None:
    questions = the_quiz(second_bank)
    assert {q.is_numeric for q in questions} == {True, False}, "the seed mixes both"
    plain = play_plain(second_bank_path, tmp_path / "plain", questions)
    tui = await play_tui(second_bank, tmp_path, questions)
    student, end, standings = await play_classroom(second_bank, questions)

    sections = re.split(r"^Question \d+ of \d+", plain, flags=re.MULTILINE)[1:]
    assert len(sections) == len(questions) == len(tui) == len(student)
    for number, question in enumerate(questions):
        want = expected(question, typed(question, number, 0))
        line = next(x for x in sections[number].splitlines() if x.startswith("  Ana answered"))
        # --plain: the words without the mark; the Textual app and the student: both.
        assert f". {want.verdict.words}. " in line, line
        assert want.points in line and want.reason in line, line
        for screen in (tui[number], student[number]):
            assert want.verdict.text in screen, screen
            assert want.points in screen and want.reason in screen, screen

    # The ranking: hot-seat's final ranking and the classroom's, row for row.
    final = plain[plain.index("Final ranking:") :].splitlines()[1 : 1 + len(NAMES)]
    assert [row.strip().split(" (")[0] for row in final] == standings
    ana = next(row for row in standings if " Ana " in f" {row} ")
    assert f"You came {ana.split()[0]} of 2" in end, end
    for row in standings:
        _, name, *rest = row.split()
        assert f"{name}  {' '.join(rest)}" in end, end


async def test_the_classroom_draws_no_guess_beside_a_ratio(shipped: LoadedBank) -> None:
    """On "how many times larger?" a guess of 5 is not drawn beside 100,000 and 5,937:
    neither on the student's chart nor on the projector's."""
    ratio = next(q for q in all_questions(shipped) if q.unit == "times" and q.kind == "compare")
    estimate = next(q for q in all_questions(shipped) if q.kind == "estimate")
    room = Room([ratio, estimate], loaded=shipped, seconds=600)
    host = Host(room, tick=0.05)
    address = await host.start("127.0.0.1", 0)
    try:
        reader, writer = await asyncio.open_connection(*address, limit=MAX_SERVER_LINE)
        writer.write(encode(Hello(version=PROTOCOL_VERSION, code=room.code, name="Ana")))

        async def next_of(kind: type[object]) -> object:
            for _ in range(100):  # bounded: a host that never sends it fails, never hangs
                line = await asyncio.wait_for(reader.readline(), WAIT)
                message = decode_server(line)
                if isinstance(message, kind):
                    return message
            raise AssertionError(f"no {kind.__name__} in 100 messages")

        async def joined() -> None:
            while not room.players:
                await asyncio.sleep(0.01)

        reveals = []
        for number, value in ((1, 5.0), (2, 1234.0)):
            await asyncio.wait_for(joined(), WAIT)
            await host.next()
            await next_of(QuestionMsg)
            writer.write(encode(AnswerMsg(number=number, value=value)))
            reveal = await next_of(RevealMsg)
            assert isinstance(reveal, RevealMsg) and reveal.yours is not None
            assert room.reveal is not None
            reveals.append((reveal, room.reveal.view.chart))
        (ratio_msg, ratio_projector), (estimate_msg, estimate_projector) = reveals
        # What the student's app draws, from the host's message.
        ratio_chart = student_reveal(ratio_msg, ratio.prompt).chart
        estimate_chart = student_reveal(estimate_msg, estimate.prompt).chart
        assert ratio_chart, "the figures are drawn"
        assert ratio_msg.guess is None
        assert all(p.kind != "guess" for p in ratio_chart)
        assert all(p.kind != "guess" for p in ratio_projector)
        # The same student's guess at an estimate is drawn, on both.
        assert [p.low for p in estimate_chart if p.kind == "guess"] == [1234.0]
        assert [p.low for p in estimate_projector if p.kind == "guess"] == [1234.0]
        writer.close()
    finally:
        await asyncio.wait_for(host.close(), WAIT)


async def test_the_projector_shows_0_1_plus_0_2_and_0_3_tied(second_bank: LoadedBank) -> None:
    room = Room(the_quiz(second_bank), loaded=second_bank, seconds=600)
    ana, ben = room.join("Ana"), room.join("Ben")
    room.next()  # on the leaderboard: players in the game
    ana.points, ben.points = 0.1 + 0.2, 0.3
    app = make_host_app(room, shown_address="127.0.0.1:8765")
    async with app.run_test(size=(100, 40)) as pilot:
        await app.push_screen(LeaderboardScreen(room))
        await until(pilot, lambda: bool(app.screen.query("#table")))
        await until(pilot, lambda: "Ben" in shown(app, "#table"))
        rows = shown(app, "#table").splitlines()
        assert [printable(r.split()[0]) for r in rows] == ["=1st", "=1st"], rows
