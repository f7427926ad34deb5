"""Turn pydantic's findings into an author's messages, and the checks that span tables.

Every message reads "expected X, found Y" in TOML's words (table, array, string,
integer), under the dotted key it concerns. Positions come from `quiz.bank.locate`,
which scans the source only when there is a problem to report; `difflib` near-miss
suggestions too. A valid bank runs none of that.

The cross-reference checks (a figure's source exists, a question's figure exists)
and provenance read the raw parsed TOML defensively, so they also run when some
table failed validation: an author sees every problem of the file at once.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from datetime import date, datetime, time
from typing import Any

from pydantic import BaseModel, ValidationError

from quiz.bank.dates import date_problem
from quiz.bank.fields import text_problem
from quiz.bank.locate import locate
from quiz.bank.model import Bank
from quiz.errors import Problem, dotted, quoted

Loc = tuple[str | int, ...]


# -- showing values and keys in the author's words ------------------------------------------


def found(value: object) -> str:
    """A parsed TOML value as the author wrote it, shortened and with no raw control characters."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        text = str(value) if value.bit_length() < 200 else f"{str(value)[:20]}..."
        return f"the integer {text}"
    if isinstance(value, float):
        return f"the number {value!r}"
    if isinstance(value, str):
        if not value:
            return "an empty string"
        return f"the string {quoted(value)}"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array" if value else "an empty array"
    if isinstance(value, datetime):
        return f"the date and time {value.isoformat()}"
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    if isinstance(value, time):
        return f"the time {value.isoformat()}"
    return type(value).__name__


# -- pydantic errors --------------------------------------------------------------------------


def _data_loc(loc: tuple[Any, ...], data: object) -> Loc:
    """The part of pydantic's `loc` that names keys and indexes in the data.

    pydantic adds validator and union-member names ("function-after[...]",
    "constrained-float") to the path; walking the data drops them.
    """
    kept: list[str | int] = []
    node: object = data
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str):
            kept.append(part)
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            kept.append(part)
            node = node[part]
        else:
            node = None
    return tuple(kept)


def _model_at(loc: Loc) -> type[BaseModel] | None:
    """The model of the table at `loc`, to list the keys it accepts."""
    current: Any = Bank
    for part in loc:
        model = _find_model(current)
        if model is not None:
            fields = {f.alias or n: f for n, f in model.model_fields.items()}
            if part not in fields:
                return None
            current = fields[part].annotation
        else:
            current = _container_item(current)
            if current is None:
                return None
    return _find_model(current)


def _unwrap(annotation: Any) -> Iterator[Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        yield from _unwrap(typing.get_args(annotation)[0])
    elif origin is typing.Union or type(annotation).__name__ == "UnionType":
        for arg in typing.get_args(annotation):
            yield from _unwrap(arg)
    else:
        yield annotation


def _find_model(annotation: Any) -> type[BaseModel] | None:
    for candidate in _unwrap(annotation):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _container_item(annotation: Any) -> Any:
    for candidate in _unwrap(annotation):
        origin = typing.get_origin(candidate)
        if origin is dict:
            return typing.get_args(candidate)[1]
        if origin is list:
            return typing.get_args(candidate)[0]
    return None


_EXPECTED = {
    "string_type": "a string",
    "float_type": "a number",
    "int_type": "an integer",
    "bool_type": "true or false",
    "dict_type": "a table",
    "model_type": "a table",
    "model_attributes_type": "a table",
    "list_type": "an array",
    "date_type": "a date such as 2022-11-10",
    "date_parsing": "a date such as 2022-11-10",
    "date_from_datetime_parsing": "a date such as 2022-11-10",
    "date_from_datetime_inexact": "a date such as 2022-11-10",
}

_PATTERNS = {
    "as_of": 'a year, year-month or date such as 2022, "2022-11" or 2022-11-09',
    "published": "a date such as 2022-11-10",
    "url": "an http:// or https:// address",
    "language": 'a language tag such as "en" or "pt-BR"',
}
_ID_WORDS = "an id of lower-case letters, digits, `-` and `_` (at most 64 characters)"


def _expectation(error: dict[str, Any], loc: Loc) -> str | None:
    """What one pydantic error expected, in the author's words, or None if it is no type error."""
    kind = error["type"]
    if kind in _EXPECTED:
        return _EXPECTED[kind]
    if kind == "literal_error":
        choices = str(error.get("ctx", {}).get("expected", "")).replace("'", '"')
        return f"one of {choices}"
    if kind == "string_pattern_mismatch":
        last = loc[-1] if loc else ""
        return _PATTERNS.get(str(last), _ID_WORDS)
    return None


def _message(errors: list[dict[str, Any]], loc: Loc, value: object) -> tuple[str, Loc]:
    """One message for all of pydantic's errors at one key (a union gives one per member)."""
    first = errors[0]
    kind = first["type"]
    ctx = first.get("ctx") or {}
    if kind == "bank_rule":
        key = ctx.get("key")
        return str(ctx.get("message", first["msg"])), (*loc, key) if key else loc
    if isinstance(value, str) and any(e["type"] == "string_pattern_mismatch" for e in errors):
        # Text and Line fields are patterns (checked in Rust); say which character broke them.
        problem = text_problem(value)
        if problem is None and loc and loc[-1] in ("as_of", "published"):
            problem = date_problem(value)
            if problem is not None and problem.startswith("expected a year,"):
                problem = None  # not date-shaped at all: the generic words below say it
        if problem is not None:
            return problem, loc
    if kind == "extra_forbidden":
        name = str(loc[-1])
        model = _model_at(loc[:-1])
        known = [f.alias or n for n, f in model.model_fields.items()] if model else []
        import difflib

        near = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        hint = f"; did you mean `{near[0]}`?" if near else ""
        return f"unknown key `{name}`{hint}", loc
    if kind == "missing":
        return f"expected a key `{loc[-1]}` here, found none", loc
    expected = [e for e in (_expectation(error, loc) for error in errors) if e]
    if expected:
        words = " or ".join(dict.fromkeys(expected))
        hint = ""
        if "a string" in expected and type(value) in (int, float) and loc:
            # `title = 2024`: TOML read a number; the fix is quotes.
            hint = f' (text goes in quotes: {loc[-1]} = "{value}")'
        return f"expected {words}, found {found(value)}{hint}", loc
    if kind in {"string_too_short", "too_short"} and isinstance(value, str | dict | list):
        if isinstance(value, str):
            return "expected some text, found an empty string", loc
        least = ctx.get("min_length", 1)
        if isinstance(value, dict) and least == 1 and loc:
            return f"expected at least one [{dotted(loc)}.<id>] table, found none", loc
        return f"expected at least {least} {_entries(value, least)}, found {len(value)}", loc
    if kind in {"string_too_long", "too_long"} and isinstance(value, str | list):
        most = ctx.get("max_length")
        what = "characters" if isinstance(value, str) else _entries(value, 2)
        return f"expected at most {most:,} {what}, found {len(value):,}", loc
    if kind == "greater_than":
        return f"expected a number above {ctx.get('gt', 0):g}, found {found(value)}", loc
    if kind == "finite_number":
        return f"expected a finite number, found {found(value)}", loc
    text = str(first["msg"])
    text = text.replace("Input should be ", "expected ", 1) if text.startswith("Input") else text
    return f"{text}, found {found(value)}", loc


def _entries(value: object, count: int) -> str:
    if isinstance(value, dict):
        return "table" if count == 1 else "tables"
    return "entry" if count == 1 else "entries"


def validation_problems(
    exc: ValidationError, data: dict[str, Any], source: str, shown: str
) -> list[Problem]:
    """Every schema problem pydantic found, one message per key, in file order."""
    groups: dict[Loc, list[dict[str, Any]]] = {}
    for error in exc.errors(include_url=False):
        raw = tuple(error["loc"])
        if raw and raw[-1] == "[key]":
            loc = _data_loc(raw[:-1], data)
            groups.setdefault((*loc, "[key]"), []).append(dict(error))
            continue
        groups.setdefault(_data_loc(raw, data), []).append(dict(error))
    problems = []
    for loc, errors in groups.items():
        if loc and loc[-1] == "[key]":
            loc = loc[:-1]
            message = f"expected {_ID_WORDS}, found {quoted(str(loc[-1]))}"
        else:
            message, loc = _message(errors, loc, _value_at(data, loc))
        problems.append(Problem(shown, message, dotted(loc), *locate(source, loc)))
    return sort_problems(_merge_typos(problems))


def _merge_typos(problems: list[Problem]) -> list[Problem]:
    """Drop "missing `quote`" when the same table has "unknown key `qoute`; did you mean `quote`?".

    One typo, one message: the suggestion already says what is missing.
    """
    suggested = set()
    for problem in problems:
        if "; did you mean `" in problem.message and problem.message.startswith("unknown key"):
            table = problem.key.rsplit(".", 1)[0] if "." in problem.key else ""
            name = problem.message.rsplit("`", 2)[-2]
            suggested.add(f"{table}.{name}" if table else name)
    return [
        p for p in problems if not (p.key in suggested and p.message.startswith("expected a key `"))
    ]


def _value_at(data: object, loc: Loc) -> object:
    node = data
    for part in loc:
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            return None
    return node


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """File order; problems with no line first (they concern the whole file)."""
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0))


# -- cross-references -----------------------------------------------------------------------


def _table(data: dict[str, Any], name: str) -> dict[str, Any]:
    value = data.get(name)
    return value if isinstance(value, dict) else {}


def _near(name: str, known: list[str]) -> str:
    import difflib

    near = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return f"; did you mean `{near[0]}`?" if near else ""


def _some(ids: list[str], limit: int = 6) -> str:
    shown = ", ".join(ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


def cross_check(
    data: dict[str, Any],
    source: str,
    shown: str,
    broken: frozenset[str] | set[str] = frozenset(),
) -> list[Problem]:
    """Each figure's source is in [sources]; each question's figure is in [figures].

    Figures in `broken` already have a schema problem and are not checked again.
    """
    sources = _table(data, "sources")
    figures = _table(data, "figures")
    problems = []
    for figure_id, figure in figures.items():
        if not isinstance(figure, dict) or figure_id in broken:
            continue
        source_id = figure.get("source")
        if isinstance(source_id, str) and source_id not in sources:
            loc: Loc = ("figures", figure_id, "source")
            known = sorted(sources)
            listed = f"one of the [sources] ({_some(known)})" if known else "a [sources] table"
            problems.append(
                Problem(
                    shown,
                    f"expected {listed}, found no source {quoted(source_id)}"
                    f"{_near(source_id, known)}",
                    dotted(loc),
                    *locate(source, loc),
                )
            )
    questions = data.get("questions")
    for index, question in enumerate(questions if isinstance(questions, list) else []):
        wanted = question.get("figure") if isinstance(question, dict) else None
        if isinstance(wanted, str) and wanted not in figures:
            loc = ("questions", index, "figure")
            problems.append(
                Problem(
                    shown,
                    f"expected the id of one of the [figures], found no figure "
                    f"{quoted(wanted)}{_near(wanted, sorted(figures))}",
                    dotted(loc),
                    *locate(source, loc),
                )
            )
    return problems
