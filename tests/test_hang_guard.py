"""A test that hangs ends the run, names itself on the last line, and the run fails
(tests/hang_guard.py, armed by pytest-timeout with the `timeout` in pyproject.toml)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

HANGING = """
import asyncio
import threading


def test_passes():
    pass


def test_waits_for_ever():
    threading.Event().wait()


async def test_a_task_waits_for_ever():
    # As a Pilot session that failed: the loop runs, nothing will ever set the event.
    await asyncio.get_running_loop().create_task(asyncio.Event().wait())
"""


def _run(folder: Path, test: str) -> subprocess.CompletedProcess[str]:
    (folder / "test_hanging.py").write_text(HANGING, encoding="utf-8")
    (folder / "pytest.ini").write_text(
        "[pytest]\ntimeout = 2\nasyncio_mode = auto\n", encoding="utf-8"
    )
    env = {**os.environ, "PYTHONPATH": str(HERE)}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "hang_guard",
            "-p",
            "no:cacheprovider",
            f"test_hanging.py::{test}",
        ],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,  # the guard's own guard: this test must not hang either
        check=False,
    )


def test_a_hung_test_fails_the_run_and_is_named_last(tmp_path: Path) -> None:
    done = _run(tmp_path, "test_waits_for_ever")
    assert done.returncode == 1
    lines = done.stdout.strip().splitlines()
    assert "HUNG: test_hanging.py::test_waits_for_ever ran over 2 s" in lines[-1]
    stacks = done.stdout.split("every thread's stack")[1]
    assert "test_waits_for_ever" in stacks  # its stack, to see where it waited


def test_a_hung_asyncio_test_fails_the_run_too(tmp_path: Path) -> None:
    done = _run(tmp_path, "test_a_task_waits_for_ever")
    assert done.returncode == 1
    last = done.stdout.strip().splitlines()[-1]
    assert "HUNG: test_hanging.py::test_a_task_waits_for_ever" in last


def test_a_test_that_ends_in_time_is_left_alone(tmp_path: Path) -> None:
    done = _run(tmp_path, "test_passes")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "HUNG" not in done.stdout + done.stderr
