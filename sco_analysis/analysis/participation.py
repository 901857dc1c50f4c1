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
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..reference import chair_on, day_range, member_spans, status_between
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


_HELD_COLUMNS = ["event_id", "date_start", "date_end", "date_precision", "series_id",
                 "participants_complete"]


def _held(ds: Dataset) -> pd.DataFrame:
    """The meetings that took place (the columns participation needs), in table order."""
    ev = ds.events
    return ev.loc[(ev["status"] == "held").to_numpy(dtype=bool), _HELD_COLUMNS]


def _arrow_strings(values: pd.Series | list[str]) -> pa.Array | pa.ChunkedArray:
    """Values as an Arrow string array (no copy for pyarrow-backed strings)."""
    series = values if isinstance(values, pd.Series) else pd.Series(values, dtype="object")
    if not isinstance(series.dtype, pd.StringDtype):
        series = series.astype("string")
    return pa.array(series.array)


def _lookup(values: pa.Array | pa.ChunkedArray,
            wanted: pd.Series | list[str] | pa.Array) -> np.ndarray:
    """Position of each value in ``wanted`` (-1 when absent or missing), by Arrow hashing.

    Arrow's ``index_in`` uses one core: large inputs are split in two halves by the last
    byte of each string (equal strings fall in the same half) and looked up in two threads.
    """
    targets = wanted if isinstance(wanted, pa.Array) else _arrow_strings(wanted)
    if len(values) + len(targets) < 200_000:
        return _index_in(values, targets)
    values, targets = (a.combine_chunks() if isinstance(a, pa.ChunkedArray) else a
                       for a in (values, targets))
    halves = [(np.flatnonzero(_last_bit(values) == k), np.flatnonzero(_last_bit(targets) == k))
              for k in (0, 1)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        found = list(pool.map(lambda h: _index_in(values.take(pa.array(h[0])),
                                                  targets.take(pa.array(h[1]))), halves))
    out = np.full(len(values), -1, dtype=np.int64)
    for (at, of), f in zip(halves, found, strict=True):
        out[at] = np.where(f >= 0, of[np.maximum(f, 0)], -1)
    return out


def _index_in(values: pa.Array | pa.ChunkedArray, targets: pa.Array) -> np.ndarray:
    found = pc.index_in(values, value_set=targets)
    return np.asarray(pc.fill_null(found, -1).to_numpy(zero_copy_only=False), dtype=np.int64)


def _last_bit(strings: pa.Array) -> np.ndarray:
    """The lowest bit of the last byte of each string (0 for empty and missing ones)."""
    wide = pa.types.is_large_string(strings.type) or pa.types.is_large_binary(strings.type)
    _, offsets, data = strings.buffers()
    ends = np.frombuffer(offsets, dtype=np.int64 if wide else np.int32)[
        strings.offset:strings.offset + len(strings) + 1]
    if data is None or not len(data):
        return np.zeros(len(strings), dtype=np.uint8)
    last = np.frombuffer(data, dtype=np.uint8)[np.maximum(ends[1:] - 1, 0)] & 1
    valid = np.asarray(pc.is_valid(strings).to_numpy(zero_copy_only=False), dtype=bool)
    return np.where((ends[1:] > ends[:-1]) & valid, last, 0).astype(np.uint8)


def _positions(values: pd.Series, wanted: pd.Series | list[str]) -> np.ndarray:
    """Position of each value in ``wanted`` (-1 when absent or missing).

    Categoricals are looked up by category, then spread to the rows by their codes.
    """
    if isinstance(values.dtype, pd.CategoricalDtype):
        at = _lookup(_arrow_strings(pd.Series(values.cat.categories.astype(str))), wanted)
        return np.append(at, -1)[values.cat.codes.to_numpy()]
    return _lookup(_arrow_strings(values), wanted)


class _Runs:
    """Rows of a table matched to meetings by ``event_id``: one lookup per run of rows.

    Participant rows come in runs of one event (the table is sorted by ``event_id``), so
    each run's id is looked up once and the answer spread over its rows; any order works.
    """

    def __init__(self, event_id: pa.Array, meetings: pa.Array):
        runs = pc.run_end_encode(event_id, run_end_type=pa.int64())
        self.lengths = np.diff(np.r_[0, runs.run_ends.to_numpy()])
        self.meeting = _lookup(runs.values, meetings)

    @classmethod
    def of(cls, event_id: pd.Series, meetings: pd.Series) -> _Runs:
        """Match the ``event_id`` column of a table to the meetings' ids."""
        return cls(*_contiguous(event_id, meetings))

    def spread(self, per_run: np.ndarray) -> np.ndarray:
        """A value per run, repeated for each row of the run."""
        return np.repeat(per_run, self.lengths)


def _contiguous(*columns: pd.Series) -> list[pa.Array]:
    """String columns as single Arrow arrays."""
    arrays = [_arrow_strings(c) for c in columns]
    return [a.combine_chunks() if isinstance(a, pa.ChunkedArray) else a for a in arrays]


def _member_parties(starts: np.ndarray, ends: np.ndarray,
                    membership: pd.DataFrame) -> set[str]:
    """States that were members on some day of some meeting.

    ``starts`` are the meetings' first days in ascending order (no missing ones), ``ends``
    their last days. A member interval ``[from, to)`` meets a meeting when some meeting
    starts before ``to`` and ends on or after ``from``: one sorted search per interval
    over the starts, against the running latest end.
    """
    members = membership[(membership["status"] == "member").to_numpy(dtype=bool)]
    if not len(starts) or members.empty:
        return set()
    first = starts.astype("datetime64[ns]").view(np.int64)
    latest_end = np.maximum.accumulate(ends.astype("datetime64[ns]").view(np.int64))
    a = members["date_from"].to_numpy(dtype="datetime64[ns]")
    b = members["date_to"].fillna(pd.Timestamp.max).to_numpy(dtype="datetime64[ns]")
    before = np.searchsorted(first, b.view(np.int64), side="left")
    meets = (before > 0) & ~np.isnat(a) & ~np.isnat(b) & (
        latest_end[np.maximum(before - 1, 0)] >= a.view(np.int64))
    return set(members["party"].astype(str).to_numpy(dtype=object)[meets])


def _parties_of(ds: Dataset, members: set[str], attended: set[str],
                parties: str | list[str] | None) -> list[str]:
    """The parties of the grid, by accession: members on some meeting's dates, attendees.

    Only ``parties``, or the parties of the slice ``ds`` holds, when either is given.
    """
    codes = members | attended
    if parties is not None:
        codes &= set(ds.party_codes(parties))
    if ds.slice.parties is not None:
        codes &= set(ds.slice.parties)
    return [c for c in accession_order(ds) if c in codes]


def _present(party: pd.Series, rows: np.ndarray) -> set[str]:
    """The distinct parties of the rows marked True, as strings."""
    if isinstance(party.dtype, pd.CategoricalDtype):
        codes = party.cat.codes.to_numpy()[rows]
        seen = np.bincount(codes[codes >= 0], minlength=len(party.cat.categories)) > 0
        return {str(c) for c in party.cat.categories[seen]}
    return set(party[rows].astype(str))


def _types(ds: Dataset) -> pd.Series:
    """``party_type`` indexed by party code (as strings)."""
    return ds.parties.set_index(ds.parties["party"].astype(str))["party_type"]


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
    ev = _held(ds).sort_values(["date_start", "event_id"], kind="stable")
    lo, hi = event_bounds(ev)
    runs = _Runs.of(ds.participants["event_id"], ev["event_id"])
    a_ev = runs.spread(runs.meeting)
    dated = ~np.isnat(lo.to_numpy())  # missing dates sort last
    members = _member_parties(lo.to_numpy()[dated], hi.to_numpy()[dated], ds.membership)
    order = _parties_of(ds, members, _present(ds.participants["party"], a_ev >= 0), parties)
    n_ev, n_p = len(ev), len(order)
    e_idx = np.repeat(np.arange(n_ev), n_p)
    party = pd.Categorical.from_codes(np.tile(np.arange(n_p), n_ev), categories=order)
    status = status_between(ds.membership, _types(ds), pd.Series(party), lo.iloc[e_idx],
                            hi.iloc[e_idx])
    present, level = _cells(ds.participants, a_ev, order, n_ev)
    complete = ev["participants_complete"].to_numpy(dtype=bool)[e_idx]
    out = pd.DataFrame({
        "event_id": ev["event_id"].array.take(e_idx),
        "date_start": ev["date_start"].to_numpy()[e_idx],
        "series_id": ev["series_id"].array.take(e_idx),
        "party": party,
        "attended": present,
        "delegation_level": level,
        "status_at_event": status["status"].to_numpy(),
        "participants_complete": complete,
    })
    out["event_id"] = out["event_id"].astype("string")
    out["series_id"] = out["series_id"].astype(ds.events["series_id"].dtype)
    out["eligible"] = (out["status_at_event"] == "member").to_numpy() & complete
    return out


def _cells(participants: pd.DataFrame, a_ev: np.ndarray, order: list[str],
           n_ev: int) -> tuple[np.ndarray, pd.Categorical]:
    """Attendance and delegation level of every cell (event index x parties + party index)."""
    n_p = len(order)
    a_p = _positions(participants["party"], order)
    ok = (a_ev >= 0) & (a_p >= 0)
    cell = a_ev[ok] * n_p + a_p[ok]
    present = np.zeros(n_ev * n_p, dtype=bool)
    present[cell] = True
    level = np.full(n_ev * n_p, -1, dtype=np.int16)
    level[cell] = _positions(participants["delegation_level"], list(PERSON_LEVEL.values))[ok]
    return present, pd.Categorical.from_codes(
        level, dtype=pd.CategoricalDtype(PERSON_LEVEL.values, ordered=True))


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

    The counts are those of :func:`grid`, without building it: a party's eligible meetings
    are the complete ones whose dates lie inside one of its member spans
    (:func:`sco_analysis.reference.member_spans`), its attended ones are its participant
    rows at held meetings.

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
    ds = as_dataset(data, start=start, end=end, series=series)
    ev = _held(ds)
    with ThreadPoolExecutor(max_workers=1) as pool:  # Arrow hashes ids while numpy works
        runs = pool.submit(_Runs, *_contiguous(ds.participants["event_id"], ev["event_id"]))
        lo, hi = event_bounds(ev)
        by_date = _DateOrder(ev["date_start"])
        members = _member_parties(*by_date.sorted(lo, hi), ds.membership)
        spans = _Eligibility(ds, ev, lo, hi)
        rows = _Attended(ds.participants["party"], runs.result(), len(ev), by_date)
    order = _parties_of(ds, members, rows.parties(), parties)
    col, (who, eligible) = rows.columns(order), spans.of(order)
    counts = {name: np.zeros(len(order), dtype=np.int64)
              for name in ("eligible", "attended_eligible")}
    counts["eligible"][who] = eligible.sum(axis=1)
    counts["attended_eligible"][who] = np.count_nonzero(
        rows.present[:, col[who]] & eligible.T, axis=0)
    counts["attended"] = rows.count[col]
    return _attendance_frame(order, counts, by_date.date_of(rows.first[col]),
                             by_date.date_of(rows.last[col]))


class _DateOrder:
    """Meetings ranked by start date (missing dates last)."""

    def __init__(self, date_start: pd.Series):
        self.dates = date_start.to_numpy()
        missing = np.isnat(self.dates)
        self.n_dated = int(len(missing) - missing.sum())
        key = np.where(missing, np.iinfo(np.int64).max, self.dates.view(np.int64))
        self.order = np.argsort(key, kind="stable")

    def sorted(self, lo: pd.Series, hi: pd.Series) -> tuple[np.ndarray, np.ndarray]:
        """``lo`` and ``hi`` of the dated meetings, by start date."""
        dated = self.order[:self.n_dated]
        return lo.to_numpy()[dated], hi.to_numpy()[dated]

    def date_of(self, rank: np.ndarray) -> np.ndarray:
        """The start date of the meeting of each rank (NaT outside ``0 .. n_dated - 1``)."""
        by_rank = np.append(self.dates[self.order[:self.n_dated]],
                            np.array("NaT", dtype=self.dates.dtype))
        return by_rank[np.where((rank >= 0) & (rank < self.n_dated), rank, self.n_dated)]


class _Attended:
    """Which party (category of the ``party`` column) has rows at which meeting.

    Rows come in runs of one event (the table is sorted by ``event_id``): each run's id is
    looked up once among the meetings, by Arrow hashing, and spread over its rows.
    """

    def __init__(self, party: pd.Series, runs: _Runs, n_ev: int, by_date: _DateOrder):
        if not isinstance(party.dtype, pd.CategoricalDtype):
            party = party.astype("category")
        self.categories = party.cat.categories.astype(str)
        n_c = len(self.categories)
        width = n_c + 2  # a column for rows without a party, and one always empty
        held = runs.meeting >= 0
        code = party.cat.codes.to_numpy() % (n_c + 1)  # missing (-1) -> column n_c
        base = np.where(held, runs.meeting, n_ev) * width
        cell = runs.spread(base.astype(np.int32 if (n_ev + 1) * width < 2**31 else np.int64))
        cell += code
        present = np.zeros((n_ev + 1, width), dtype=bool)
        present.reshape(-1)[cell] = True
        self.present = present[:-1]
        self.count = np.bincount(code[runs.spread(held)], minlength=width)
        if np.count_nonzero(self.present[:, :n_c]) != self.count[:n_c].sum():
            self.count = np.count_nonzero(self.present, axis=0)  # a party twice at a meeting
        dated = by_date.order[:by_date.n_dated]
        self.first = self._first_in(dated)
        self.last = len(dated) - 1 - self._first_in(dated[::-1])

    def _first_in(self, meetings: np.ndarray) -> np.ndarray:
        """For each column, the position in ``meetings`` of the first one marked in it.

        ``len(meetings)`` where none is. Blocks of doubling size are searched from the
        start, so a party that takes part at all is usually found in the first block.
        """
        found = np.full(self.present.shape[1], len(meetings), dtype=np.int64)
        todo = np.flatnonzero(self.count > 0)
        start, size = 0, 1024
        while len(todo) and start < len(meetings):
            block = self.present[meetings[start:start + size]][:, todo]
            hit = block.any(axis=0)
            found[todo[hit]] = start + block.argmax(axis=0)[hit]
            todo, start, size = todo[~hit], start + size, size * 2
        return found

    def parties(self) -> set[str]:
        """The parties with a row at one of the meetings."""
        return set(self.categories[self.count[:len(self.categories)] > 0])

    def columns(self, order: list[str]) -> np.ndarray:
        """The column of each party of ``order`` (the last, empty one when it has none)."""
        at = pd.Index(self.categories).get_indexer(order)
        return np.where(at >= 0, at, len(self.categories) + 1)


class _Eligibility:
    """For each party that is ever a member, the meetings it is eligible for.

    Eligible: a member over the meeting's dates (inside one of its member spans, see
    :func:`sco_analysis.reference.member_spans`), and the meeting's participants listed
    completely. One boolean mask over the meetings per span: there are a few spans.
    """

    def __init__(self, ds: Dataset, ev: pd.DataFrame, lo: pd.Series, hi: pd.Series):
        self.parties = sorted(set(ds.membership["party"].dropna().astype(str)))
        lo_d, hi_d = day_range(lo, hi)
        complete = ev["participants_complete"].to_numpy(dtype=bool)
        spans = member_spans(ds.membership, _types(ds), self.parties)
        self.eligible = np.zeros((len(self.parties), len(ev)), dtype=bool)
        for party, first, end, hi_end in spans.to_numpy():
            self.eligible[party] |= complete & (lo_d >= first) & (lo_d < end) & (hi_d < hi_end)

    def of(self, order: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Positions in ``order`` of the parties that are ever members, and their masks."""
        at = pd.Index(order).get_indexer(self.parties)
        return at[at >= 0], self.eligible[at >= 0]


def _attendance_frame(order: list[str], counts: dict[str, np.ndarray], first: np.ndarray,
                      last: np.ndarray) -> pd.DataFrame:
    """The attendance table, typed as the group-by over the grid types it."""
    out = pd.DataFrame({c: pd.array(v, dtype="Int64") for c, v in counts.items()})
    out["first_attended"], out["last_attended"] = first, last
    out["rate"] = (out["attended_eligible"] / out["eligible"].replace(0, pd.NA)).astype(
        "Float64")
    out.insert(0, "party", pd.array(order, dtype="string"))
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
