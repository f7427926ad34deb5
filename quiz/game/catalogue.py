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
  gave the highest figure?" when one source's figure is clearly above all others and
  every source of the measure is named.
  Figures within a factor 1.25 of each other are not compared: "1.06 times larger"
  teaches nothing, and neither is a temperature, percentage or share ("20 °C is 1.6
  times 12 °C" means nothing): their measures get only "which source gave the highest".
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


def _highest(index: Index, measure: str, figure_ids: list[str]) -> Spec | None:
    """ "Which source gave the highest figure?", when one clearly did and every figure
    ranked has a named source (an unnamed one can be no option of a "which source")."""
    if not all(index.named(f) for f in figure_ids):
        return None
    best_per_source: dict[str, str] = {}
    for f in figure_ids:
        name = index.names[f].casefold()
        current = best_per_source.get(name)
        if current is None or index.bounds[f][1] > index.bounds[current][1]:
            best_per_source[name] = f
    if len(best_per_source) < 2:
        return None
    ranked = sorted(best_per_source.values(), key=lambda f: -log_middle(*index.bounds[f]))
    top = ranked[0]
    top_low = index.bounds[top][0]
    if any(top_low < index.bounds[f][1] * COMPARE_GAP for f in ranked[1:]):
        return None
    return Spec(
        "compare",
        f"highest:{measure}",
        tuple(figure_ids),
        False,
        False,
        "highest",
        (top, tuple(ranked[1:])),
        measure,
    )


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
        append(Spec("choice", "choice:" + figure_id, one, True, False, "choice", (), measure))
        if several_sources and index.named(figure_id):
            append(Spec("source", "source:" + figure_id, one, False, True, "source", (), measure))
    bounds = index.bounds
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
        highest = _highest(index, measure, figure_ids)
        if highest is not None:
            append(highest)
    for number, written in enumerate(index.bank.questions):
        about = (written.figure,) if written.figure else ()
        linked = index.figures[written.figure].measure if written.figure else ""
        append(
            Spec(
                "written", f"written:{number + 1}", about, True, False, "written", (number,), linked
            )
        )
    return index, specs
