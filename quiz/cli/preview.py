"""`quiz preview`: the generated quiz with its answers, for a teacher preparing a class.

The same bank, seed and settings give the same questions as `quiz play`, so a
teacher can print the quiz the class will play (answers marked, points, the
figures each question explains and its id) and replay it with the command shown.

A folder of banks: on a terminal, the banks are listed on stderr (stdout may be going
to a printer or a file) and the teacher types a number; with piped input the command
lists them and stops.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable

from quiz.cli.options import game_settings
from quiz.game.quantity import is_linear
from quiz.game.scoring import rule_text
from quiz.game.start_texts import start_texts
from quiz.play.banks import ask_on
from quiz.play.setup import Quiz, bank_argument, build_quiz, replay_command
from quiz.present.counts import questions_text
from quiz.present.words import points_words


def preview_lines(quiz: Quiz, bank_arg: str | None = None) -> Iterable[str]:
    """The quiz with its answers, for a teacher: same bank and seed, same text."""
    loaded, settings = quiz.loaded, quiz.settings
    # The title as the start screen shows it: a printed quiz states no answer up front.
    yield f"{start_texts(loaded).title} ({loaded.id})"
    yield (
        f"Seed {settings.seed}, {questions_text(len(quiz.questions))}, kinds: "
        f"{', '.join(settings.kinds)}. Bank file sha256 {loaded.digest[:12]}."
    )
    if quiz.count_note:
        yield quiz.count_note
    yield f"Play it with: {replay_command(quiz, bank_arg)}"
    for number, question in enumerate(quiz.questions, start=1):
        yield ""
        yield f"{number}. [{question.kind}] {question.prompt}"
        for option_number, option in enumerate(question.options, start=1):
            mark = "   <- answer" if option_number - 1 == question.answer_index else ""
            yield f"   {option_number}) {option}{mark}"
        if question.is_numeric:
            # The answer carries its unit; the rule is said where it is not the usual one.
            yield f"   Answer: {question.answer_text}"
            if is_linear(question.number_kind):
                yield f"   Scoring: {rule_text(question)}"
        yield f"   Points: {points_words(question.points)}"
        yield f"   Figures: {', '.join(question.figure_ids) or 'none'}"
        yield f"   Question id: {question.id}"
        if question.explain:
            yield f"   Note: {question.explain}"


def run_preview(args: argparse.Namespace) -> int:
    settings = game_settings(args)
    quiz = build_quiz(settings, ask_on(sys.stdin, sys.stderr) if sys.stdin.isatty() else None)
    for line in preview_lines(quiz, bank_argument(settings, quiz)):
        print(line)
    return 0
