"""How every screen writes a number of points, a place and a name.

One formatter each, so the TUI, `--plain`, the projector, the student app and the
results listing cannot drift apart:

- `points(0.4567)` -> "0.46": points are rounded to 0.01 and written without trailing
  zeros; "-0" never appears. The engine's scoring reasons use the same writer
  (`quiz.game.scoring.points_number`), since a reason states its points too.
- `points_of(0.5, 1)` -> "0.5 of 1 point", `points_words(2.5)` -> "2.5 points":
  singular exactly when the number reads "1".
- `ordinal(2)` -> "2nd".
- `printable(name)`: text from a player or a network, unsafe characters shown as
  U+FFFD (`quiz.results.printable`, re-exported here for the front ends).
"""

from __future__ import annotations

from quiz.game.scoring import points_number, points_text
from quiz.results.printable import printable as printable  # re-exported: callers ask present


def points(value: float) -> str:
    """0.4567 -> "0.46", 1.0 -> "1"."""
    return points_number(value)


def points_of(value: float, maximum: float) -> str:
    """ "0.5 of 1 point", "7 of 10 points"."""
    return points_text(value, maximum)


def with_bonus(score: str, bonus: float) -> str:
    """ "3 of 4 points" and, after it, any bonus: "3 of 4 points + 0.1 bonus". Bonus points
    come on top of the questions' points, so a score "of" their maximum never counts them
    (never "3.1 of 3 points")."""
    return f"{score} + {points(bonus)} bonus" if bonus else score


def total_of(total: float, maximum: float, bonus: float) -> str:
    """A total that includes `bonus`, said apart: (3.1, 3, 0.1) -> "3 of 3 points + 0.1 bonus"."""
    return with_bonus(points_of(total - bonus, maximum), bonus)


def points_words(value: float) -> str:
    """ "1 point", "2.5 points"."""
    text = points(value)
    return f"{text} point" if text == "1" else f"{text} points"


def ordinal(n: int) -> str:
    """1 -> "1st", 12 -> "12th", 22 -> "22nd"."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def share(value: float, maximum: float) -> str:
    """ "73%": points as a share of the maximum, "0%" when nothing was available."""
    return f"{value / maximum:.0%}" if maximum else "0%"
