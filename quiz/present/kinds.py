"""What each kind of question is called, on every screen that names one.

One label per kind: the question screen's heading, `--plain`'s question line, the
summary's table and `--plain`'s "By kind", and the start screen's list of kinds to
choose from all read the same words, so a player who ticked "Who said it?" on the
start screen finds "Who said it?" above the question and in the summary.
"""

from __future__ import annotations

KIND_LABELS: dict[str, str] = {
    "estimate": "Estimate the number",
    "choice": "Pick the figure",
    "source": "Who said it?",
    "compare": "Compare the figures",
    "written": "Author's question",
}


def kind_label(kind: str) -> str:
    """The label of a kind; an unknown kind (a newer bank) reads as its own name."""
    return KIND_LABELS.get(kind, kind.capitalize())
