"""Step 4: the reference intervals, membership statuses and chairmanship cycles."""

from __future__ import annotations

import datetime
import itertools
from collections import defaultdict
from typing import Any

from ..dates import format_date
from ..records import Row
from .context import Context


def membership_id(row: Row) -> str | None:
    """The id of a membership row in citations and claims: ``party:status:date_from``."""
    v = row.values
    if v.get("party") is None or v.get("status") is None or v.get("date_from") is None:
        return None
    return f"{v['party']}:{v['status']}:{v['date_from'][0].isoformat()}"


def check_intervals(ctx: Context) -> None:
    """Known states, day-precise ends in order, sources; unique ids; no overlaps."""
    parties = ctx.registries["parties"]
    for table in ("membership", "chairmanship"):
        for r in ctx.rows[table]:
            v = r.values
            ctx.check_party(v.get("party"), r, "party", "party")
            if table == "membership" and parties.get(v.get("party")) is not None:
                ptype = parties[v["party"]].values.get("party_type")
                if ptype != "state":
                    ctx.add(r.loc, "party", "party", f"{v['party']} (a {ptype})",
                            "a state: only states hold SCO membership statuses")
            for key in ("date_from", "date_to"):
                if v.get(key) is not None and v[key][1] != "day":
                    ctx.add(r.loc, key, key, f"{format_date(*v[key])} ({v[key][1]} precision)",
                            "a day (YYYY-MM-DD)")
            lo, hi = v.get("date_from"), v.get("date_to")
            if lo is not None and hi is not None and hi[0] < lo[0]:
                ctx.add(r.loc, "date_to", "date_to",
                        f"{format_date(*hi)}, before date_from {format_date(*lo)}",
                        "an end on or after the start")
            ctx.check_sources(r, None)
    ctx.unique("membership", membership_id, "status interval", "date_from")
    ctx.unique("chairmanship", lambda r: r.values.get("cycle"), "cycle", "cycle")
    _check_overlaps(ctx, "membership", by_party=True)
    _check_overlaps(ctx, "chairmanship", by_party=False)


def _check_overlaps(ctx: Context, table: str, by_party: bool) -> None:
    groups: dict[Any, list[Row]] = defaultdict(list)
    for r in ctx.rows[table]:
        if r.values.get("date_from") is None:
            continue
        groups[r.values.get("party") if by_party else None].append(r)
    for group in groups.values():
        group.sort(key=lambda r: (r.values["date_from"][0],
                                  (r.values.get("date_to") or (datetime.date.max,))[0]))
        for prev, cur in itertools.pairwise(group):
            prev_to = (prev.values.get("date_to") or (datetime.date.max,))[0]
            cur_from = cur.values["date_from"][0]
            zero = prev.values["date_from"][0] == prev_to
            if cur_from < prev_to and not zero:
                what = f"{cur.values.get('party')} " if by_party else ""
                ctx.add(cur.loc, "date_from", "date_from",
                        f"{what}{cur_from.isoformat()}, inside the interval on line "
                        f"{prev.loc.line} (to {prev_to.isoformat()})",
                        "intervals that do not overlap")
