"""A generated bank for bench/honesty.py and tests/test_honesty.py: a few hundred
figures meant to tempt every kind of give-away and to be hard to cover fairly (sources
of very unequal output, measures of one to four figures with context figures, values
round and precise, ranges, explanations that cite the other figures of their measure
and their ratios, hand-written questions whose answers other texts state).

A module of its own so the test can use the very bank the benchmark measures
(the test loads it by path: bench/ is not a package).
"""

from __future__ import annotations

import random
from pathlib import Path

from quiz.bank.numbers import format_number


def write_bank(folder: Path, figures: int, seed: int = 7) -> Path:
    """A valid bank of `figures` figures meant to tempt every kind of give-away."""
    rng = random.Random(seed)
    sources = max(4, figures // 12)
    # Very unequal output: source 0 gives about a quarter of the figures.
    weights = [1.0 / (s + 1) for s in range(sources)]
    lines = [
        "format = 1",
        "[bank]",
        'id = "honesty-bench"',
        'title = "A generated bank for the honesty benchmark"',
        "[article]",
        'title = "Numbers from everywhere"',
        'text_file = "article.txt"',
    ]
    for s in range(sources):
        lines += [f"[sources.s{s}]", f'name = "Agency {_word(s)}"', f'role = "Office {s}"']
    article: list[str] = []
    f = 0
    measure = 0
    values: dict[int, list[tuple[int, str, float, float]]] = {}
    while f < figures:
        size = rng.choice((1, 2, 2, 3, 3, 4))
        for k in range(min(size, figures - f)):
            source = rng.choices(range(sources), weights)[0]
            magnitude = 10 ** rng.randint(2, 6)
            style = rng.random()
            if style < 0.4:
                base = rng.randint(1, 9) * magnitude
            elif style < 0.7:
                base = rng.randint(10, 99) * magnitude // 10
            else:
                base = rng.randint(1000, 9999) * magnitude // 1000
            is_range = rng.random() < 0.2
            if is_range:
                low, high = base, base * rng.choice((2, 3))
                stated = f"between {low:,} and {high:,}"
                value = f"low = {low}\nhigh = {high}"
            else:
                low = high = base
                stated = f"{base:,}"
                value = f"value = {base}"
            context = k == 2 and rng.random() < 0.5
            quote = f"Agency {_word(source)} counted {stated} people in case c{f}"
            article.append(quote + ".")
            values.setdefault(measure, []).append((f, f"Agency {_word(source)}", low, high))
            others = values[measure][:-1]
            if others:
                _, oname, olow, _ = others[0]
                ratio = max(low, olow) / min(low, olow)
                explain = (
                    f"Set beside {oname}'s {format_number(olow)}, it is about "
                    f"{ratio:.0f} times apart, counted {_word(f)} ways."
                )
            else:
                explain = f"Counted in the {_word(f)} way, the only figure of its kind."
            lines += [
                f"[figures.f{f}]",
                f'source = "s{source}"',
                f'measure = "m{measure}"',
                f'counts = "people in case c{f}"',
                value,
                'as_of = "2024"',
                f'quote = "{quote}"',
                f'ask = "How many people did Agency {_word(source)} count in case c{f}?"',
                f'explain = "{explain}"',
            ]
            if context:
                lines.append("context = true")
            f += 1
        measure += 1
    for _ in range(max(10, figures // 8)):
        target = rng.randrange(f)
        word = _word(target)
        lines += [
            "[[questions]]",
            'kind = "choice"',
            f'prompt = "In which way was case c{target} counted?"',
            f'answer = "The {word} way"',
            f'options = ["The {word} way", "The {_word(target + 1)} way",'
            f' "The {_word(target + 2)} way", "The {_word(target + 3)} way"]',
            f'figure = "f{target}"',
        ]
    (folder / "article.txt").write_text("\n".join(article) + "\n", encoding="utf-8")
    path = folder / "honesty.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


_SYLLABLES = ("ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "pu")


def _word(n: int) -> str:
    """A pronounceable word per number, so texts name things without digits."""
    text = ""
    for _ in range(3):
        text += _SYLLABLES[n % 10]
        n //= 10
    return text.capitalize() + "x"
