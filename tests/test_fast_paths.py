"""The fast attendance, grid and gaps give exactly what the straightforward versions gave.

The reference implementations below are the grid-based ``participation.attendance`` (and the
grid itself) and the frame-sorting ``cadence.gaps`` as they were before they were made fast;
they are kept here, frozen, and compared column by column, dtype by dtype, with the package on
many random slices of the bundled dataset and on awkward variants of it (shuffled rows,
overlapping and adjacent membership intervals, ties, missing ends, few complete lists).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd
import pytest

import sco_analysis as sco
from sco_analysis.analysis import cadence, participation
from sco_analysis.analysis._common import (
    DAYS_PER_MONTH,
    as_dataset,
    days,
    event_bounds,
    start_bounds,
)
from sco_analysis.dates import bounds
from sco_analysis.reference import status_between
from sco_analysis.schema import PERSON_LEVEL

# -- the reference implementations, as they were -----------------------------------------


def reference_grid(data: Any, *, series: Any = None, start: Any = None, end: Any = None,
                   parties: Any = None) -> pd.DataFrame:
    ds = as_dataset(data, start=start, end=end, series=series)
    ev = ds.events[ds.events["status"] == "held"].sort_values(["date_start", "event_id"],
                                                              kind="stable")
    lo, hi = event_bounds(ev)
    members = ds.membership[ds.membership["status"] == "member"]
    ev_lo, ev_hi = lo.to_numpy(), hi.to_numpy()
    member_codes = {str(p) for p, a, b in zip(
        members["party"], members["date_from"].to_numpy(),
        members["date_to"].fillna(pd.Timestamp.max).to_numpy(), strict=True)
        if ((ev_lo < b) & (ev_hi >= a)).any()}
    attended = ds.participants[ds.participants["event_id"].isin(ev["event_id"])]
    codes = member_codes | set(attended["party"].astype(str))
    if parties is not None:
        codes &= {parties} if isinstance(parties, str) else set(parties)
    order = [c for c in participation.accession_order(ds) if c in codes]
    n_ev, n_p = len(ev), len(order)
    e_idx = np.repeat(np.arange(n_ev), n_p)
    p_idx = np.tile(np.arange(n_p), n_ev)
    party = pd.Categorical.from_codes(p_idx, categories=order)
    types = ds.parties.set_index(ds.parties["party"].astype(str))["party_type"]
    status = status_between(ds.membership, types, pd.Series(party), lo.iloc[e_idx],
                            hi.iloc[e_idx])
    a_ev = pd.Index(ev["event_id"].astype(str)).get_indexer(attended["event_id"].astype(str))
    a_p = pd.Index(order).get_indexer(attended["party"].astype(str))
    ok = (a_ev >= 0) & (a_p >= 0)
    cell = a_ev[ok] * n_p + a_p[ok]
    present = np.zeros(n_ev * n_p, dtype=bool)
    present[cell] = True
    level = np.full(n_ev * n_p, -1, dtype=np.int16)
    level[cell] = pd.Categorical(attended["delegation_level"].astype(str),
                                 categories=PERSON_LEVEL.values).codes[ok]
    complete = ev["participants_complete"].to_numpy(dtype=bool)[e_idx]
    out = pd.DataFrame({
        "event_id": ev["event_id"].to_numpy()[e_idx],
        "date_start": ev["date_start"].to_numpy()[e_idx],
        "series_id": ev["series_id"].take(e_idx).to_numpy(),
        "party": party,
        "attended": present,
        "delegation_level": pd.Categorical.from_codes(
            level, dtype=pd.CategoricalDtype(PERSON_LEVEL.values, ordered=True)),
        "status_at_event": status["status"].to_numpy(),
        "participants_complete": complete,
    })
    out["event_id"] = out["event_id"].astype("string")
    out["series_id"] = pd.Categorical(out["series_id"],
                                      dtype=ds.events["series_id"].dtype)
    out["eligible"] = (out["status_at_event"] == "member").to_numpy() & complete
    return out


def reference_attendance(data: Any, **filters: Any) -> pd.DataFrame:
    g = reference_grid(data, **filters)
    g = g.assign(_att_elig=g["attended"] & g["eligible"],
                 _date=g["date_start"].where(g["attended"]))
    out = g.groupby("party", observed=True, sort=True).agg(
        eligible=("eligible", "sum"), attended_eligible=("_att_elig", "sum"),
        attended=("attended", "sum"), first_attended=("_date", "min"),
        last_attended=("_date", "max"))
    for c in ("eligible", "attended_eligible", "attended"):
        out[c] = out[c].astype("Int64")
    out["rate"] = (out["attended_eligible"] / out["eligible"].replace(0, pd.NA)).astype(
        "Float64")
    out = out.reset_index()
    out["party"] = out["party"].astype("string")
    return out[["party", "eligible", "attended_eligible", "rate", "attended",
                "first_attended", "last_attended"]]


def reference_gaps(data: Any, *, series: Any = None, start: Any = None, end: Any = None,
                   status: tuple[str, ...] = ("held",)) -> pd.DataFrame:
    ds = as_dataset(data, start=start, end=end, series=series)
    # each event's gap is to the previous event of its series in the whole data
    whole = ds.whole.events
    ev = whole[whole["status"].isin(status)
               & whole["series_id"].isin(ds.events["series_id"].unique())]
    lo, hi = start_bounds(ev)
    df = ev.assign(_lo=lo, _hi=hi).sort_values(["series_id", "_lo", "event_id"],
                                               kind="stable")
    grouped = df.groupby("series_id", observed=True, sort=False)
    prev_lo, prev_hi = grouped["_lo"].shift(), grouped["_hi"].shift()
    df["previous_event_id"] = grouped["event_id"].shift().astype("string")
    gmin = days(df["_lo"] - prev_hi).clip(lower=0)
    gmax = days(df["_hi"] - prev_lo)
    df["gap_min_days"], df["gap_max_days"] = gmin, gmax
    df["gap_days"] = gmin.where(gmin == gmax)
    df["gap_months"] = ((gmin + gmax).astype("Float64") / 2 / DAYS_PER_MONTH).round(1)
    df = df[df["event_id"].isin(ds.events["event_id"])]
    return df[cadence.GAP_COLUMNS].reset_index(drop=True)


def reference_bounds(dates: pd.Series, precision: pd.Series) -> tuple[pd.Series, pd.Series]:
    prec = precision.astype("string")
    month_end = dates + pd.offsets.MonthEnd(0)
    year_end = dates + pd.offsets.YearEnd(0)
    hi = dates.where(prec != "month", month_end).where(prec != "year", year_end)
    return dates, hi


# -- datasets and slices -----------------------------------------------------------------


@pytest.fixture(scope="module")
def ds() -> sco.Dataset:
    return sco.load(quiet=True)


def awkward(ds: sco.Dataset, seed: int) -> sco.Dataset:
    """The bundled data made harder: shuffled rows, odd intervals, ties, missing ends."""
    rng = np.random.default_rng(seed)
    ev = ds.events.sample(frac=1.0, random_state=seed).reset_index(drop=True)
    ev["participants_complete"] = rng.random(len(ev)) < 0.6
    # ties: some events of a series moved onto the start day of another event of it
    tie = rng.random(len(ev)) < 0.2
    first = ev.groupby("series_id", observed=True)["date_start"].transform("first")
    ev.loc[tie, "date_start"] = first[tie]
    ev.loc[tie, "date_end"] = pd.NaT
    long = rng.random(len(ev)) < 0.1  # some meetings last for months
    ev.loc[long, "date_end"] = ev.loc[long, "date_start"] + pd.Timedelta(days=200)
    status = ev["status"].astype(str).to_numpy(dtype=object)
    status[rng.random(len(ev)) < 0.1] = "planned"
    ev["status"] = pd.Categorical(status, dtype=ds.events["status"].dtype)
    m = ds.membership.copy()
    extra = pd.DataFrame({  # adjacent member intervals, an overlap, a one-day status
        "party": pd.Categorical(["MNG", "MNG", "IND", "TUR"], dtype=m["party"].dtype),
        "status": pd.Categorical(["member", "member", "observer", "member"],
                                 dtype=m["status"].dtype),
        "date_from": pd.to_datetime(["2010-01-01", "2015-06-10", "2019-01-01",
                                     "2021-09-17"]),
        "date_to": pd.to_datetime(["2015-06-10", "2018-01-01", "2020-01-01",
                                   "2021-09-18"]),
    })
    m = pd.concat([m, extra.reindex(columns=m.columns)], ignore_index=True)
    m = m.astype({c: ds.membership[c].dtype for c in ("party", "status")})
    # meetings on, just before or across a status change (half of them the end of one)
    cuts = np.concatenate([m["date_from"].to_numpy(), np.repeat(
        m["date_to"].dropna().to_numpy(), 10)])
    near = rng.random(len(ev)) < 0.5
    cut = cuts[rng.integers(0, len(cuts), int(near.sum()))]
    ev.loc[near, "date_start"] = cut - rng.integers(0, 3, len(cut)) * np.timedelta64(1, "D")
    ev.loc[near, "date_end"] = cut + rng.integers(-1, 2, len(cut)) * np.timedelta64(1, "D")
    ev.loc[near, "date_precision"] = "day"
    ev.loc[near, "participants_complete"] = True
    p = ds.participants.sample(frac=1.0, random_state=seed)
    p = pd.concat([p, p.iloc[:seed]], ignore_index=True)  # some rows twice
    orders = [ev,  # shuffled; by date, latest first; by date, ids backwards on a day
              ev.sort_values("date_start").iloc[::-1].reset_index(drop=True),
              ev.sort_values(["date_start", "event_id"], ascending=[True, False],
                             ignore_index=True)]
    return ds.replace(events=orders[seed % 3], membership=m, participants=p)


def slices(ds: sco.Dataset, n: int, seed: int) -> Iterator[dict[str, Any]]:
    """Random filters: series subsets, start and end dates (any precision), parties."""
    rng = np.random.default_rng(seed)
    series = ds.series["series_id"].astype(str).tolist()
    parties = ds.parties["party"].astype(str).tolist()
    yield {}
    for _ in range(n):
        f: dict[str, Any] = {}
        if rng.random() < 0.5:
            k = int(rng.integers(1, 6))
            chosen = rng.choice(series, size=k, replace=False).tolist()
            f["series"] = chosen[0] if k == 1 else chosen
        if rng.random() < 0.5:
            f["start"] = str(2001 + int(rng.integers(0, 25))) + rng.choice(
                ["", "-06", "-03-15"])
        if rng.random() < 0.5:
            f["end"] = str(2005 + int(rng.integers(0, 22))) + rng.choice(["", "-09", "-10-31"])
        if rng.random() < 0.4:
            k = int(rng.integers(1, 8))
            chosen = rng.choice(parties, size=k, replace=False).tolist()
            f["parties"] = chosen[0] if k == 1 else chosen
        yield f


def _gap_filters(f: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in f.items() if k != "parties"}


# -- the comparisons ---------------------------------------------------------------------


def test_attendance_equals_the_grid_on_random_slices(ds: sco.Dataset) -> None:
    for f in slices(ds, 15, seed=1):
        pd.testing.assert_frame_equal(participation.attendance(ds, **f),
                                      reference_attendance(ds, **f), obj=f"attendance {f}")


def test_grid_equals_the_old_grid_on_random_slices(ds: sco.Dataset) -> None:
    for f in slices(ds, 10, seed=2):
        pd.testing.assert_frame_equal(participation.grid(ds, **f), reference_grid(ds, **f),
                                      obj=f"grid {f}")


@pytest.mark.parametrize("seed", [3, 4, 5])
def test_attendance_and_grid_on_awkward_data(ds: sco.Dataset, seed: int) -> None:
    odd = awkward(ds, seed)
    for f in slices(odd, 5, seed=seed):
        pd.testing.assert_frame_equal(participation.attendance(odd, **f),
                                      reference_attendance(odd, **f), obj=f"attendance {f}")
    pd.testing.assert_frame_equal(participation.grid(odd), reference_grid(odd))


def test_attendance_of_nothing(ds: sco.Dataset) -> None:
    for f in ({"start": "2200"}, {"parties": "ORG:UN"}, {"series": "ict_ministers",
                                                       "end": "2001"}):
        pd.testing.assert_frame_equal(participation.attendance(ds, **f),
                                      reference_attendance(ds, **f), obj=f"attendance {f}")


def test_gaps_equal_the_frame_sort_on_random_slices(ds: sco.Dataset) -> None:
    statuses = [("held",), ("held", "planned"), ("planned", "postponed", "cancelled")]
    for i, f in enumerate(slices(ds, 12, seed=6)):
        f = _gap_filters(f) | {"status": statuses[i % 3]}
        pd.testing.assert_frame_equal(cadence.gaps(ds, **f), reference_gaps(ds, **f),
                                      obj=f"gaps {f}")


@pytest.mark.parametrize("seed", [7, 8, 9])
def test_gaps_on_awkward_data(ds: sco.Dataset, seed: int) -> None:
    odd = awkward(ds, seed)
    for f in slices(odd, 4, seed=seed):
        f = _gap_filters(f)
        pd.testing.assert_frame_equal(cadence.gaps(odd, **f), reference_gaps(odd, **f),
                                      obj=f"gaps {f}")
    f = {"status": ("held", "planned")}
    pd.testing.assert_frame_equal(cadence.gaps(odd, **f), reference_gaps(odd, **f))


def test_bounds_equal_the_pandas_offsets() -> None:
    rng = np.random.default_rng(10)
    n = 5000
    moments = pd.Series(rng.integers(-3 * 10**18, 3 * 10**18, n).astype("M8[ns]"),
                        index=rng.permutation(n), name="date")
    moments[rng.random(n) < 0.05] = pd.NaT
    words = np.array(["day", "month", "year", "week", None], dtype=object)[
        rng.integers(0, 5, n)]
    precisions = [pd.Series(words, index=moments.index),
                  pd.Series(words, index=moments.index).astype("string"),
                  pd.Series(pd.Categorical(words, categories=["day", "month", "year", "week"]),
                            index=moments.index)]
    for dates in (moments, moments.dt.floor("D"), moments.dt.floor("D").astype("M8[s]")):
        for precision in precisions:
            lo, hi = bounds(dates, precision)
            ref_lo, ref_hi = reference_bounds(dates, precision)
            pd.testing.assert_series_equal(lo, ref_lo)
            pd.testing.assert_series_equal(hi, ref_hi)


def test_lookup_in_two_halves_equals_one_lookup() -> None:
    import pyarrow as pa
    import pyarrow.compute as pc

    rng = np.random.default_rng(11)
    words = np.array(["a", "b", "ab", "", "é", "zz", "x1", "x2", None], dtype=object)
    values = pa.array(rng.choice(words, 300_000).tolist(), pa.large_string())
    wanted = pa.array(["b", "", "zz", "x2", "é", None, "b"], pa.string())
    for v in (values, values.slice(5, 250_000), pa.chunked_array([values[:1000], values])):
        one = pc.fill_null(pc.index_in(v, value_set=wanted), -1).to_numpy(zero_copy_only=False)
        assert np.array_equal(participation._lookup(v, wanted), one)
