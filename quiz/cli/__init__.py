"""The `quiz` command: argparse, the handlers each subcommand runs, and exit codes.

The top of the engine: it may import every other `quiz` package, and nothing imports it
(the Textual screens included). `main` is the console script's entry point.
"""
