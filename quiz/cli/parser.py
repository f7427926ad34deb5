"""The `quiz` command's argparse tree: every subcommand, option and its help.

Each subcommand names its handler as "module:function" (`set_defaults(handler=...)`);
quiz.cli.main imports that module only when the subcommand runs.
"""

from __future__ import annotations

import argparse
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from quiz import paths
from quiz.game.generate import DEFAULT_COUNT


def _version() -> str:
    try:
        return version(paths.APP_NAME)
    except PackageNotFoundError:
        return "unknown"


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, found {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a number of at least 1, found {value}")
    return value


def _seed(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, found {text!r}") from None


def _add_quiz_options(parser: argparse.ArgumentParser, *, remembered: bool = False) -> None:
    parser.add_argument(
        "--seed",
        type=_seed,
        default=None,
        help="seed for question choice and option order; the same seed gives the same quiz "
        "(default: a new random seed, printed so it can be replayed)",
    )
    parser.add_argument(
        "--count",
        type=_positive,
        # The game remembers the last count chosen on its start screen; None tells it that
        # --count was not given, so an explicit `--count 10` still wins over the memory.
        default=None if remembered else DEFAULT_COUNT,
        metavar="N",
        help=f"number of questions (default: {DEFAULT_COUNT}"
        + ("; in the full-screen game, your last choice)" if remembered else ")"),
    )
    parser.add_argument(
        "--kinds",
        default=None,
        metavar="K,K",
        help="question kinds to include, comma-separated: estimate, choice, source, "
        "compare, written (default: all)",
    )


def _add_bonus_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--speed",
        action="store_true",
        help="speed points: a fast answer that earns points earns up to half as much again "
        "(off by default)",
    )
    parser.add_argument(
        "--streak",
        action="store_true",
        help="streak bonus: each full-marks answer in a row earns a little more (off by default)",
    )


def _add_data_dir(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    # Accepted before or after the command; a subcommand's copy must not overwrite the
    # top-level value with its own default, so only the top level has one.
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None if top else argparse.SUPPRESS,
        metavar="DIR",
        help="where results are stored (default: $QUIZ_DATA_DIR, else the user data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quiz",
        description="A quiz that teaches you to read numbers in the news. "
        "With no command, plays the shipped bank in the terminal.",
        epilog="Run `quiz COMMAND --help` for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    _add_data_dir(parser, top=True)
    parser.set_defaults(handler="quiz.cli.main:run_default", bank=None)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    play = sub.add_parser(
        "play",
        help="play a bank (the shipped one by default)",
        description="Play a quiz. Opens the game in the terminal, or line by line with --plain.",
    )
    play.add_argument(
        "bank", nargs="?", type=Path, default=None, help="bank file (.toml) or a folder of banks"
    )
    _add_quiz_options(play, remembered=True)
    play.add_argument("--name", default=None, help="player name stored with the results")
    play.add_argument(
        "--plain",
        action="store_true",
        help="play line by line on stdin/stdout (screen readers, pipes, scripts)",
    )
    play.add_argument(
        "--interval",
        action="store_true",
        help="answer estimates with a low and a high bound, scored for calibration",
    )
    _add_bonus_options(play)
    play.add_argument(
        "--players",
        default=None,
        metavar="A,B,C",
        help="hot-seat: players take turns on one computer",
    )
    _add_data_dir(play)
    play.set_defaults(handler="quiz.cli.main:run_play")

    check = sub.add_parser(
        "check",
        help="check banks: format, cross-references, quotes against the article",
        description="Check bank files and report every problem with its file, line and key. "
        "Exit 0 when all are valid, 1 when any is not.",
    )
    check.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="bank files or folders (default: the banks shipped with the game)",
    )
    check.set_defaults(handler="quiz.cli.authoring:run_check")

    schema = sub.add_parser(
        "schema",
        help="print the bank format's JSON Schema",
        description="Print the JSON Schema of the bank format, for editors that read a "
        "`#:schema` comment (Taplo, Even Better TOML).",
    )
    schema.set_defaults(handler="quiz.cli.authoring:run_schema")

    new = sub.add_parser(
        "new",
        help="write a commented starter bank",
        description="Write a commented starter bank and an article file beside it.",
    )
    new.add_argument("path", type=Path, help="where to write the bank (.toml)")
    new.add_argument("--force", action="store_true", help="overwrite existing files")
    new.set_defaults(handler="quiz.cli.authoring:run_new")

    draft = sub.add_parser(
        "draft",
        help="write a starter bank from an article: one figure per count in it",
        description="Read an article (plain UTF-8 text) and write a starter bank with one "
        "figure per count it states: the quote, the value or range, a unit and a source "
        "guessed from attribution. Years, dates, ages and durations are left out; `ask` "
        "and `explain` are left to you as comments. The draft passes `quiz check`.",
    )
    draft.add_argument("article", type=Path, help="the article's text (.txt)")
    draft.add_argument(
        "-o", "--output", type=Path, default=None, help="the bank to write (default: ARTICLE.toml)"
    )
    draft.add_argument(
        "--language", default="en", help="the article's language, for numbers in words (en)"
    )
    draft.add_argument("--force", action="store_true", help="overwrite an existing bank")
    draft.set_defaults(handler="quiz.cli.draft:run_draft")

    preview = sub.add_parser(
        "preview",
        help="print the generated quiz with its answers",
        description="Print the quiz a bank, seed and settings generate, answers included, "
        "to prepare a class.",
    )
    preview.add_argument(
        "bank", nargs="?", type=Path, default=None, help="bank file (.toml) or a folder of banks"
    )
    _add_quiz_options(preview)
    preview.set_defaults(handler="quiz.cli.preview:run_preview")

    results = sub.add_parser(
        "results",
        help="list stored sessions, or export answers as CSV",
        description="List stored sessions, or export every answer (or, with --summary, "
        "every player's totals) as CSV for a gradebook.",
    )
    results.add_argument("--csv", action="store_true", help="one row per answer, as CSV")
    results.add_argument(
        "--summary",
        action="store_true",
        help="with --csv: one row per player per session (rank, points, answered, missed)",
    )
    results.add_argument("--session", default=None, help="only this session id")
    results.add_argument(
        "--report",
        action="store_true",
        help="with --session N: the teacher's report (per question and per player), "
        "printed and written as CSV beside the store",
    )
    _add_data_dir(results)
    results.set_defaults(handler="quiz.cli.results:run_results")

    host = sub.add_parser(
        "host",
        help="run a classroom session",
        description="Host a quiz for a room: students join with `quiz join`.",
    )
    host.add_argument(
        "bank", nargs="?", type=Path, default=None, help="bank file (.toml) or a folder of banks"
    )
    _add_quiz_options(host)
    host.add_argument(
        "--time",
        type=_positive,
        default=30,
        metavar="SECONDS",
        help="time to answer each question (default: 30)",
    )
    host.add_argument(
        "--bind",
        default="127.0.0.1",
        metavar="ADDR",
        help="address to listen on (default: 127.0.0.1, this computer only)",
    )
    _add_bonus_options(host)
    host.add_argument("--port", type=int, default=8765, help="port (default: 8765)")
    web = host.add_argument_group(
        "joining from a browser",
        "Students open http://ADDRESS:WEB-PORT/CODE (the projector shows it, with a QR code)"
        " and type only their name: nothing to install.",
    )
    web.add_argument("--web", action="store_true", help="also serve the student app to browsers")
    web.add_argument(
        "--web-port",
        type=int,
        default=None,
        metavar="PORT",
        help="port for the browser join (default: the game's port + 1)",
    )
    web.add_argument(
        "--web-max",
        type=_positive,
        default=100,
        metavar="N",
        help="browser students at once; each runs on this computer (default: 100)",
    )
    web.add_argument(
        "--web-max-per-address",
        type=_positive,
        default=4,
        metavar="N",
        help="browser students from one network address (default: 4)",
    )
    _add_data_dir(host)
    host.set_defaults(handler="quiz.cli.main:run_host")

    join = sub.add_parser(
        "join",
        help="join a classroom session",
        description="Join a session a teacher hosts with `quiz host`.",
    )
    join.add_argument("address", metavar="HOST[:PORT]", help="the address the host shows")
    join.add_argument("--code", required=True, help="the join code the host shows")
    join.add_argument("--name", default=None, help="your name as the class will see it")
    join.set_defaults(handler="quiz.cli.main:run_join")
    return parser
