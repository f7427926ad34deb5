"""The text of a draft bank: the figures `quiz.bank.draft` found, as TOML for the author.

Everything the draft can state honestly is written as keys (quote, value or range, unit,
kind, approximate, the guessed source); what only the author can write is left as
comments (`ask`, `explain`, `as_of`, a source's `role`). A figure without `ask` needs no
`explain`, so the draft passes `quiz check` as written. Strings are written as TOML basic
strings with JSON's escapes, which TOML shares.
"""

from __future__ import annotations

import dataclasses
import json
import re

from quiz.bank import data as bankdata
from quiz.bank.draft import DraftFigure, source_key

__all__ = ["UNATTRIBUTED", "draft_bank"]

# A source the article does not name is marked `named = false` where the format has the key
# (it keeps such a source out of "who said it" questions).
_CAN_UNNAME = "named" in {field.name for field in dataclasses.fields(bankdata.Source)}

UNATTRIBUTED = "unattributed"
"""The id of the source of figures the draft found no attribution for."""

_HEADER = """\
# A draft bank written by `quiz draft {article}`: one figure per count the article states.
# It passes `quiz check` as it stands. To make it a quiz (docs/writing-a-bank.md):
#   1. check each figure: delete those not worth a question, fix each `counts`, and give
#      figures that count comparable things one `measure` (the reveal compares them);
#   2. name the sources: figures under [sources.{unattributed}] had no "according to",
#      "said" or "reported" near them: name who gave them, or keep it for the article's
#      own reporting;
#   3. uncomment `ask` and `explain` for the figures to ask about, and `as_of` where the
#      article says when a number was true (without it the article's date is shown);
#   4. quiz check {bank}   then   quiz preview {bank}   then   quiz play {bank}
# Format of every key: docs/bank-format.md (`quiz schema` for editor completion).

format = 1

[bank]
id = {bank_id}
title = {title}    # what players see on the start screen: make it yours
language = {language}

[article]
title = {article_title}    # the headline
# published = 2024-01-31    # the publication date: shown for figures without `as_of`
text_file = {text_file}
"""


def _string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _number(value: float) -> str:
    return f"{int(value):_}" if value == int(value) else repr(value)


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:48] or "figure"


def draft_bank(
    figures: list[DraftFigure],
    *,
    bank_id: str,
    title: str,
    article_title: str,
    text_file: str,
    article_name: str,
    bank_name: str,
    language: str = "en",
) -> str:
    """The draft bank's TOML text."""
    out = [
        _HEADER.format(
            article=article_name,
            bank=bank_name,
            unattributed=UNATTRIBUTED,
            bank_id=_string(bank_id),
            title=_string(title),
            language=_string(language),
            article_title=_string(article_title),
            text_file=_string(text_file),
        )
    ]
    sources: dict[str, str] = {}
    for figure in figures:
        if figure.source is not None:
            key = source_key(figure.source)
            # The longest spelling is the fullest name: "Gen. Mark Milley" over "Gen. Milley".
            if len(figure.source) > len(sources.get(key, "")):
                sources[key] = figure.source
    if not figures:
        out.append(
            "\n# The draft found no counts in the article. Add [sources.<id>] and"
            " [figures.<id>]\n# tables by hand (see docs/bank-format.md).\n"
        )
        sources.setdefault(UNATTRIBUTED, "the article's own reporting")
    if any(f.source is None for f in figures):
        sources[UNATTRIBUTED] = "the article's own reporting"
    for key, name in sources.items():
        out.append(f"\n[sources.{key}]\nname = {_string(name)}\n")
        if key == UNATTRIBUTED and _CAN_UNNAME:
            out.append("named = false    # nobody named: never asked about in 'who said it'\n")
        else:
            out.append('# role = "..."    # who they are: why they might know, or want, a number\n')
    seen: set[str] = set()
    for figure in figures:
        source = source_key(figure.source) if figure.source is not None else UNATTRIBUTED
        noun = figure.unit if figure.unit and figure.unit != "%" else "people"
        measure = _slug(noun if figure.kind == "count" else figure.counts)
        base = f"{measure}-{source}"[:60]
        figure_id, count = base, 1
        while figure_id in seen:
            count += 1
            figure_id = f"{base}-{count}"
        seen.add(figure_id)
        out.append(_figure(figure, figure_id, source, measure, sources.get(source)))
    return "".join(out)


def _figure(
    figure: DraftFigure, figure_id: str, source: str, measure: str, name: str | None
) -> str:
    lines = [
        f"\n[figures.{figure_id}]",
        f"source = {_string(source)}",
        f"measure = {_string(measure)}    # comparable figures share a measure",
        f"counts = {_string(figure.counts)}"
        + ("" if figure.unit else "    # what does this number count?"),
    ]
    if figure.kind != "count":
        lines.append(f"kind = {_string(figure.kind)}")
    if figure.unit == "%":
        lines.append('unit = { singular = "percent", plural = "percent", abbreviation = "%" }')
    elif figure.unit:
        lines.append(f"unit = {_string(figure.unit)}")
    if figure.low == figure.high:
        lines.append(f"value = {_number(figure.low)}")
    else:
        lines += [f"low = {_number(figure.low)}", f"high = {_number(figure.high)}"]
    if figure.approximate:
        lines.append("approximate = true")
    lines.append(f"quote = {_string(figure.quote)}")
    who = f", according to {name}" if name and source != UNATTRIBUTED else ""
    what = figure.counts if figure.unit else "..."
    lines += [
        '# as_of = "2024-01"    # when the number was true, if the article says',
        f"# ask = {_string(f'How many {what}{who}?')}",
        '# explain = "What the number counts and leaves out, and why it differs from the others."',
    ]
    return "\n".join(lines) + "\n"
