"""How generated questions are worded: one template per kind, over named fields.

docs/bank-format.md ("How questions are worded") prints `TEMPLATES` and the fields, and
tests/test_wording.py keeps the page and this table in agreement. The fields:

- `counts`: the figure's `counts`, a noun phrase that reads after "put": "the crowd at
  the rally", "Russian soldiers killed or injured".
- `source`: the name of the source who gave it, as the bank writes it ("the UN").
- `value`: the figure with its unit, as every screen writes it ("4.5 km",
  "about 250,000 people", "15 million–30 million euros").
- `as_of`: " (as of November 2022)", the date in words, or nothing when the figure
  has no date.
- `measure`: what a measure's figures count: their `counts` when they agree, else the
  measure id as words.
- `rank`: "highest" or "lowest"; "higher" or "lower" when the measure's figures come
  from two sources (never "the highest" of two).
- `other_*`: the same fields for the second figure of a comparison.

A field that opens a sentence is capitalised ("the university's team put ..." reads
"The university's team put ..."), so a sentence reads right whatever the source's name.
An author replaces any of these sentences for one figure with its `prompts` table, and
`ask` words its estimate and choice questions.
"""

from __future__ import annotations

from string import Formatter

TEMPLATES: dict[str, str] = {
    "source": "Who put {counts} at {value}{as_of}?",
    "times": (
        "{source} put {counts} at {value}{as_of}. "
        "{other_source} put {other_counts} at {other_value}{other_as_of}. "
        "How many times larger is the first figure?"
    ),
    "rank": "Which source gave the {rank} figure for {measure}?",
}
"""Each generated kind's sentence; estimate and choice questions use the figure's `ask`."""

_SENTENCE_ENDS = (". ", "? ", "! ")


def capitalised(text: str) -> str:
    """`text` with its first letter upper-case ("the UN" → "The UN"); the rest unchanged."""
    for place, char in enumerate(text):
        if char.isalpha():
            return text[:place] + char.upper() + text[place + 1 :]
        if not (char.isspace() or char in "\"'“‘(["):
            return text
    return text


def fill(template: str, **fields: str) -> str:
    """`template` with its fields filled, every field that opens a sentence capitalised.

    Raises KeyError for a field the template names and `fields` lacks.
    """
    parts: list[str] = []
    for literal, name, _spec, _conversion in Formatter().parse(template):
        parts.append(literal)
        if name is None:
            continue
        value = fields[name]
        written = "".join(parts)
        if not written.strip() or written.endswith(_SENTENCE_ENDS):
            value = capitalised(value)
        parts.append(value)
    return "".join(parts)


def as_of_text(when: str | None) -> str:
    """The `as_of` field: " (as of November 2022)", or nothing for an undated figure."""
    return f" (as of {when})" if when else ""
