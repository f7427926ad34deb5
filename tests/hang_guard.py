"""A test that hangs ends the run and says which test it was.

pytest-timeout (its per-test `timeout` is set in pyproject.toml) calls this module's
`pytest_timeout_set_timer` instead of arming its own timer. Its "signal" method raises inside
the test, which a Textual or asyncio task can catch and store, leaving the run hanging; its
"thread" method always ends the run, but prints only the threads' stacks, never the test's
name, and a plain `pytest` run (what CI runs) prints dots, not names. So the guard here is a
timer thread that, when a test (with its fixtures, set-up and teardown) runs past the
timeout, prints the test's id, whatever it had printed and every thread's stack, prints the
id again as the last line, and exits the run with status 1. CI fails instead of hanging, and
the last line of its log names the test.
"""

from __future__ import annotations

import faulthandler
import os
import sys
import threading
from typing import Any

import pytest
from pytest_timeout import is_debugging


def _end_the_run(item: pytest.Item, seconds: float) -> None:
    if is_debugging():  # someone is stepping through the test in a debugger
        return
    out = err = ""
    capture = item.config.pluginmanager.getplugin("capturemanager")
    if capture is not None:
        capture.suspend_global_capture(in_=True)
        out, err = capture.read_global_capture()
    terminal = item.config.get_terminal_writer()
    title = f"HUNG: {item.nodeid} ran over {seconds:g} s"
    terminal.line()
    terminal.sep("+", title)
    for name, text in (("its stdout", out), ("its stderr", err)):
        if text:
            terminal.sep("~", name)
            terminal.write(text)
    terminal.sep("~", "every thread's stack")
    terminal.flush()
    sys.stdout.flush()
    faulthandler.dump_traceback(sys.stdout, all_threads=True)  # the terminal's stream
    sys.stdout.flush()
    terminal.sep("+", title)
    terminal.flush()
    sys.stdout.flush()
    os._exit(1)


@pytest.hookimpl(tryfirst=True)
def pytest_timeout_set_timer(item: pytest.Item, settings: Any) -> bool:
    timer = threading.Timer(settings.timeout, _end_the_run, (item, settings.timeout))
    timer.daemon = True
    timer.name = f"hang guard for {item.nodeid}"

    def cancel() -> None:
        timer.cancel()
        timer.join()

    # pytest-timeout's own pytest_timeout_cancel_timer calls this when the test ends.
    item.cancel_timeout = cancel  # type: ignore[attr-defined]  # the attribute pytest-timeout reads
    timer.start()
    return True  # firstresult: pytest-timeout arms no timer of its own
