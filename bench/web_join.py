"""20 browser students in one headless Chromium answer the same question through `--web`.

    .venv/bin/python bench/web_join.py [--students 20] [--shots DIR]

Needs Debian's chromium and chromium-driver (nothing is downloaded). The host and its
web join run in this process with a real results store in a temporary folder; each
student is a Chromium window on the room's page, driving its own student app started by
the web server. Every student types a name and presses 2 on the same choice question;
the last answer brings the reveal.

Prints: answers stored (goal: all of them); the memory of each student app (RSS, and
PSS, which shares the interpreter's common pages out fairly); and the time from the
host's reveal to the last page showing it, as a ratio to the time the same reveal takes
to reach one plain `quiz join`-protocol client on loopback in the same room (the
baseline, measured in the same run). A page "shows" the reveal when the terminal's
screen-reader rows, which follow what it draws, hold "Answer:" (a MutationObserver in
each page stamps the moment). With --shots, saves PNGs of one page at the question and
at the reveal.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from quiz.questions import default_bank

from quiz.bank.loader import load_bank
from quiz.classroom.protocol import PROTOCOL_VERSION, AnswerMsg, Hello, encode
from quiz.classroom.room import Room
from quiz.classroom.server import Host
from quiz.classroom.web.limits import WebLimits
from quiz.classroom.web.server import WebJoin
from quiz.game.generate import Settings, generate
from quiz.results.record import GameRecord
from quiz.results.store import Store

TIMEOUT = 180.0
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
SCREEN_JS = (
    "const t = document.querySelector('.xterm-accessibility-tree');return t ? t.textContent : '';"
)
REVEAL_AT = "return window.__revealAt"
WATCH_JS = """
window.__revealAt = null;
const watch = () => {
  const tree = document.querySelector('.xterm-accessibility-tree');
  if (tree && tree.textContent.includes('Answer:')) { window.__revealAt = Date.now(); return true; }
  return false;
};
if (!watch()) {
  const observer = new MutationObserver(() => { if (watch()) observer.disconnect(); });
  observer.observe(document.body, {subtree: true, childList: true, characterData: true});
}
"""


def chromium(profile: Path) -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "chromium"
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument("--window-size=900,700")
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)


def memory_kib(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of a process, in KiB."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        key, _, value = line.partition(":")
        fields[key] = int(value.split()[0])
    return fields["Rss"], fields["Pss"]


async def wait_page(driver: Any, handle: str, needle: str) -> None:
    loop = asyncio.get_running_loop()
    end = loop.time() + TIMEOUT
    while loop.time() < end:
        await asyncio.to_thread(driver.switch_to.window, handle)
        if needle in await asyncio.to_thread(driver.execute_script, SCREEN_JS):
            return
        await asyncio.sleep(0.2)
    raise TimeoutError(f"a page never showed {needle!r}")


async def until(condition: Any, what: str) -> None:
    loop = asyncio.get_running_loop()
    end = loop.time() + TIMEOUT
    while not condition():
        if loop.time() > end:
            raise TimeoutError(what)
        await asyncio.sleep(0.05)


async def run(students: int, shots: Path | None) -> int:
    loaded = load_bank(default_bank())
    question = next(q for q in generate(loaded, Settings(count=10, seed=1)) if not q.is_numeric)
    room = Room([question], loaded=loaded, seconds=600)
    folder = Path(tempfile.mkdtemp(prefix="bench-web-"))
    store = Store(folder)
    record = GameRecord(store, loaded, mode="classroom", seed=1, total=1)
    host = Host(room, record=record)
    game = await host.start("127.0.0.1", 0)
    web = WebJoin(room.code, "127.0.0.1", game[1], limits=WebLimits(students, students))
    address = await web.start("127.0.0.1", 0)
    url = f"http://{address[0]}:{address[1]}/{room.code}"

    driver = await asyncio.to_thread(chromium, folder / "profile")
    try:
        handles = []
        for n in range(students):
            if n:
                await asyncio.to_thread(driver.switch_to.new_window, "window")
            await asyncio.to_thread(driver.get, url)
            handles.append(driver.current_window_handle)
        for n, handle in enumerate(handles):
            await wait_page(driver, handle, "Your name")
            await asyncio.to_thread(type_into, driver, f"Student {n + 1}\n")
        await until(lambda: len(room.active()) == students, "every student joins")

        reader, writer = await asyncio.open_connection(*game)
        writer.write(encode(Hello(version=PROTOCOL_VERSION, code=room.code, name="baseline")))
        await reader.readline()  # welcome
        await reader.readline()  # lobby

        await host.next()
        for handle in handles:
            await wait_page(driver, handle, question.prompt[:40])
            await asyncio.to_thread(driver.execute_script, WATCH_JS)
        if shots:
            await asyncio.to_thread(driver.switch_to.window, handles[0])
            await asyncio.to_thread(driver.save_screenshot, str(shots / "web-question.png"))
        writer.write(encode(AnswerMsg(number=1, choice=1)))
        while json.loads(await reader.readline())["type"] != "received":
            pass

        async def baseline_reveal() -> float:
            while json.loads(await reader.readline())["type"] != "reveal":
                pass
            return time.perf_counter() - host.revealed_at

        baseline_task = asyncio.create_task(baseline_reveal())
        for handle in handles:
            await asyncio.to_thread(driver.switch_to.window, handle)
            await asyncio.to_thread(type_into, driver, "2")
        baseline = await asyncio.wait_for(baseline_task, TIMEOUT)
        # The host stamps the reveal on its perf_counter; the pages stamp the wall clock.
        revealed = time.time() - (time.perf_counter() - host.revealed_at)
        stamps = []
        for handle in handles:
            await asyncio.to_thread(driver.switch_to.window, handle)
            loop = asyncio.get_running_loop()
            end = loop.time() + TIMEOUT
            while (stamp := await asyncio.to_thread(driver.execute_script, REVEAL_AT)) is None:
                if loop.time() > end:
                    raise TimeoutError("a page never showed the reveal")
                await asyncio.sleep(0.1)
            stamps.append(stamp / 1000)
        if shots:
            await asyncio.to_thread(driver.switch_to.window, handles[0])
            await asyncio.to_thread(driver.save_screenshot, str(shots / "web-reveal.png"))
        memory = [memory_kib(s.pid) for s in web.services if s.pid]
        rows = store.answers(record.start())
        writer.close()
    finally:
        await asyncio.to_thread(driver.quit)
        await web.close()
        await host.close()
        store.close()
        shutil.rmtree(folder, ignore_errors=True)

    answered = [r for r in rows if r.player != "baseline" and not r.missed]
    last = max(stamps) - revealed
    median = statistics.median(stamps) - revealed
    rss = [m[0] / 1024 for m in memory]
    pss = [m[1] / 1024 for m in memory]
    print(f"browser students: {students} in one headless Chromium, one window each")
    print(f"answers stored: {len(answered)} of {students} (goal: all)")
    print(
        f"memory per student app: RSS median {statistics.median(rss):.0f} MiB "
        f"(min {min(rss):.0f}, max {max(rss):.0f}); PSS median {statistics.median(pss):.0f} MiB; "
        f"total PSS {sum(pss):.0f} MiB for {len(pss)} apps"
    )
    print(f"baseline: reveal to one loopback protocol client: {baseline * 1000:.1f} ms")
    print(
        f"reveal to the pages: median {median * 1000:.0f} ms "
        f"({median / baseline:.0f}x baseline), last {last * 1000:.0f} ms "
        f"({last / baseline:.0f}x baseline)"
    )
    return 0 if len(answered) == students else 1


def type_into(driver: Any, text: str) -> None:
    from selenium.webdriver.common.by import By

    driver.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea").send_keys(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=20)
    parser.add_argument("--shots", type=Path, default=None, help="save PNGs in this folder")
    args = parser.parse_args()
    if not (shutil.which("chromium") and shutil.which("chromedriver")):
        print("bench/web_join.py needs chromium and chromium-driver", file=sys.stderr)
        return 2
    return asyncio.run(run(args.students, args.shots))


if __name__ == "__main__":
    sys.exit(main())
