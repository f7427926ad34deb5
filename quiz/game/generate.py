"""Turn a bank into a concrete, reproducible quiz.

CONTRACT (the UI and classroom code against these names; keep them stable):
`Question`, `Kind`, `KINDS`, `Settings`, `DEFAULT_COUNT` (defined in
`quiz.game.question`), `generate`, `generate_quiz` (the questions and, when the quiz
is shorter than asked because of the rule below, a note saying why) and
`all_questions`.

The steps, one module each: `quiz.game.index` groups the bank's figures once;
`quiz.game.catalogue` lists every question the bank can give (what is asked and why);
`quiz.game.select` picks and orders a quiz so that no screen answers a later question
(`quiz.game.disclosure` reads what each screen states); `quiz.game.build` phrases them.

Determinism: selection draws from `random.Random(seed)`; each question's options
from `random.Random(f"{seed}/{question id}")`, so a question reads the same in
every quiz of that seed whatever else was selected. String seeds are hashed with
SHA-512 by `random`, never with `hash()`, so the quiz is the same on every machine
and Python version. Nothing iterates a set.

Cost is linear in the bank: figures are indexed by measure, source and unit once,
and only the questions selection tries are built.
"""

from __future__ import annotations

from quiz.bank.loader import LoadedBank, collector_paused
from quiz.game.build import build
from quiz.game.catalogue import Spec, all_specs
from quiz.game.disclosure import disclosure_of
from quiz.game.question import DEFAULT_COUNT, KINDS, Kind, Question, Settings
from quiz.game.select import Selection, select

__all__ = [
    "DEFAULT_COUNT",
    "KINDS",
    "Kind",
    "Question",
    "Selection",
    "Settings",
    "all_questions",
    "generate",
    "generate_quiz",
]


def all_questions(loaded: LoadedBank, seed: int = 0) -> list[Question]:
    """Every question the bank can give, before selection (ids unique), in bank order."""
    with collector_paused():
        index, specs = all_specs(loaded)
        return [build(index, spec, seed) for spec in specs]


def generate_quiz(loaded: LoadedBank, settings: Settings) -> Selection:
    """The quiz for this bank and settings: same inputs, same quiz, on any machine.

    Fewer than `settings.count` questions when the bank has fewer of the kinds asked
    for, or cannot give more without a screen answering a later question (then
    `note` says so). Raises ValueError, with a message for the player, for a count
    below 1, an unknown kind, no kinds, or a bank with no question of the kinds asked
    for (a quiz of nothing helps no one).
    """
    if settings.count < 1:
        raise ValueError(f"expected a question count of at least 1, found {settings.count}")
    unknown = [k for k in settings.kinds if k not in KINDS]
    if unknown:
        raise ValueError(
            f"expected question kinds among {', '.join(KINDS)}, found {', '.join(unknown)}"
        )
    if not settings.kinds:
        raise ValueError("expected at least one question kind, found none")
    with collector_paused():
        index, specs = all_specs(loaded)

        def make(spec: Spec) -> Question:
            return build(index, spec, settings.seed)

        def calibrate(spec: Spec) -> Question:
            # Which units clash is computed once per bank and kept: from questions
            # that do not depend on the seed of the first quiz asked.
            return build(index, spec, 0)

        chosen = select(index, specs, settings, disclosure_of(loaded), make, calibrate)
        if not chosen.questions:
            raise ValueError(
                f"expected questions of the kinds asked for ({', '.join(settings.kinds)}), "
                "found none in this bank"
            )
        return chosen


def generate(loaded: LoadedBank, settings: Settings) -> list[Question]:
    """`generate_quiz`'s questions."""
    return generate_quiz(loaded, settings).questions
