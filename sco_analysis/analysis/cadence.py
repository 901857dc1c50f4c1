"""Meeting cadence: gaps between meetings, how regular each series is, when the next is due.

A date known only to the month (or year) gives a gap known only within bounds: every gap has
``gap_min_days`` and ``gap_max_days``, and ``gap_days`` only when both dates are days.

Examples:
    >>> import sco_analysis as sco
    >>> from sco_analysis.analysis import cadence
    >>> g = cadence.gaps(sco.load(), series="ict_ministers")
    >>> print(g[["event_id", "gap_days", "gap_months"]].to_string(index=False))
                event_id  gap_days  gap_months
    ict_ministers_1_2021      <NA>        <NA>
    ict_ministers_2_2023       534        17.5
    ict_ministers_3_2024       264         8.7
    ict_ministers_4_2025       502        16.5
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ._common import DAYS_PER_MONTH, as_dataset, event_bounds, start_bounds

if TYPE_CHECKING:  # pragma: no cover
    from ..dataset import Dataset

GAP_COLUMNS = ["series_id", "event_id", "series_number", "title", "date_start",
               "date_precision", "format", "status", "previous_event_id", "gap_days",
               "gap_min_days", "gap_max_days", "gap_months"]
NEXT_STATUS = ["not yet due", "due", "overdue", "no expected cadence"]


def gaps(data: Dataset | Mapping[str, pd.DataFrame], *, series: str | list[str] | None = None,
         start: Any = None, end: Any = None,
         status: tuple[str, ...] = ("held",)) -> pd.DataFrame:
    """One row per event with the gap to the previous event of the same series.

    Args:
        data: The Dataset (or ``ds.tables``).
        series: Only these series.
        start, end: Only events overlapping this date range.
        status: Event statuses to count (default: only meetings that took place).

    Returns:
        Columns ``series_id, event_id, series_number, title, date_start, date_precision,
        format, status, previous_event_id, gap_days`` (exact, when both dates are days),
        ``gap_min_days``, ``gap_max_days`` (bounds) and ``gap_months`` (middle of the bounds,
        in months). The first event of a series has no gap.

    Examples:
        >>> import sco_analysis as sco
        >>> g = gaps(sco.load(), series="forum_karamay")
        >>> print(g[["event_id", "gap_days", "gap_min_days", "gap_max_days"]].to_string(
        ...     index=False))
                                    event_id  gap_days  gap_min_days  gap_max_days
        china_sco_digital_tech_forum_karamay_2023      <NA>          <NA>          <NA>
        china_sco_digital_tech_seminar_karamay_2024       387           387           387
             china_sco_digital_forum_karamay_2025      <NA>           353           382
    """
    ds = as_dataset(data, start=start, end=end, series=series)
    ev = ds.events
    rows = np.flatnonzero(ev["status"].isin(status).to_numpy(dtype=bool))
    lo, hi = (b.to_numpy()[rows] for b in start_bounds(ev))
    group = _series_codes(ev["series_id"])[rows]
    order, ids = _order(group, lo, ev["event_id"].array, rows)
    group, lo, hi = group[order], lo[order], hi[order]
    has_prev = np.r_[False, (group[1:] == group[:-1]) & (group[1:] >= 0)][:len(order)]
    out = {c: ev[c].array.take(rows[order]) for c in GAP_COLUMNS[:8] if c != "event_id"}
    out["event_id"] = ids
    out["previous_event_id"] = _previous(ids, has_prev)
    gmin = _days_between(hi, lo, has_prev).clip(lower=0)
    gmax = _days_between(lo, hi, has_prev)
    out |= {"gap_days": gmin.where(gmin == gmax), "gap_min_days": gmin,
            "gap_max_days": gmax,
            "gap_months": ((gmin + gmax).astype("Float64") / 2 / DAYS_PER_MONTH).round(1)}
    df = pd.DataFrame({c: pd.Series(v) for c, v in out.items()})
    df["previous_event_id"] = df["previous_event_id"].astype("string")
    return df[GAP_COLUMNS]


def _series_codes(series_id: pd.Series) -> np.ndarray:
    """Integer codes in the sort order of the series ids; missing ids -1."""
    if isinstance(series_id.dtype, pd.CategoricalDtype):
        return series_id.cat.codes.to_numpy().astype(np.int64)
    return pd.factorize(series_id, sort=True)[0].astype(np.int64)


def _order(group: np.ndarray, lo: np.ndarray, event_id: Any, rows: np.ndarray
           ) -> tuple[np.ndarray, Any]:
    """Positions sorted by series (missing last), start (missing last), then event id.

    Stable integer sorts: when the starts are already in order (a table sorted by date, as
    loaded), a radix sort of the series codes alone; else a ``lexsort`` of both. Event ids
    are compared only inside runs of equal series and start, and sorted (stably, by Arrow)
    only when such a run is out of order, which a table sorted by ``date_start, event_id``
    never is. Returns the order and the event ids (``event_id[rows]``) in that order.
    """
    g_key = np.where(group >= 0, group, np.iinfo(np.int16).max)
    lo_key = np.where(np.isnat(lo), np.iinfo(np.int64).max, lo.view(np.int64))
    if (lo_key[1:] >= lo_key[:-1]).all() and g_key.max(initial=0) < np.iinfo(np.int16).max:
        order = np.argsort(g_key.astype(np.int16), kind="stable")
    else:
        order = np.lexsort((lo_key, g_key))
    ids = event_id.take(rows[order])
    g_sorted, lo_sorted = g_key[order], lo_key[order]
    tied = (g_sorted[1:] == g_sorted[:-1]) & (lo_sorted[1:] == lo_sorted[:-1])
    if not tied.any():
        return order, ids
    arrow = pa.array(ids)
    in_order = pc.less_equal(arrow.slice(0, len(arrow) - 1), arrow.slice(1))
    if pc.all(pc.filter(pc.fill_null(in_order, False), pa.array(tied))).as_py():
        return order, ids
    pairs = np.flatnonzero(tied)
    member = np.zeros(len(order), dtype=bool)
    member[pairs] = member[pairs + 1] = True
    at = np.flatnonzero(member)
    run = np.cumsum(np.r_[True, ~tied][at])  # a new run where the previous pair is no tie
    runs = pa.table({"run": run, "id": arrow.take(pa.array(at))})
    inside = pc.sort_indices(runs, sort_keys=[("run", "ascending"), ("id", "ascending")]
                             ).to_numpy()  # stable; missing ids last
    order[at] = order[at][inside]
    return order, event_id.take(rows[order])


def _previous(ids: Any, has_prev: np.ndarray) -> pd.Series:
    """The event id of the row before, where that row is of the same series."""
    arrow = pa.array(ids)
    if not len(arrow):
        return pd.Series(ids)
    shifted = pa.concat_arrays([pa.nulls(1, arrow.type), arrow.slice(0, len(arrow) - 1)])
    previous = pc.if_else(pa.array(has_prev), shifted, pa.scalar(None, arrow.type))
    return pd.Series(type(ids)(previous) if hasattr(ids, "_pa_array") else previous)


def _days_between(earlier: np.ndarray, later: np.ndarray, has_prev: np.ndarray) -> pd.Series:
    """Whole days from ``earlier`` of the row before to ``later`` of this one (Int64)."""
    delta = later - np.r_[earlier[:1], earlier[:-1]][:len(later)]
    ok = has_prev & ~np.isnat(delta)
    whole = np.where(ok, delta, np.timedelta64(0, "D")) // np.timedelta64(1, "D")
    return pd.Series(pd.arrays.IntegerArray(whole.astype(np.int64), ~ok))


def summary(data: Dataset | Mapping[str, pd.DataFrame], *,
            series: str | list[str] | None = None, start: Any = None, end: Any = None,
            as_of: Any = None, tolerance_months: float = 3.0) -> pd.DataFrame:
    """How regular each series is, and when its next meeting is due.

    A gap is *within cadence* when its middle lies within ``tolerance_months`` of the
    series' expected cadence (``series.cadence_months``). The next meeting is expected from
    ``cadence - tolerance`` after the last meeting's earliest day to ``cadence + tolerance``
    after its latest day; as of ``as_of`` it is ``not yet due``, ``due`` or ``overdue``.

    Args:
        data: The Dataset (or ``ds.tables``).
        series, start, end: Filters, as in :func:`gaps`.
        as_of: The date to judge "overdue" by; default: the last day of any event in the
            data (so that a report is the same whenever it is rebuilt).
        tolerance_months: Allowed deviation from the expected cadence.

    Returns:
        One row per series with at least one held meeting: ``series_id, kind, n_events,
        first, last, last_precision, n_gaps, median_gap_days, gap_iqr_days, min_gap_days,
        longest_gap_days, cadence_months, cadence_basis, share_within_cadence,
        next_earliest, next_latest, as_of, next_status, next_planned_event_id,
        next_planned_date``.

    Examples:
        >>> import sco_analysis as sco
        >>> s = summary(sco.load(), series="ict_ministers", as_of="2026-11-29")
        >>> print(s.loc[0, "n_events"], s.loc[0, "median_gap_days"], s.loc[0, "next_status"])
        4 502.0 overdue
    """
    ds = as_dataset(data, start=start, end=end, series=series)
    g = gaps(ds)
    g = g.assign(_lo=start_bounds(g)[0], _hi=start_bounds(g)[1],
                 _mid=(g["gap_min_days"] + g["gap_max_days"]).astype("Float64") / 2)
    if as_of is None:
        as_of = event_bounds(ds.events)[1].max() if len(ds.events) else pd.NaT
    as_of = pd.Timestamp(as_of)

    grouped = g.groupby("series_id", observed=True, sort=False)
    out = grouped.agg(
        n_events=("event_id", "size"),
        first=("_lo", "min"),
        last=("_lo", "max"),
        n_gaps=("gap_min_days", "count"),
        median_gap_days=("_mid", "median"),
        q1=("_mid", lambda s: s.quantile(0.25)),
        q3=("_mid", lambda s: s.quantile(0.75)),
        min_gap_days=("gap_min_days", "min"),
        longest_gap_days=("gap_max_days", "max"),
    )
    last_rows = g.loc[grouped["_lo"].idxmax()].set_index("series_id")
    out["last_precision"] = last_rows["date_precision"].astype("string")
    out["gap_iqr_days"] = (out.pop("q3") - out.pop("q1")).astype("Float64")
    ser = ds.series.set_index("series_id")
    out = out.join(ser[["kind", "cadence_months", "cadence_basis"]], how="left")
    cadence = out["cadence_months"].astype("Float64") * DAYS_PER_MONTH
    tol = tolerance_months * DAYS_PER_MONTH
    within = g.assign(_cad=g["series_id"].astype(str).map(cadence).astype("Float64"))
    within = within.dropna(subset=["_mid", "_cad"])
    within["_in"] = ((within["_mid"] - within["_cad"]).abs() <= tol).astype(float)
    share = within.groupby("series_id", observed=True)["_in"].mean()
    out["share_within_cadence"] = share.reindex(out.index).astype("Float64")
    lo_off = pd.to_timedelta((cadence - tol).to_numpy(dtype=float, na_value=np.nan), unit="D")
    hi_off = pd.to_timedelta((cadence + tol).to_numpy(dtype=float, na_value=np.nan), unit="D")
    out["next_earliest"] = (out["last"] + lo_off).dt.floor("D")
    out["next_latest"] = (last_rows["_hi"].reindex(out.index) + hi_off).dt.ceil("D")
    out["as_of"] = as_of
    status = np.select(
        [out["cadence_months"].isna(), as_of < out["next_earliest"],
         as_of <= out["next_latest"]],
        ["no expected cadence", "not yet due", "due"], default="overdue")
    out["next_status"] = pd.Categorical(status, categories=NEXT_STATUS)

    ev = ds.events
    planned = ev[ev["status"] == "planned"].assign(_lo=start_bounds(ev[ev["status"] ==
                                                                    "planned"])[0])
    planned = planned.sort_values("_lo").drop_duplicates("series_id")
    planned = planned.set_index("series_id")
    out["next_planned_event_id"] = planned["event_id"].reindex(out.index).astype("string")
    out["next_planned_date"] = planned["_lo"].reindex(out.index)
    out = out.reset_index().sort_values(["first", "series_id"]).reset_index(drop=True)
    for c in ("n_events", "n_gaps"):
        out[c] = out[c].astype("Int64")
    out["median_gap_days"] = out["median_gap_days"].astype("Float64")
    return out[["series_id", "kind", "n_events", "first", "last", "last_precision", "n_gaps",
                "median_gap_days", "gap_iqr_days", "min_gap_days", "longest_gap_days",
                "cadence_months", "cadence_basis", "share_within_cadence", "next_earliest",
                "next_latest", "as_of", "next_status", "next_planned_event_id",
                "next_planned_date"]]


def per_year(data: Dataset | Mapping[str, pd.DataFrame], *, by: str = "series_id",
             series: str | list[str] | None = None, start: Any = None, end: Any = None,
             status: tuple[str, ...] = ("held",)) -> pd.DataFrame:
    """Number of events per year and ``by`` (``series_id`` or ``level``), tidy.

    Every combination of year (from the first to the last) and category appears, with zero
    where nothing happened, so the table can be plotted or pivoted directly.

    Examples:
        >>> import sco_analysis as sco
        >>> t = per_year(sco.load(), series="ict_ministers")
        >>> t[t.n_events > 0][["year", "n_events"]].values.tolist()
        [[2021, 1], [2023, 1], [2024, 1], [2025, 1]]
    """
    if by not in ("series_id", "level"):
        raise ValueError(f"by must be 'series_id' or 'level', not {by!r}")
    ds = as_dataset(data, start=start, end=end, series=series)
    ev = ds.events[ds.events["status"].isin(status)]
    years = ev["date_start"].dt.year
    if ev.empty:
        return pd.DataFrame({"year": pd.Series(dtype="Int64"),
                             by: pd.Series(dtype=ds.events[by].dtype),
                             "n_events": pd.Series(dtype="Int64")})
    cats = ev[by].cat.remove_unused_categories()
    counts = pd.crosstab(years.rename("year"), cats).reindex(
        range(int(years.min()), int(years.max()) + 1), fill_value=0)
    tidy = counts.stack().rename("n_events").reset_index()
    tidy[by] = pd.Categorical(tidy[by].astype(str), categories=ds.events[by].cat.categories)
    tidy["year"] = tidy["year"].astype("Int64")
    tidy["n_events"] = tidy["n_events"].astype("Int64")
    return tidy.sort_values(["year", by]).reset_index(drop=True)
