"""What the class reads on the projector's lobby and on a student's last screen (Pilot)."""

from __future__ import annotations

import asyncio
import re

from classroom_loopback import quiz
from quiz.screens.classroom.host_app import make_host_app
from quiz.screens.classroom.host_views import LobbyScreen
from quiz.screens.classroom.join_app import JoinApp
from quiz.screens.classroom.join_views import EndScreen
from test_classroom_screens import screen_text, text, until
from textual.widgets import Static

from quiz.bank.loader import LoadedBank
from quiz.classroom.room import Room
from quiz.classroom.server import Host
from quiz.game.session import SessionSettings
from quiz.present.bonus import rules

WAIT = 5.0


async def test_the_projector_lobby_states_the_bonus_rules_the_host_switched_on(
    second_bank: LoadedBank,
) -> None:
    """With --speed and --streak the class reads both rules before the first question,
    in the engine's words; with neither, the lobby says nothing of bonuses."""
    bonuses = SessionSettings(speed_points=True, streak_bonus=True, speed_seconds=30.0)
    for settings, expected in ((bonuses, rules(bonuses)), (SessionSettings(), [])):
        room = Room(quiz(second_bank), loaded=second_bank, seconds=30, bonuses=settings)
        app = make_host_app(room, shown_address="192.0.2.7:8765")
        async with app.run_test(size=(100, 40)) as pilot:
            await until(pilot, lambda: isinstance(pilot.app.screen, LobbyScreen))
            await pilot.pause()
            shown = app.screen.query_one("#bonus-rules", Static)
            assert shown.display is bool(expected)
            if expected:
                assert "Speed points:" in expected[0] and "Streak bonus:" in expected[1]
                assert all(line in text(app, "#bonus-rules") for line in expected)
                assert "30 seconds" in text(app, "#bonus-rules")


async def test_the_students_podium_lines_up_in_a_centred_block(second_bank: LoadedBank) -> None:
    """Names of different lengths on the student's last screen: every medal starts in the
    same column (each line centred on its own was ragged), the block centred as a whole."""
    room = Room(quiz(second_bank), loaded=second_bank, seconds=600)
    host = Host(room, tick=0.05)
    address = await host.start("127.0.0.1", 0)
    try:
        app = JoinApp(address[0], address[1], room.code, "Al", rejoin_pause=0.05)
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: "You are in as Al" in screen_text(app))
            for name, points in (("Benedikta Longname", 3.0), ("Chi", 2.0)):
                room.join(name).points = points
            room.players[1].points = 1.0
            await host.next()  # the podium ranks the players who were in a question
            await host.finish()
            await until(pilot, lambda: isinstance(app.screen, EndScreen))
            await pilot.pause()
            podium = app.screen.query_one("#podium", Static)
            lines = [
                "".join(s.text for s in podium.render_line(y)) for y in range(podium.size.height)
            ]
            assert [re.sub(r"\s+", " ", line).strip() for line in lines] == [
                "🥇 Benedikta Longname 3 points",
                "🥈 Chi 2 points",
                "🥉 Al 1 point",
            ]
            starts = {len(line) - len(line.lstrip()) + podium.region.x for line in lines}
            assert len(starts) == 1, lines
            assert podium.region.x > 0, "the block is centred"
    finally:
        await asyncio.wait_for(host.close(), WAIT)
