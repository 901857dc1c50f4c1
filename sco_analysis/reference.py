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

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterable

NO_STATUS = "none"
BODY_STATUS = "sco_body"
_FAR_FUTURE = pd.Timestamp("2262-04-11")


def _as_datetime(values: object) -> pd.Series:
    return pd.Series(pd.to_datetime(pd.Series(values)).to_numpy(dtype="datetime64[ns]"))


def status_between(
    membership: pd.DataFrame,
    party_types: pd.Series,
    parties: Iterable[str],
    lo: Iterable[object],
    hi: Iterable[object] | None = None,
) -> pd.DataFrame:
    """SCO status of each party over each date range ``[lo, hi]`` (vectorised).

    Args:
        membership: The membership table (party, status, date_from, date_to).
        party_types: ``party_type`` indexed by party code (state / sco_body / organisation).
        parties: Party codes, one per query.
        lo: First day of each query's range.
        hi: Last day of each query's range (default: ``lo``).

    Returns:
        A frame with one row per query: ``status`` (the status over the whole range, or
        ``<NA>`` when it changes within the range), ``status_lo``/``status_hi`` (the
        statuses at both ends) and ``changes`` (True when the status is not constant).

    Examples:
        >>> m = pd.DataFrame({"party": ["BLR", "BLR"], "status": ["observer", "member"],
        ...     "date_from": pd.to_datetime(["2015-07-10", "2024-07-04"]),
        ...     "date_to": pd.to_datetime(["2024-07-04", None])})
        >>> t = pd.Series({"BLR": "state"})
        >>> status_between(m, t, ["BLR", "BLR", "BLR"],
        ...     ["2024-02-01", "2024-07-04", "2024-07-01"],
        ...     ["2024-02-01", "2024-07-04", "2024-07-31"])["status"].tolist()
        ['observer', 'member', <NA>]
    """
    q = pd.DataFrame({"party": pd.Series(list(parties), dtype="string")})
    q["lo"] = _as_datetime(list(lo))
    q["hi"] = q["lo"] if hi is None else _as_datetime(list(hi))
    q["hi"] = q["hi"].fillna(q["lo"])
    q["_i"] = np.arange(len(q))
    if q.empty:
        out = pd.DataFrame({c: pd.Series(dtype="string") for c in
                            ["status", "status_lo", "status_hi"]})
        out["changes"] = pd.Series(dtype=bool)
        return out

    m = membership.loc[:, ["party", "status", "date_from", "date_to"]].copy()
    m["party"] = m["party"].astype("string")
    m["status"] = m["status"].astype("string")
    m["date_from"] = _as_datetime(m["date_from"]).to_numpy()
    m["date_to"] = _as_datetime(m["date_to"]).fillna(_FAR_FUTURE).to_numpy()

    def at(col: str) -> pd.Series:
        s = q[["party", col, "_i"]].sort_values(col)
        right = m.sort_values(["date_from", "date_to"], kind="stable")
        j = pd.merge_asof(s, right, left_on=col, right_on="date_from", by="party",
                          direction="backward")
        inside = j["date_to"] > j[col]
        status = j["status"].where(inside, NO_STATUS).fillna(NO_STATUS)
        return pd.Series(status.to_numpy(), index=j["_i"].to_numpy()).sort_index()

    status_lo, status_hi = at("lo"), at("hi")
    # any interval boundary inside (lo, hi] means the status changes within the range
    bounds = pd.concat([
        m[["party", "date_from"]].rename(columns={"date_from": "b"}),
        m.loc[m["date_to"] < _FAR_FUTURE, ["party", "date_to"]].rename(columns={"date_to": "b"}),
    ]).sort_values("b")
    s = q[["party", "hi", "_i", "lo"]].sort_values("hi")
    last = pd.merge_asof(s, bounds, left_on="hi", right_on="b", by="party",
                         direction="backward")
    changes = pd.Series((last["b"] > last["lo"]).fillna(False).to_numpy(),
                        index=last["_i"].to_numpy()).sort_index()
    out = pd.DataFrame({"status_lo": status_lo.to_numpy(), "status_hi": status_hi.to_numpy(),
                        "changes": changes.to_numpy(dtype=bool)})
    types = q["party"].map(party_types).astype("string").to_numpy()
    for col in ("status_lo", "status_hi"):
        out[col] = np.where(types == "sco_body", BODY_STATUS,
                            np.where(types == "organisation", NO_STATUS, out[col]))
    out.loc[types != "state", "changes"] = False
    out["status"] = pd.Series(out["status_lo"], dtype="string").where(~out["changes"])
    out["status_lo"] = out["status_lo"].astype("string")
    out["status_hi"] = out["status_hi"].astype("string")
    return out[["status", "status_lo", "status_hi", "changes"]]


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
