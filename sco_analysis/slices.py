"""What a slice of the data means, the same everywhere: a date bound is a period, "as of" is a day.

The API (``ds.filter``, every analysis and chart function), the command line and the
notebooks of the report all read their bounds here, so that ``end="2025"`` or
``--end 2025-06`` means the same thing wherever it is written:

- ``start`` is the **first** day of the period it names (``"2021"`` is 1 January 2021);
- ``end`` is the **last** day of the period it names (``"2025"`` is 31 December 2025,
  ``"2025-06"`` is 30 June 2025);
- a day (``"2025-06-17"``, a ``datetime.date`` or a ``pandas.Timestamp``) is that day;
- ``as_of`` is a day; when it is not given it is today (the machine's date, or
  ``$SCO_ANALYSIS_TODAY``), never a date taken from the data. A date after today is
  accepted only when given explicitly.

Examples:
    >>> [str(d.date()) for d in (first_day("2021"), last_day("2025-06"), last_day("2024-02"))]
    ['2021-01-01', '2025-06-30', '2024-02-29']
    >>> describe_period("2021", "2025"), describe_period(None, "2025-06")
    ('2021 to 2025', 'up to Jun 2025')
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from .dates import DateError, format_date, parse_date, period_last_day, today

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


def as_period(value: Any) -> tuple[datetime.date, str]:
    """A bound as (first day, precision): reduced ISO text, a date or a timestamp.

    Raises:
        DateError: ``value`` is not a date; the message says which forms are accepted.
    """
    if hasattr(value, "to_pydatetime"):  # pandas.Timestamp
        value = value.to_pydatetime()
    if isinstance(value, datetime.datetime):
        return value.date(), "day"
    if isinstance(value, datetime.date):
        return value, "day"
    if isinstance(value, str | int) and not isinstance(value, bool):
        return parse_date(value)
    raise DateError(f"{value!r} is not a date (expected YYYY-MM-DD, YYYY-MM, YYYY, a date "
                    "or a timestamp)")


def first_day(value: Any) -> pd.Timestamp:
    """The first day of the period ``value`` names (for ``start``)."""
    import pandas as pd

    return pd.Timestamp(as_period(value)[0])


def last_day(value: Any) -> pd.Timestamp:
    """The last day of the period ``value`` names (for ``end``)."""
    import pandas as pd

    return pd.Timestamp(period_last_day(*as_period(value)))


def normalise(value: Any) -> str | None:
    """A bound written back in reduced ISO form (``"2025"``, ``"2025-06"``, a day), or None."""
    if value is None:
        return None
    return format_date(*as_period(value))


def resolve_as_of(value: Any = None) -> datetime.date:
    """The day "as of" which to judge: ``value`` when given, else today.

    A day after today is accepted when it is given: it is a question about the future.

    Raises:
        DateError: ``value`` is not a day (a month or year does not say which day).
    """
    if value is None:
        return today()
    first, precision = as_period(value)
    if precision != "day":
        raise DateError(f"as of {value!r}: expected a day (YYYY-MM-DD); a month or a year "
                        "does not say which day")
    return first


def display(value: Any) -> str:
    """A bound for people: ``2021``, ``Jun 2025``, ``17 Jun 2025``."""
    first, precision = as_period(value)
    if precision == "year":
        return f"{first.year}"
    if precision == "month":
        return first.strftime("%b %Y")
    return f"{first.day} {first.strftime('%b %Y')}"


def describe_period(start: Any, end: Any) -> str:
    """A date range for people: ``2021 to 2025``, ``from Jun 2025``, ``all dates``."""
    if start is None and end is None:
        return "all dates"
    if end is None:
        return f"from {display(start)}"
    if start is None:
        return f"up to {display(end)}"
    return f"{display(start)} to {display(end)}"
