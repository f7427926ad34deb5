"""`quiz host` and `quiz join` up to the screen: options, bank, store, address. No Textual.

The engine may not import the UI (tests/test_engine_boundary.py), so the handlers the
CLI runs live in `quiz.screens.classroom.commands`; they call `prepare_host` and
`prepare_join` here for everything that can go wrong before a screen opens, and print
the message and exit with the CLI's codes (1 bad bank or store, 2 bad usage).

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

import argparse
import contextlib
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

from quiz.classroom import tokens
from quiz.classroom.client import JoinError, parse_address
from quiz.classroom.protocol import name_problem
from quiz.classroom.room import Room
from quiz.errors import BankError
from quiz.play.setup import Quiz, UsageError, build_quiz

MAX_TIME = 3600


class CommandError(Exception):
    """A message for the terminal, and the exit code that goes with it."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class HostPlan:
    quiz: Quiz
    room: Room
    bind: str
    port: int
    store: object | None
    session_id: int | None
    sock: socket.socket | None = None
    """Already listening on bind:port; the host serves on it."""


@dataclass(frozen=True)
class JoinPlan:
    host: str
    port: int
    code: str
    name: str
    token_file: Path | None = None
    token: str | None = None
    """Remembered from an earlier `quiz join` to this session under this name."""


def _bank_problems(exc: BankError) -> str:
    lines = [str(problem) for problem in exc.problems]
    count = len(exc.problems)
    lines.append(f"quiz: the bank has {count} problem{'s' if count != 1 else ''}")
    return "\n".join(lines)


def prepare_host(args: argparse.Namespace) -> HostPlan:
    """The room, the store session and where to listen; CommandError when impossible."""
    if not 1 <= args.time <= MAX_TIME:
        raise CommandError(f"quiz: --time: expected 1 to {MAX_TIME} seconds", 2)
    if not 0 <= args.port < 65536:
        raise CommandError(f"quiz: --port: expected 0 to 65535, found {args.port}", 2)
    try:
        quiz = build_quiz(args)
    except UsageError as exc:
        raise CommandError(f"quiz: {exc}", 2) from None
    except BankError as exc:
        raise CommandError(_bank_problems(exc), 1) from None
    room = Room(quiz.questions, loaded=quiz.loaded, seconds=args.time)
    # Bound here, before any screen or stored session: a port in use is a message.
    try:
        sock = socket.create_server(
            (args.bind, args.port),
            family=socket.AF_INET6 if ":" in args.bind else socket.AF_INET,
            reuse_port=False,
        )
    except OSError as exc:
        raise CommandError(listen_problem(exc, args.bind, args.port), 1) from None
    try:
        store, session_id = _open_store(args, quiz)
    except CommandError:
        sock.close()
        raise
    return HostPlan(quiz, room, args.bind, sock.getsockname()[1], store, session_id, sock)


def _open_store(args: argparse.Namespace, quiz: Quiz) -> tuple[object, int]:
    from quiz.paths import data_dir
    from quiz.results.store import Store, StoreError

    store = Store(data_dir(getattr(args, "data_dir", None)))
    try:
        session_id = store.start_session(
            quiz.loaded,
            mode="classroom",
            seed=quiz.settings.seed,
            total=len(quiz.questions),
            settings={
                "count": quiz.settings.count,
                "kinds": list(quiz.settings.kinds),
                "time": args.time,
            },
        )
    except StoreError as exc:
        store.close()
        raise CommandError(f"quiz: {exc}", 1) from None
    return store, session_id


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
        return f"quiz: port {port} is in use on {bind}; choose another with --port"
    return f"quiz: cannot listen on {bind}:{port}: {exc.strerror or exc}"


def prepare_join(args: argparse.Namespace) -> JoinPlan:
    """Address, code and name for `quiz join`; CommandError when one is unusable."""
    try:
        host, port = parse_address(args.address)
    except JoinError as exc:
        raise CommandError(f"quiz: {exc}", 2) from None
    code = args.code.strip().upper()
    if not code or len(code) > 32 or not code.isalnum():
        raise CommandError(
            "quiz: --code: the join code is the letters and digits the host shows", 2
        )
    name = args.name
    if name is None:
        name = _ask_name()
    name = name.strip()
    problem = name_problem(name)
    if problem:
        raise CommandError(f"quiz: --name: {problem}", 2)
    from quiz.paths import data_dir

    path = tokens.token_path(data_dir(getattr(args, "data_dir", None)), host, port, code, name)
    return JoinPlan(host, port, code, name, path, tokens.remembered(path, name))


def _ask_name() -> str:
    if not sys.stdin.isatty():
        raise CommandError("quiz: --name: your name is needed (--name NAME)", 2)
    try:
        return input("Your name, as the class will see it: ")
    except EOFError:
        raise CommandError("quiz: --name: your name is needed (--name NAME)", 2) from None


def write_player_summary(plan: HostPlan) -> str | None:
    """After the session: the per-player CSV beside the store; a line to print, or None."""
    from quiz.classroom.summary import summary_path, write_summary
    from quiz.results.store import Store, StoreError

    store = plan.store
    if not isinstance(store, Store) or plan.session_id is None:
        return None
    path = summary_path(store.folder, plan.session_id)
    try:
        with path.open("w", encoding="utf-8", newline="") as out:
            players = write_summary(store, plan.session_id, out)
    except (OSError, StoreError) as exc:
        return f"quiz: could not write the per-player summary: {exc}"
    if not players:
        path.unlink(missing_ok=True)
        return None
    return f"quiz: per-player summary ({players} players): {path}"
