"""Every question a bank can give, as specs: what is asked, and about which figures.

What the generator asks, and why:

- *estimate* and *choice*: from every figure with an `ask`, type the number or pick it
  from four options (distractors: see `quiz.game.distractors`).
- *source*: "who put X at N?", options are source names, for every figure with an
  `ask` in a bank with several named sources. The design speaks of "sources with
  several figures"; asking about every source instead keeps the most instructive
  questions (a government's low count) in a bank where that source gave one figure.
  A figure whose source is not named (`named = false`: the article's own reporting,
  an unattributed estimate) is never asked about, and its source is never an option:
  "who said it" has no answer when no one did.
- *compare*: for every measure with several figures, "how many times larger is the
  figure A than B?" (numeric, the answer a ratio, a range when either figure is one)
  for each figure clearly larger than the measure's smallest, and "which source
  gave the highest figure?" / "the lowest" ("the higher" / "the lower" when the
  measure's figures come from two sources: never "the highest" of two) when one
  source's figure is clearly above (below) all others and every source of the measure
  is named. No source answers more than 60% of a bank's "which source" comparisons
  where the bank allows (`balanced` says when it does).
  Figures within a factor 1.25 of each other are not compared: "1.06 times larger"
  teaches nothing, and neither is a temperature, percentage or share ("20 °C is 1.6
  times 12 °C" means nothing): their measures get only "which source gave the highest / lowest".
- *written*: the bank's hand-written questions, numeric or with options.

Figures without `ask` are never the subject of a question, but appear in
comparisons, as distractors and on the reveal's cards. A figure marked `context` is
never in a comparison: it is shown on the reveal as the article's comparison.

A spec is cheap: only the selected ones are built into questions (`quiz.game.build`).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from quiz.bank.loader import LoadedBank
from quiz.game.index import Index, log_middle
from quiz.game.plausible import has_room
from quiz.game.quantity import is_linear
from quiz.game.question import COMPARE_GAP, Kind


class Spec(NamedTuple):
    """A question not yet built: enough to select it, and the arguments to build it."""

    kind: Kind
    id: str
    figures: tuple[str, ...]
    """Figures whose value this question asks for or states; selection avoids overlap."""
    asks: bool
    """The question asks for its figures' values ..."""
    tells: bool
    """... or its prompt states them (so it must come after any question asking them)."""
    make: str
    """Which builder makes it: a key of `quiz.game.build.BUILDERS`."""
    args: tuple[Any, ...]
    measure: str = ""
    """The measure the reveal shows (all of a question's figures share one); empty
    for an unlinked written question."""


RANK_SHARE = 0.6
"""No source answers more than this share of a bank's "which source" comparisons,
where the bank allows: otherwise "pick the source that always says more" passes."""


def _ranked(index: Index, measure: str, figure_ids: list[str]) -> list[Spec]:
    """ "Which source gave the highest / lowest figure?" ("the higher / lower" when the
    measure's figures come from two sources), each asked when one source's figure is
    clearly apart from every other's and every figure ranked has a named source (an
    unnamed one can be no option of a "which source")."""
    if not all(index.named(f) for f in figure_ids):
        return []
    bounds = index.bounds
    extreme: dict[str, tuple[str, str]] = {}  # per source: (its highest, its lowest)
    for f in figure_ids:
        name = index.names[f].casefold()
        top, bottom = extreme.get(name, (f, f))
        if bounds[f][1] > bounds[top][1]:
            top = f
        if bounds[f][0] < bounds[bottom][0]:
            bottom = f
        extreme[name] = (top, bottom)
    if len(extreme) < 2:
        return []
    two = len(extreme) == 2
    found: list[Spec] = []
    tops = sorted((t for t, _ in extreme.values()), key=lambda f: -log_middle(*bounds[f]))
    if all(bounds[tops[0]][0] >= bounds[f][1] * COMPARE_GAP for f in tops[1:]):
        word = "higher" if two else "highest"
        found.append(_rank_spec("highest", measure, figure_ids, tops, word))
    bottoms = sorted((b for _, b in extreme.values()), key=lambda f: log_middle(*bounds[f]))
    if all(bounds[f][0] >= bounds[bottoms[0]][1] * COMPARE_GAP for f in bottoms[1:]):
        word = "lower" if two else "lowest"
        found.append(_rank_spec("lowest", measure, figure_ids, bottoms, word))
    return found


def _rank_spec(
    name: str, measure: str, figure_ids: list[str], ranked: list[str], word: str
) -> Spec:
    # The id says which end is asked, not how many sources: "highest:refugees" stays
    # the same question whether the prompt reads "highest" or "higher".
    return Spec(
        "compare",
        f"{name}:{measure}",
        tuple(figure_ids),
        False,
        False,
        "rank",
        (ranked[0], tuple(ranked[1:]), word),
        measure,
    )


def balanced(index: Index, ranked: list[Spec]) -> list[Spec]:
    """The "which source" comparisons with no source the answer to more than
    `RANK_SHARE` of them, where the bank allows.

    The bank allows it when at least two sources answer its comparisons: then the
    most frequent answer's questions are left out, until its share is at most
    `RANK_SHARE` — first those whose measure keeps its other end's question (the
    measure is still compared), then the last in bank order. A bank whose every
    comparison has one answer (one source always highest, no lowest that stands out)
    does not allow it: its comparisons are kept, since leaving all but one out would
    not change the share.
    """
    kept = list(ranked)
    while True:
        answers = [index.names[s.args[0]].casefold() for s in kept]
        top = max(sorted(set(answers)), key=answers.count, default="")
        share = answers.count(top)
        if share <= RANK_SHARE * len(kept) or share == len(kept):
            return kept
        measures = [s.measure for s in kept]
        mine = [i for i, a in enumerate(answers) if a == top]
        paired = [i for i in mine if measures.count(measures[i]) > 1]
        del kept[(paired or mine)[-1]]


def all_specs(loaded: LoadedBank) -> tuple[Index, list[Spec]]:
    index = Index(loaded)
    specs: list[Spec] = []
    append = specs.append
    several_sources = len(index.source_names) > 1
    for figure_id, figure in index.figures.items():
        if figure.ask is None:
            continue
        one = (figure_id,)
        measure = figure.measure
        append(Spec("estimate", "estimate:" + figure_id, one, True, False, "estimate", (), measure))
        # A plausible range too narrow for four options at every rank: no choice
        # question (quiz.game.plausible; `quiz check` says so).
        if has_room(index, figure_id):
            append(Spec("choice", "choice:" + figure_id, one, True, False, "choice", (), measure))
        if several_sources and index.named(figure_id):
            append(Spec("source", "source:" + figure_id, one, False, True, "source", (), measure))
    bounds = index.bounds
    ranked: list[Spec] = []
    for measure, members in index.by_measure.items():
        # A context figure is the article's comparison, not one more estimate of the
        # measure: shown on the reveal, never ranked or divided.
        figure_ids = [f for f in members if not index.figures[f].context]
        if len(figure_ids) < 2:
            continue
        smallest = min(figure_ids, key=lambda f: bounds[f][1])
        base_high = bounds[smallest][1]
        divisible = not any(is_linear(index.figures[f].kind) for f in figure_ids)
        for figure_id in figure_ids if divisible else ():
            if bounds[figure_id][0] >= base_high * COMPARE_GAP:
                pair = (figure_id, smallest)
                question_id = f"compare:{figure_id}:{smallest}"
                append(Spec("compare", question_id, pair, False, True, "ratio", (), measure))
        ranked.extend(_ranked(index, measure, figure_ids))
    specs.extend(balanced(index, ranked))
    for number, written in enumerate(index.bank.questions):
        about = (written.figure,) if written.figure else ()
        linked = index.figures[written.figure].measure if written.figure else ""
        append(
            Spec(
                "written", f"written:{number + 1}", about, True, False, "written", (number,), linked
            )
        )
    return index, specs
