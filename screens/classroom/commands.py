"""`quiz host` and `quiz join` once their plan is made: open the classroom screens.

Everything that can fail before a screen opens (options, bank, store, address, name) is
checked Textual-free in `quiz.cli.classroom`, whose `QuizError`s the CLI prints; these
run the screens and report what happened after them.
"""

from __future__ import annotations

import sys

from quiz.cli.classroom import HostPlan, JoinPlan, end_hosting
from quiz.errors import QuizError
from quiz.present.counts import questions_text


def host(plan: HostPlan) -> int:
    from quiz.screens.classroom.host_app import make_host_app

    app = make_host_app(
        plan.room,
        record=plan.record,
        bind=plan.bind,
        port=plan.port,
        sock=plan.sock,
        note=plan.quiz.count_note,
        web=plan.web,
    )
    print(
        f"quiz: hosting {questions_text(len(plan.room.questions))}, seed {plan.quiz.settings.seed}",
        file=sys.stderr,
    )
    if plan.quiz.count_note:
        print(f"quiz: {plan.quiz.count_note}", file=sys.stderr)
    try:
        code = app.run()
    finally:
        if plan.web is not None:
            plan.web.sock.close()
        lines = end_hosting(plan)
    if app.error:
        raise QuizError(app.error)
    for line in lines:
        print(line, file=sys.stderr)
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
