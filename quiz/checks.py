"""The checks behind `load_bank` that need more than one table, and their messages.

Positions come from `quiz.locate`, which scans the TOML source only when a problem
must be reported, so a valid bank pays nothing for them.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from pydantic import ValidationError

from quiz.bank import Bank, Figure
from quiz.errors import BankError, Problem
from quiz.locate import locate
from quiz.numbers import find_numbers, format_number

_TYPE_WORDS = {
    "dict": "table",
    "object": "table",
    "list": "array",
    "int": "integer",
    "float": "number",
    "str": "string",
    "bool": "boolean",
    "NoneType": "nothing",
    "date": "date",
    "datetime": "date and time",
}


def _toml_type(value: object) -> str:
    return _TYPE_WORDS.get(type(value).__name__, type(value).__name__)


def _dotted(loc: tuple[int | str, ...]) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        else:
            if part.startswith("function-after") or part.startswith("function-before"):
                continue
            if part in {"str", "float", "int", "constrained-str"}:
                continue
            parts.append(("." if parts else "") + part)
    return "".join(parts)


def _known_keys(loc: tuple[int | str, ...]) -> list[str]:
    """Keys the model accepts at the table holding `loc`'s last part."""
    from quiz.bank import Article, BankInfo, Source, WrittenQuestion

    table = [p for p in loc[:-1] if isinstance(p, str)]
    model: type | None = None
    if not table:
        model = Bank
    elif table[0] == "bank":
        model = BankInfo
    elif table[0] == "article":
        model = Article
    elif table[0] == "sources":
        model = Source
    elif table[0] == "figures":
        model = Figure
    elif table[0] == "questions":
        model = WrittenQuestion
    if model is None:
        return []
    return [f.alias or name for name, f in model.model_fields.items()]  # type: ignore[attr-defined]


def _message(error: dict[str, object]) -> str:
    kind = str(error["type"])
    loc = tuple(error["loc"])  # type: ignore[arg-type]
    found = error.get("input")
    if kind == "extra_forbidden":
        name = str(loc[-1])
        near = difflib.get_close_matches(name, _known_keys(loc), n=1, cutoff=0.6)
        hint = f"; did you mean `{near[0]}`?" if near else ""
        return f"unknown key `{name}`{hint}"
    if kind == "missing":
        return "expected this key, found it missing"
    if kind.endswith("_type") or kind in {"literal_error", "date_from_datetime_parsing"}:
        expected = {
            "string_type": "a string",
            "float_type": "a number",
            "int_type": "an integer",
            "bool_type": "true or false",
            "dict_type": "a table",
            "model_type": "a table",
            "list_type": "an array",
            "date_type": "a date such as 2022-11-10",
        }.get(kind)
        if kind == "literal_error":
            expected = "one of " + str(error.get("ctx", {}).get("expected", "")).replace("'", '"')  # type: ignore[union-attr]
        return f"expected {expected or error['msg']}, found {_toml_type(found)} {_show(found)}"
    if kind == "string_pattern_mismatch":
        return f"expected {_pattern_words(loc)}, found {_show(found)}"
    if kind == "value_error":
        text = str(error["msg"]).removeprefix("Value error, ")
        return f"expected {text}"
    if kind in {"greater_than", "finite_number"}:
        return f"expected a finite number above 0, found {_show(found)}"
    return f"{error['msg']}, found {_show(found)}"


def _pattern_words(loc: tuple[int | str, ...]) -> str:
    last = str(loc[-1]) if loc else ""
    if last == "as_of":
        return 'a year, year-month or date such as "2022-11"'
    if last == "url":
        return "an http:// or https:// address"
    if last == "language":
        return 'a language tag such as "en"'
    return "an id of lower-case letters, digits, `-` and `_`"


def _show(value: object) -> str:
    if isinstance(value, dict):
        return "(a table)"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def validation_problems(
    exc: ValidationError, data: dict[str, object], source: str, shown: str
) -> list[Problem]:
    problems = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        # Keys of `dict[Id, ...]` are reported as `sources.<key>.[key]`.
        if loc and loc[-1] == "[key]":
            loc = loc[:-1]
            message = f"expected {_pattern_words(('id',))}, found {_show(loc[-1])}"
        else:
            message = _message(dict(error))
        key = _dotted(loc)
        line, column = locate(source, loc)
        problems.append(Problem(shown, message, key, line, column))
    return problems


def cross_check(bank: Bank, source: str, shown: str) -> list[Problem]:
    problems = []
    for figure_id, figure in bank.figures.items():
        if figure.source not in bank.sources:
            loc = ("figures", figure_id, "source")
            known = ", ".join(sorted(bank.sources))
            near = difflib.get_close_matches(figure.source, list(bank.sources), n=1)
            hint = f"; did you mean `{near[0]}`?" if near else ""
            problems.append(
                Problem(
                    shown,
                    f"expected a source id from [sources] ({known}), found {figure.source!r}{hint}",
                    "figures." + figure_id + ".source",
                    *locate(source, loc),
                )
            )
    for index, question in enumerate(bank.questions):
        if question.figure is not None and question.figure not in bank.figures:
            loc = ("questions", index, "figure")
            problems.append(
                Problem(
                    shown,
                    f"expected a figure id from [figures], found {question.figure!r}",
                    f"questions[{index}].figure",
                    *locate(source, loc),
                )
            )
    return problems


def article_text(bank: Bank, path: Path, source: str, shown: str) -> str:
    article = bank.article
    if article.text is not None:
        return article.text
    assert article.text_file is not None
    from quiz.loader import MAX_ARTICLE_BYTES, _read_text

    loc = ("article", "text_file")
    line, column = locate(source, loc)
    folder = path.resolve().parent
    target = (folder / article.text_file).resolve()
    if not target.is_relative_to(folder):
        raise BankError(
            [
                Problem(
                    shown,
                    f"expected a path inside the bank's folder, found {article.text_file!r}",
                    "article.text_file",
                    line,
                    column,
                )
            ]
        )
    try:
        return _read_text(target, MAX_ARTICLE_BYTES, str(target))
    except BankError as exc:
        raise BankError(
            [
                Problem(shown, f"the article file: {p}", "article.text_file", line, column)
                for p in exc.problems
            ]
        ) from None


_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Fold case, whitespace and typographic quotes and dashes, for quote matching."""
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip().casefold()


def quote_states(figure: Figure) -> bool:
    """Whether the figure's number (or range) can be read from its quote."""
    low, high = figure.bounds
    return any(
        _close(r.low, low) and _close(r.high, high) for r in find_numbers(figure.quote)
    )


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1.0)


def provenance(bank: Bank, article: str, source: str, shown: str) -> list[Problem]:
    """Every quote occurs in the article and states its figure's number."""
    haystack = normalise(article)
    problems = []
    for figure_id, figure in bank.figures.items():
        if normalise(figure.quote) not in haystack:
            problems.append(
                Problem(
                    shown,
                    "expected the quote to occur verbatim in the article, found no match",
                    f"figures.{figure_id}.quote",
                    *locate(source, ("figures", figure_id, "quote")),
                )
            )
        elif not quote_states(figure):
            low, high = figure.bounds
            stated = ", ".join(r.describe() for r in find_numbers(figure.quote)) or "no number"
            wanted = format_number(low) if low == high else f"{format_number(low)}–{format_number(high)}"
            key = "value" if figure.value is not None else "low"
            problems.append(
                Problem(
                    shown,
                    f"expected the quote to state {wanted}, found {stated}",
                    f"figures.{figure_id}.{key}",
                    *locate(source, ("figures", figure_id, key)),
                )
            )
    return problems
