"""The line selection samples (quiz.game.arcs): each unit in its share of consecutive
seeds' quizzes, rivals apart, a group's members each with a turn of their own."""

from __future__ import annotations

from collections import Counter

from quiz.game.arcs import layout, share
from quiz.game.select import _spread

GROUPS = [("a1", "a2"), ("b1", "b2", "b3"), ("c",), ("d",), ("e",), ("f",), ("g",), ("h",)]
GROUPS += [(f"u{n}",) for n in range(40)]
UNITS = [u for g in GROUPS for u in g]


def _clashes(pairs: list[tuple[str, str]]) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {u: set() for u in UNITS}
    for group in GROUPS:
        for unit in group:
            found[unit] |= set(group) - {unit}
    for a, b in pairs:
        found[a].add(b)
        found[b].add(a)
    return {u: frozenset(v) for u, v in found.items()}


RIVALS = [("c", "d"), ("c", "u7"), ("u3", "u30"), ("a1", "u12"), ("b2", "e"), ("u1", "u2")]


def test_each_unit_is_in_its_share_of_consecutive_seeds() -> None:
    """Over 2,000 consecutive seeds every unit, group members included, is in its share
    of the quizzes to within a few quizzes (a group member no longer follows the seed's
    parity, which favoured one member of a pair by 4 to 1)."""
    for count in (5, 7, 10):
        line = layout(GROUPS, _clashes(RIVALS), count)
        p = share([len(g) for g in GROUPS], count)
        picked: Counter[str] = Counter()
        for seed in range(2000):
            chosen = line.picked(_spread(seed))
            assert len(chosen) == count
            picked.update(chosen)
        for unit in UNITS:
            assert abs(picked[unit] - 2000 * p) <= 4, (count, unit, picked[unit], 2000 * p)


def test_rivals_never_share_a_quiz_where_the_line_allows() -> None:
    """Units one of whose questions clashes with one of the other's are laid apart: no
    seed's quiz holds both, so neither loses its turn to the other."""
    clashes = _clashes(RIVALS)
    for count in (5, 7, 10):
        line = layout(GROUPS, clashes, count)
        for seed in range(500):
            chosen = line.picked(_spread(seed))
            for unit in chosen:
                assert not clashes[unit] & set(chosen), (count, seed, unit)


def test_a_group_too_large_for_its_share_takes_a_whole_row() -> None:
    """When a group's members cannot each have the share of a unit alone, the group is
    in every quiz and its members take equal turns; the rest share what is left."""
    groups = [("a", "b", "c", "d"), ("e",), ("f",), ("g",), ("h",)]
    p = share([len(g) for g in groups], 3)
    assert p == 0.5  # 1 quiz place for the group, 2 for the four units alone
    line = layout(groups, {}, 3)
    picked: Counter[str] = Counter()
    for seed in range(1000):
        chosen = line.picked(_spread(seed))
        assert sum(u in chosen for u in "abcd") == 1
        picked.update(chosen)
    assert all(abs(picked[u] - 250) <= 3 for u in "abcd"), picked
    assert all(abs(picked[u] - 500) <= 3 for u in "efgh"), picked


def test_marked_units_are_spread_evenly_and_rivals_still_apart() -> None:
    """A third of the units marked (the hand-written questions, in a bank): the number
    of them in a seed's quiz takes at most three consecutive values (laid where their
    order left them: 1 to 4 of 5, 2 to 6 of 7, 4 to 7 of 10), while every unit keeps its
    share and no two rivals share a quiz."""
    marked = frozenset(u for n, u in enumerate(UNITS) if n % 3 == 0 or u.startswith("u3"))
    clashes = _clashes(RIVALS)
    for count in (5, 7, 10):
        line = layout(GROUPS, clashes, count, marked)
        p = share([len(g) for g in GROUPS], count)
        picked: Counter[str] = Counter()
        in_quiz = []
        for seed in range(2000):
            chosen = line.picked(_spread(seed))
            picked.update(chosen)
            in_quiz.append(sum(u in marked for u in chosen))
            for unit in chosen:
                assert not clashes[unit] & set(chosen), (count, seed, unit)
        assert max(in_quiz) - min(in_quiz) <= 2, (count, Counter(in_quiz))
        for unit in UNITS:
            assert abs(picked[unit] - 2000 * p) <= 4, (count, unit, picked[unit], 2000 * p)
