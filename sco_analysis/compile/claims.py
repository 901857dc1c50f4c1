"""Step 5: disagreements between sources, from records' ``conflicts:`` and claims.csv."""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from .. import schema
from ..dates import DateError, format_date, parse_date
from ..problems import Problem, quote
from ..records import Conflict, ConflictValue, Loc, Row, check_value
from ..schema import MISSING, TABLES
from .context import Context, did_you_mean
from .intervals import membership_id

Item = tuple[dict[str, Any], Loc]
_CONFLICT_RECORDS = {"events": "event", "documents": "document",
                     "document_actions": "document_action"}


def record_id(table: str, values: dict[str, Any]) -> str:
    """The id of a record in claims and citations (``doc_id/step`` for a step)."""
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


def derive_claims(ctx: Context, participants: list[Item]) -> list[Item]:
    """Every value of every disputed field, with its source: the ``claims`` rows."""
    listed: dict[str, list[str]] = defaultdict(list)
    for v, _ in participants:
        if v["basis"] == "stated":
            listed[v["event_id"]].append(v["party"])
    out: list[Item] = []
    for table, rtype in _CONFLICT_RECORDS.items():
        for row in ctx.rows[table]:
            for i, c in enumerate(row.conflicts):
                out += _record_conflict(ctx, table, rtype, row, i, c, listed)
    return out + _reference_claims(ctx)


def _record_conflict(ctx: Context, table: str, rtype: str, row: Row, i: int, c: Conflict,
                     listed: dict[str, list[str]]) -> list[Item]:
    fields = TABLES[table].fields()
    values = dict(row.values)
    if table == "document_actions" and row.parent is not None:
        values["doc_id"] = row.parent.values.get("doc_id")
    rid = record_id(table, values)
    where = row.name(f"conflicts[{i}]")
    allowed = set(fields) - {"id"} | ({"participants"} if table == "events" else set())
    if c.field not in allowed:
        ctx.problems.append(Problem(row.loc.file, c.line, f"{where}.field", repr(c.field),
                                    "a field of this record"
                                    + did_you_mean(c.field, sorted(allowed))))
        return []
    col = fields.get(c.field)
    if c.field == "participants":
        current = frozenset(listed.get(rid, []))
    else:
        assert col is not None
        current = _norm_stored(col, values.get(col.name))
    _check_conflict(ctx, row, c, where, col, current)
    return [({"record_type": rtype, "record_id": rid, "field": c.field,
              "value": _render(v.raw), "preferred": v.preferred, "source_id": sid,
              "note": v.note, "conflict_note": c.note}, Loc(row.loc.file, v.line))
            for v in c.values for sid in v.sources]


def _check_value(ctx: Context, row: Row, v: ConflictValue, vwhere: str,
                 col: schema.Column | None) -> Any:
    """Check one disputed value; return its comparable form, or MISSING."""
    sources = ctx.registries["sources"]
    file = row.loc.file
    for k, sid in enumerate(v.sources):
        if sid not in sources:
            ctx.problems.append(Problem(file, v.line, f"{vwhere}.sources[{k}]",
                                        f"{sid!r}, which is not defined",
                                        "the id of a defined source"
                                        + did_you_mean(sid, list(sources)), refers_to=sid))
    if col is not None and col.dtype != "list":
        probe: list[Problem] = []
        check_value(col, v.raw, (file, v.line, f"{vwhere}.value"), probe)
        ctx.problems.extend(probe)
        if probe:
            return MISSING
    norm = _norm_raw(col, v.raw)
    if norm is MISSING:
        ctx.problems.append(Problem(file, v.line, f"{vwhere}.value", quote(v.raw),
                                    "a value of the disputed field's type"))
    return norm


def _check_conflict(ctx: Context, row: Row, c: Conflict, where: str,
                    col: schema.Column | None, current: Any) -> None:
    file = row.loc.file
    prefs = [v for v in c.values if v.preferred]
    if len(prefs) != 1:
        ctx.problems.append(Problem(file, c.line, f"{where}.values",
                                    f"{len(prefs)} values marked preferred",
                                    "exactly one value with `preferred: true`"))
    seen: set[Any] = set()
    for j, v in enumerate(c.values):
        vwhere = f"{where}.values[{j}]"
        norm = _check_value(ctx, row, v, vwhere, col)
        if norm is MISSING:
            continue
        if norm in seen:
            ctx.problems.append(Problem(file, v.line, f"{vwhere}.value",
                                        f"{_render(v.raw)!r} twice",
                                        "each disputed value once, with all its sources"))
        seen.add(norm)
        if v.preferred and len(prefs) == 1 and norm != current:
            ctx.problems.append(Problem(
                file, v.line, f"{vwhere}.value",
                f"a preferred value {_render(v.raw)!r} that differs from the record's "
                f"{c.field} ({_show(current)})",
                "the preferred value to equal the record's own value"))


def _reference_claims(ctx: Context) -> list[Item]:
    """Rows of reference/claims.csv: disagreements about membership and chairmanship rows."""
    keys = {
        "membership": {membership_id(r): r for r in ctx.rows["membership"]},
        "chairmanship": {r.values.get("cycle"): r for r in ctx.rows["chairmanship"]},
    }
    groups: dict[tuple[str, str, str], list[Row]] = defaultdict(list)
    out: list[Item] = []
    for r in ctx.rows["claims"]:
        v = r.values
        if not _reference_claim_ok(ctx, r, keys):
            continue
        groups[(v["record_type"], v["record_id"], v["field"])].append(r)
        out.append(({**{k: v.get(k) for k in ("record_type", "record_id", "field", "value",
                                               "preferred", "source_id", "note")},
                     "conflict_note": None}, r.loc))
    for (rtype, rid, fname), group in groups.items():
        _check_claim_group(ctx, keys[rtype][rid], rtype, rid, fname, group)
    return out


def _reference_claim_ok(ctx: Context, r: Row, keys: dict[str, dict[Any, Row]]) -> bool:
    v = r.values
    rtype = v.get("record_type")
    if rtype not in keys:
        ctx.add(r.loc, "record_type", "record_type", repr(rtype),
                "membership or chairmanship (conflicts of records are written in the "
                "record's `conflicts:`)")
        return False
    if v.get("record_id") not in keys[rtype]:
        rid = str(v.get("record_id"))
        ctx.add(r.loc, "record_id", "record_id", f"{v.get('record_id')!r}, which is not a "
                f"{rtype} row", f"an existing {rtype} row id"
                + did_you_mean(rid, [str(k) for k in keys[rtype]]), refers_to=rid)
        return False
    fields = TABLES[rtype].fields()
    if v.get("field") not in set(fields) - {"party"}:
        ctx.add(r.loc, "field", "field", repr(v.get("field")),
                "a field of the " + rtype + " table: " + ", ".join(sorted(fields)))
        return False
    if v.get("source_id") not in ctx.registries["sources"]:
        ctx.add(r.loc, "source_id", "source_id", f"{v.get('source_id')!r}, which is not "
                "defined", "the id of a defined source", refers_to=str(v.get("source_id")))
    return True


def _check_claim_group(ctx: Context, target: Row, rtype: str, rid: str, fname: str,
                       group: list[Row]) -> None:
    col = TABLES[rtype].fields()[fname]
    pref = [r for r in group if r.values.get("preferred")]
    prefvals = {r.values.get("value") for r in pref}
    first = group[0]
    if len(prefvals) != 1:
        ctx.add(first.loc, "preferred", "preferred",
                f"{len(prefvals)} preferred values for {rtype} {rid} {fname}",
                "exactly one value marked preferred=true")
    elif _norm_raw(col, prefvals.pop()) != _norm_stored(col, target.values.get(col.name)):
        ctx.add(pref[0].loc, "value", "value",
                f"a preferred value {pref[0].values.get('value')!r} that differs from the "
                f"{rtype} row's {fname} {target.raw.get(fname)!r}",
                "the preferred value to be the one the table uses")
    if len({r.values.get("value") for r in group}) < 2:
        ctx.add(first.loc, "value", "value", f"a single value for {rtype} {rid} {fname}",
                "at least two disagreeing values (a conflict)")
