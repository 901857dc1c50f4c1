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

from ..slices import resolve_as_of
from ._common import DAYS_PER_MONTH, as_dataset, start_bounds

if TYPE_CHECKING:  # pragma: no cover
    from ..dataset import Dataset

GAP_COLUMNS = ["series_id", "event_id", "series_number", "title", "date_start",
               "date_precision", "format", "status", "previous_event_id", "gap_days",
               "gap_min_days", "gap_max_days", "gap_months"]
NEXT_STATUS = ["not yet due", "due", "overdue", "no expected cadence", "no meeting yet"]
SUMMARY_COLUMNS = [
    "series_id", "kind", "n_events", "first", "first_precision", "last", "last_precision",
    "n_gaps", "median_gap_days", "gap_iqr_days", "min_gap_days", "longest_gap_days",
    "cadence_months", "cadence_basis", "cadence_note", "share_within_cadence", "as_of",
    "previous_event_id", "next_earliest", "next_latest", "next_status",
    "next_planned_event_id", "next_planned_date", "next_planned_date_precision"]


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
        in months). The first event of a series has no gap. On a slice, each event's gap is
        to the previous event of its series in the whole data (a slice never cuts an
        event's context): the gaps of a slice are those of the whole data, restricted.

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
    if ds.slice.is_whole:
        return _gaps(ds.events, status)
    whole = ds.whole.events
    ev = whole[whole["series_id"].isin(ds.events["series_id"].unique())]
    out = _gaps(ev, status)
    return out[out["event_id"].isin(ds.events["event_id"])].reset_index(drop=True)


def _gaps(ev: pd.DataFrame, status: tuple[str, ...]) -> pd.DataFrame:
    """The gaps between consecutive events of each series in ``ev`` (of ``status``)."""
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
    """How regular each series is, and when its next meeting is due, as of a day.

    A gap is *within cadence* when its middle lies within ``tolerance_months`` of the
    series' expected cadence (``series.cadence_months``). The next meeting is expected from
    ``cadence - tolerance`` after the last meeting held on or before ``as_of`` (in the whole
    data: a slice does not change when the next meeting is due) to ``cadence + tolerance``
    after its latest day; as of ``as_of`` it is ``not yet due``, ``due`` or ``overdue``.
    Where the expected cadence is only inferred, ``cadence_note`` says so, with the median
    gap actually observed beside it.

    Args:
        data: The Dataset (or ``ds.tables``).
        series, start, end: Filters, as in :func:`gaps`; the counts and gaps are those of
            the slice.
        as_of: The day to judge by; default: today (the machine's date). A day after
            today is accepted when given.
        tolerance_months: Allowed deviation from the expected cadence.

    Returns:
        One row per series with at least one held meeting in the slice: ``series_id,
        kind, n_events, first, first_precision, last, last_precision, n_gaps,
        median_gap_days, gap_iqr_days, min_gap_days, longest_gap_days, cadence_months,
        cadence_basis, cadence_note, share_within_cadence, as_of, previous_event_id,
        next_earliest, next_latest, next_status, next_planned_event_id,
        next_planned_date, next_planned_date_precision``.

    Examples:
        >>> import sco_analysis as sco
        >>> s = summary(sco.load(), series="ict_ministers", as_of="2026-11-29").iloc[0]
        >>> print(s["n_events"], s["median_gap_days"], s["next_status"])
        4 502.0 overdue
        >>> print(s["cadence_note"])
        12 months (inferred); observed median gap 16.5 months, none within 3 months of it
    """
    ds = as_dataset(data, start=start, end=end, series=series)
    day = pd.Timestamp(resolve_as_of(as_of))
    g = gaps(ds)
    out = _regularity(g)
    out = out.join(ds.series.set_index("series_id")[["kind", "cadence_months",
                                                     "cadence_basis"]], how="left")
    cadence = out["cadence_months"].astype("Float64") * DAYS_PER_MONTH
    tol = tolerance_months * DAYS_PER_MONTH
    out["share_within_cadence"] = _share_within(g, cadence, tol).reindex(out.index)
    out["cadence_note"] = _cadence_note(out, tolerance_months)
    out["as_of"] = day
    out = out.join(_next_window(ds.whole.events, cadence, tol, day))
    status = np.select(
        [out["cadence_months"].isna(), out["next_earliest"].isna(),
         day < out["next_earliest"], day <= out["next_latest"]],
        ["no expected cadence", "no meeting yet", "not yet due", "due"], default="overdue")
    out["next_status"] = pd.Categorical(status, categories=NEXT_STATUS)
    out = out.join(_next_planned(ds.whole.events, day))
    out = out.reset_index().sort_values(["first", "series_id"]).reset_index(drop=True)
    return out[SUMMARY_COLUMNS]


def _regularity(g: pd.DataFrame) -> pd.DataFrame:
    """Per series: how many meetings, first and last, and the spread of the gaps."""
    lo, _ = start_bounds(g)
    g = g.assign(_lo=lo, _mid=(g["gap_min_days"] + g["gap_max_days"]).astype("Float64") / 2)
    grouped = g.groupby("series_id", observed=True, sort=False)
    out = grouped.agg(
        n_events=("event_id", "size"), first=("_lo", "min"), last=("_lo", "max"),
        n_gaps=("gap_min_days", "count"), median_gap_days=("_mid", "median"),
        q1=("_mid", lambda s: s.quantile(0.25)), q3=("_mid", lambda s: s.quantile(0.75)),
        min_gap_days=("gap_min_days", "min"), longest_gap_days=("gap_max_days", "max"))
    for col, pick in (("first", "idxmin"), ("last", "idxmax")):
        rows = g.loc[getattr(grouped["_lo"], pick)()].set_index("series_id")
        out[f"{col}_precision"] = rows["date_precision"].astype("string")
    out["gap_iqr_days"] = (out.pop("q3") - out.pop("q1")).astype("Float64")
    for c in ("n_events", "n_gaps"):
        out[c] = out[c].astype("Int64")
    out["median_gap_days"] = out["median_gap_days"].astype("Float64")
    return out


def _share_within(g: pd.DataFrame, cadence: pd.Series, tol: float) -> pd.Series:
    """Per series: the share of gaps whose middle lies within ``tol`` days of the cadence."""
    mid = (g["gap_min_days"] + g["gap_max_days"]).astype("Float64") / 2
    cad = g["series_id"].astype(str).map(cadence).astype("Float64")
    ok = mid.notna() & cad.notna()
    inside = ((mid - cad).abs() <= tol)[ok].astype(float)
    return inside.groupby(g.loc[ok, "series_id"], observed=True).mean().astype("Float64")


def _cadence_note(out: pd.DataFrame, tolerance_months: float) -> pd.Series:
    """The expected cadence in words, with the observed median beside an inferred one."""
    notes = []
    for months, basis, median, share in zip(
            out["cadence_months"], out["cadence_basis"], out["median_gap_days"],
            out["share_within_cadence"], strict=True):
        if pd.isna(months):
            notes.append("no expected cadence")
            continue
        text = f"{int(months)} months ({basis})"
        if basis == "inferred" and pd.notna(median):
            text += f"; observed median gap {median / DAYS_PER_MONTH:.1f} months"
            if share == 0:
                text += f", none within {tolerance_months:g} months of it"
        notes.append(text)
    return pd.Series(notes, index=out.index, dtype="string")


def _next_window(events: pd.DataFrame, cadence: pd.Series, tol: float,
                 day: pd.Timestamp) -> pd.DataFrame:
    """Per series: the last meeting held on or before ``day`` and the next one's window."""
    held = events[events["status"] == "held"]
    lo, hi = start_bounds(held)
    past = held.assign(_lo=lo, _hi=hi)[lo <= day].sort_values(["_lo", "event_id"])
    last = past.drop_duplicates("series_id", keep="last").set_index("series_id")
    last = last.reindex(cadence.index)
    lo_off = pd.to_timedelta((cadence - tol).to_numpy(dtype=float, na_value=np.nan), unit="D")
    hi_off = pd.to_timedelta((cadence + tol).to_numpy(dtype=float, na_value=np.nan), unit="D")
    return pd.DataFrame({
        "previous_event_id": last["event_id"].astype("string"),
        "next_earliest": (last["_lo"] + lo_off).dt.floor("D"),
        "next_latest": (last["_hi"] + hi_off).dt.ceil("D"),
    }, index=cadence.index)


def _next_planned(events: pd.DataFrame, day: pd.Timestamp) -> pd.DataFrame:
    """Per series: the first meeting planned (in the whole data), with its precision."""
    planned = events[events["status"] == "planned"]
    planned = planned.assign(_lo=start_bounds(planned)[0]).sort_values(["_lo", "event_id"])
    first = planned.drop_duplicates("series_id").set_index("series_id")
    return pd.DataFrame({
        "next_planned_event_id": first["event_id"].astype("string"),
        "next_planned_date": first["_lo"],
        "next_planned_date_precision": first["date_precision"].astype("string"),
    })


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
