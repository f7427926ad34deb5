"""`quiz results`: list stored sessions, or export them as CSV for a gradebook.

- No option: every session, newest first, with each player's totals.
- `--session N`: that session only, with every answer.
- `--csv`: one row per answer (the store's export); `--csv --summary`: one row per
  player per session instead (`quiz.present.results.write_summary_csv`). `--summary`
  without `--csv` is a usage error: the listing already totals each player.
- `--session N --report`: the teacher's report (`quiz.present.report`), printed, and
  written beside the store as two CSV files (per question, per player) whose paths are
  printed after it (`quiz.classroom.summary.write_report`). It needs one session.

An empty store is a friendly line (CSV: the header alone, and a note on stderr), and
reading creates nothing. Exit status 1 when the store cannot be read or the session
asked for does not exist, 2 for an unusable option.
"""

from __future__ import annotations

import argparse
import sys

from quiz.results.export import write_csv
from quiz.results.store import Store, StoreError


def _session_id(args: argparse.Namespace) -> int | None:
    if args.session is None:
        return None
    try:
        return int(args.session)
    except ValueError:
        raise ValueError(f"--session expects a session number, found {args.session!r}") from None


def _write_csv(store: Store, session_id: int | None, summary: bool) -> int:
    from quiz.present.results import write_summary_csv

    if summary:
        sessions = store.sessions(session_id)
        if session_id is not None and not sessions:
            print(f"quiz: no session {session_id} in {store.path}", file=sys.stderr)
            return 1
        if write_summary_csv(sys.stdout, sessions) == 0:
            print(f"quiz: no players stored in {store.path}", file=sys.stderr)
        return 0
    if write_csv(store, sys.stdout, session_id) == 0:
        print(f"quiz: no answers stored in {store.path}", file=sys.stderr)
    return 0


def _report(store: Store, session_id: int | None, csv: bool) -> int:
    from quiz.classroom.summary import write_report

    if session_id is None or csv:
        print(
            "quiz: --report is for one session and writes its own CSV files: "
            "use `quiz results --session N --report`",
            file=sys.stderr,
        )
        return 2
    try:
        report = write_report(store, session_id) if store.exists else None
    except (StoreError, OSError) as exc:
        print(f"quiz: {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    if report is None:
        print(f"quiz: no session {session_id} in {store.path}", file=sys.stderr)
        return 1
    for line in report.lines:
        print(line)
    print()
    print(f"Written as CSV: {report.questions_csv} (per question)")
    print(f"                {report.players_csv} (per player)")
    return 0


def run_results(args: argparse.Namespace) -> int:
    """`quiz results`: list stored sessions, or `--csv` every answer (or player)."""
    from quiz.paths import data_dir
    from quiz.present.results import session_lines

    try:
        session_id = _session_id(args)
    except ValueError as exc:
        print(f"quiz: {exc}", file=sys.stderr)
        return 2
    summary = bool(getattr(args, "summary", False))
    if summary and not args.csv:
        print(
            "quiz: --summary is a CSV export (one row per player): use it with --csv",
            file=sys.stderr,
        )
        return 2
    store = Store(data_dir(getattr(args, "data_dir", None)))
    if getattr(args, "report", False):
        return _report(store, session_id, args.csv)
    try:
        if args.csv:
            return _write_csv(store, session_id, summary)
        sessions = store.sessions(session_id)
        answers = store.answers(session_id) if session_id is not None else []
    except StoreError as exc:
        print(f"quiz: {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    if not sessions:
        if session_id is not None:
            print(f"quiz: no session {session_id} in {store.path}", file=sys.stderr)
            return 1
        print(f"No results stored yet (looked in {store.path}). Play with `quiz play`.")
        return 0
    print(f"Results stored in {store.path}")
    for line in session_lines(sessions, answers):
        print(line)
    return 0
