"""Ranking with ties, for every leaderboard: hot-seat, the projector, the student's
rank, the podium and the per-player CSV.

The rule, once: players are ordered by points, most first, and two players whose
points read the same when written to 0.01 (as every screen writes them,
`quiz.present.words.points`) share a rank; the next rank skips (1, 1, 3). Scores are
rounded to 0.01 per answer, so totals differ by at least 0.01 unless float sums blur
them (0.1 + 0.2 against 0.3): written to 0.01 they are equal, and so is their rank.
Within a tie, players are listed by name (case folded), then in the order given.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from quiz.present.words import ordinal, points_words, printable

T = TypeVar("T")


def tie_key(value: float) -> float:
    """Points that read the same tie: the key two tied totals share.

    `round(value, 2)` is the double nearest the value correctly rounded to 0.01, and the
    text every screen writes (`quiz.present.words.points`, "%.2f") is that same decimal:
    two totals get one key exactly when they read the same, and keys sort as the totals
    read. A number, not the text, because a class of 1,000 is ranked at every reveal.
    """
    return round(value, 2) + 0.0  # + 0.0: -0.0 is 0.0, as "-0" reads "0"


@dataclass(frozen=True)
class Ranked(Generic[T]):
    rank: int
    item: T
    tied: bool
    """Another player shares this rank."""


def _places(
    items: Sequence[T], points_of: Callable[[T], float], name_of: Callable[[T], str]
) -> list[tuple[int, int, bool]]:
    """(index into `items`, rank, tied) best first: the rule, computed once per ranking."""
    ties = [tie_key(points_of(item)) for item in items]  # once each: a class may be 1,000
    order = sorted(
        range(len(items)),
        key=lambda i: (-ties[i], name_of(items[i]).casefold(), i),
    )
    keys = [ties[i] for i in order]
    last = len(order) - 1
    places: list[tuple[int, int, bool]] = []
    current = 0
    for place, index in enumerate(order):
        key = keys[place]
        if place == 0 or key != keys[place - 1]:
            current = place + 1
        tied = (place > 0 and key == keys[place - 1]) or (place < last and key == keys[place + 1])
        places.append((index, current, tied))
    return places


def rank(
    items: Sequence[T], points_of: Callable[[T], float], name_of: Callable[[T], str]
) -> list[Ranked[T]]:
    """`items` best first with their ranks (ties share one; see the module docstring)."""
    return [
        Ranked(place, items[index], tied)
        for index, place, tied in _places(items, points_of, name_of)
    ]


def positions(
    items: Sequence[T],
    points_of: Callable[[T], float],
    name_of: Callable[[T], str],
    id_of: Callable[[T], int],
) -> dict[int, tuple[int, bool]]:
    """Each item's (rank, tied), by id: the rule without the rows, for a reveal that only
    tells each student their own place."""
    return {
        id_of(items[index]): (place, tied)
        for index, place, tied in _places(items, points_of, name_of)
    }


def place_text(rank: int, tied: bool = False) -> str:
    """ "2nd"; "=2nd" when another player shares the rank."""
    return f"={ordinal(rank)}" if tied else ordinal(rank)


@dataclass(frozen=True)
class Standing:
    """One row of a leaderboard, as every front end shows it."""

    rank: int
    name: str
    """Printable: control characters replaced."""
    points: float
    tied: bool = False
    player_id: int = 0
    max_points: float = 0.0
    answered: int = 0

    @property
    def place(self) -> str:
        """ "1st"; "=1st" when shared."""
        return place_text(self.rank, self.tied)

    @property
    def points_text(self) -> str:
        """ "2.5 points"."""
        return points_words(self.points)

    @property
    def text(self) -> str:
        """The row in one line: "=1st Ana 0.3 points"."""
        return f"{self.place} {self.name} {self.points_text}"


def standings(rows: Sequence[Standing]) -> list[Standing]:
    """Rows (rank ignored) ranked: best first, ties sharing a rank."""
    return standings_of(
        rows,
        points_of=lambda s: s.points,
        name_of=lambda s: s.name,
        player_id_of=lambda s: s.player_id,
        answered_of=lambda s: s.answered,
        max_points_of=lambda s: s.max_points,
    )


def standings_of(
    items: Sequence[T],
    *,
    points_of: Callable[[T], float],
    name_of: Callable[[T], str],
    player_id_of: Callable[[T], int],
    answered_of: Callable[[T], int],
    max_points_of: Callable[[T], float] = lambda _: 0.0,
) -> list[Standing]:
    """Any players ranked straight into leaderboard rows, best first, ties sharing a rank.

    Each row is made once, from the player (the classroom ranks a whole class at every
    reveal: rows built to be ranked and then built again as ranked cost twice as much).
    """
    rows = []
    for index, place, tied in _places(items, points_of, name_of):
        item = items[index]
        rows.append(
            Standing(
                place,
                printable(name_of(item)),
                points_of(item),
                tied,
                player_id_of(item),
                max_points_of(item),
                answered_of(item),
            )
        )
    return rows


PODIUM_MAX = 10
"""Rows on a podium at most: everyone tied for a medal, unless a whole class ties."""
MEDALS = ("🥇", "🥈", "🥉")


def podium(rows: Sequence[Standing]) -> list[Standing]:
    """The ranked rows that win a medal (rank 1 to 3, ties included), at most PODIUM_MAX."""
    return [row for row in rows if row.rank <= len(MEDALS)][:PODIUM_MAX]


def medal(row: Standing) -> str:
    return MEDALS[min(row.rank, len(MEDALS)) - 1]
