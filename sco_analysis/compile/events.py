"""Step 2: series, events, their participants and people; derived participant rows."""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

import pandas as pd

from .. import dates
from ..dates import format_date
from ..problems import Problem, quote
from ..records import Loc, Row
from ..reference import status_between
from ..schema import PERSON_LEVEL
from .context import Context, period, person_id

LEVEL_RANK = {v: i for i, v in enumerate(PERSON_LEVEL.values)}
#: A derived participant row: column values (plus ``_event`` and ``_field``) and its place.
Item = tuple[dict[str, Any], Loc]


def check_series(ctx: Context) -> None:
    """What a series refers to exists; cadence months and basis come together."""
    for r in ctx.rows["series"]:
        v = r.values
        ctx.check_ref(v.get("established_by"), "events", r, "established_by",
                      r.name("established_by"), "event")
        for i, d in enumerate(v.get("implements") or ()):
            ctx.check_ref(d, "documents", r, "implements", r.name(f"implements[{i}]"),
                          "document")
        if (v.get("cadence_months") is None) != (v.get("cadence_basis") is None):
            ctx.add(r.loc, "cadence_basis", r.name("cadence_basis"),
                    quote(v.get("cadence_basis")) + f" with cadence_months "
                    f"{quote(v.get('cadence_months'))}",
                    "both cadence_months and cadence_basis, or neither")
        ctx.check_sources(r, None)


def list_participants(ctx: Context) -> None:
    """Each event's listed participants by party code, each party once."""
    members_of: dict[int, dict[str, Row]] = defaultdict(dict)
    for p in ctx.rows["participants"]:
        assert p.parent is not None
        code = p.values.get("party")
        if not ctx.check_party(code, p, "party", p.name("party")):
            continue
        listed = members_of[id(p.parent)]
        if code in listed:
            ctx.add(p.loc, "party", p.name("party"),
                    f"{code} listed twice (first on line {listed[code].loc.line})",
                    "each party once per event")
            continue
        listed[code] = p
    ctx.members_of = members_of


def _check_when(ctx: Context, ev: Row, today: datetime.date) -> None:
    """A held event is not in the future; its file lies in the folder of its year."""
    v = ev.values
    start = v.get("date_start")
    if start is None:
        return
    if v.get("status") == "held" and start[0] > today:
        ctx.add(ev.loc, "status", ev.name("status"),
                f"'held' for an event dated {format_date(*start)}, after today "
                f"({today.isoformat()})", "planned (or the date it was held)")
    folder = ev.raw.get("__folder__")
    if folder is not None and folder != str(start[0].year):
        ctx.add(ev.loc, "date_start", ev.name("date_start"),
                f"{format_date(*start)} in a file under events/{folder}/",
                f"the file to be under events/{start[0].year}/ (the folder is the year of "
                "date_start)")


def check_events(ctx: Context) -> None:
    """Series, dates in order and of one precision, held not in the future, host, chair."""
    today = dates.today()
    for ev in ctx.rows["events"]:
        v = ev.values
        _check_when(ctx, ev, today)
        ctx.check_ref(v.get("series_id"), "series", ev, "series", ev.name("series"),
                      "series (in records/series.yaml)")
        start = v.get("date_start")
        if "date_end" not in ev.given:
            v["date_end"] = start
        end = v.get("date_end")
        if start is not None and end is not None:
            if end[1] != start[1]:
                ctx.add(ev.loc, "date_end", ev.name("date_end"),
                        f"{format_date(*end)} ({end[1]} precision) after a date_start of "
                        f"{start[1]} precision",
                        "the same precision for date_start and date_end")
            elif end[0] < start[0]:
                ctx.add(ev.loc, "date_end", ev.name("date_end"),
                        f"{format_date(*end)}, before date_start {format_date(*start)}",
                        "an end on or after the start")
        for key in ("host", "chair"):
            ctx.check_party(v.get(key), ev, key, ev.name(key))
        if (v.get("chair") is None) != (v.get("chair_basis") is None):
            ctx.add(ev.loc, "chair_basis", ev.name("chair_basis"),
                    f"{quote(v.get('chair_basis'))} with chair {quote(v.get('chair'))}",
                    "a chair_basis exactly when a chair is given")
        ctx.check_sources(ev, None)


def check_people(ctx: Context) -> None:
    """People: once per event, of a party that takes part; participants' sources."""
    seen: dict[tuple[int, str], Row] = {}
    for p in ctx.rows["people"]:
        assert p.parent is not None
        ev = p.parent
        name = p.values.get("name")
        if name is None:
            continue
        pid = person_id(name)
        p.values["person_id"] = pid
        key = (id(ev), pid)
        if key in seen:
            ctx.add(p.loc, "name", p.name("name"),
                    f"{name!r} twice at this event (first on line {seen[key].loc.line})",
                    "one entry per person and event (list several sources in `sources`)")
        seen[key] = p
        code = p.values.get("party")
        if ctx.check_party(code, p, "party", p.name("party")) and code is not None:
            present = set(ctx.members_of.get(id(ev), {})) | {ev.values.get("host"),
                                                            ev.values.get("chair")}
            if code not in present:
                ctx.add(p.loc, "party", p.name("party"),
                        f"{code}, which is not among the event's participants",
                        f"a participant of the event (add `- {code}` to `participants`)")
        ctx.check_sources(p, ev.sources, required=bool(ev.sources))
    for p in ctx.rows["participants"]:
        assert p.parent is not None
        ctx.check_sources(p, p.parent.sources, required=bool(p.parent.sources))


def _level(ctx: Context, row: Row | None, code: str, named: list[str]) -> str:
    """A participant's delegation level: its people's highest, else the typed one."""
    typed = row.values.get("delegation_level") if row else "unknown"
    if not named:
        return typed
    best = min(named, key=LEVEL_RANK.__getitem__)
    if row is not None and "delegation_level" in row.given and typed != best:
        ctx.add(row.loc, "delegation_level", row.name("delegation_level"),
                f"{typed!r}, but the people named for {code} rank {best!r}",
                "no delegation_level when people are named (it is derived from "
                "their levels), or the same level")
    return best


def derive_participants(ctx: Context) -> list[Item]:
    """One row per party at each event: the listed ones, plus the host and the chair."""
    people_by: dict[tuple[int, str], list[str]] = defaultdict(list)
    for p in ctx.rows["people"]:
        if p.parent is not None and p.values.get("party") and p.values.get("level"):
            people_by[(id(p.parent), p.values["party"])].append(p.values["level"])
    out = []
    for ev in ctx.rows["events"]:
        listed = ctx.members_of.get(id(ev), {})
        host, chair = ev.values.get("host"), ev.values.get("chair")
        codes = list(listed) + [c for c in dict.fromkeys((chair, host))
                                if c is not None and c not in listed]
        for code in codes:
            row = listed.get(code)
            basis = "stated" if row else ("chair" if code == chair else "host")
            role = row.values.get("role") if row else "participant"
            values = {
                "event_id": ev.values.get("event_id"),
                "party": code,
                "role": "chair" if code == chair else "host" if code == host else role,
                "is_host": code == host,
                "is_chair": code == chair,
                "delegation_level": _level(ctx, row, code, people_by.get((id(ev), code), [])),
                "status_at_event": None,
                "basis": basis,
                "notes": row.values.get("notes") if row else None,
                "_event": ev,
                "_row": row,
                "_field": row.name("party") if row else ev.name(basis),
            }
            out.append((values, row.loc if row else ev.loc))
    return out


def _membership_frame(ctx: Context) -> pd.DataFrame:
    rows = ctx.rows["membership"]

    def day(r: Row, key: str) -> Any:
        return r.values[key][0] if r.values.get(key) else None

    return pd.DataFrame({
        "party": [r.values.get("party") for r in rows],
        "status": [r.values.get("status") for r in rows],
        "date_from": [day(r, "date_from") for r in rows],
        "date_to": [day(r, "date_to") for r in rows],
    }, dtype="object").dropna(subset=["party", "status", "date_from"])


def derive_status(ctx: Context, participants: list[Item]) -> None:
    """Each participant's SCO status over its event's dates (a problem when it changes)."""
    parties = ctx.registries["parties"]
    ok = [(v, loc) for v, loc in participants
          if v["party"] in parties and v["_event"].values.get("date_start") is not None]
    types = pd.Series({code: r.values.get("party_type") for code, r in parties.items()},
                      dtype="object")
    lo, hi = [], []
    for v, _ in ok:
        ev = v["_event"].values
        lo.append(ev["date_start"][0])
        hi.append(period(ev.get("date_end") or ev["date_start"])[1])
    res = status_between(_membership_frame(ctx), types, [v["party"] for v, _ in ok], lo, hi)
    for (v, loc), status, s_lo, s_hi, a, b in zip(
            ok, res["status"], res["status_lo"], res["status_hi"], lo, hi, strict=True):
        if not pd.isna(status):
            v["status_at_event"] = status
            continue
        ev = v["_event"].values
        span = format_date(*ev["date_start"])
        if ev.get("date_end") and ev["date_end"] != ev["date_start"]:
            span += f" to {format_date(*ev['date_end'])}"
        ctx.problems.append(Problem(
            loc.file, loc.line, v["_field"],
            f"{v['party']}'s SCO status changes between {a.isoformat()} and "
            f"{b.isoformat()} ({s_lo} to {s_hi}), and event {ev.get('event_id')} is "
            f"dated {span}",
            "event dates precise enough to tell the party's status (the status is "
            "derived, never typed): give the exact day if a source has it"))
