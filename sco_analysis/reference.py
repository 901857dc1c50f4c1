"""Reference lookups: a party's SCO status as of a date, the SCO chair of a date, names.

All lookups are vectorised as-of joins on the interval tables, so they serve the build (one
row per participant) and analysis (any number of party/date pairs) alike.

Interval conventions (see ``docs/record-format.md``):

- membership intervals are half-open, ``[date_from, date_to)``: a status starts on the day
  of the decision (Belarus is a member at the Astana summit of 2024-07-04 that admitted it);
- chairmanship cycles run ``(date_from, date_to]``: the outgoing chair still presides over
  the summit that closes its cycle (Kazakhstan chaired the Moscow summit of 2003-05-29).
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .schema import SCO_STATUS

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterable

NO_STATUS = "none"
BODY_STATUS = "sco_body"
_FAR_FUTURE = pd.Timestamp("2262-04-11")


def _as_datetime(values: object) -> pd.Series:
    return pd.Series(pd.to_datetime(pd.Series(values)).to_numpy(dtype="datetime64[ns]"))


def _days(values: object) -> np.ndarray:
    """Dates as whole days since 1970 (int64); missing dates as the far future."""
    as_ns = _as_datetime(values).fillna(_FAR_FUTURE)
    return as_ns.to_numpy(dtype="datetime64[D]").astype(np.int64)


def _codes(parties: object) -> tuple[np.ndarray, pd.Index]:
    """Integer codes and their categories; categoricals are used as they are (no copy)."""
    series = parties if isinstance(parties, pd.Series) else pd.Series(list(parties),
                                                                    dtype="object")
    if isinstance(series.dtype, pd.CategoricalDtype):
        return series.cat.codes.to_numpy(dtype=np.int64), series.cat.categories.astype(str)
    cat = pd.Categorical(series.astype("string"))
    return cat.codes.astype(np.int64), pd.Index(cat.categories.astype(str))


_STATUS_CODES = {s: i for i, s in enumerate(SCO_STATUS.values)}
_KEY = np.int64(1) << np.int64(32)
_NEVER = np.iinfo(np.int64).max


def day_range(lo: Iterable[object], hi: Iterable[object] | None = None
              ) -> tuple[np.ndarray, np.ndarray]:
    """First and last whole day (int64 days since 1970) of each range, as looked up.

    A missing first day reads as the far future; a missing last day (or no ``hi``) as the
    first day. :func:`status_between` and :func:`member_spans` read ranges this way.

    Examples:
        >>> lo, hi = day_range(pd.to_datetime(["1970-01-02", "1970-01-05"]), [None, "1970-01-09"])
        >>> lo.tolist(), hi.tolist()
        ([1, 4], [1, 8])
    """
    lo_d = _days(list(lo) if not isinstance(lo, pd.Series) else lo)
    hi_d = lo_d if hi is None else _days(list(hi) if not isinstance(hi, pd.Series) else hi)
    return lo_d, np.where(hi_d == _days([_FAR_FUTURE])[0], lo_d, hi_d)


def status_between(
    membership: pd.DataFrame,
    party_types: pd.Series,
    parties: Iterable[str] | pd.Series,
    lo: Iterable[object],
    hi: Iterable[object] | None = None,
) -> pd.DataFrame:
    """SCO status of each party over each date range ``[lo, hi]`` (vectorised).

    The lookup is a sorted search on (party code, day) keys, so it costs O(n log m) for n
    queries and m intervals; pass ``parties`` as a categorical Series to skip factorising.

    Args:
        membership: The membership table (party, status, date_from, date_to).
        party_types: ``party_type`` indexed by party code (state / sco_body / organisation).
        parties: Party codes, one per query.
        lo: First day of each query's range.
        hi: Last day of each query's range (default: ``lo``).

    Returns:
        A frame with one row per query: ``status`` (the status over the whole range,
        missing when it changes within the range), ``status_lo``/``status_hi`` (the
        statuses at both ends; categoricals of the SCO statuses) and ``changes`` (True when
        the status is not constant).

    Examples:
        >>> m = pd.DataFrame({"party": ["BLR", "BLR"], "status": ["observer", "member"],
        ...     "date_from": pd.to_datetime(["2015-07-10", "2024-07-04"]),
        ...     "date_to": pd.to_datetime(["2024-07-04", None])})
        >>> t = pd.Series({"BLR": "state"})
        >>> status_between(m, t, ["BLR", "BLR", "BLR"],
        ...     ["2024-02-01", "2024-07-04", "2024-07-01"],
        ...     ["2024-02-01", "2024-07-04", "2024-07-31"])["status"].astype("string").tolist()
        ['observer', 'member', <NA>]
    """
    codes, cats = _codes(parties)
    lo_d, hi_d = day_range(lo, hi)
    table = _Intervals(membership, cats)
    s_lo, s_hi = table.status_at(codes, lo_d), table.status_at(codes, hi_d)
    changes = table.changes_within(codes, lo_d, hi_d)
    qtype = _query_types(party_types, cats, codes)
    for array in (s_lo, s_hi):
        array[qtype == "sco_body"] = _STATUS_CODES[BODY_STATUS]
        array[qtype == "organisation"] = _STATUS_CODES[NO_STATUS]
    changes &= qtype == "state"
    dtype = pd.CategoricalDtype(list(SCO_STATUS.values))
    return pd.DataFrame({
        "status": pd.Categorical.from_codes(np.where(changes, -1, s_lo), dtype=dtype),
        "status_lo": pd.Categorical.from_codes(s_lo, dtype=dtype),
        "status_hi": pd.Categorical.from_codes(s_hi, dtype=dtype),
        "changes": changes,
    })


class _Intervals:
    """The membership intervals of the queried parties, sorted by (party code, first day)."""

    def __init__(self, membership: pd.DataFrame, cats: pd.Index):
        code = cats.get_indexer(membership["party"].astype(str))
        keep = code >= 0
        code = code[keep].astype(np.int64)
        start = _days(membership["date_from"])[keep]
        end = _days(membership["date_to"])[keep]
        status = membership["status"].astype(str).map(_STATUS_CODES).to_numpy()[keep]
        order = np.lexsort((end, start, code))
        self.key = code[order] * _KEY + start[order]
        self.code, self.end, self.status = code[order], end[order], status[order]
        finite = end < _days([_FAR_FUTURE])[0]
        self.bounds = np.sort(np.concatenate([code * _KEY + start,
                                              code[finite] * _KEY + end[finite]]))

    def status_at(self, codes: np.ndarray, days: np.ndarray) -> np.ndarray:
        """The status code of each (party, day): the interval holding it, else none."""
        none = _STATUS_CODES[NO_STATUS]
        if not len(self.key):
            return np.full(len(codes), none, dtype=np.int64)
        i = np.searchsorted(self.key, codes * _KEY + days, side="right") - 1
        j = np.clip(i, 0, None)
        inside = (i >= 0) & (self.code[j] == codes) & (self.end[j] > days)
        return np.where(inside & (codes >= 0), self.status[j], none)

    def changes_within(self, codes: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
        """True where an interval of the party starts or ends within (lo, hi]."""
        inside = (np.searchsorted(self.bounds, codes * _KEY + hi, side="right")
                  - np.searchsorted(self.bounds, codes * _KEY + lo, side="right"))
        return inside > 0


def _query_types(party_types: pd.Series, cats: pd.Index, codes: np.ndarray) -> np.ndarray:
    """The party type of each query ('' for a party without one)."""
    types = party_types.copy()
    types.index = types.index.astype(str)
    ptype = types.reindex(cats).astype("string").to_numpy(dtype=object, na_value="")
    return np.where(codes >= 0, ptype[np.clip(codes, 0, None)] if len(ptype) else "", "")


def member_spans(membership: pd.DataFrame, party_types: pd.Series,
                 parties: list[str]) -> pd.DataFrame:
    """The spans of days over which :func:`status_between` says a party is a member.

    Every start or finite end of any of a party's intervals cuts its timeline; between two
    cuts its status cannot change. A range of days ``[lo, hi]`` (read as by
    :func:`day_range`) then has the status ``member`` exactly when one span of the party
    has ``start <= lo < end`` and ``hi < hi_end``: ``hi_end`` is ``end`` for a state and
    unbounded for a party of unknown type (whose status is read at ``lo`` only). The
    status at the start of each span comes from :func:`status_between` itself.

    Args:
        membership: The membership table (party, status, date_from, date_to).
        party_types: ``party_type`` indexed by party code.
        parties: The parties of interest; ``party`` in the result is a position in it.

    Returns:
        One row per member span: ``party`` (int64 position), ``start``, ``end`` and
        ``hi_end`` (int64 days since 1970; ``end`` of the last span is unbounded).

    Examples:
        >>> m = pd.DataFrame({"party": ["BLR", "BLR"], "status": ["observer", "member"],
        ...     "date_from": pd.to_datetime(["1970-01-11", "1970-01-21"]),
        ...     "date_to": pd.to_datetime(["1970-01-21", None])})
        >>> s = member_spans(m, pd.Series({"BLR": "state"}), ["RUS", "BLR"])
        >>> s[["party", "start"]].to_numpy().tolist()  # days since 1970: BLR from 1970-01-21
        [[1, 20]]
    """
    pos = pd.Index(parties, dtype=object).get_indexer(membership["party"].astype(str))
    keep = pos >= 0
    frm, to = _days(membership["date_from"])[keep], _days(membership["date_to"])[keep]
    finite = to < _days([_FAR_FUTURE])[0]
    party = np.concatenate([pos[keep], pos[keep][finite]]).astype(np.int64)
    day = np.concatenate([frm, to[finite]])
    order = np.lexsort((day, party))
    party, day = party[order], day[order]
    first = np.ones(len(day), dtype=bool)
    first[1:] = (party[1:] != party[:-1]) | (day[1:] != day[:-1])
    party, day = party[first], day[first]
    end = np.full(len(day), _NEVER, dtype=np.int64)
    same = party[1:] == party[:-1]
    end[:-1][same] = day[1:][same]
    at = pd.Series(pd.Categorical.from_codes(party, categories=list(parties)))
    status = status_between(membership, party_types, at,
                            pd.Series(day.astype("datetime64[D]")))["status"]
    member = (status == "member").to_numpy()
    types = party_types.copy()
    types.index = types.index.astype(str)
    state = (types.reindex(list(parties)).astype("string") == "state").fillna(False)
    hi_end = np.where(state.to_numpy(dtype=bool)[party], end, _NEVER)
    return pd.DataFrame({"party": party, "start": day, "end": end, "hi_end": hi_end})[member] \
        .reset_index(drop=True)


def chair_on(chairmanship: pd.DataFrame, dates: Iterable[object]) -> pd.Series:
    """The SCO chair (party code) on each date; ``<NA>`` where no cycle covers it.

    A cycle covers the days after its opening summit up to and including its closing one.

    Examples:
        >>> c = pd.DataFrame({"party": ["KAZ", "UZB"],
        ...     "date_from": pd.to_datetime(["2002-06-07", "2003-05-29"]),
        ...     "date_to": pd.to_datetime(["2003-05-29", "2004-06-17"])})
        >>> chair_on(c, ["2003-05-29", "2003-05-30"]).tolist()
        ['KAZ', 'UZB']
    """
    q = pd.DataFrame({"date": _as_datetime(list(dates))})
    q["_i"] = np.arange(len(q))
    if q.empty:
        return pd.Series(dtype="string")
    c = chairmanship.loc[:, ["party", "date_from", "date_to"]].copy()
    c["party"] = c["party"].astype("string")
    c["date_from"] = _as_datetime(c["date_from"]).to_numpy()
    c["date_to"] = _as_datetime(c["date_to"]).fillna(_FAR_FUTURE).to_numpy()
    # (from, to]: the last cycle whose start lies strictly before the date
    c["key"] = c["date_from"] + pd.Timedelta(days=1)
    j = pd.merge_asof(q.sort_values("date"), c.sort_values("key"), left_on="date",
                      right_on="key", direction="backward")
    party = j["party"].where(j["date"] <= j["date_to"])
    return pd.Series(party.to_numpy(), index=j["_i"].to_numpy(),
                     dtype="string").sort_index().reset_index(drop=True)


def normalise_name(name: str) -> str:
    """Fold a name for matching: NFKC, case-folded, punctuation and spaces removed.

    Examples:
        >>> normalise_name("Kyrgyz Republic") == normalise_name("kyrgyz-republic")
        True
    """
    text = unicodedata.normalize("NFKC", name).casefold()
    return re.sub(r"[\W_]+", "", text)


class NameNormaliser:
    """Map any known spelling of a party (English, Russian, Chinese) to its code.

    Built from the ``parties`` and ``name_variants`` tables.

    Examples:
        >>> parties = pd.DataFrame({"party": ["KGZ"], "name_en": ["Kyrgyzstan"],
        ...     "name_ru": ["Киргизия"], "name_zh": ["吉尔吉斯斯坦"]})
        >>> variants = pd.DataFrame({"party": ["KGZ"], "variant": ["Kyrgyz Republic"]})
        >>> n = NameNormaliser(parties, variants)
        >>> n("Киргизия"), n("kyrgyz republic"), n("KGZ"), n("Atlantis")
        ('KGZ', 'KGZ', 'KGZ', None)
    """

    def __init__(self, parties: pd.DataFrame, variants: pd.DataFrame):
        names: dict[str, str] = {}
        for col in ("name_en", "name_ru", "name_zh", "official_name_en"):
            if col in parties:
                for code, name in zip(parties["party"], parties[col], strict=True):
                    if isinstance(name, str):
                        names.setdefault(normalise_name(name), str(code))
        for code, name in zip(variants["party"], variants["variant"], strict=True):
            names.setdefault(normalise_name(str(name)), str(code))
        for code in parties["party"]:
            names[normalise_name(str(code))] = str(code)
        self._names = names
        self._display = {str(c): str(n) for c, n in zip(parties["party"], parties["name_en"],
                                                          strict=True)}

    def __call__(self, name: str) -> str | None:
        """The code of ``name``, or None when no known spelling matches."""
        return self._names.get(normalise_name(name))

    def suggest(self, text: str) -> str | None:
        """A 'did you mean' for an unknown code or name: ``'KGZ (Kyrgyzstan)'`` or None."""
        import difflib

        code = self(text)
        key = normalise_name(text)
        if code is None and len(key) >= 3:
            starts = {c for name, c in self._names.items() if name.startswith(key)}
            code = starts.pop() if len(starts) == 1 else None
        if code is None:
            close = difflib.get_close_matches(key, list(self._names), n=1, cutoff=0.75)
            code = self._names[close[0]] if close else None
        if code is None:
            return None
        return f"{code} ({self._display.get(code, code)})"

    def closest(self, text: str, n: int = 3) -> list[str]:
        """The parties whose names are closest to ``text``: ``['KGZ (Kyrgyzstan)', ...]``.

        Examples:
            >>> parties = pd.DataFrame({"party": ["KGZ", "KAZ"], "name_en": ["Kyrgyzstan",
            ...     "Kazakhstan"], "name_ru": [None, None], "name_zh": [None, None]})
            >>> n = NameNormaliser(parties, pd.DataFrame({"party": [], "variant": []}))
            >>> n.closest("Kazakstan")
            ['KAZ (Kazakhstan)', 'KGZ (Kyrgyzstan)']
        """
        import difflib

        key = normalise_name(text)
        codes: list[str] = []
        for name in difflib.get_close_matches(key, list(self._names), n=20, cutoff=0.4):
            code = self._names[name]
            if code not in codes:
                codes.append(code)
        return [f"{c} ({self._display.get(c, c)})" for c in codes[:n]]
