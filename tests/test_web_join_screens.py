"""The web join's screens: the lobby's QR code and URL, the student's name screen.

The QR text is read back into modules and compared with the code segno makes, so a
drawing mistake (a swapped half block, a lost row) fails here rather than in a phone.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import segno
from quiz.screens.classroom.host_app import HostApp, make_host_app
from quiz.screens.classroom.join_app import JoinApp
from quiz.screens.classroom.join_name import NameScreen
from quiz.screens.classroom.lobby_web import QRCode
from textual.pilot import Pilot
from textual.widgets import Static

from quiz.classroom.room import Room
from quiz.classroom.server import Host
from quiz.cli.classroom import prepare_host
from quiz.cli.main import build_parser, web_options
from quiz.cli.options import game_settings
from quiz.game.generate import Settings, generate
from quiz.present.qr import QUIET, qr_lines, qr_text

URL = "http://192.168.1.20:8766/K7QF2M"


def modules(lines: list[str]) -> list[list[bool]]:
    top = {"█": (True, True), "▀": (True, False), "▄": (False, True), " ": (False, False)}
    rows: list[list[bool]] = []
    for line in lines:
        pairs = [top[char] for char in line]
        rows.append([upper for upper, _ in pairs])
        rows.append([lower for _, lower in pairs])
    return rows


def test_the_qr_lines_draw_exactly_segnos_modules_with_a_quiet_zone() -> None:
    text = qr_text(URL)
    lines = qr_lines(text)
    matrix = [[bool(m) for m in row] for row in segno.make(text, micro=False).matrix]
    drawn = modules(lines)
    size = len(matrix)
    assert len({len(line) for line in lines}) == 1
    inner = [row[QUIET : QUIET + size] for row in drawn[QUIET : QUIET + size]]
    assert inner == matrix
    assert not any(any(row) for row in drawn[:QUIET] + drawn[QUIET + size :])
    assert not any(any(row[:QUIET] + row[QUIET + size :]) for row in drawn)


def test_a_room_url_is_encoded_in_capitals_for_a_smaller_code() -> None:
    assert qr_text(URL) == "HTTP://192.168.1.20:8766/K7QF2M"
    assert segno.make(qr_text(URL)).mode == "alphanumeric"
    # The same room in capitals gets more error correction, or a smaller code.
    assert segno.make(qr_text(URL)).error == "M" and segno.make(URL).error == "L"
    long = "http://192.168.100.200:18766/K7QF2M"
    assert len(qr_lines(qr_text(long))) < len(qr_lines(long))
    other = "https://example.org/a?b=c"
    assert qr_text(other) == other, "only a plain room URL is changed"


def host_app(tmp_path: Path, bank: Path) -> HostApp:
    args = build_parser().parse_args(
        ["host", str(bank), "--web", "--port", "0", "--count", "2", "--data-dir", str(tmp_path)]
    )
    plan = prepare_host(
        game_settings(args),
        seconds=args.time,
        bind=args.bind,
        port=args.port,
        web=web_options(args),
    )
    return make_host_app(
        plan.room,
        record=plan.record,
        bind=plan.bind,
        port=plan.port,
        sock=plan.sock,
        web=plan.web,
    )


def shown(app: HostApp, selector: str) -> bool:
    """The widget is displayed and wholly inside the screen."""
    widget = app.screen.query_one(selector)
    region = widget.region
    return bool(
        widget.display
        and region.width
        and region.height
        and app.screen.region.contains_region(region)
    )


async def test_the_lobby_shows_the_qr_code_url_and_command_at_80x24_and_drops_the_code_below(
    tmp_path: Path, second_bank_path: Path
) -> None:
    app = host_app(tmp_path, second_bank_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.join_url is not None and app.join_url.endswith("/" + app.room.code)
        url = str(app.screen.query_one("#join-url", Static).render())
        assert url == app.join_url
        assert shown(app, "#qr") and shown(app, "#join-url") and shown(app, "#join-command")
        qr = app.screen.query_one(QRCode)
        assert str(qr.render()).splitlines() == qr_lines(qr_text(app.join_url))
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert not app.screen.query_one("#qr").display
        assert shown(app, "#join-url") and shown(app, "#join-command")
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        assert shown(app, "#join-url")


async def until(pilot: Pilot, condition: Callable[[], bool], what: str) -> None:
    for _ in range(500):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"never happened: {what}")


async def test_a_browser_student_types_a_name_and_a_taken_one_is_asked_again(
    tmp_path: Path, second_bank: object
) -> None:
    room = Room(generate(second_bank, Settings(count=2, seed=3)), seconds=600)  # type: ignore[arg-type]
    host = Host(room)
    address = await host.start("127.0.0.1", 0)
    try:
        first = JoinApp(*address, room.code, None, token_folder=tmp_path / "a", rejoin_pause=0.05)
        async with first.run_test(size=(46, 40)) as pilot:
            assert isinstance(first.screen, NameScreen)
            await pilot.press(*"Ana", "enter")
            await until(pilot, lambda: [p.name for p in room.active()] == ["Ana"], "Ana joins")
            await room_player_points(room, "Ana", 2.5)
        second = JoinApp(*address, room.code, None, token_folder=tmp_path / "b")
        async with second.run_test(size=(46, 40)) as pilot:
            await pilot.press(*"Ana", "enter")
            await until(
                pilot,
                lambda: (
                    isinstance(second.screen, NameScreen)
                    and "taken" in str(second.screen.query_one("#problem", Static).render())
                ),
                "the name screen again, saying the name is taken",
            )
        # The first browser opens the page again: its name is offered, Enter rejoins.
        again = JoinApp(*address, room.code, None, token_folder=tmp_path / "a")
        async with again.run_test(size=(46, 40)) as pilot:
            await pilot.pause()
            assert again.screen.query_one("#name").value == "Ana"  # type: ignore[attr-defined]
            await pilot.press("enter")
            await until(pilot, lambda: again.points == 2.5, "back with the points")
            assert [p.name for p in room.active()] == ["Ana"]
    finally:
        await host.close()


async def room_player_points(room: Room, name: str, points: float) -> None:
    """Give a player points as if they had scored them (the rejoin must keep them)."""
    player = next(p for p in room.active() if p.name == name)
    player.points = points
    await asyncio.sleep(0)
