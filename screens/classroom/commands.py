"""`quiz host` and `quiz join` once their plan is made: open the classroom screens.

Everything that can fail before a screen opens (options, bank, store, address, name) is
checked Textual-free in `quiz.cli.classroom`, whose `QuizError`s the CLI prints; these
run the screens and report what happened after them.
"""

from __future__ import annotations

import sys

from quiz.cli.classroom import HostPlan, JoinPlan, write_player_summary
from quiz.errors import QuizError


def host(plan: HostPlan) -> int:
    from quiz.screens.classroom.host_app import make_host_app

    app = make_host_app(
        plan.room,
        store=plan.store,
        session_id=plan.session_id,
        bind=plan.bind,
        port=plan.port,
        sock=plan.sock,
        note=plan.quiz.count_note,
    )
    print(
        f"quiz: hosting {len(plan.room.questions)} questions, seed {plan.quiz.settings.seed}",
        file=sys.stderr,
    )
    if plan.quiz.count_note:
        print(f"quiz: {plan.quiz.count_note}", file=sys.stderr)
    try:
        code = app.run()
        summary = None if app.error else write_player_summary(plan)
    finally:
        if plan.store is not None:
            plan.store.close()
    if app.error:
        raise QuizError(app.error.removeprefix("quiz: "))
    if summary:
        print(summary, file=sys.stderr)
    print(
        f"quiz: results stored as session {plan.session_id}; "
        f"`quiz results --csv --session {plan.session_id}` exports them",
        file=sys.stderr,
    )
    return int(code or 0)


def join(plan: JoinPlan) -> int:
    from quiz.screens.classroom.join_app import JoinApp

    app = JoinApp(
        plan.host, plan.port, plan.code, plan.name, token=plan.token, token_file=plan.token_file
    )
    code = app.run()
    if app.refusal:
        raise QuizError(app.refusal)
    return int(code or 0)
