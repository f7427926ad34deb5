"""When a figure was true: real calendar dates, checked by one pattern, and shown in words.

A figure's `as_of` is a year ("2022"), a year and month ("2022-11") or a day
("2022-11-09"). Only dates that exist pass: months 01-12, days that month has (29
February in leap years only), years 1000-9999 (no year 0). The rule is one regular
expression, `PARTIAL_DATE`, used both by the bank model (checked in Rust by
pydantic-core) and by the JSON Schema that `quiz schema` prints, so an editor and
`quiz check` agree on every date. It is written with `[0-9]`, not `\\d`, because `\\d`
matches other scripts' digits in Python and Rust but not in the JSON Schema dialect.

`in_words` is what a player reads ("November 2022", "9 November 2022"), for every front
end; `figure_date` picks the figure's own date or, when it has none, the article's
publication date, or nothing at all: an undated figure never shows an invented year.

This module imports nothing heavy: the game's warm start reads it.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

__all__ = ["FULL_DATE", "PARTIAL_DATE", "date_problem", "figure_date", "in_words"]

_YEAR = "[1-9][0-9]{3}"
_MONTH = "(?:0[1-9]|1[0-2])"
# Any month has days 01-28; all but February have 29 and 30; seven months have 31.
_DAY = f"{_MONTH}-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31"
# 29 February: years divisible by 4 but not by 100, and years divisible by 400.
_LEAP = "[1-9][0-9](?:0[48]|[2468][048]|[13579][26])|(?:[2468][048]|[13579][26])00"
FULL_DATE = f"^(?:{_YEAR}-(?:{_DAY})|(?:{_LEAP})-02-29)$"
"""A day that exists, as YYYY-MM-DD."""
PARTIAL_DATE = f"^(?:{_YEAR}(?:-{_MONTH})?|{_YEAR}-(?:{_DAY})|(?:{_LEAP})-02-29)$"
"""A year, a year and month, or a day that exists."""

_PARTIAL = re.compile(PARTIAL_DATE)
_EXPECTED = 'expected a year, year-month or date such as 2022, "2022-11" or 2022-11-09'
_SHAPE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def date_problem(text: str) -> str | None:
    """Why `text` is not a year, year-month or date that exists, in words; None if it is one."""
    if _PARTIAL.fullmatch(text):
        return None
    shape = _SHAPE.fullmatch(text)
    if shape is None:
        return _EXPECTED
    year, month, day = (int(part) if part else None for part in shape.groups())
    assert year is not None
    if year < 1000:
        return f"expected a year from 1000 to 9999, found {year:04d}"
    if month is not None and not 1 <= month <= 12:
        return f"expected a month from 01 to 12, found {month:02d}"
    if day is not None and month is not None:
        last = calendar.monthrange(year, month)[1]
        return (
            f"expected a day that exists, found {text}: {MONTHS[month - 1]} {year} has {last} days"
        )
    return _EXPECTED


def in_words(text: str) -> str:
    """A year, year-month or date as a reader says it: "2022", "November 2022", "9 November
    2022". Text that is not such a date is returned as it is."""
    shape = _SHAPE.fullmatch(text)
    if shape is None:
        return text
    year, month, day = shape.groups()
    if month is None:
        return year
    number = int(month)
    if not 1 <= number <= 12:
        return text
    if day is None:
        return f"{MONTHS[number - 1]} {year}"
    return f"{int(day)} {MONTHS[number - 1]} {year}"


def figure_date(as_of: str | None, published: date | None) -> str | None:
    """When a figure was true, in words: its own `as_of`, else the article's publication date,
    else None (then no date is shown at all)."""
    if as_of is not None:
        return in_words(as_of)
    if published is not None:
        return in_words(published.isoformat())
    return None
