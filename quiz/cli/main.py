"""The `quiz` command line: one argparse tree, handlers imported only when run.

Each subcommand names its handler as "module:function"; the module is imported
only when that subcommand runs, so `quiz check` never pays for Textual and
`quiz --help` is instant. A handler takes the parsed arguments and returns the
exit code: 0 success, 1 a problem with the input (a bank that does not check),
2 a usage error.

Handlers turn the Namespace into a `GameSettings` (`quiz.cli.options`) and pass only
that on. Anything they cannot do raises a `QuizError` carrying its exit code, and
`main` prints it, once, here.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from quiz import paths
from quiz.cli.parser import build_parser
from quiz.errors import QuizError

if TYPE_CHECKING:
    from quiz.cli.classroom import WebOptions


def data_dir(args: argparse.Namespace) -> Path:
    """The results folder: --data-dir (before or after the command), else quiz.paths' default."""
    return paths.data_dir(getattr(args, "data_dir", None))


def run_default(args: argparse.Namespace) -> int:
    """`quiz` alone: the full-screen game, as `quiz play` with no options."""
    args.plain = False
    return run_play(args)


def run_play(args: argparse.Namespace) -> int:
    from quiz.cli.options import game_settings

    if getattr(args, "plain", False) or getattr(args, "players", None):
        from quiz.play.plain import run_plain

        return run_plain(game_settings(args))
    from quiz.play import preferences

    remembered = preferences.load()
    settings = game_settings(args, replace(remembered, bank=None))
    # The one place the engine reaches the UI: the import-linter contract lists it.
    from quiz.screens.launch import run_app

    return int(run_app(settings, remembered_bank=remembered.bank))


def web_options(args: argparse.Namespace) -> WebOptions | None:
    """`quiz host --web` and its bounds, or None without --web."""
    from quiz.classroom.web.limits import WebLimits
    from quiz.cli.classroom import WebOptions

    if not args.web:
        return None
    limits = WebLimits(students=args.web_max, per_address=args.web_max_per_address)
    return WebOptions(port=args.web_port, limits=limits)


def run_host(args: argparse.Namespace) -> int:
    from quiz.cli.classroom import prepare_host
    from quiz.cli.options import game_settings

    plan = prepare_host(
        game_settings(args),
        seconds=args.time,
        bind=args.bind,
        port=args.port,
        web=web_options(args),
    )
    # The projector is a Textual app: the CLI's second way up into the UI.
    from quiz.screens.classroom.commands import host

    return host(plan)


def run_join(args: argparse.Namespace) -> int:
    from quiz.cli.classroom import prepare_join

    plan = prepare_join(args.address, args.code, args.name, getattr(args, "data_dir", None))
    from quiz.screens.classroom.commands import join

    return join(plan)


def _misplaced_play_option(parser: argparse.ArgumentParser, argv: Sequence[str]) -> str | None:
    """The first of `argv`'s options that only `quiz play` knows, given before any command
    (`quiz --seed 5`): argparse would call the value an invalid command."""
    top = parser._option_string_actions
    commands: dict[str, argparse.ArgumentParser] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            commands = action.choices
    play = commands.get("play")
    if play is None:
        return None
    tokens = iter(argv)
    for token in tokens:
        option = token.split("=", 1)[0]
        if token in commands or not token.startswith("-"):
            return None
        if option in top:
            if top[option].nargs != 0 and "=" not in token:
                next(tokens, None)  # its value, e.g. --data-dir DIR
        elif option in play._option_string_actions:
            return option
    return None


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    given = list(sys.argv[1:] if argv is None else argv)
    misplaced = _misplaced_play_option(parser, given)
    if misplaced is not None:
        print(
            f"quiz: {misplaced} is an option of `quiz play`: quiz play {' '.join(given)}",
            file=sys.stderr,
        )
        return 2
    args = parser.parse_args(given)
    module_name, _, function_name = args.handler.partition(":")
    handler = getattr(importlib.import_module(module_name), function_name)
    try:
        return int(handler(args) or 0)
    except QuizError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `quiz preview | head` closes the pipe early; that is not an error.
        sys.stderr.close()
        return 0
