"""The projector's teacher's report, reached as a teacher reaches it: one question played,
the quiz finished, `t` pressed on the podium (shared by the report's Pilot tests)."""

from __future__ import annotations

from pilot_wait import until
from quiz.screens.classroom.host_app import HostApp
from quiz.screens.classroom.report_view import ReportScreen
from textual.pilot import Pilot

from quiz.game.generate import Question


async def open_report(
    app: HostApp, pilot: Pilot[None], name: str, question: Question, choice: int, given: str
) -> None:
    """`name` joins, picks option `choice` of the room's one question (stored as `given`),
    the host finishes, and the podium's `t` opens the report."""
    room = app.room
    player = room.join(name)
    await pilot.press("enter")
    await pilot.pause()
    room.answer(player, 1, choice, None)
    app.host.saver.answer(player, question, given, player.answers[1].score, 1.0, lambda: None)
    await app.host.skip()
    await app.host.finish()
    await until(pilot, lambda: app.view == "finished", "to the podium")
    assert app.check_action("report", ()), "the podium's footer offers t"
    await pilot.press("t")
    await until(pilot, lambda: isinstance(app.screen, ReportScreen), "to the report")
