"""Compile checked rows into tables: checks across records, derived columns, pyarrow tables.

:func:`compile_data` reads a data directory (``records`` + ``reference``), runs every check
that needs more than one record (duplicate ids, references that must resolve, dates that
must be in order, the SCO status of each participant as of the event, conflicts whose
preferred value must match the record) and, when nothing is wrong, returns one
``pyarrow.Table`` per table of :data:`sco_analysis.schema.TABLES`, with the explicit schema.
"""

from __future__ import annotations

import datetime
import itertools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa

from . import schema
from .dates import DateError, format_date, parse_date, period_last_day
from .problems import Problem, quote
from .records import ConflictValue, Loc, RecordSet, Row, check_value, read_data
from .reference import NameNormaliser, status_between
from .schema import MISSING, PERSON_LEVEL, TABLES

LEVEL_RANK = {v: i for i, v in enumerate(PERSON_LEVEL.values)}


@dataclass
class Compiled:
    """The result of compiling a data directory."""

    tables: dict[str, pa.Table] = field(default_factory=dict)
    domains: dict[str, list[str]] = field(default_factory=dict)
    locs: dict[str, list[Loc]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def person_id(name: str) -> str:
    """Slug of a person's name, the same in every script.

    Examples:
        >>> person_id("T.V. Nagendra Prasad"), person_id("玉苏甫江·麦麦提")
        ('t_v_nagendra_prasad', '玉苏甫江_麦麦提')
    """
    text = unicodedata.normalize("NFKC", name).casefold()
    return re.sub(r"\W+", "_", text).strip("_")


def _period(value: tuple[datetime.date, str] | None) -> tuple[datetime.date, datetime.date]:
    assert value is not None
    first, precision = value
    return first, period_last_day(first, precision)


class _Checker:
    """Holds the rows and the problem list while the cross-record checks run."""

    def __init__(self, rs: RecordSet):
        self.problems = rs.problems
        self.rows = rs.rows

    def add(self, loc: Loc, key: str | None, fieldname: str, found: str, expected: str) -> None:
        self.problems.append(Problem(loc.file, loc.at(key), fieldname, found, expected))

    def unique(self, table: str, key: Callable[[Row], Any], what: str,
               keyname: str, fieldname: str | None = None) -> dict[Any, Row]:
        seen: dict[Any, Row] = {}
        for row in self.rows[table]:
            k = key(row)
            if k is None:
                continue
            if k in seen:
                first = seen[k].loc
                self.add(row.loc, keyname, fieldname or keyname,
                         f"a second {what} {k!r} (first at "
                         f"{first.file}:{first.at(keyname)})", f"each {what} once")
            else:
                seen[k] = row
        return seen


def compile_data(records: Path, reference: Path) -> Compiled:
    """Read, check and compile a data directory; see the module docstring."""
    rs = read_data(records, reference)
    ck = _Checker(rs)
    rows = rs.rows
    for r in rows["people"] + rows["participants"]:
        assert r.parent is not None
        r.values["event_id"] = r.parent.values.get("event_id")
    for r in rows["document_actions"]:
        assert r.parent is not None
        r.values["doc_id"] = r.parent.values.get("doc_id")

    # ---- registries: sources, parties, series, documents, events --------------------
    sources = ck.unique("sources", lambda r: r.values.get("source_id"), "source id", "id")
    ck.unique("sources", lambda r: r.values.get("url"), "definition of the URL", "url")
    for r in rows["sources"]:
        if r.values.get("url") is None and not r.values.get("notes"):
            ck.add(r.loc, "url", "url", "nothing", "the page's URL, or `notes` saying why it "
                   "is not known")
    parties = ck.unique("parties", lambda r: r.values.get("party"), "party code", "code")
    series = ck.unique("series", lambda r: r.values.get("series_id"), "series id", "id")
    documents = ck.unique("documents", lambda r: r.values.get("doc_id"), "document id", "id")
    events = ck.unique("events", lambda r: r.values.get("event_id"), "event id", "id")
    for table, idcol in (("events", "event_id"), ("documents", "doc_id")):
        for r in rows[table]:
            stem = r.raw.get("__file_stem__")
            if r.values.get(idcol) and stem != r.values[idcol]:
                ck.add(r.loc, "id", "id", f"{r.values[idcol]!r} in a file named {stem!r}",
                       f"the file to be named {r.values[idcol]}.yaml (one record per file, "
                       "named after its id)")

    _check_parties_table(ck)
    variants_df = pd.DataFrame({
        "party": [r.values.get("party") for r in rows["name_variants"]],
        "variant": [r.values.get("variant") for r in rows["name_variants"]],
    }, dtype="object")
    parties_df = pd.DataFrame({
        "party": list(parties),
        "name_en": [r.values.get("name_en") for r in parties.values()],
        "name_ru": [r.values.get("name_ru") for r in parties.values()],
        "name_zh": [r.values.get("name_zh") for r in parties.values()],
    }, dtype="object")
    names = NameNormaliser(parties_df, variants_df)

    def check_party(code: Any, row: Row, key: str, fieldname: str) -> bool:
        if code is None or code in parties:
            return True
        hint = names.suggest(str(code))
        expected = "a code from reference/parties.csv"
        if hint:
            expected += f" (did you mean {hint}?)"
        else:
            expected += " (add the party there if it is new)"
        ck.add(row.loc, key, fieldname, f"the unknown party {code!r}", expected)
        return False

    def check_ref(value: Any, registry: dict, row: Row, key: str, fieldname: str,
                  what: str) -> None:
        if value is None or value in registry:
            return
        import difflib

        close = difflib.get_close_matches(str(value), [str(k) for k in registry], n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        ck.add(row.loc, key, fieldname, f"{value!r}, which is not defined",
               f"the id of an existing {what}{hint}")

    def check_sources(row: Row, inherited: list[str] | None,
                      required: bool = True) -> list[str]:
        for i, sid in enumerate(row.sources):
            check_ref(sid, sources, row, "sources", row.name(f"sources[{i}]"), "source")
        if len(set(row.sources)) != len(row.sources):
            ck.add(row.loc, "sources", row.name("sources"), "the same source twice",
                   "each source once")
        if required and not row.sources and not inherited:
            ck.add(row.loc, None, row.name("sources"), "a record without any source",
                   "`sources: [id, ...]` citing the page(s) that state it")
        return row.sources or list(inherited or [])

    for r in rows["name_variants"]:
        check_party(r.values.get("party"), r, "code", "code")
    ck.unique("name_variants", lambda r: (r.values.get("party"), r.values.get("language"),
                                          r.values.get("variant")),
              "spelling", "variant")

    # ---- series ------------------------------------------------------------------------
    for r in rows["series"]:
        v = r.values
        check_ref(v.get("established_by"), events, r, "established_by",
                  r.name("established_by"), "event")
        for i, d in enumerate(v.get("implements") or ()):
            check_ref(d, documents, r, "implements", r.name(f"implements[{i}]"), "document")
        if (v.get("cadence_months") is None) != (v.get("cadence_basis") is None):
            ck.add(r.loc, "cadence_basis", r.name("cadence_basis"),
                   quote(v.get("cadence_basis")) + f" with cadence_months "
                   f"{quote(v.get('cadence_months'))}",
                   "both cadence_months and cadence_basis, or neither")
        check_sources(r, None)

    # ---- events ------------------------------------------------------------------------
    members_of: dict[int, dict[str, Row]] = defaultdict(dict)
    for p in rows["participants"]:
        assert p.parent is not None
        ev = p.parent
        code = p.values.get("party")
        if not check_party(code, p, "party", p.name("party")):
            continue
        listed = members_of[id(ev)]
        if code in listed:
            ck.add(p.loc, "party", p.name("party"),
                   f"{code} listed twice (first on line {listed[code].loc.line})",
                   "each party once per event")
            continue
        listed[code] = p

    for ev in rows["events"]:
        v = ev.values
        check_ref(v.get("series_id"), series, ev, "series", ev.name("series"), "series "
                  "(in records/series.yaml)")
        start = v.get("date_start")
        if "date_end" not in ev.given:
            v["date_end"] = start
        end = v.get("date_end")
        if start is not None and end is not None:
            if end[1] != start[1]:
                ck.add(ev.loc, "date_end", ev.name("date_end"),
                       f"{format_date(*end)} ({end[1]} precision) after a date_start of "
                       f"{start[1]} precision",
                       "the same precision for date_start and date_end")
            elif end[0] < start[0]:
                ck.add(ev.loc, "date_end", ev.name("date_end"),
                       f"{format_date(*end)}, before date_start {format_date(*start)}",
                       "an end on or after the start")
        for key in ("host", "chair"):
            check_party(v.get(key), ev, key, ev.name(key))
        if (v.get("chair") is None) != (v.get("chair_basis") is None):
            ck.add(ev.loc, "chair_basis", ev.name("chair_basis"),
                   f"{quote(v.get('chair_basis'))} with chair {quote(v.get('chair'))}",
                   "a chair_basis exactly when a chair is given")
        check_sources(ev, None)

    people_seen: dict[tuple[int, str], Row] = {}
    for p in rows["people"]:
        assert p.parent is not None
        ev = p.parent
        name = p.values.get("name")
        if name is None:
            continue
        pid = person_id(name)
        p.values["person_id"] = pid
        key = (id(ev), pid)
        if key in people_seen:
            ck.add(p.loc, "name", p.name("name"),
                   f"{name!r} twice at this event (first on line {people_seen[key].loc.line})",
                   "one entry per person and event (list several sources in `sources`)")
        people_seen[key] = p
        code = p.values.get("party")
        if check_party(code, p, "party", p.name("party")) and code is not None:
            present = set(members_of[id(ev)]) | {ev.values.get("host"), ev.values.get("chair")}
            if code not in present:
                ck.add(p.loc, "party", p.name("party"),
                       f"{code}, which is not among the event's participants",
                       f"a participant of the event (add `- {code}` to `participants`)")
        check_sources(p, ev.sources, required=bool(ev.sources))

    for p in rows["participants"]:
        assert p.parent is not None
        check_sources(p, p.parent.sources, required=bool(p.parent.sources))

    # ---- documents and their actions --------------------------------------------------------
    for d in rows["documents"]:
        v = d.values
        check_ref(v.get("parent_doc_id"), documents, d, "parent", d.name("parent"), "document")
        check_ref(v.get("prepared_for_event_id"), events, d, "prepared_for",
                  d.name("prepared_for"), "event")
        if (v.get("parent_doc_id") is None) != (v.get("relation") is None):
            ck.add(d.loc, "relation", d.name("relation"),
                   f"{quote(v.get('relation'))} with parent {quote(v.get('parent_doc_id'))}",
                   "a relation exactly when a parent is given")
        if v.get("parent_doc_id") == v.get("doc_id") and v.get("doc_id"):
            ck.add(d.loc, "parent", d.name("parent"), "the document itself",
                   "another document")
        for i, code in enumerate(v.get("parties") or ()):
            check_party(code, d, "parties", d.name(f"parties[{i}]"))
        check_sources(d, None)
    _check_lineage_cycles(ck, documents)

    for a in rows["document_actions"]:
        v = a.values
        doc = a.parent
        assert doc is not None
        eid = v.get("event_id")
        check_ref(eid, events, a, "event", a.name("event"), "event")
        for i, code in enumerate(v.get("parties") or ()):
            check_party(code, a, "parties", a.name(f"parties[{i}]"))
        if eid in events and v.get("date") is not None:
            ev = events[eid].values
            if ev.get("date_start") is not None:
                a_lo, a_hi = _period(v["date"])
                e_lo = ev["date_start"][0]
                e_hi = _period(ev["date_end"] or ev["date_start"])[1]
                if a_hi < e_lo or a_lo > e_hi:
                    span = format_date(*ev["date_start"])
                    if ev.get("date_end") and ev["date_end"] != ev["date_start"]:
                        span += " to " + format_date(*ev["date_end"])
                    ck.add(a.loc, "date", a.name("date"),
                           f"{format_date(*v['date'])}, outside the dates of event {eid} "
                           f"({span})", "a date within the event's dates, or another event")
        check_sources(a, doc.sources, required=bool(doc.sources))

    # ---- reference intervals -----------------------------------------------------------------
    for table in ("membership", "chairmanship"):
        for r in rows[table]:
            v = r.values
            check_party(v.get("party"), r, "party", "party")
            if table == "membership" and parties.get(v.get("party")) is not None:
                ptype = parties[v["party"]].values.get("party_type")
                if ptype != "state":
                    ck.add(r.loc, "party", "party", f"{v['party']} (a {ptype})",
                           "a state: only states hold SCO membership statuses")
            for key in ("date_from", "date_to"):
                if v.get(key) is not None and v[key][1] != "day":
                    ck.add(r.loc, key, key, f"{format_date(*v[key])} ({v[key][1]} precision)",
                           "a day (YYYY-MM-DD)")
            lo, hi = v.get("date_from"), v.get("date_to")
            if lo is not None and hi is not None and hi[0] < lo[0]:
                ck.add(r.loc, "date_to", "date_to",
                       f"{format_date(*hi)}, before date_from {format_date(*lo)}",
                       "an end on or after the start")
            check_sources(r, None)
    ck.unique("membership", _membership_id, "status interval", "date_from")
    ck.unique("chairmanship", lambda r: r.values.get("cycle"), "cycle", "cycle")
    _check_overlaps(ck, "membership", by_party=True)
    _check_overlaps(ck, "chairmanship", by_party=False)

    _check_languages(ck)

    # ---- participants: host/chair, delegation level, status as of the event ------------------
    participant_rows = _participants(ck, members_of)
    _derive_status(ck, participant_rows, parties)

    # ---- conflicts and claims ----------------------------------------------------------------
    claims = _claims(ck, sources, events, participant_rows)

    out = Compiled(problems=rs.problems)
    if out.problems:
        return out
    citations = _citations(rows)
    _derive_parties(rows["parties"])
    out.domains = {
        "party": sorted(parties),
        "series": sorted(series),
        "language": sorted({r.values["language"] for t in ("sources", "name_variants")
                            for r in rows[t]}),
    }
    table_rows: dict[str, list[tuple[dict[str, Any], Loc]]] = {
        name: [(r.values, r.loc) for r in rows[name]] for name in TABLES
    }
    table_rows["participants"] = participant_rows
    table_rows["claims"] = claims
    table_rows["citations"] = citations
    for name, t in TABLES.items():
        tbl, locs = _to_arrow(t, table_rows[name], out.domains)
        out.tables[name] = tbl
        out.locs[name] = locs
    return out


# ---------------------------------------------------------------------------------------
# helpers of compile_data


def _membership_id(row: Row) -> str | None:
    v = row.values
    if v.get("party") is None or v.get("status") is None or v.get("date_from") is None:
        return None
    return f"{v['party']}:{v['status']}:{v['date_from'][0].isoformat()}"


def _check_parties_table(ck: _Checker) -> None:
    import pycountry

    for r in ck.rows["parties"]:
        code, ptype = r.values.get("party"), r.values.get("party_type")
        if code is None or ptype is None:
            continue
        if code.startswith("ORG:"):
            if ptype == "state":
                ck.add(r.loc, "party_type", "party_type", f"'state' for {code}",
                       "sco_body or organisation for an ORG: code")
        elif ptype != "state":
            ck.add(r.loc, "party_type", "party_type", f"{ptype!r} for {code}",
                   "state for an ISO 3166-1 alpha-3 code, or an ORG: code")
        elif pycountry.countries.get(alpha_3=code) is None:
            ck.add(r.loc, "code", "code", f"{code!r}, which is not an ISO 3166-1 alpha-3 code",
                   "a code from ISO 3166-1 (pycountry)")


def _check_languages(ck: _Checker) -> None:
    import pycountry

    for table in ("sources", "name_variants"):
        for r in ck.rows[table]:
            lang = r.values.get("language")
            if lang is not None and (len(lang) != 2 or
                                     pycountry.languages.get(alpha_2=lang) is None):
                ck.add(r.loc, "language", "language", repr(lang),
                       "an ISO 639-1 two-letter language code such as en, ru, zh")


def _check_overlaps(ck: _Checker, table: str, by_party: bool) -> None:
    groups: dict[Any, list[Row]] = defaultdict(list)
    for r in ck.rows[table]:
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
                ck.add(cur.loc, "date_from", "date_from",
                       f"{what}{cur_from.isoformat()}, inside the interval on line "
                       f"{prev.loc.line} (to {prev_to.isoformat()})",
                       "intervals that do not overlap")


def _check_lineage_cycles(ck: _Checker, documents: dict[str, Row]) -> None:
    for doc_id, row in documents.items():
        seen = {doc_id}
        cur = row.values.get("parent_doc_id")
        while cur is not None and cur in documents:
            if cur in seen:
                ck.add(row.loc, "parent", row.name("parent"),
                       f"a cycle of parents through {cur!r}", "a lineage without cycles")
                break
            seen.add(cur)
            cur = documents[cur].values.get("parent_doc_id")


def _participants(ck: _Checker, members_of: dict[int, dict[str, Row]]
                  ) -> list[tuple[dict[str, Any], Loc]]:
    people_by: dict[tuple[int, str], list[Row]] = defaultdict(list)
    for p in ck.rows["people"]:
        if p.parent is not None and p.values.get("party"):
            people_by[(id(p.parent), p.values["party"])].append(p)
    out = []
    for ev in ck.rows["events"]:
        listed = members_of.get(id(ev), {})
        host, chair = ev.values.get("host"), ev.values.get("chair")
        codes = list(listed)
        for extra in (chair, host):
            if extra is not None and extra not in codes:
                codes.append(extra)
        for code in codes:
            row = listed.get(code)
            typed = row.values.get("delegation_level") if row else "unknown"
            named = [p.values.get("level") for p in people_by.get((id(ev), code), [])]
            named = [lv for lv in named if lv is not None]
            level = typed
            if named:
                best = min(named, key=LEVEL_RANK.__getitem__)
                level = best
                if row is not None and "delegation_level" in row.given and typed != best:
                    ck.add(row.loc, "delegation_level", row.name("delegation_level"),
                           f"{typed!r}, but the people named for {code} rank {best!r}",
                           "no delegation_level when people are named (it is derived from "
                           "their levels), or the same level")
            role = row.values.get("role") if row else "participant"
            basis = "stated" if row else ("chair" if code == chair else "host")
            values = {
                "event_id": ev.values.get("event_id"),
                "party": code,
                "role": "chair" if code == chair else "host" if code == host else role,
                "is_host": code == host,
                "is_chair": code == chair,
                "delegation_level": level,
                "status_at_event": None,
                "basis": basis,
                "notes": row.values.get("notes") if row else None,
                "_event": ev,
                "_field": row.name("party") if row else ev.name(
                    "chair" if code == chair else "host"),
            }
            out.append((values, row.loc if row else ev.loc))
    return out


def _derive_status(ck: _Checker, participant_rows: list[tuple[dict[str, Any], Loc]],
                   parties: dict[str, Row]) -> None:
    ok = [(v, loc) for v, loc in participant_rows
          if v["party"] in parties and v["_event"].values.get("date_start") is not None]
    membership = pd.DataFrame({
        "party": [r.values.get("party") for r in ck.rows["membership"]],
        "status": [r.values.get("status") for r in ck.rows["membership"]],
        "date_from": [r.values["date_from"][0] if r.values.get("date_from") else None
                      for r in ck.rows["membership"]],
        "date_to": [r.values["date_to"][0] if r.values.get("date_to") else None
                    for r in ck.rows["membership"]],
    }, dtype="object").dropna(subset=["party", "status", "date_from"])
    types = pd.Series({code: r.values.get("party_type") for code, r in parties.items()},
                      dtype="object")
    lo, hi = [], []
    for v, _ in ok:
        ev = v["_event"].values
        lo.append(ev["date_start"][0])
        hi.append(_period(ev.get("date_end") or ev["date_start"])[1])
    res = status_between(membership, types, [v["party"] for v, _ in ok], lo, hi)
    for (v, loc), status, s_lo, s_hi, a, b in zip(
            ok, res["status"], res["status_lo"], res["status_hi"], lo, hi, strict=True):
        if pd.isna(status):
            ev = v["_event"].values
            ck.problems.append(Problem(
                loc.file, loc.line, v["_field"],
                f"{v['party']}'s SCO status changes between {a.isoformat()} and "
                f"{b.isoformat()} ({s_lo} to {s_hi}), and event {ev.get('event_id')} is "
                f"dated {format_date(*ev['date_start'])}"
                + (f" to {format_date(*ev['date_end'])}" if ev.get('date_end')
                   and ev['date_end'] != ev['date_start'] else ""),
                "event dates precise enough to tell the party's status (the status is "
                "derived, never typed): give the exact day if a source has it"))
        else:
            v["status_at_event"] = status


_CONFLICT_RECORDS = {"events": "event", "documents": "document",
                     "document_actions": "document_action"}


def _record_id(table: str, values: dict[str, Any]) -> str:
    if table == "events":
        return str(values.get("event_id"))
    if table == "documents":
        return str(values.get("doc_id"))
    return f"{values.get('doc_id')}/{values.get('step')}"


def _render(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ";".join(str(x) for x in value)
    return str(value)


def _norm_raw(col: schema.Column | None, value: Any) -> Any:
    """A comparable form of a value as written in a conflict or claim; MISSING if invalid."""
    if value is None:
        return None
    if col is None or col.dtype == "list":  # events.participants, or a list field
        if isinstance(value, str):
            value = [x.strip() for x in value.split(";")]
        return frozenset(value) if isinstance(value, list) else MISSING
    if col.dtype == "date":
        try:
            return parse_date(value)
        except DateError:
            return MISSING
    if col.dtype == "bool" and isinstance(value, str):
        return {"true": True, "false": False}.get(value.lower(), MISSING)
    if col.dtype == "int16" and isinstance(value, str):
        return int(value) if value.isdigit() else MISSING
    return value.strip() if isinstance(value, str) else value


def _norm_stored(col: schema.Column | None, value: Any) -> Any:
    """A comparable form of a checked record value (see :func:`_norm_raw`)."""
    if value is None:
        return None
    if col is None or col.dtype == "list":
        return frozenset(value)
    return value


def _show(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], datetime.date):
        return format_date(*value)
    if isinstance(value, frozenset):
        return ";".join(sorted(value)) or "an empty list"
    return _render(value)


def _claims(ck: _Checker, sources: dict[str, Row], events: dict[str, Row],
            participant_rows: list[tuple[dict[str, Any], Loc]]
            ) -> list[tuple[dict[str, Any], Loc]]:
    out: list[tuple[dict[str, Any], Loc]] = []
    listed: dict[str, list[str]] = defaultdict(list)
    for v, _ in participant_rows:
        if v["basis"] == "stated":
            listed[v["event_id"]].append(v["party"])
    for table, rtype in _CONFLICT_RECORDS.items():
        t = TABLES[table]
        fields = t.fields()
        for row in ck.rows[table]:
            if not row.conflicts:
                continue
            values = dict(row.values)
            if table == "document_actions" and row.parent is not None:
                values["doc_id"] = row.parent.values.get("doc_id")
            rid = _record_id(table, values)
            for i, c in enumerate(row.conflicts):
                where = row.name(f"conflicts[{i}]")
                allowed = set(fields) - {"id"} | ({"participants"} if table == "events" else set())
                if c.field not in allowed:
                    import difflib

                    close = difflib.get_close_matches(c.field, sorted(allowed), n=1)
                    ck.problems.append(Problem(
                        row.loc.file, c.line, f"{where}.field", repr(c.field),
                        "a field of this record" + (f" (did you mean {close[0]!r}?)"
                                                    if close else "")))
                    continue
                col = fields.get(c.field)
                if c.field == "participants":
                    current = frozenset(listed.get(rid, []))
                else:
                    assert col is not None
                    current = _norm_stored(col, values.get(col.name))
                _check_conflict(ck, row, c, where, col, current, sources)
                for v in c.values:
                    for sid in v.sources:
                        out.append(({
                            "record_type": rtype, "record_id": rid, "field": c.field,
                            "value": _render(v.raw), "preferred": v.preferred,
                            "source_id": sid, "note": v.note, "conflict_note": c.note,
                        }, Loc(row.loc.file, v.line)))

    # reference claims (claims.csv)
    keys = {
        "membership": {_membership_id(r): r for r in ck.rows["membership"]},
        "chairmanship": {r.values.get("cycle"): r for r in ck.rows["chairmanship"]},
    }
    groups: dict[tuple[str, str, str], list[Row]] = defaultdict(list)
    for r in ck.rows["claims"]:
        v = r.values
        rtype = v.get("record_type")
        if rtype not in keys:
            ck.add(r.loc, "record_type", "record_type", repr(rtype),
                   "membership or chairmanship (conflicts of records are written in the "
                   "record's `conflicts:`)")
            continue
        if v.get("record_id") not in keys[rtype]:
            import difflib

            close = difflib.get_close_matches(str(v.get("record_id")),
                                              [str(k) for k in keys[rtype]], n=1)
            ck.add(r.loc, "record_id", "record_id", f"{v.get('record_id')!r}, which is not a "
                   f"{rtype} row", f"an existing {rtype} row id"
                   + (f" (did you mean {close[0]!r}?)" if close else ""))
            continue
        fields = TABLES[rtype].fields()
        if v.get("field") not in set(fields) - {"party"}:
            ck.add(r.loc, "field", "field", repr(v.get("field")),
                   "a field of the " + rtype + " table: " + ", ".join(sorted(fields)))
            continue
        if v.get("source_id") not in sources:
            ck.add(r.loc, "source_id", "source_id", f"{v.get('source_id')!r}, which is not "
                   "defined", "the id of a defined source")
        groups[(rtype, v["record_id"], v["field"])].append(r)
        out.append(({**{k: v.get(k) for k in ("record_type", "record_id", "field", "value",
                                               "preferred", "source_id", "note")},
                     "conflict_note": None}, r.loc))
    for (rtype, rid, fname), group in groups.items():
        target = keys[rtype][rid]
        col = TABLES[rtype].fields()[fname]
        raw = target.raw.get(fname)
        pref = [r for r in group if r.values.get("preferred")]
        prefvals = {r.values.get("value") for r in pref}
        first = group[0]
        if len(prefvals) != 1:
            ck.add(first.loc, "preferred", "preferred",
                   f"{len(prefvals)} preferred values for {rtype} {rid} {fname}",
                   "exactly one value marked preferred=true")
        elif _norm_raw(col, prefvals.pop()) != _norm_stored(col, target.values.get(col.name)):
            ck.add(pref[0].loc, "value", "value",
                   f"a preferred value {pref[0].values.get('value')!r} that differs from the "
                   f"{rtype} row's {fname} {raw!r}",
                   "the preferred value to be the one the table uses")
        if len({r.values.get("value") for r in group}) < 2:
            ck.add(first.loc, "value", "value", f"a single value for {rtype} {rid} {fname}",
                   "at least two disagreeing values (a conflict)")
    return out


def _check_conflict(ck: _Checker, row: Row, c: Any, where: str, col: schema.Column | None,
                    current: Any, sources: dict[str, Row]) -> None:
    file = row.loc.file
    prefs = [v for v in c.values if v.preferred]
    if len(prefs) != 1:
        ck.problems.append(Problem(file, c.line, f"{where}.values",
                                   f"{len(prefs)} values marked preferred",
                                   "exactly one value with `preferred: true`"))
    seen: dict[Any, ConflictValue] = {}
    for j, v in enumerate(c.values):
        vwhere = f"{where}.values[{j}]"
        for k, sid in enumerate(v.sources):
            if sid not in sources:
                import difflib

                close = difflib.get_close_matches(sid, list(sources), n=1)
                ck.problems.append(Problem(file, v.line, f"{vwhere}.sources[{k}]",
                                           f"{sid!r}, which is not defined",
                                           "the id of a defined source"
                                           + (f" (did you mean {close[0]!r}?)" if close else "")))
        if col is not None and col.dtype not in ("list",):
            probe: list[Problem] = []
            check_value(col, v.raw, (file, v.line, f"{vwhere}.value"), probe)
            ck.problems.extend(probe)
            if probe:
                continue
        norm = _norm_raw(col, v.raw)
        if norm is MISSING:
            ck.problems.append(Problem(file, v.line, f"{vwhere}.value", quote(v.raw),
                                       "a value of the disputed field's type"))
            continue
        if norm in seen:
            ck.problems.append(Problem(file, v.line, f"{vwhere}.value",
                                       f"{_render(v.raw)!r} twice",
                                       "each disputed value once, with all its sources"))
        seen[norm] = v
        if v.preferred and len(prefs) == 1 and norm != current:
            ck.problems.append(Problem(
                file, v.line, f"{vwhere}.value",
                f"a preferred value {_render(v.raw)!r} that differs from the record's "
                f"{c.field} ({_show(current)})",
                "the preferred value to equal the record's own value"))


def _citations(rows: dict[str, list[Row]]) -> list[tuple[dict[str, Any], Loc]]:
    out: list[tuple[dict[str, Any], Loc]] = []

    def cite(rtype: str, rid: str, own: list[str], inherited: Iterable[str], loc: Loc) -> None:
        if own:
            for sid in dict.fromkeys(own):
                out.append(({"record_type": rtype, "record_id": rid, "source_id": sid,
                             "inherited": False}, loc))
        else:
            for sid in dict.fromkeys(inherited):
                out.append(({"record_type": rtype, "record_id": rid, "source_id": sid,
                             "inherited": True}, loc))

    for r in rows["events"]:
        cite("event", r.values["event_id"], r.sources, [], r.loc)
    for r in rows["participants"]:
        assert r.parent is not None
        cite("participant", f"{r.parent.values['event_id']}/{r.values['party']}", r.sources,
             r.parent.sources, r.loc)
    for r in rows["people"]:
        assert r.parent is not None
        cite("person", f"{r.parent.values['event_id']}/{r.values['person_id']}", r.sources,
             r.parent.sources, r.loc)
    for r in rows["documents"]:
        cite("document", r.values["doc_id"], r.sources, [], r.loc)
    for r in rows["document_actions"]:
        assert r.parent is not None
        cite("document_action", f"{r.values['doc_id']}/{r.values['step']}", r.sources,
             r.parent.sources, r.loc)
    for r in rows["series"]:
        cite("series", r.values["series_id"], r.sources, [], r.loc)
    for r in rows["membership"]:
        cite("membership", str(_membership_id(r)), r.sources, [], r.loc)
    for r in rows["chairmanship"]:
        cite("chairmanship", r.values["cycle"], r.sources, [], r.loc)
    return out


def _derive_parties(rows: list[Row]) -> None:
    import pycountry

    for r in rows:
        v = r.values
        country = None
        if v.get("party_type") == "state":
            country = pycountry.countries.get(alpha_3=v["party"])
        v["official_name_en"] = (getattr(country, "official_name", None)
                                 or getattr(country, "name", None)) if country else None
        v["iso2"] = country.alpha_2 if country else None


def _sort_key(value: Any) -> tuple:
    if value is None:
        return (1, "")
    if isinstance(value, tuple) and value and isinstance(value[0], datetime.date):
        return (0, value[0].isoformat())
    if isinstance(value, bool):
        return (0, int(value))
    if isinstance(value, int):
        return (0, f"{value:010d}")
    return (0, str(value))


def _to_arrow(table: schema.Table, items: list[tuple[dict[str, Any], Loc]],
              domains: dict[str, list[str]]) -> tuple[pa.Table, list[Loc]]:
    items = sorted(items, key=lambda it: tuple(_sort_key(it[0].get(k)) for k in table.order))
    arrays = []
    for c in table.columns:
        vals = [it[0].get(c.name) for it in items]
        if c.dtype == "date":
            arrays.append(pa.array([v[0] if v else None for v in vals], pa.date32()))
        elif c.dtype == "category":
            if c.precision_of is not None:
                base = c.precision_of
                vals = [it[0][base][1] if it[0].get(base) else None for it in items]
            cats = schema.categories(c, domains)
            index = {v: i for i, v in enumerate(cats)}
            idx = pa.array([index[v] if v is not None else None for v in vals], pa.int16())
            arrays.append(pa.DictionaryArray.from_arrays(idx, pa.array(cats, pa.string())))
        elif c.dtype == "list":
            arrays.append(pa.array([list(v) if v else [] for v in vals], pa.list_(pa.string())))
        else:
            arrays.append(pa.array(vals, schema.arrow_type(c)))
    tbl = pa.Table.from_arrays(arrays, schema=schema.arrow_schema(table))
    return tbl, [it[1] for it in items]
