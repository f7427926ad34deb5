"""Plain-text listing of stored sessions for `quiz results`.

One block per session, newest first: its number, local start time, mode, bank,
seed and whether it was finished (a session whose program was killed stays
"unfinished", with every answer given before), then one line per player with
points and answered/total. With `--session N`, every answer follows. Player names
come from outside the bank, so they pass through `printable`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from quiz.reveal_text import points_of, printable
from quiz.store import AnswerRow, SessionRow


def _when(session: SessionRow) -> str:
    return session.started.astimezone().strftime("%Y-%m-%d %H:%M")


def session_lines(sessions: Sequence[SessionRow], answers: Sequence[AnswerRow]) -> Iterator[str]:
    by_session: dict[int, list[AnswerRow]] = {}
    for answer in answers:
        by_session.setdefault(answer.session_id, []).append(answer)
    for session in sessions:
        state = "finished" if session.finished else "unfinished"
        seed = f"seed {session.seed}" if session.seed is not None else "no seed"
        yield ""
        yield (
            f"Session {session.id}: {_when(session)}, {session.mode}, "
            f"{printable(session.bank_title)} ({printable(session.bank_id)}), {seed}, {state}"
        )
        if not session.players:
            yield "  no players"
        for player in session.players:
            yield (
                f"  {printable(player.name)}: {points_of(player.points, player.max_points)}, "
                f"{player.answered} of {session.total} answered"
            )
        for number, answer in enumerate(by_session.get(session.id, ()), start=1):
            yield f"  {number}. {printable(answer.player)} on {printable(answer.prompt)}"
            yield (
                f"     answered {printable(answer.given) or '(nothing)'}; "
                f"the answer is {printable(answer.correct_answer)}; "
                f"{points_of(answer.points, answer.max_points)}: {printable(answer.reason)}"
            )
