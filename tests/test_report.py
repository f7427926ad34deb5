"""The teacher's report (issue 12, point 8): computed from the store, in words and CSV,
from `quiz results --session N --report`, the projector's podium and `quiz host`."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from classroom_loopback import Peer, hosting

from quiz.bank.loader import LoadedBank
from quiz.classroom.protocol import AnswerMsg, EndMsg, Received, RevealMsg, Welcome
from quiz.classroom.room import Room
from quiz.classroom.summary import write_report
from quiz.cli.main import main
from quiz.game import scoring
from quiz.game.generate import Question
from quiz.present.report import report_lines, write_report_csv
from quiz.results.record import GameRecord
from quiz.results.report import session_results
from quiz.results.store import Store

CHOICE = Question(
    id="choice-ships",
    kind="choice",
    prompt="How many ships called at the port?",
    options=("120", "1,200", "12,000", "120,000"),
    answer_index=1,
    figure_ids=("ships",),
)
ESTIMATE = Question(
    id="estimate-ships",
    kind="estimate",
    prompt="How many ships called?",
    low=1200.0,
    high=1200.0,
    figure_ids=("ships",),
)
MISSED = scoring.Score(0.0, 1.0, False, "no answer in time")


def played(bank: LoadedBank, folder: Path) -> int:
    """Four players: Ana right twice; Ben wrong twice ("12,000"; 10x off, so 0 points and
    3rd with Dee); Chi wrong ("12,000"; 2x off); Dee missed both. The same wrong option
    twice is the most common wrong answer."""
    with Store(folder) as store:
        sid = store.start_session(bank, mode="classroom", seed=1, total=2)
        plan = {
            "Ana": (1, 1200.0),
            "Ben": (2, 12000.0),
            "Chi": (2, 2400.0),
            "Dee": (None, None),
        }
        for name, (choice, value) in plan.items():
            pid = store.add_player(sid, name)
            for question, answer in ((CHOICE, choice), (ESTIMATE, value)):
                if answer is None:
                    store.record(sid, pid, question, "", MISSED)
                    continue
                given = (
                    scoring.ChoiceAnswer(int(answer))
                    if question is CHOICE
                    else scoring.NumberAnswer(float(answer))
                )
                result = scoring.score(question, given)
                text = CHOICE.options[int(answer)] if question is CHOICE else f"{answer:,.0f}"
                store.record(sid, pid, question, text, result, 3.0)
        store.finish_session(sid)
    return sid


def test_per_question_share_right_median_times_off_common_wrong_and_missed(
    second_bank: LoadedBank, tmp_path: Path
) -> None:
    sid = played(second_bank, tmp_path)
    with Store(tmp_path) as store:
        results = session_results(store, sid)
    assert results is not None
    choice, estimate = results.questions
    assert (choice.players, choice.answered, choice.right, choice.missed) == (4, 3, 1, 1)
    assert choice.share_right == pytest.approx(0.25)
    assert (choice.common_wrong, choice.common_wrong_count) == ("12,000", 2)
    assert choice.median_times_off is None
    assert estimate.median_times_off == pytest.approx(2.0), "median of 1x, 10x and 2x"
    assert estimate.right == 1 and estimate.missed == 1


def test_the_report_in_words_and_as_csv(second_bank: LoadedBank, tmp_path: Path) -> None:
    sid = played(second_bank, tmp_path)
    with Store(tmp_path) as store:
        results = session_results(store, sid)
    assert results is not None
    text = "\n".join(report_lines(results))
    assert "1 of 4 right (25%)" in text
    assert "most common wrong answer 12,000 (2)" in text
    assert "estimates a median 2x off" in text
    assert "1 missed" in text
    players = [line.split() for line in text.split("Players\n")[1].splitlines()]
    assert [(row[0], row[1]) for row in players] == [
        ("1.", "Ana"),
        ("2.", "Chi"),
        ("3.", "Ben"),
        ("3.", "Dee"),
    ]
    assert "0 answered, 2 missed" in text.split("Dee")[1]
    out = io.StringIO()
    assert write_report_csv(out, results) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert rows[0]["percent_right"] == "25" and rows[0]["most_common_wrong_answer"] == "12,000"
    assert rows[1]["median_times_off"] == "2" and rows[1]["missed"] == "1"


def test_quiz_results_report_prints_it_and_writes_it_beside_the_store(
    second_bank: LoadedBank, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sid = played(second_bank, tmp_path)
    assert main(["results", "--data-dir", str(tmp_path), "--session", str(sid), "--report"]) == 0
    out = capsys.readouterr().out
    assert f"Teacher's report, session {sid}" in out and "1 of 4 right (25%)" in out
    report = tmp_path / f"classroom-session-{sid}-report.csv"
    players = tmp_path / f"classroom-session-{sid}-players.csv"
    assert str(report) in out and str(players) in out
    assert len(list(csv.DictReader(report.open()))) == 2
    assert [r["player"] for r in csv.DictReader(players.open())] == ["Ana", "Chi", "Ben", "Dee"]


@pytest.mark.parametrize(
    ("argv", "code", "why"),
    [(["--report"], 2, "--session N --report"), (["--session", "99", "--report"], 1, "no session")],
)
def test_a_report_needs_one_stored_session(
    second_bank: LoadedBank,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    code: int,
    why: str,
) -> None:
    played(second_bank, tmp_path)
    assert main(["results", "--data-dir", str(tmp_path), *argv]) == code
    assert why in capsys.readouterr().err


async def test_a_hosted_session_reports_what_the_class_did(
    second_bank: LoadedBank, tmp_path: Path
) -> None:
    """On loopback: two students through the whole quiz, then the report from the store."""
    store = Store(tmp_path)
    async with hosting(second_bank, store=store) as host:
        peers = []
        for name in ("Ana", "Ben"):
            peer = await Peer.connect(host.address)  # type: ignore[arg-type]
            await peer.hello(host.room.code, name)
            await peer.expect(Welcome)
            peers.append(peer)
        for number, question in enumerate(host.room.questions, start=1):
            await host.next()
            ana = peers[0]
            if question.is_numeric:
                await ana.send(AnswerMsg(number=number, value=(question.low or 1) * 4))
            else:
                await ana.send(AnswerMsg(number=number, choice=question.answer_index))
            await ana.expect(Received)
            await host.skip()  # Ben misses every question
            await ana.expect(RevealMsg)
        await host.next()
        await peers[0].expect(EndMsg)
        report = write_report(store, host.record.session_id)  # type: ignore[arg-type,union-attr]  # hosting(store=) gave it a record; Ana answered
    store.close()
    assert report is not None
    text = "\n".join(report.lines)
    assert text.count("1 of 2 right (50%)") == 1, "Ana is right on the option question only"
    assert text.count("estimates a median 4x off") == 2
    assert "Ben" in text and "0 answered, 3 missed" in text


async def test_a_class_of_one_is_1_player_in_the_report_and_the_hosts_last_words(
    second_bank: LoadedBank, tmp_path: Path
) -> None:
    """`quiz host`'s closing lines and the report's title count players as words do."""
    from types import SimpleNamespace

    from quiz.cli.classroom import write_player_summary

    store = Store(tmp_path)
    async with hosting(second_bank, store=store) as host:
        ana = await Peer.connect(host.address)  # type: ignore[arg-type]
        await ana.hello(host.room.code, "Ana")
        await ana.expect(Welcome)
        for number, question in enumerate(host.room.questions, start=1):
            await host.next()
            await ana.send(
                AnswerMsg(number=number, value=question.low, choice=question.answer_index)
            )
            await ana.expect(Received)
            await ana.expect(RevealMsg)
        await host.next()
        await ana.expect(EndMsg)
        said = write_player_summary(SimpleNamespace(store=store, record=host.record))  # type: ignore[arg-type]  # only its store and record are read
    store.close()
    assert said is not None and "per-player summary (1 player):" in said
    assert (tmp_path / "classroom-session-1-report.csv").is_file()
    report = session_results(Store(tmp_path), 1)
    assert report is not None
    title = next(iter(report_lines(report)))
    assert title.endswith(", 3 questions, 1 player"), title


async def test_the_podium_offers_the_report(second_bank: LoadedBank, tmp_path: Path) -> None:
    from quiz.screens.classroom.host_app import make_host_app
    from quiz.screens.classroom.report_view import ReportScreen
    from report_kit import open_report

    store = Store(tmp_path)
    room = Room([CHOICE], seconds=600)
    record = GameRecord(store, second_bank, mode="classroom", seed=1, total=1)
    app = make_host_app(room, record=record, shown_address="127.0.0.1:1")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_report(app, pilot, "Ana", CHOICE, 1, "1,200")
        shown = " ".join(str(w.render()) for w in app.screen.query("#report-text Static"))
        assert "1 of 1 right (100%)" in shown and "Ana" in shown
        assert (tmp_path / f"classroom-session-{record.session_id}-report.csv").exists()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ReportScreen)
    store.close()
