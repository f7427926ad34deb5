"""`quiz host` and `quiz join` up to the screen: options, bank, store, address. No Textual.

`quiz.cli.main`'s handlers call `prepare_host` and `prepare_join` here for everything
that can go wrong before a screen opens, then hand the plan to the UI
(`quiz.screens.classroom.commands`). What cannot be done is a `QuizError` with the
CLI's exit code (1 bad bank or store, 2 bad usage), which `quiz.cli.main` prints.

Decisions worth knowing:

- The address shown to students: the bound address, or for a wildcard bind
  (0.0.0.0, ::) this computer's address on the network that reaches other hosts
  (found with a UDP socket that never sends), so the projector shows something a
  student can type.
- A port already in use is a clear message naming `--port`, not a traceback.
- No `--name` for `quiz join`: the student is asked for one on the terminal.
- `quiz join` run again for the same session and name rejoins as the same player
  (`quiz.classroom.tokens`), so closing the terminal by mistake costs no points.
"""

from __future__ import annotations

import contextlib
import socket
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

from quiz import paths
from quiz.classroom import tokens
from quiz.classroom.client import JoinError, parse_address
from quiz.classroom.names import clean_name, name_problem
from quiz.classroom.room import Room
from quiz.classroom.web.limits import WebLimits
from quiz.errors import QuizError, UsageError
from quiz.play.banks import ask_on
from quiz.play.settings import GameSettings
from quiz.play.setup import Quiz, build_quiz
from quiz.results.record import GameRecord
from quiz.results.store import Store, StoreError

MAX_TIME = 3600


class CommandError(QuizError):
    """`quiz host` or `quiz join` cannot start: the network, an address, a code."""


@dataclass
class HostPlan:
    quiz: Quiz
    room: Room
    bind: str
    port: int
    store: Store
    record: GameRecord
    """The session as stored: started when the first student joins, discarded if empty."""
    sock: socket.socket | None = None
    """Already listening on bind:port; the host serves on it."""
    web: WebPlan | None = None
    """`--web`: where the browser join listens, and its bounds."""


@dataclass(frozen=True)
class WebOptions:
    """`quiz host --web`'s options: the browser join's port (None: the game's + 1), caps."""

    port: int | None = None
    limits: WebLimits = field(default_factory=WebLimits)


@dataclass
class WebPlan:
    sock: socket.socket
    port: int
    limits: WebLimits


@dataclass(frozen=True)
class JoinPlan:
    host: str
    port: int
    code: str
    name: str
    token_file: Path | None = None
    token: str | None = None
    """Remembered from an earlier `quiz join` to this session under this name."""


def prepare_host(
    settings: GameSettings,
    *,
    seconds: int,
    bind: str,
    port: int,
    web: WebOptions | None = None,
) -> HostPlan:
    """The room, the store session and where to listen (with `web`, the browser join's
    port too); QuizError when impossible."""
    if not 1 <= seconds <= MAX_TIME:
        raise UsageError(f"--time: expected 1 to {MAX_TIME} seconds")
    if not 0 <= port < 65536:
        raise UsageError(f"--port: expected 0 to 65535, found {port}")
    quiz = build_quiz(settings, ask_on(sys.stdin, sys.stderr) if sys.stdin.isatty() else None)
    # Speed points fall to nothing when the countdown ends, as the class sees the time.
    bonuses = replace(settings.session_settings(), speed_seconds=float(seconds))
    room = Room(quiz.questions, loaded=quiz.loaded, seconds=seconds, bonuses=bonuses)
    # Bound here, before any screen: a port in use is a message. The store is opened, but no
    # session is written until a student joins (the game record is lazy).
    try:
        sock = _listen(bind, port)
    except OSError as exc:
        raise CommandError(listen_problem(exc, bind, port)) from None
    bound = sock.getsockname()[1]
    try:
        web_plan = _web_plan(web, bind, port, bound) if web is not None else None
    except QuizError:
        sock.close()
        raise
    store = Store(paths.data_dir(settings.data_dir))
    try:
        store.open()  # a class must not play for nothing: an unusable store stops here
    except QuizError:
        sock.close()
        if web_plan is not None:
            web_plan.sock.close()
        raise
    record = GameRecord(
        store,
        quiz.loaded,
        mode="classroom",
        seed=quiz.settings.seed,
        total=len(quiz.questions),
        settings={**settings.stored(), "count": quiz.settings.count, "time": seconds},
    )
    return HostPlan(quiz, room, bind, bound, store, record, sock, web_plan)


def _listen(bind: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in bind else socket.AF_INET
    return socket.create_server((bind, port), family=family, reuse_port=False)


def _web_plan(web: WebOptions, bind: str, asked: int, game_port: int) -> WebPlan:
    """Bind the browser join's port (default: the game's + 1; any free one with --port 0)."""
    port = web.port
    if port is None:
        port = game_port + 1 if asked else 0
    if not 0 <= port < 65536 or (port and port == game_port):
        raise UsageError(f"--web-port: expected 0 to 65535, not the game's port, found {port}")
    try:
        sock = _listen(bind, port)
    except OSError as exc:
        raise CommandError(
            listen_problem(exc, bind, port).replace("--port", "--web-port")
        ) from None
    return WebPlan(sock, sock.getsockname()[1], web.limits)


def web_game_host(bind: str) -> str:
    """Where a browser student's app, running on this computer, reaches the game."""
    if bind in ("0.0.0.0", ""):
        return "127.0.0.1"
    if bind == "::":
        return "::1"
    return bind


def join_url(bind: str, web_port: int, code: str) -> str:
    """The address a student's browser opens: the room's page, under its code."""
    return f"http://{shown_address(bind, web_port)}/{code}"


def shown_address(bind: str, port: int) -> str:
    """What a student types to reach this host."""
    host = bind
    if bind in ("0.0.0.0", "", "::"):
        host = _outward_address() or socket.gethostname()
    if ":" in host:
        host = f"[{host}]"
    return f"{host}:{port}"


def _outward_address() -> str | None:
    # connect() on UDP only picks the route; no packet is sent.
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.connect(("10.255.255.255", 1))
        address = probe.getsockname()[0]
        return None if address.startswith("0.") else str(address)
    return None


def listen_problem(exc: OSError, bind: str, port: int) -> str:
    if getattr(exc, "errno", None) in (98, 48, 10048):
        return f"port {port} is in use on {bind}; choose another with --port"
    return f"cannot listen on {bind}:{port}: {exc.strerror or exc}"


def prepare_join(
    address: str, code: str, name: str | None, data_dir: Path | None = None
) -> JoinPlan:
    """Address, code and name for `quiz join`; UsageError when one is unusable."""
    try:
        host, port = parse_address(address)
    except JoinError as exc:
        raise UsageError(str(exc)) from None
    code = code.strip().upper()
    if not code or len(code) > 32 or not code.isalnum():
        raise UsageError("--code: the join code is the letters and digits the host shows")
    if name is None:
        name = _ask_name()
    name = clean_name(name)
    problem = name_problem(name)
    if problem:
        raise UsageError(f"--name: {problem}")
    path = tokens.token_path(paths.data_dir(data_dir), host, port, code, name)
    return JoinPlan(host, port, code, name, path, tokens.remembered(path, name))


def _ask_name() -> str:
    if not sys.stdin.isatty():
        raise UsageError("--name: your name is needed (--name NAME)")
    try:
        return input("Your name, as the class will see it: ")
    except EOFError:
        raise UsageError("--name: your name is needed (--name NAME)") from None


def end_hosting(plan: HostPlan) -> list[str]:
    """After the projector closes: end the game record, write the per-player summary and
    close the store; the lines to tell the teacher.

    The host stopping ends the record "unfinished"; a session finished at the podium stays
    finished (the first end wins), and one that nobody answered in is not kept at all.
    """
    try:
        outcome = plan.record.end("unfinished")
        lines = [line for line in [write_player_summary(plan)] if line]
    except StoreError as exc:
        return [f"quiz: {exc}"]
    finally:
        plan.store.close()
    sid = plan.record.session_id
    if outcome == "discarded":
        return ["quiz: nothing was answered, so no results were stored"]
    state = "" if outcome == "finished" else " (unfinished)"
    return [
        *lines,
        f"quiz: results stored as session {sid}{state}; "
        f"`quiz results --csv --session {sid}` exports them",
    ]


def write_player_summary(plan: HostPlan) -> str | None:
    """After the session: the per-player summary and the teacher's report beside the
    store; lines to print, or None when nobody played."""
    from quiz.classroom.summary import write_report
    from quiz.present.counts import players_text

    store, session_id = plan.store, plan.record.session_id
    if session_id is None or plan.record.outcome in (None, "discarded"):
        return None
    try:
        report = write_report(store, session_id)
    except (OSError, StoreError) as exc:
        return f"quiz: could not write the per-player summary and report: {exc}"
    if report is None:
        return None
    if not report.players:
        report.players_csv.unlink(missing_ok=True)
        report.questions_csv.unlink(missing_ok=True)
        return None
    return (
        f"quiz: per-player summary ({players_text(report.players)}): {report.players_csv}\n"
        f"quiz: teacher's report, per question: {report.questions_csv}"
    )
