"""`quiz host` and `quiz join`: the handlers the CLI runs, which open the classroom screens.

They live in the UI package because they start Textual; everything that can fail before
a screen opens (options, bank, store, address, name) is checked Textual-free in
`quiz.cli.classroom`, and its message printed with the CLI's exit codes.
"""

from __future__ import annotations

import argparse
import sys

from quiz.cli.classroom import (
    CommandError,
    prepare_host,
    prepare_join,
    write_player_summary,
)


def run_host(args: argparse.Namespace) -> int:
    try:
        plan = prepare_host(args)
    except CommandError as exc:
        print(exc, file=sys.stderr)
        return exc.code
    from quiz.screens.classroom.host_app import make_host_app

    app = make_host_app(
        plan.room,
        store=plan.store,
        session_id=plan.session_id,
        bind=plan.bind,
        port=plan.port,
        sock=plan.sock,
    )
    print(
        f"quiz: hosting {len(plan.room.questions)} questions, seed {plan.quiz.settings.seed}",
        file=sys.stderr,
    )
    try:
        code = app.run()
        summary = None if app.error else write_player_summary(plan)
    finally:
        if plan.store is not None:
            plan.store.close()  # type: ignore[attr-defined]
    if app.error:
        print(app.error, file=sys.stderr)
        return 1
    if summary:
        print(summary, file=sys.stderr)
    print(
        f"quiz: results stored as session {plan.session_id}; "
        f"`quiz results --csv --session {plan.session_id}` exports them",
        file=sys.stderr,
    )
    return int(code or 0)


def run_join(args: argparse.Namespace) -> int:
    try:
        plan = prepare_join(args)
    except CommandError as exc:
        print(exc, file=sys.stderr)
        return exc.code
    from quiz.screens.classroom.join_app import JoinApp

    app = JoinApp(
        plan.host, plan.port, plan.code, plan.name, token=plan.token, token_file=plan.token_file
    )
    code = app.run()
    if app.refusal:
        print(f"quiz: {app.refusal}", file=sys.stderr)
        return 1
    return int(code or 0)
