"""`quiz results`: list stored sessions, or export them as CSV for a gradebook.

- No option: every session, newest first, with each player's totals.
- `--session N`: that session only, with every answer.
- `--csv`: one row per answer (the store's export); `--csv --summary`: one row per
  player per session instead (`quiz.present.results.write_summary_csv`). `--summary`
  without `--csv` is a usage error: the listing already totals each player.
- `--session N --report`: the teacher's report (`quiz.present.report`), printed, and
  written beside the store as two CSV files (per question, per player) whose paths are
  printed after it (`quiz.classroom.summary.write_report`). It needs one session.
  In a terminal each entry wraps under its own text at the terminal's width (at most
  100 columns, as `--plain`); `$COLUMNS`, when set, is that width. Piped or written to
  a file with no `$COLUMNS`, the width is unknown and every line comes whole, one line
  per fact (as grep and a file want them, and as before). The CSV files never wrap.

An empty store is a friendly line (CSV: the header alone, and a note on stderr), and
reading creates nothing. A session that is not in the store is the same error in every
form (listing, `--csv`, `--csv --summary`, `--report`): "no session N in <store>", exit 1,
and nothing on stdout, so a script never mistakes a bare CSV header for an empty session.
Failures are raised as `QuizError`s (`NoSession`, `StoreError` exit 1; `UsageError`
exit 2) and printed once by `quiz.cli.main`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys

from quiz.errors import UsageError
from quiz.play.console import MAX_WIDTH
from quiz.results.export import write_csv
from quiz.results.failures import NoSession, StoreError
from quiz.results.store import Store


def _session_id(args: argparse.Namespace) -> int | None:
    if args.session is None:
        return None
    try:
        return int(args.session)
    except ValueError:
        raise UsageError(f"--session expects a session number, found {args.session!r}") from None


def _require_session(store: Store, session_id: int | None) -> None:
    """NoSession unless the store holds the session asked for (or none was asked for)."""
    if session_id is not None and not store.sessions(session_id):
        raise NoSession(session_id, store.path)


def _write_csv(store: Store, session_id: int | None, summary: bool) -> None:
    from quiz.present.results import write_summary_csv

    _require_session(store, session_id)
    if summary:
        if write_summary_csv(sys.stdout, store.sessions(session_id)) == 0:
            print(f"quiz: no players stored in {store.path}", file=sys.stderr)
    elif write_csv(store, sys.stdout, session_id) == 0:
        where = f"session {session_id} of {store.path}" if session_id else str(store.path)
        print(f"quiz: no answers stored in {where}", file=sys.stderr)


def report_columns() -> int | None:
    """The width to wrap the report at: `$COLUMNS` when it is a positive number, else the
    terminal's when stdout is one; None (a pipe or a file): lines whole."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return min(int(columns), MAX_WIDTH)
    if sys.stdout.isatty():
        return min(shutil.get_terminal_size().columns, MAX_WIDTH)
    return None


def _report(store: Store, session_id: int | None, csv: bool) -> None:
    from quiz.classroom.summary import write_report
    from quiz.present.report import wrap_report

    if session_id is None or csv:
        raise UsageError(
            "--report is for one session and writes its own CSV files: "
            "use `quiz results --session N --report`"
        )
    try:
        report = write_report(store, session_id) if store.exists else None
    except OSError as exc:
        where = exc.filename or store.path.parent
        raise StoreError(f"cannot write the report's CSV files: {where}: {exc.strerror}") from None
    if report is None:
        raise NoSession(session_id, store.path)
    columns = report_columns()
    for line in wrap_report(
        [*report.lines, "", "Written as CSV, per question and per player:"], columns
    ):
        print(line)
    # Each path whole on a line of its own, from the margin: one that is wider than the
    # terminal folds as a path, and can be copied.
    print(report.questions_csv)
    print(report.players_csv)


def run_results(args: argparse.Namespace) -> int:
    """`quiz results`: list stored sessions, or `--csv` every answer (or player)."""
    from quiz.paths import data_dir
    from quiz.present.results import session_lines

    session_id = _session_id(args)
    summary = bool(getattr(args, "summary", False))
    if summary and not args.csv:
        raise UsageError("--summary is a CSV export (one row per player): use it with --csv")
    store = Store(data_dir(getattr(args, "data_dir", None)))
    try:
        if getattr(args, "report", False):
            _report(store, session_id, args.csv)
            return 0
        if args.csv:
            _write_csv(store, session_id, summary)
            return 0
        _require_session(store, session_id)
        sessions = store.sessions(session_id)
        answers = store.answers(session_id) if session_id is not None else []
    finally:
        store.close()
    if not sessions:
        print(f"No results stored yet (looked in {store.path}). Play with `quiz play`.")
        return 0
    print(f"Results stored in {store.path}")
    for line in session_lines(sessions, answers):
        print(line)
    return 0
