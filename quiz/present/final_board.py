"""What the projector's final screen shows: the podium once, then the rest of the class.

A teacher's tool (Kahoot and the like) ends on the medal winners and then lists the rest;
listing everyone again under the podium shows the winners twice. So the board is:

- `medals`: the podium (`quiz.present.ranking.podium`: ranks 1 to 3, ties included);
- `rest`: everyone after them, from the first rank after the medals, in ranking order,
  at most `shown` rows. The cut never splits a tie: players who share a rank are listed
  together or all counted in `more` (unless one tie alone fills the rows: then its first
  `shown` are listed, so the table is never empty while players are left);
- `more`: how many players are not listed ("… and N more").

No rest (everyone is on the podium) means no second table. A podium cut at
`ranking.PODIUM_MAX` (a whole class tied for a medal) leaves the others of that tie
first in the rest, so every player is on the board exactly once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from quiz.present.ranking import Standing, podium

SHOWN = 30
"""Rows of the rest at most: a class of 30 fits, the rest of a lecture hall is a count."""


@dataclass(frozen=True)
class FinalBoard:
    medals: tuple[Standing, ...]
    rest: tuple[Standing, ...]
    more: int = 0
    """Players after `rest` who are not listed."""

    @property
    def more_text(self) -> str:
        """ "… and 4 more", or "" when everyone is listed."""
        return more_text(self.more)


def more_text(more: int) -> str:
    """ "… and 4 more" under a table cut short (every leaderboard), or "" when none is left."""
    return f"… and {more} more" if more > 0 else ""


def final_board(rows: Sequence[Standing], shown: int = SHOWN) -> FinalBoard:
    """The ranked `rows` (best first, as `ranking.standings_of` gives them) split into the
    podium and the rest after it (see the module docstring)."""
    medals = podium(rows)
    after = list(rows[len(medals) :])
    end = min(shown, len(after))
    if end < len(after):
        # Back to the start of the tie the cut falls in, unless that tie starts the rest.
        start = end
        while start > 0 and after[start - 1].rank == after[end].rank:
            start -= 1
        end = start or end
    return FinalBoard(tuple(medals), tuple(after[:end]), len(after) - end)
