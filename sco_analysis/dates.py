"""Dates that keep their precision: ``2025-05-15`` (day), ``2025-06`` (month), ``2025`` (year).

A month-precise date is stored as the first day of the month *plus* its precision, never as
a day; :func:`bounds` turns such columns into the earliest and latest day they allow.

Examples:
    >>> parse_date("2025-06")
    (datetime.date(2025, 6, 1), 'month')
    >>> period_last_day(*parse_date("2024-02"))
    datetime.date(2024, 2, 29)
    >>> format_date(datetime.date(2025, 6, 1), "month")
    '2025-06'
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    import pandas as pd

_FORMS = [
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), "day"),
    (re.compile(r"^(\d{4})-(\d{2})$"), "month"),
    (re.compile(r"^(\d{4})$"), "year"),
]
EXPECTED = "a date written YYYY-MM-DD, YYYY-MM (month known) or YYYY (year known)"
#: The days the dataset can store (pandas nanosecond timestamps reach 1677-09-21 to
#: 2262-04-11; whole years inside that range are accepted).
FIRST_DAY = datetime.date(1678, 1, 1)
LAST_DAY = datetime.date(2261, 12, 31)
#: Set this environment variable to YYYY-MM-DD to fix what "today" is (tests, reproducible
#: reports); otherwise today is the machine's date.
TODAY_VARIABLE = "SCO_ANALYSIS_TODAY"


class DateError(ValueError):
    """A date that is malformed or that the calendar does not have."""


def parse_date(value: object) -> tuple[datetime.date, str]:
    """Parse a reduced ISO date into (first day of the period, precision).

    Raises:
        DateError: With a message saying what is wrong (form, month, day of that month).

    Examples:
        >>> parse_date("2025-05-15")
        (datetime.date(2025, 5, 15), 'day')
        >>> parse_date(2026)
        (datetime.date(2026, 1, 1), 'year')
        >>> parse_date("2025-02-30")
        Traceback (most recent call last):
        ...
        sco_analysis.dates.DateError: February 2025 has 28 days, not 30
    """
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise DateError(f"not a date ({type(value).__name__})")
    text = str(value).strip()
    for pattern, precision in _FORMS:
        m = pattern.match(text)
        if not m:
            continue
        parts = [int(g) for g in m.groups()]
        year = parts[0]
        if not FIRST_DAY.year <= year <= LAST_DAY.year:
            raise DateError(f"year {year} is outside the years the dataset can store "
                            f"({FIRST_DAY.year} to {LAST_DAY.year})")
        month = parts[1] if len(parts) > 1 else 1
        if not 1 <= month <= 12:
            raise DateError(f"there is no month {month:02d}")
        day = parts[2] if len(parts) > 2 else 1
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            name = calendar.month_name[month]
            raise DateError(f"{name} {year} has {last} days, not {day}")
        return datetime.date(year, month, day), precision
    raise DateError("not in a date form")


def today() -> datetime.date:
    """Today: the machine's date, or the date in ``$SCO_ANALYSIS_TODAY`` when it is set.

    Raises:
        DateError: The variable is set but is not a day.
    """
    import os

    fixed = os.environ.get(TODAY_VARIABLE)
    if not fixed:
        return datetime.date.today()
    first, precision = parse_date(fixed)
    if precision != "day":
        raise DateError(f"${TODAY_VARIABLE} is {fixed!r}; expected a day, YYYY-MM-DD")
    return first


def period_last_day(first: datetime.date, precision: str) -> datetime.date:
    """The last day of the period a (first day, precision) pair stands for."""
    if precision == "day":
        return first
    if precision == "month":
        return first.replace(day=calendar.monthrange(first.year, first.month)[1])
    if precision == "year":
        return first.replace(month=12, day=31)
    raise ValueError(f"unknown precision {precision!r}")


def format_date(first: datetime.date, precision: str) -> str:
    """Write a (first day, precision) pair back in reduced ISO form."""
    iso = first.isoformat()
    return {"day": iso, "month": iso[:7], "year": iso[:4]}[precision]


def bounds(dates: pd.Series, precision: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Earliest and latest day of each date, given its precision (vectorised).

    The latest day of a month-precise date is the last of its month, of a year-precise (or
    precision missing) date the last of its year; a time of day is kept.

    Examples:
        >>> import pandas as pd
        >>> d = pd.Series(pd.to_datetime(["2025-06-01", "2024-01-01", "2024-02-03"]))
        >>> p = pd.Series(["month", "year", "day"])
        >>> lo, hi = bounds(d, p)
        >>> [str(x.date()) for x in hi]
        ['2025-06-30', '2024-12-31', '2024-02-03']
    """
    import numpy as np
    import pandas as pd

    values = dates.to_numpy()
    if values.dtype.kind != "M":  # e.g. timezone-aware: pandas offsets do it
        prec = precision.astype("string")
        hi = dates.where(prec != "month", dates + pd.offsets.MonthEnd(0))
        return dates, hi.where(prec != "year", hi + pd.offsets.YearEnd(0))
    month, year = _is_month_year(precision)
    unit = np.datetime_data(values.dtype)[0]
    time_of_day = values - values.astype("datetime64[D]")
    one_day = np.timedelta64(1, "D")
    hi = values.copy()
    for mask, period in ((month, "M"), (year, "Y")):
        if mask.any():
            first_of_next = (values[mask].astype(f"datetime64[{period}]") + 1)
            last = first_of_next.astype("datetime64[D]") - one_day
            hi[mask] = last.astype(values.dtype) + time_of_day[mask].astype(f"m8[{unit}]")
    return dates, pd.Series(hi, index=dates.index, name=dates.name)


def _is_month_year(precision: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Rows of precision ``month``, and of ``year`` or missing (read as a year)."""
    import numpy as np
    import pandas as pd

    if isinstance(precision.dtype, pd.CategoricalDtype):
        cats = precision.cat.categories.astype(str)
        codes = precision.cat.codes.to_numpy()
        month = np.append(cats == "month", False)[codes]
        year = np.append(cats == "year", True)[codes]
        return month, year
    prec = precision.astype("string")
    return (prec == "month").to_numpy(dtype=bool, na_value=False), \
        (prec == "year").to_numpy(dtype=bool, na_value=True)


def event_bounds(events: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Earliest possible first day and latest possible last day of each event."""
    lo, _ = bounds(events["date_start"], events["date_precision"])
    end = events["date_end"].fillna(events["date_start"])
    _, hi = bounds(end, events["date_precision"])
    return lo, hi


def precision_column(columns: Iterable[str], name: str) -> str | None:
    """The column holding the precision of date column ``name``, if there is one.

    ``<name>_precision`` when present; ``date_precision`` for ``date_start``, ``date_end``
    and ``date`` (the tables' own convention).

    Examples:
        >>> precision_column(["date_start", "date_end", "date_precision"], "date_end")
        'date_precision'
        >>> precision_column(["next_earliest"], "next_earliest") is None
        True
        >>> precision_column(["first_date", "first_date_precision"], "first_date")
        'first_date_precision'
    """
    cols = set(columns)
    if f"{name}_precision" in cols:
        return f"{name}_precision"
    if name in ("date_start", "date_end", "date") and "date_precision" in cols:
        return "date_precision"
    return None


def display_date(value: Any, precision: Any) -> str | None:
    """A date for people at its precision: the day, ``Jun 2025`` or ``2026``.

    Examples:
        >>> import pandas as pd
        >>> [display_date(pd.Timestamp("2025-06-01"), p) for p in ("day", "month", "year")]
        ['2025-06-01', 'Jun 2025', '2025']
    """
    if value is None or value != value:  # None, NaT, NaN
        return None
    if precision == "year":
        return f"{value.year}"
    if precision == "month":
        return value.strftime("%b %Y")
    return value.strftime("%Y-%m-%d")


def display_dates(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` with each date column written at its precision.

    The precision columns used (see :func:`precision_column`) are left out.
    """
    import pandas as pd

    out = df.copy()
    used = set()
    for name in df.columns:
        prec = precision_column(df.columns, name)
        if prec is None or not pd.api.types.is_datetime64_any_dtype(df[name]):
            continue
        out[name] = pd.Series([display_date(v, p) for v, p in zip(
            df[name], df[prec].astype("string"), strict=True)], index=df.index,
            dtype="string")
        used.add(prec)
    return out.drop(columns=sorted(used))
