"""Which "who" questions a quiz offers, so that no source is the usual answer.

"Who put X at N?" and "which source gave the highest / lowest (higher / lower)?" are
answered by a source's name. A bank's sources are unequal (one general gave half the
shipped bank's figures, and the extreme ones), so if every such question were offered,
"always pick that source" would pass without reading.

Each who question is expected to be asked in proportion to its figure's share of the
quizzes (`quiz.game.arcs.Layout.shares`) over the number of questions its figure
offers (a figure's kinds take turns; `quiz.game.select`). Summed per source, that is
how often each source would be the answer. A source above a level T is offered only
T / (its sum) of the time, T the highest level at which no source answers more than
`WHO_SHARE` of what is expected (or, with fewer than 1 / `WHO_SHARE` sources, the
level at which all answer equally often): sources with few figures keep all their
questions, the prolific one loses only what it must.
"""

from __future__ import annotations

from collections.abc import Mapping

from quiz.game.catalogue import Spec
from quiz.game.index import Index

WHO_SHARE = 0.25
"""The most any one source is expected to answer of the who questions asked, where
the bank has enough sources: a bound that leaves margin under bench/honesty.py's 35%
for what refusals add (a source's question is refused when its figure's card was
shown already)."""


MANY_SOURCES = 1.5
"""With many sources, none is expected to answer more than this many times an equal
part: a player who always picks the usual source among four names is right a quarter
of the time when it is not among them (a guess) and every time it is the answer, so
with 25 sources an eighth of the answers would already make that pay 34%."""


def answered_by(index: Index, spec: Spec) -> str | None:
    """The source (as players read its name) whose name answers a who question."""
    if spec.make == "source":
        return index.names[spec.figures[0]].casefold()
    if spec.make in ("rank", "highest"):
        return index.names[str(spec.args[0])].casefold()
    return None


def offers(
    index: Index,
    units: Mapping[str, Mapping[str, list[Spec]]],
    shares: Mapping[str, float],
) -> dict[tuple[str, str], float]:
    """For each family of who questions (`family`) and source answering one, the chance
    its questions are offered.
    `units`: each unit's questions by builder; `shares`: each unit's share of quizzes
    (a unit missing from it: 1)."""
    expected: dict[str, dict[str, float]] = {}
    for unit, makes in units.items():
        for specs in makes.values():
            for spec in specs:
                source = answered_by(index, spec)
                if source is not None:
                    weight = shares.get(unit, 1.0) / (len(makes) * len(specs))
                    like = expected.setdefault(family(spec), {})
                    like[source] = like.get(source, 0.0) + weight
    result: dict[tuple[str, str], float] = {}
    for key, sums in expected.items():
        level = _level(sorted(sums.values()))
        for source, e in sums.items():
            result[key, source] = min(1.0, level / e) if e > 0 else 1.0
    return result


def family(spec: Spec) -> str:
    """Which questions a who question is balanced with: "who put X at N?" with its
    like, and each end of the comparisons ("highest" or "lowest") with its like (one
    source giving the highest figure everywhere is the article's finding, and asking
    for both ends is what balances it: `quiz.game.catalogue`)."""
    return spec.make if spec.make == "source" else f"{spec.make}:{spec.id.split(':')[0]}"


def _level(sums: list[float]) -> float:
    """The highest level T with T / sum(min(s, T)) at most the share allowed (that share
    rises with T): `WHO_SHARE`, or with fewer sources than 1 / `WHO_SHARE` a tenth more
    than an equal part (all equal would leave a bank of three sources few who questions,
    down to none in a quiz, to lower a share "pick that source" cannot go under anyway)."""
    if not sums:
        return 0.0
    n = len(sums)
    allowed = min(WHO_SHARE, MANY_SOURCES / n) if n * WHO_SHARE >= 1 else 1 / n + 0.1

    def share(level: float) -> float:
        return level / sum(min(s, level) for s in sums)

    low, high = sums[0], sums[-1]
    if share(low) > allowed:
        return low
    if share(high) <= allowed:
        return high
    for _ in range(50):
        middle = (low + high) / 2
        if share(middle) <= allowed:
            low = middle
        else:
            high = middle
    return low
