"""Attack the quizzes the engine generates: give-aways, option tells, coverage.

    .venv/bin/python bench/honesty.py [--seeds 500] [--first-seed 0] [--figures 300]

Runs on the shipped bank and on a generated bank of FIGURES figures (sources of very
unequal output, measures of one to four figures with context figures, values round and
precise, ranges, explanations that cite the other figures of their measure and their
ratios, hand-written questions whose answers other texts state). For every seed and
the counts 5, 10 and 20 it generates a quiz and prints:

- quizzes with a give-away (goal 0), counted two ways: by the engine's disclosure model
  (`quiz.game.disclosure`), and independently, by searching the text `--plain` prints
  for every earlier screen (question, options, reveal) for the later answer as written;
- quizzes shorter than asked (with the engine's note saying why);
- the success rate of strategies that never read the question, each over the
  four-option questions it applies to (numbers: the option the others are round
  multiples of, the geometric-middle option, the most precise option, the largest,
  the smallest; any: each fixed position, the best shown; names: the source that gave
  the most figures). Goal: the best at most 35% (chance is 25%);
- the answers' rank spread among numeric options (smallest ... largest);
- coverage: how often each figure with an `ask` and each hand-written question is
  asked, the most asked over the least (goal at the default count: at most 2).

Ties in a strategy are broken by a seeded draw, as a guessing player would. Exits 1
when a goal is missed.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path

from honesty_bank import write_bank

from quiz.bank.loader import LoadedBank, load_bank
from quiz.bank.numbers import find_numbers, read_number
from quiz.game.disclosure import Disclosure
from quiz.game.explain import explain
from quiz.game.facts import Facts
from quiz.game.generate import DEFAULT_COUNT, Question, Settings, generate_quiz
from quiz.present.plain_text import question_lines, reveal_lines
from quiz.present.reveal_view import reveal_view

COUNTS = tuple(sorted({5, DEFAULT_COUNT, 10, 20}))
"""The issue's counts, and the default (where the coverage goal applies)."""
GOAL_STRATEGY = 0.35
GOAL_COVERAGE = 2.0
ROUND = (1.5, 2, 2.5, 3, 4, 5, 6, 7, 8, 9, 10, 20, 50, 100)


# ---------------------------------------------------------------- give-aways


def model_give_away(disclosure: Disclosure, quiz: Sequence[Question]) -> bool:
    seen = Facts()
    for question in quiz:
        if disclosure.secret(question).given_away_by(seen | disclosure.facts(question.prompt)):
            return True
        seen = seen | disclosure.revealed(question)
    return False


def screen_text(loaded: LoadedBank, question: Question, position: int, total: int) -> str:
    """What --plain prints for a question and its reveal (the same quiz.present layout)."""
    lines = question_lines(question, position, total)
    lines += reveal_lines(reveal_view(question, explain(loaded, question)))
    return "\n".join(lines)


def _numbers(text: str) -> set[tuple[float, float]]:
    return {(r.low, r.high) for r in find_numbers(text)}


def text_give_away(loaded: LoadedBank, quiz: Sequence[Question]) -> bool:
    """Independent of the model: the later answer, as the player would type or pick
    it, found in what --plain printed before. Numbers by value, words as written; a
    source as its name on one line with its figure's number ("- Gen. Mark Milley, ...:
    about 100,000 soldiers")."""
    numbers: set[tuple[float, float]] = set()
    shown = ""
    named: list[tuple[str, set[tuple[float, float]]]] = []
    for position, question in enumerate(quiz):
        prompt_numbers = _numbers(question.prompt)
        if question.kind == "source" or (question.kind == "compare" and question.options):
            name = question.answer_text.casefold()
            value = loaded.bank.figures[question.figure_ids[0]].bounds
            if any(name in line and value in found for line, found in named):
                return True
        if question.kind in ("estimate", "choice") or (
            question.kind == "written" and question.is_numeric
        ):
            reading = read_number(question.answer_text, units=question.unit_words)
            assert reading is not None, question.answer_text
            if reading is not None:
                for low, high in numbers | prompt_numbers:
                    if math.isclose(low, reading.low) and math.isclose(high, reading.high):
                        return True
        elif question.kind == "written":
            before = (shown + "\n" + question.prompt).casefold()
            if question.answer_text.casefold() in before:
                return True
        screen = screen_text(loaded, question, position + 1, len(quiz))
        numbers |= _numbers(screen)
        shown += "\n" + screen
        named += [(line.casefold(), _numbers(line)) for line in screen.splitlines()]
    return False


# ---------------------------------------------------------------- strategies


def _interval(option: str) -> tuple[float, float] | None:
    reading = read_number(option)
    return None if reading is None else (reading.low, reading.high)


def _digits(option: str) -> int:
    digits = "".join(c for c in option.split("–")[0] if c.isdigit() or c == ".")
    if "." in digits:
        return len(digits.replace(".", "").lstrip("0"))
    return max(1, len(digits.lstrip("0").rstrip("0")))


def _best(scores: Sequence[float], rng: random.Random) -> int:
    top = max(scores)
    return rng.choice([i for i, s in enumerate(scores) if s == top])


def ladder(options: Sequence[tuple[float, float]], rng: random.Random) -> int:
    def multiple(a: float, b: float) -> bool:
        ratio = max(a, b) / min(a, b)
        return any(abs(ratio - r) <= 0.01 * r for r in ROUND)

    scores = [sum(multiple(o[0], p[0]) for p in options if p is not o) for o in options]
    return _best(scores, rng)


def geometric_middle(options: Sequence[tuple[float, float]], rng: random.Random) -> int:
    logs = [math.log(math.sqrt(lo * hi)) for lo, hi in options]
    mean = sum(logs) / len(logs)
    return _best([-abs(x - mean) for x in logs], rng)


NUMERIC: dict[str, Callable[[Sequence[tuple[float, float]], random.Random], int]] = {
    "the option the others are round multiples of": ladder,
    "the geometric-middle option": geometric_middle,
    "the largest": lambda o, rng: _best([hi for _, hi in o], rng),
    "the smallest": lambda o, rng: _best([-lo for lo, _ in o], rng),
}


class Tally:
    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.tries: Counter[str] = Counter()
        self.ranks: Counter[int] = Counter()

    def score(self, name: str, hit: bool) -> None:
        self.tries[name] += 1
        self.hits[name] += hit

    def rate(self, name: str) -> float:
        return self.hits[name] / self.tries[name] if self.tries[name] else 0.0


Named = list[tuple[tuple[str, ...], int]]
"""Four-option questions answered by a source's name: (options, right answer)."""


def attack(quiz: Sequence[Question], tally: Tally, named: Named, rng: random.Random) -> None:
    for question in quiz:
        if len(question.options) != 4 or question.answer_index is None:
            continue
        right = question.answer_index
        for position in range(4):
            tally.score(f"position {position + 1}", position == right)
        numbers = [_interval(o) for o in question.options]
        if all(n is not None for n in numbers) and question.kind == "choice":
            options = [n for n in numbers if n is not None]
            for name, strategy in NUMERIC.items():
                tally.score(name, strategy(options, rng) == right)
            digits = [_digits(o) for o in question.options]
            tally.score("the most precise option", _best(digits, rng) == right)
            tally.ranks[sorted(options).index(options[right])] += 1
        elif question.kind in ("source", "compare"):
            named.append((tuple(o.casefold() for o in question.options), right))


def most_frequent_source(named: Named, tally: Tally, rng: random.Random) -> str:
    """A player who learned which source is most often the right name (over every quiz
    of the run) picks it whenever it is an option, else guesses."""
    right = Counter(options[answer] for options, answer in named)
    if not right:
        return ""
    top = right.most_common(1)[0][0]
    for options, answer in named:
        guess = options.index(top) if top in options else rng.randrange(len(options))
        tally.score("the most frequent source", guess == answer)
    return top


# ---------------------------------------------------------------- coverage


def units(loaded: LoadedBank) -> list[str]:
    asked = [f for f, figure in loaded.bank.figures.items() if figure.ask is not None]
    return asked + [f"written:{n + 1}" for n in range(len(loaded.bank.questions))]


def unit_of(question: Question) -> str:
    if question.kind == "written":
        return question.id
    return question.figure_ids[0]


def run(name: str, loaded: LoadedBank, seeds: int, first: int = 0) -> bool:
    disclosure = Disclosure(loaded)
    ok = True
    figures = len(loaded.bank.figures)
    written = len(loaded.bank.questions)
    print(
        f"\n== {name}: {figures} figures, {written} hand-written questions, "
        f"{seeds} seeds from {first}"
    )
    for count in COUNTS:
        tally = Tally()
        model = text = short = asked = 0
        coverage: Counter[str] = Counter()
        named: Named = []
        rng = random.Random(count)
        for seed in range(first, first + seeds):
            chosen = generate_quiz(loaded, Settings(count=count, seed=seed))
            quiz = chosen.questions
            asked += len(quiz)
            short += len(quiz) < count
            model += model_give_away(disclosure, quiz)
            text += text_give_away(loaded, quiz)
            attack(quiz, tally, named, rng)
            coverage.update({unit_of(q) for q in quiz})
        top_source = most_frequent_source(named, tally, rng)
        every = units(loaded)
        least = min(coverage[u] for u in every)
        most = max(coverage[u] for u in every)
        ratio = most / least if least else math.inf
        print(f"-- count {count}: {asked / seeds:.1f} questions a quiz on average")
        print(f"   quizzes with a give-away: {model} (disclosure model), {text} (text search)")
        print(f"   quizzes shorter than asked: {short}")
        names = [*NUMERIC, "the most precise option", "the most frequent source"]
        for strategy in names:
            print(f"   {strategy:<46} {tally.rate(strategy):6.1%}  of {tally.tries[strategy]}")
        if top_source:
            print(f"     (the source most often right: {top_source})")
        positions = [f"position {p}" for p in range(1, 5)]
        best_position = max(positions, key=tally.rate)
        print(
            f"   {'a fixed position (best: ' + best_position + ')':<46} "
            f"{tally.rate(best_position):6.1%}  of {tally.tries[best_position]}"
        )
        best = max(tally.rate(s) for s in [*names, best_position])
        total = sum(tally.ranks.values()) or 1
        spread = "  ".join(f"{tally.ranks[r] / total:.0%}" for r in range(4))
        print(f"   best strategy: {best:.1%} (goal at most {GOAL_STRATEGY:.0%})")
        print(f"   answer's rank among numeric options, smallest to largest: {spread}")
        print(
            f"   coverage: most asked {most}, least {least} of {len(every)} figures and "
            f"questions, ratio {ratio:.2f}"
            + (f" (goal at most {GOAL_COVERAGE:g})" if count == DEFAULT_COUNT else "")
        )
        ok &= model == 0 and text == 0 and best <= GOAL_STRATEGY
        if count == DEFAULT_COUNT:
            ok &= ratio <= GOAL_COVERAGE
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=500)
    parser.add_argument(
        "--first-seed", type=int, default=0, help="check another range of seeds (default 0)"
    )
    parser.add_argument("--figures", type=int, default=300)
    args = parser.parse_args()
    shipped = resources.files("quiz.questions") / "ukraine-war-casualties.toml"
    ok = run(
        "shipped bank", load_bank(Path(str(shipped)), use_cache=False), args.seeds, args.first_seed
    )
    with tempfile.TemporaryDirectory() as folder:
        path = write_bank(Path(folder), args.figures)
        ok &= run("generated bank", load_bank(path, use_cache=False), args.seeds, args.first_seed)
    print("\nall goals met" if ok else "\na goal is missed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
