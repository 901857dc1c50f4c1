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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .dates import (
    DateError,
    bounds,
    event_bounds,
    format_date,
    parse_date,
    period_last_day,
    today,
)


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
    return pd.Timestamp(as_period(value)[0])


def last_day(value: Any) -> pd.Timestamp:
    """The last day of the period ``value`` names (for ``end``)."""
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


def _tuple(value: str | Iterable[str] | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return (value,) if isinstance(value, str) else tuple(value)


@dataclass(frozen=True)
class Slice:
    """A slice of the data: a period, series and parties (None: no limit on that).

    ``start`` and ``end`` are kept in reduced ISO form (``"2021"``, ``"2025-06"``, a day)
    and mean the whole periods they name; ``parties`` are party codes.

    Examples:
        >>> s = Slice("2021", "2025", ("ict_ministers",))
        >>> s.describe()
        '2021 to 2025; series ict_ministers'
        >>> (s & Slice(start="2024-03")).start, (s & Slice(end="2030")).end
        ('2024-03', '2025')
    """

    start: str | None = None
    end: str | None = None
    series: tuple[str, ...] | None = None
    parties: tuple[str, ...] | None = None

    @classmethod
    def of(cls, start: Any = None, end: Any = None, series: Any = None,
           parties: Any = None) -> Slice:
        """A slice from user values (dates of any accepted form, one id or several)."""
        return cls(normalise(start), normalise(end), _tuple(series), _tuple(parties))

    @property
    def is_whole(self) -> bool:
        """True when the slice limits nothing."""
        return self == Slice()

    @property
    def cuts_dates_or_series(self) -> bool:
        """True when the slice limits the period or the series (not only the parties)."""
        return (self.start, self.end, self.series) != (None, None, None)

    def bounds(self) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
        """First day of ``start`` and last day of ``end``."""
        return (first_day(self.start) if self.start is not None else None,
                last_day(self.end) if self.end is not None else None)

    def __and__(self, other: Slice) -> Slice:
        """The slice that is in both (later start, earlier end, common series and parties)."""
        def later(a: str | None, b: str | None) -> str | None:
            return a if b is None or (a is not None and first_day(a) >= first_day(b)) else b

        def earlier(a: str | None, b: str | None) -> str | None:
            return a if b is None or (a is not None and last_day(a) <= last_day(b)) else b

        def common(a: tuple[str, ...] | None, b: tuple[str, ...] | None
                   ) -> tuple[str, ...] | None:
            return b if a is None else a if b is None else tuple(x for x in a if x in b)

        return Slice(later(self.start, other.start), earlier(self.end, other.end),
                     common(self.series, other.series), common(self.parties, other.parties))

    def describe(self) -> str:
        """The slice for people: ``2021 to 2025; series ict_ministers; parties BLR``."""
        parts = [] if self.start is None and self.end is None else \
            [describe_period(self.start, self.end)]
        if self.series is not None:
            parts.append("series " + ", ".join(self.series))
        if self.parties is not None:
            parts.append("parties " + ", ".join(self.parties))
        return "; ".join(parts) or "the whole dataset"


# ---------------------------------------------------------------------------------------
# cutting the tables of a dataset to a slice


def _in_period(lo: pd.Series, hi: pd.Series, sl: Slice) -> pd.Series:
    first, last = sl.bounds()
    keep = pd.Series(True, index=lo.index)
    if first is not None:
        keep &= hi >= first
    if last is not None:
        keep &= lo <= last
    return keep


def _events(tables: Mapping[str, pd.DataFrame], sl: Slice) -> pd.DataFrame:
    ev = tables["events"]
    keep = _in_period(*event_bounds(ev), sl)
    if sl.series is not None:
        keep &= ev["series_id"].isin(sl.series)
    return ev[keep].reset_index(drop=True)


def steps_in(actions: pd.DataFrame, sl: Slice, event_ids: Iterable[str]) -> pd.Series:
    """Which steps of documents lie in a slice.

    A step is in when its date overlaps the slice's period and, with series, when it
    happened at one of the slice's events (``event_ids``).
    """
    keep = _in_period(*bounds(actions["date"], actions["date_precision"]), sl)
    if sl.series is not None:
        keep &= actions["event_id"].isin(list(event_ids))
    return keep


def _documents(tables: Mapping[str, pd.DataFrame], sl: Slice, event_ids: pd.Series
               ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Documents with a step in the slice, with every one of their steps."""
    acts, docs = tables["document_actions"], tables["documents"]
    if not sl.cuts_dates_or_series:
        return docs, acts
    chosen = acts.loc[steps_in(acts, sl, event_ids), "doc_id"].unique()
    return (docs[docs["doc_id"].isin(chosen)].reset_index(drop=True),
            acts[acts["doc_id"].isin(chosen)].reset_index(drop=True))


def _ids(*parts: pd.Series) -> pd.Series:
    out = parts[0].astype("string")
    for p in parts[1:]:
        out = out + "/" + p.astype("string")
    return out


def _in_force(table: pd.DataFrame, events: pd.DataFrame) -> pd.Series:
    """Rows of a status or chair interval table in force at some event of ``events``.

    One vectorised test over the events per interval: interval tables are short.
    """
    lo, hi = (b.to_numpy() for b in event_bounds(events))
    ends = table["date_to"].fillna(pd.Timestamp.max).to_numpy()
    hit = [bool(((lo <= to) & (hi >= frm)).any())
           for frm, to in zip(table["date_from"].to_numpy(), ends, strict=True)]
    return pd.Series(hit, index=table.index, dtype=bool)


def _records(tables: Mapping[str, pd.DataFrame], cut: Mapping[str, pd.DataFrame]
             ) -> pd.DataFrame:
    """(record_type, record_id) of every record in a cut, as the citations name them."""
    m, c = tables["membership"], tables["chairmanship"]
    m = m[_in_force(m, cut["events"]) & m["party"].isin(cut["participants"]["party"])]
    c = c[_in_force(c, cut["events"])]
    parts = {
        "event": cut["events"]["event_id"].astype("string"),
        "participant": _ids(cut["participants"]["event_id"], cut["participants"]["party"]),
        "person": _ids(cut["people"]["event_id"], cut["people"]["person_id"]),
        "document": cut["documents"]["doc_id"].astype("string"),
        "document_action": _ids(cut["document_actions"]["doc_id"],
                                cut["document_actions"]["step"]),
        "series": cut["events"]["series_id"].astype("string").drop_duplicates(),
        "membership": _ids(m["party"], m["status"], m["date_from"].dt.strftime("%Y-%m-%d"))
        .str.replace("/", ":"),
        "chairmanship": c["cycle"].astype("string"),
    }
    return pd.DataFrame({"record_type": [k for k, ids in parts.items() for _ in ids],
                         "record_id": [i for ids in parts.values() for i in ids]})


def _provenance(tables: Mapping[str, pd.DataFrame], cut: dict[str, pd.DataFrame]) -> None:
    """Keep the citations, claims and sources of the records in the cut."""
    keys = _records(tables, cut).drop_duplicates().assign(_in=True)
    for name in ("citations", "claims"):
        df = tables[name]
        hit = df[["record_type", "record_id"]].astype("string").merge(
            keys, on=["record_type", "record_id"], how="left")["_in"].fillna(False)
        cut[name] = df[hit.to_numpy(dtype=bool)].reset_index(drop=True)
    used = set(cut["citations"]["source_id"]) | set(cut["claims"]["source_id"])
    src = tables["sources"]
    cut["sources"] = src[src["source_id"].isin(used)].reset_index(drop=True)


def cut(tables: Mapping[str, pd.DataFrame], sl: Slice) -> dict[str, pd.DataFrame]:
    """The tables of a dataset cut to a slice (see :meth:`sco_analysis.Dataset.filter`)."""
    out = dict(tables)
    out["events"] = events = _events(tables, sl)
    ids = events["event_id"]
    for name in ("participants", "people"):
        df = tables[name]
        keep = df["event_id"].isin(ids)
        if sl.parties is not None:
            keep &= df["party"].isin(sl.parties)
        out[name] = df[keep].reset_index(drop=True)
    out["documents"], out["document_actions"] = _documents(tables, sl, ids)
    _provenance(tables, out)
    return out
