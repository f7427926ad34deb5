"""Comparison questions (issue 10, point 4): "which source gave the highest / lowest
figure", "the higher / lower" of two, context figures never ranked, and no source the
answer to more than 60% of a bank's comparisons where the bank allows."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from quiz.bank.loader import LoadedBank, load_bank
from quiz.bank.numbers import read_number
from quiz.game.catalogue import RANK_SHARE
from quiz.game.generate import Question, Settings, all_questions, generate

Figure = tuple[str, str, int]
"""(source id, measure, value)"""


def _bank(
    tmp_path: Path, figures: list[Figure], context: frozenset[int] = frozenset()
) -> LoadedBank:
    """A bank with these figures, one quote each, sources named after their ids."""
    sources = sorted({source for source, _, _ in figures})
    lines = ["format = 1", "[bank]", 'id = "ranks"', 'title = "Ranks"', "[article]"]
    lines += ['title = "Counts"', 'text_file = "ranks.txt"']
    for source in sources:
        lines += [f"[sources.{source}]", f'name = "Agency {source.upper()}"']
    article = []
    for number, (source, measure, value) in enumerate(figures):
        quote = f"Agency {source.upper()} counted {value:,} people in case {measure}"
        article.append(quote + ".")
        lines += [
            f"[figures.f{number}]",
            f'source = "{source}"',
            f'measure = "{measure}"',
            f'counts = "people in case {measure}"',
            f"value = {value}",
            f'quote = "{quote}"',
            f'ask = "How many people in case {measure}, by Agency {source.upper()}?"',
            'explain = "A count."',
        ]
        if number in context:
            lines.append("context = true")
    (tmp_path / "ranks.txt").write_text("\n".join(article) + "\n", encoding="utf-8")
    path = tmp_path / "ranks.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_bank(path, use_cache=False)


def _ranked(loaded: LoadedBank, seed: int = 0) -> dict[str, Question]:
    return {
        q.id: q for q in all_questions(loaded, seed) if q.kind == "compare" and not q.is_numeric
    }


def test_comparisons_ask_for_the_lowest_too(tmp_path: Path) -> None:
    loaded = _bank(tmp_path, [("a", "m", 90_000), ("b", "m", 30_000), ("c", "m", 5_000)])
    ranked = _ranked(loaded)
    assert (
        ranked["highest:m"].prompt == "Which source gave the highest figure for people in case m?"
    )
    assert ranked["highest:m"].answer_text == "Agency A"
    assert ranked["lowest:m"].prompt == "Which source gave the lowest figure for people in case m?"
    assert ranked["lowest:m"].answer_text == "Agency C"
    assert len(ranked["lowest:m"].options) == 3


def test_two_sources_are_asked_for_the_higher_and_the_lower_never_the_highest(
    tmp_path: Path,
) -> None:
    loaded = _bank(tmp_path, [("a", "m", 90_000), ("b", "m", 5_000)])
    ranked = _ranked(loaded)
    assert {q.prompt for q in ranked.values()} == {
        "Which source gave the higher figure for people in case m?",
        "Which source gave the lower figure for people in case m?",
    }
    assert ranked["highest:m"].answer_text == "Agency A"
    assert ranked["lowest:m"].answer_text == "Agency B"
    for question in ranked.values():
        assert len(question.options) == 2
        assert "highest" not in question.prompt and "lowest" not in question.prompt


def test_no_end_is_asked_when_two_figures_there_are_too_close(tmp_path: Path) -> None:
    """The lowest of 9,000 and 10,000 is no lesson: only the highest is asked."""
    loaded = _bank(tmp_path, [("a", "m", 90_000), ("b", "m", 10_000), ("c", "m", 9_000)])
    assert set(_ranked(loaded)) == {"highest:m"}


def test_a_context_figure_is_never_a_candidate(tmp_path: Path, shipped: LoadedBank) -> None:
    # The context figure is the largest and the smallest would be too without it.
    figures = [("a", "m", 900_000), ("b", "m", 30_000), ("c", "m", 9_000), ("d", "m", 1_000)]
    ranked = _ranked(_bank(tmp_path, figures, context=frozenset({0, 3})))
    assert ranked["highest:m"].answer_text == "Agency B"
    assert ranked["lowest:m"].answer_text == "Agency C"
    for question in ranked.values():
        assert {"Agency A", "Agency D"}.isdisjoint(question.options)
    context = {f for f, figure in shipped.bank.figures.items() if figure.context}
    names = {shipped.bank.sources[shipped.bank.figures[f].source].name for f in context}
    for question in _ranked(shipped).values():
        assert names.isdisjoint(question.options), question.options


def _shares(questions: dict[str, Question]) -> Counter[str]:
    return Counter(q.answer_text for q in questions.values())


def test_no_source_answers_more_than_60_percent_where_the_bank_allows(tmp_path: Path) -> None:
    """A always says the most; the low ends of four measures are too close to ask, so
    without the rule A would answer 4 of 6 comparisons."""
    figures: list[Figure] = []
    for m in ("m1", "m2", "m3", "m4"):
        figures += [("a", m, 90_000), ("b", m, 10_000), ("c", m, 9_000)]
    figures += [("d", "m5", 50_000), ("b", "m5", 2_000)]
    ranked = _ranked(_bank(tmp_path, figures))
    shares = _shares(ranked)
    assert shares["Agency A"] <= RANK_SHARE * len(ranked), shares
    assert shares["Agency A"] >= 1, "the rule leaves A's questions out, not all of them"
    # The measure still asked at both ends keeps both.
    assert {"highest:m5", "lowest:m5"} <= set(ranked)


def test_the_rule_keeps_the_comparisons_of_a_bank_that_does_not_allow_it(
    tmp_path: Path,
) -> None:
    """Only A ever stands out: leaving its questions out would change no share."""
    figures: list[Figure] = []
    for m in ("m1", "m2", "m3"):
        figures += [("a", m, 90_000), ("b", m, 10_000), ("c", m, 9_000)]
    ranked = _ranked(_bank(tmp_path, figures))
    assert set(ranked) == {"highest:m1", "highest:m2", "highest:m3"}


def test_the_shipped_banks_comparisons_are_balanced(shipped: LoadedBank) -> None:
    ranked = _ranked(shipped)
    assert any(q.id.startswith("lowest:") for q in ranked.values())
    shares = _shares(ranked)
    assert max(shares.values()) <= RANK_SHARE * len(ranked), shares


def test_the_same_seed_gives_the_same_comparisons(shipped: LoadedBank) -> None:
    for seed in range(20):
        settings = Settings(count=20, seed=seed, kinds=("compare", "choice"))
        assert generate(shipped, settings) == generate(shipped, settings)
    assert _ranked(shipped, 3) == _ranked(shipped, 3)


def test_no_choice_option_states_another_figure_of_the_bank(shipped: LoadedBank) -> None:
    """A wrong option reading "40,000" would show the civilian toll before it is asked."""
    stated = {end for figure in shipped.bank.figures.values() for end in figure.bounds}
    for seed in range(40):
        for question in all_questions(shipped, seed):
            if question.kind != "choice":
                continue
            for number, option in enumerate(question.options):
                if number == question.answer_index:
                    continue
                reading = read_number(option, units=question.unit_words)
                assert reading is not None, option
                assert {reading.low, reading.high}.isdisjoint(stated), (question.id, option)


def test_no_source_is_the_usual_answer_of_who_questions(shipped: LoadedBank) -> None:
    """One general gave half the shipped bank's figures: over 300 quizzes at each of the
    counts players ask for, no source answers more than a third of the four-option
    "who" questions asked (quiz.game.who), so picking the usual source passes nothing."""
    for count in (5, 7, 10):
        right: Counter[str] = Counter()
        for seed in range(300):
            for question in generate(shipped, Settings(count=count, seed=seed)):
                if question.kind in ("source", "compare") and len(question.options) == 4:
                    right[question.answer_text] += 1
        total = sum(right.values())
        assert total >= 50, (count, total)
        assert max(right.values()) <= total / 3, (count, right)
