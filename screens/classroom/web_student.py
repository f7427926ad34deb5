"""The student app as the web join starts it: `python -m quiz.screens.classroom.web_student
HOST PORT CODE SEAT`.

Only the host's web server (`quiz.classroom.web.process.student_argv`) runs this, with
its own values: the game server's address, the room code and a folder it made for this
browser's rejoin token. The student types only a name. Textual's web driver is chosen by
the environment textual-serve sets, so this is the ordinary `JoinApp`.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 4 or not args[1].isdigit():
        print("usage: web_student HOST PORT CODE SEAT (started by `quiz host --web`)")
        return 2
    host, port, code, seat = args
    from quiz.screens.classroom.join_app import JoinApp

    app = JoinApp(host, int(port), code, None, token_folder=Path(seat))
    return int(app.run() or 0)


if __name__ == "__main__":
    sys.exit(main())
