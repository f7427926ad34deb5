"""The browser join end to end: a real headless Chromium plays a `quiz host --web` room.

Debian's `chromium` and `chromium-driver` are driven through selenium; nothing is
downloaded. Without them these tests skip, saying so (CI installs both, see .ci/run).
The host is the real one: `quiz host --web` options through the CLI's parser and
`prepare_host`, the projector App run headless with Pilot pressing its keys, and the
student app started by the web server for each browser tab. The page's text is read from
the terminal's screen-reader rows, which mirror what the terminal draws.
"""

from __future__ import annotations

import asyncio
import shutil
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from quiz.screens.classroom.host_app import HostApp, make_host_app

from quiz.bank.loader import load_bank
from quiz.cli.classroom import prepare_host
from quiz.cli.main import build_parser, web_options
from quiz.cli.options import game_settings
from quiz.game.generate import Settings, generate
from quiz.results.store import Store

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or DRIVER is None,
    reason="the browser tests need Debian's chromium and chromium-driver "
    "(apt-get install chromium chromium-driver; .ci/run installs them)",
)

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
WAIT = 90.0
"""Upper bound for a page to show something (a student app starts a Python process on a
shared machine); a wait ends as soon as the text is there."""

SCREEN_JS = (
    "const t = document.querySelector('.xterm-accessibility-tree');"
    "return t ? Array.from(t.children, r => r.textContent) : [];"
)


def chromium(user_data: Path, *, size: tuple[int, int] = (1000, 700), phone: bool = False) -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={user_data}")
    if phone:
        width, height = size
        options.add_experimental_option(
            "mobileEmulation",
            {"deviceMetrics": {"width": width, "height": height, "pixelRatio": 3, "touch": True}},
        )
    else:
        options.add_argument(f"--window-size={size[0]},{size[1]}")
    return webdriver.Chrome(service=Service(str(DRIVER)), options=options)


@pytest.fixture
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., Any]]:
    """Start Chromium with a fresh profile (as many as a test asks for); all quit after."""
    drivers: list[Any] = []

    def start(**kwargs: Any) -> Any:
        driver = chromium(tmp_path_factory.mktemp("chromium-profile"), **kwargs)
        drivers.append(driver)
        return driver

    yield start
    for driver in drivers:
        driver.quit()


def screen(driver: Any) -> list[str]:
    """The terminal's rows as text (non-breaking spaces as spaces)."""
    return [row.replace("\xa0", " ") for row in driver.execute_script(SCREEN_JS)]


async def wait_for(driver: Any, *needles: str) -> list[str]:
    """The screen once it shows every needle; fails with the screen after WAIT seconds."""
    loop = asyncio.get_running_loop()
    end = loop.time() + WAIT
    rows: list[str] = []
    while loop.time() < end:
        rows = await asyncio.to_thread(screen, driver)
        text = "\n".join(rows)
        if all(needle in text for needle in needles):
            return rows
        await asyncio.sleep(0.2)
    raise AssertionError(f"the page never showed {needles!r}; it shows:\n" + "\n".join(rows))


async def until(condition: Callable[[], bool], what: str) -> None:
    loop = asyncio.get_running_loop()
    end = loop.time() + WAIT
    while not condition():
        if loop.time() > end:
            raise AssertionError(f"never happened: {what}")
        await asyncio.sleep(0.1)


def type_text(driver: Any, text: str) -> None:
    from selenium.webdriver.common.by import By

    driver.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea").send_keys(text)


def cell_of(driver: Any, rows: list[str], text: str) -> tuple[float, float]:
    """Page coordinates (CSS pixels) of the middle of `text` on the terminal's screen."""
    row = next(i for i, line in enumerate(rows) if text in line)
    column = rows[row].index(text) + len(text) // 2
    box = driver.execute_script(
        "const r = document.querySelector('.xterm-screen').getBoundingClientRect();"
        "return [r.left, r.top, r.width, r.height];"
    )
    # The footer's palette key sits in the last column, so the longest row is the width.
    cols = max(len(line) for line in rows)
    left, top, width, height = box
    return left + (column + 0.5) * width / cols, top + (row + 0.5) * height / len(rows)


def click_at(driver: Any, x: float, y: float, *, touch: bool = False) -> None:
    from selenium.webdriver.common.actions import interaction
    from selenium.webdriver.common.actions.action_builder import ActionBuilder
    from selenium.webdriver.common.actions.pointer_input import PointerInput

    kind = interaction.POINTER_TOUCH if touch else interaction.POINTER_MOUSE
    actions = ActionBuilder(driver, mouse=PointerInput(kind, "finger" if touch else "mouse"))
    actions.pointer_action.move_to_location(int(x), int(y)).pointer_down().pause(0.05)
    actions.pointer_action.pointer_up()
    actions.perform()


def a_seed_with_both_kinds(bank: Path) -> int:
    """A seed whose two-question quiz holds a choice question and an estimate, found
    by the engine rather than assumed (which seed gives what changes with selection)."""
    loaded = load_bank(bank)
    for seed in range(200):
        quiz = generate(loaded, Settings(count=2, kinds=("choice", "estimate"), seed=seed))
        if {q.is_numeric for q in quiz} == {True, False}:
            return seed
    raise AssertionError("no seed gives a choice question and an estimate")


def host_args(bank: Path, data: Path, *extra: str) -> list[str]:
    return [
        "host",
        str(bank),
        "--web",
        "--port",
        "0",
        "--seed",
        str(a_seed_with_both_kinds(bank)),
        "--count",
        "2",
        "--kinds",
        "choice,estimate",
        "--time",
        "600",
        "--data-dir",
        str(data),
        *extra,
    ]


def host_app(bank: Path, data: Path, *extra: str) -> HostApp:
    args = build_parser().parse_args(host_args(bank, data, *extra))
    plan = prepare_host(
        game_settings(args),
        seconds=args.time,
        bind=args.bind,
        port=args.port,
        web=web_options(args),
    )
    assert plan.web is not None
    return make_host_app(
        plan.room,
        record=plan.record,
        bind=plan.bind,
        port=plan.port,
        sock=plan.sock,
        web=plan.web,
    )


async def join(app: HostApp, driver: Any, name: str) -> None:
    assert app.join_url is not None
    await asyncio.to_thread(driver.get, app.join_url)
    await wait_for(driver, "Your name, as the class will see it")
    await asyncio.to_thread(type_text, driver, f"{name}\n")
    await until(lambda: any(p.name == name for p in app.room.active()), f"{name} joins")


async def test_a_student_joins_in_a_browser_answers_by_click_and_by_typing(
    second_bank_path: Path, tmp_path: Path, browser: Callable[..., Any]
) -> None:
    app = host_app(second_bank_path, tmp_path)
    page = browser()
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.join_url is not None and app.join_url.endswith("/" + app.room.code)
        await join(app, page, "Ana")
        kinds = {q.is_numeric for q in app.room.questions}
        assert kinds == {True, False}, "the quiz has a choice question and an estimate"
        given: dict[str, str] = {}
        for number in (1, 2):
            await pilot.press("enter")  # the lobby or the leaderboard: next question
            await until(lambda n=number: app.room.number == n, f"question {number}")  # type: ignore[misc]
            question = app.room.question
            assert question is not None
            rows = await wait_for(page, f"{number} of 2", question.prompt[:30])
            if question.is_numeric:
                await asyncio.to_thread(type_text, page, "12,000\n")
                given[question.id] = "12,000"
            else:
                option = question.options[1]
                x, y = await asyncio.to_thread(cell_of, page, rows, option)
                await asyncio.to_thread(click_at, page, x, y)
                given[question.id] = option
            await until(lambda: app.room.phase == "reveal", "the reveal after the one answer")
            shown = await wait_for(page, "Answer:", question.answer_text, "You answered:")
            assert any(given[question.id] in row for row in shown)
            await pilot.pause()
            if number == 1:
                await pilot.press("enter")  # the reveal: to the leaderboard
        assert app.host.record is not None
        rows = Store(tmp_path).answers(app.host.record.session_id)
    assert {(r.player, r.question_id) for r in rows} == {("Ana", q) for q in given}
    for row in rows:
        assert not row.missed
        assert given[row.question_id] in row.given


async def test_on_a_phone_the_app_fits_and_an_option_is_tapped(
    second_bank_path: Path, tmp_path: Path, browser: Callable[..., Any]
) -> None:
    app = host_app(second_bank_path, tmp_path)
    phone = browser(size=(390, 844), phone=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await join(app, phone, "Ben")
        width = await asyncio.to_thread(phone.execute_script, "return window.innerWidth")
        assert width == 390
        font = await asyncio.to_thread(
            phone.execute_script,
            "return Number(document.querySelector('.textual-terminal').dataset.fontSize)",
        )
        assert 12 <= font < 16, "a phone gets a smaller font than a laptop, still readable"
        overflow = await asyncio.to_thread(
            phone.execute_script,
            "return document.documentElement.scrollWidth - window.innerWidth",
        )
        assert overflow <= 0, "nothing sticks out sideways"
        # Question 1 or 2 is a choice: skip to it.
        for _ in range(2):
            await pilot.press("enter")
            await until(lambda: app.room.phase == "question", "a question")
            if not app.room.question.is_numeric:  # type: ignore[union-attr]
                break
            await pilot.press("s")
            await until(lambda: app.room.phase == "reveal", "reveal")
            await pilot.press("enter")
        else:
            raise AssertionError("neither question 1 nor 2 is a choice")
        question = app.room.question
        assert question is not None
        option = question.options[2]
        rows = await wait_for(phone, option)
        columns = max(len(row.rstrip()) for row in rows)
        assert 40 <= columns <= 50, f"about PHONE_COLUMNS columns on a phone, found {columns}"
        x, y = await asyncio.to_thread(cell_of, phone, rows, option)
        await asyncio.to_thread(click_at, phone, x, y, touch=True)
        await until(lambda: app.room.phase == "reveal", "the tapped answer ends the question")
        player = next(p for p in app.room.active() if p.name == "Ben")
        assert player.answers[app.room.number].answer.index == 2  # type: ignore[attr-defined]
        # The number, without its unit: on a phone the unit may wrap to the next line.
        await wait_for(phone, "You answered:", option.removesuffix(f" {question.unit}"))


def status_of(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


async def test_a_wrong_code_is_a_404_and_a_full_room_says_why(
    second_bank_path: Path, tmp_path: Path, browser: Callable[..., Any]
) -> None:
    app = host_app(second_bank_path, tmp_path, "--web-max", "1")
    page = browser()
    async with app.run_test(size=(100, 30)):
        url = app.join_url
        assert url is not None
        base, _, code = url.rpartition("/")
        wrong = "Z" * len(code) if code != "Z" * len(code) else "Y" * len(code)
        assert await asyncio.to_thread(status_of, f"{base}/{wrong}") == (404, "404: Not Found")
        assert (await asyncio.to_thread(status_of, f"{base}/"))[0] == 404
        assert (await asyncio.to_thread(status_of, f"{base}/static/"))[0] == 404
        await asyncio.to_thread(page.get, f"{base}/{wrong}")
        body = await asyncio.to_thread(page.execute_script, "return document.body.innerText")
        assert "404" in body
        await join(app, page, "Chi")
        await asyncio.to_thread(page.switch_to.new_window, "tab")
        await asyncio.to_thread(page.get, url)
        reason = await asyncio.to_thread(
            page.execute_script, "return document.getElementById('reason').innerText"
        )
        assert "All 1 browser places in this room are taken" in reason
        assert "--web-max" in reason
        assert app.web is not None and app.web.students == 1, "the refused tab started nothing"
