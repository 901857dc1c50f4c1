"""Participation: who came, at what level, with what SCO status on the day.

The *grid* is the cross product of meetings and the parties that matter for them (every
party that attended one of them, and every state that was a member on one of their dates),
with the SCO status of each party on each meeting's date derived from the membership
intervals. From it come the party x meeting matrix, attendance rates among the meetings a
party was eligible for, and the delegation-level mix.

Examples:
    >>> import sco_analysis as sco
    >>> from sco_analysis.analysis import participation
    >>> ds = sco.load()
    >>> g = participation.grid(ds, series="ict_ministers", parties=["BLR"])
    >>> g[["event_id", "status_at_event", "attended"]].values.tolist()
    ... # doctest: +NORMALIZE_WHITESPACE
    [['ict_ministers_1_2021', 'observer', False], ['ict_ministers_2_2023', 'observer', False],
     ['ict_ministers_3_2024', 'observer', False], ['ict_ministers_4_2025', 'member', False]]
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..reference import chair_on, status_between
from ..schema import PERSON_LEVEL
from ._common import as_dataset, event_bounds

if TYPE_CHECKING:  # pragma: no cover
    from ..dataset import Dataset



def table(data: Dataset | Mapping[str, pd.DataFrame], *,
          series: str | list[str] | None = None, start: Any = None, end: Any = None,
          parties: str | list[str] | None = None) -> pd.DataFrame:
    """One row per party at each event, with the event's date, series, title and status.

    ``event_status`` says whether the event took place: the parties of a ``planned``
    meeting are those announced, not attendance.

    Examples:
        >>> import sco_analysis as sco
        >>> t = table(sco.load(), series="ict_ministers", parties="IND")
        >>> t[["event_id", "delegation_level", "status_at_event"]].values.tolist()
        ... # doctest: +NORMALIZE_WHITESPACE
        [['ict_ministers_2_2023', 'minister', 'member'],
         ['ict_ministers_3_2024', 'ambassador', 'member']]
    """
    ds = as_dataset(data, start=start, end=end, series=series, parties=parties)
    ev = ds.events[["event_id", "date_start", "date_precision", "series_id", "series_number",
                    "title", "status"]].rename(columns={"status": "event_status"})
    names = ds.parties.set_index("party")["name_en"]
    out = ds.participants.merge(ev, on="event_id", how="inner", validate="many_to_one")
    out["party_name"] = out["party"].map(names).astype("string")
    out = out.sort_values(["date_start", "event_id", "party"], kind="stable")
    return out[["event_id", "date_start", "date_precision", "event_status", "series_id",
                "series_number", "title", "party", "party_name", "role", "is_host",
                "is_chair", "delegation_level", "status_at_event", "basis"]].reset_index(
                    drop=True)


def accession_order(data: Dataset | Mapping[str, pd.DataFrame]) -> list[str]:
    """Party codes ordered by accession: founders, then by the date of membership.

    States that never became members follow, by the date of their first status; states
    without status and bodies come last, alphabetically.

    Examples:
        >>> import sco_analysis as sco
        >>> accession_order(sco.load())[:10]
        ['CHN', 'KAZ', 'KGZ', 'RUS', 'TJK', 'UZB', 'IND', 'PAK', 'IRN', 'BLR']
    """
    ds = as_dataset(data)
    m = ds.membership
    first_member = m[m["status"] == "member"].groupby("party", observed=True)["date_from"].min()
    first_any = m.groupby("party", observed=True)["date_from"].min()
    p = ds.parties[["party", "party_type"]].copy()
    p["party"] = p["party"].astype(str)
    p["member_from"] = p["party"].map(first_member.rename(index=str))
    p["status_from"] = p["party"].map(first_any.rename(index=str))
    p["group"] = np.select([p["member_from"].notna(), p["status_from"].notna(),
                            p["party_type"] == "state"], [0, 1, 2], default=3)
    p["key"] = p["member_from"].fillna(p["status_from"])
    return p.sort_values(["group", "key", "party"])["party"].tolist()


def grid(data: Dataset | Mapping[str, pd.DataFrame], *,
         series: str | list[str] | None = None, start: Any = None, end: Any = None,
         parties: str | list[str] | None = None) -> pd.DataFrame:
    """Meetings x parties: attendance, delegation level and SCO status on each date.

    Parties are every party that attended one of the meetings and every state that was a
    member on one of their dates (restricted to ``parties`` when given). Only meetings that
    took place are included.

    Returns:
        Columns ``event_id, date_start, series_id, party, attended, delegation_level``
        (missing when absent), ``status_at_event`` (derived for every cell; missing when the
        date is too imprecise to tell), ``participants_complete`` and ``eligible`` (a
        member on the date of a meeting whose participants are fully listed).

    Examples:
        >>> import sco_analysis as sco
        >>> g = grid(sco.load(), series="ict_expert_group")
        >>> int(g["eligible"].sum()), int(g["attended"].sum())
        (10, 11)
    """
    ds = as_dataset(data, start=start, end=end, series=series)
    ev = ds.events[ds.events["status"] == "held"].sort_values(["date_start", "event_id"],
                                                              kind="stable")
    lo, hi = event_bounds(ev)
    members = ds.membership[ds.membership["status"] == "member"]
    # states that were members on some meeting's dates (a loop over intervals, not events)
    ev_lo, ev_hi = lo.to_numpy(), hi.to_numpy()
    member_codes = {str(p) for p, a, b in zip(
        members["party"], members["date_from"].to_numpy(),
        members["date_to"].fillna(pd.Timestamp.max).to_numpy(), strict=True)
        if ((ev_lo < b) & (ev_hi >= a)).any()}
    attended = ds.participants[ds.participants["event_id"].isin(ev["event_id"])]
    codes = member_codes | set(attended["party"].astype(str))
    if parties is not None:
        codes &= set(ds.party_codes(parties))
    order = [c for c in accession_order(ds) if c in codes]
    n_ev, n_p = len(ev), len(order)
    e_idx = np.repeat(np.arange(n_ev), n_p)
    p_idx = np.tile(np.arange(n_p), n_ev)
    party = pd.Categorical.from_codes(p_idx, categories=order)
    types = ds.parties.set_index(ds.parties["party"].astype(str))["party_type"]
    status = status_between(ds.membership, types, pd.Series(party), lo.iloc[e_idx],
                            hi.iloc[e_idx])
    # attendance and level, by cell number (event index x number of parties + party index)
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


def matrix(data: Dataset | Mapping[str, pd.DataFrame], *, value: str = "delegation_level",
           series: str | list[str] | None = None, start: Any = None, end: Any = None,
           parties: str | list[str] | None = None) -> pd.DataFrame:
    """Parties (rows, by accession) x meetings (columns, by date) of one grid column.

    Args:
        value: ``delegation_level``, ``status_at_event`` or ``attended``.

    Examples:
        >>> import sco_analysis as sco
        >>> m = matrix(sco.load(), series="ict_ministers", value="attended")
        >>> m.loc["KAZ"].tolist()
        [False, False, True, False]
    """
    if value not in ("delegation_level", "status_at_event", "attended"):
        raise ValueError(f"value must be delegation_level, status_at_event or attended, "
                         f"not {value!r}")
    g = grid(data, series=series, start=start, end=end, parties=parties)
    events = g.drop_duplicates("event_id")["event_id"].tolist()
    wide = g.pivot(index="party", columns="event_id", values=value)
    wide = wide.reindex(columns=events)
    wide.index = wide.index.astype(str)
    wide.columns.name = "event_id"
    return wide


def attendance(data: Dataset | Mapping[str, pd.DataFrame], *,
               series: str | list[str] | None = None, start: Any = None, end: Any = None,
               parties: str | list[str] | None = None) -> pd.DataFrame:
    """Attendance of each party among the meetings it was eligible for.

    A party is eligible for a meeting when it was a member on the meeting's date and the
    sources list every participant of that meeting (``events.participants_complete``);
    meetings with partial lists say nothing about who stayed away.

    Returns:
        One row per party: ``party, eligible, attended_eligible, rate`` (missing without
        eligible meetings), ``attended`` (all meetings), ``first_attended, last_attended``.

    Examples:
        >>> import sco_analysis as sco
        >>> a = attendance(sco.load(), series="ict_expert_group").set_index("party")
        >>> print(a.loc["BLR", "eligible"], a.loc["BLR", "attended_eligible"],
        ...       a.loc["BLR", "rate"])
        1 1 1.0
    """
    g = grid(data, series=series, start=start, end=end, parties=parties)
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


def delegation_mix(data: Dataset | Mapping[str, pd.DataFrame], *, by_status: bool = False,
                   drop_zero: bool = False, series: str | list[str] | None = None,
                   start: Any = None, end: Any = None,
                   parties: str | list[str] | None = None) -> pd.DataFrame:
    """How often each party came at each delegation level (tidy, zeros included).

    With ``by_status`` the counts are split by the party's SCO status on the day, which
    shows whether the level changes once a country becomes a member. ``drop_zero`` leaves
    out the combinations that never occurred.

    Examples:
        >>> import sco_analysis as sco
        >>> mix = delegation_mix(sco.load(), series="ict_ministers", parties="IND")
        >>> mix[mix.n > 0][["delegation_level", "n"]].values.tolist()
        [['minister', 1], ['ambassador', 1]]
    """
    ds = as_dataset(data, start=start, end=end, series=series, parties=parties)
    p = ds.participants[ds.participants["event_id"].isin(
        ds.events.loc[ds.events["status"] == "held", "event_id"])]
    keys = ["party", "status_at_event", "delegation_level"] if by_status else \
        ["party", "delegation_level"]
    p = p.assign(party=p["party"].cat.remove_unused_categories())
    if by_status:
        p = p.assign(status_at_event=p["status_at_event"].cat.remove_unused_categories())
    counts = p.groupby(keys, observed=False, sort=True).size().rename("n").reset_index()
    totals = counts.groupby(keys[:-1], observed=True)["n"].transform("sum")
    counts["n"] = counts["n"].astype("Int64")
    counts["share"] = (counts["n"] / totals.replace(0, pd.NA)).astype("Float64")
    if drop_zero:
        counts = counts[counts["n"] > 0].reset_index(drop=True)
    return counts


def hosts_and_chairs(data: Dataset | Mapping[str, pd.DataFrame], *,
                     only_differences: bool = False, series: str | list[str] | None = None,
                     start: Any = None, end: Any = None) -> pd.DataFrame:
    """Host and chair of each meeting beside the SCO chairmanship of that date.

    The chairmanship of a date is the country whose cycle covers it; on a summit that
    closes a cycle that is the outgoing chair, who presides. ``only_differences`` keeps
    the meetings whose chair is not the host or not the SCO chair of the date.

    Examples:
        >>> import sco_analysis as sco
        >>> h = hosts_and_chairs(sco.load(), series="heads_of_state")
        >>> h.loc[h.event_id == "moscow_chs_2003", ["host", "chair", "sco_chair"]].values.tolist()
        [['RUS', 'KAZ', 'KAZ']]
    """
    ds = as_dataset(data, start=start, end=end, series=series)
    ev = ds.events
    lo, hi = event_bounds(ev)
    c_lo, c_hi = chair_on(ds.chairmanship, lo), chair_on(ds.chairmanship, hi)
    sco_chair = c_lo.where(c_lo.fillna("") == c_hi.fillna(""))
    out = ev[["event_id", "date_start", "date_precision", "series_id", "title", "status",
              "host", "chair", "chair_basis"]].reset_index(drop=True)
    out["sco_chair"] = pd.Categorical(sco_chair.to_numpy(dtype=object),
                                      categories=ev["host"].cat.categories)
    host, chair = out["host"].astype("string"), out["chair"].astype("string")
    out["chair_is_host"] = (chair == host).astype("boolean").where(chair.notna() &
                                                                   host.notna())
    out["chair_is_sco_chair"] = (chair == out["sco_chair"].astype("string")).astype(
        "boolean").where(chair.notna() & out["sco_chair"].notna())
    if only_differences:
        differs = (out["chair_is_host"] == False) | (out["chair_is_sco_chair"] == False)  # noqa: E712
        out = out[differs.fillna(False)].reset_index(drop=True)
    return out
