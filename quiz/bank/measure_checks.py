"""The checks of `[measures.<id>]` tables that span tables: each names a measure some figure
has, and each figure's number lies inside its measure's plausible range.

Like quiz.bank.checks' cross-references, they read the raw parsed TOML defensively, so
they run, and report, even when some table failed validation. Whether a plausible range
leaves room for a choice question's options is a question of the game's option rules,
asked by `quiz check` (quiz.game.plausible), not here.
"""

from __future__ import annotations

from typing import Any

from quiz.bank.checks import Loc, _near, _table
from quiz.bank.fields import written_number
from quiz.bank.locate import locate
from quiz.errors import Problem, dotted, quoted


def measure_problems(
    data: dict[str, Any],
    source: str,
    shown: str,
    broken: frozenset[str] | set[str],
) -> list[Problem]:
    """Each [measures.<id>] names a measure of some figure, and each figure's number lies
    inside its measure's plausible range (a range that rules out the answer is a typo)."""
    figures = _table(data, "figures")
    # Read defensively: a figure's `measure` may be anything the author typed (a list).
    measures = (f.get("measure") for f in figures.values() if isinstance(f, dict))
    named = {m for m in measures if isinstance(m, str)}
    problems = []
    for measure_id, measure in _table(data, "measures").items():
        loc: Loc = ("measures", measure_id)
        if measure_id not in named:
            known = sorted(named)
            problems.append(
                Problem(
                    shown,
                    f"expected the `measure` of one of the [figures], found no figure of"
                    f" measure {quoted(measure_id)}{_near(measure_id, known)}",
                    dotted(loc),
                    *locate(source, loc),
                )
            )
            continue
        plausible = measure.get("plausible") if isinstance(measure, dict) else None
        if not isinstance(plausible, dict):
            continue
        low, high = _number(plausible.get("low")), _number(plausible.get("high"))
        if low is not None and high is not None and not low < high:
            continue  # the range itself is reported
        for figure_id, figure in figures.items():
            if figure_id in broken or not isinstance(figure, dict):
                continue
            if figure.get("measure") != measure_id:
                continue
            for key in ("value", "low", "high"):
                value = figure.get(key)
                if not isinstance(value, int | float) or isinstance(value, bool):
                    continue
                if (low is not None and value < low) or (high is not None and value > high):
                    at: Loc = ("figures", figure_id, key)
                    problems.append(
                        Problem(
                            shown,
                            f"expected a number inside measure {quoted(measure_id)}'s plausible"
                            f" range ({_range_words(low, high)}), found {written_number(value)}",
                            dotted(at),
                            *locate(source, at),
                        )
                    )
    return problems


def _number(value: object) -> float | None:
    """A bound as a number, or None when it is absent or not a number (reported apart)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


def _range_words(low: float | None, high: float | None) -> str:
    """A plausible range in words; one end at least is given (a range with neither is
    reported apart)."""
    if low is None:
        assert high is not None
        return f"at most {written_number(high)}"
    if high is None:
        return f"at least {written_number(low)}"
    return f"{written_number(low)} to {written_number(high)}"
