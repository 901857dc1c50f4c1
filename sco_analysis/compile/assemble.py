"""Step 6: citations, derived party columns, and the pyarrow tables with the explicit schema."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from typing import Any

import pyarrow as pa

from .. import schema
from ..records import Loc, Row
from .context import Context
from .intervals import membership_id

Item = tuple[dict[str, Any], Loc]


def derive_citations(ctx: Context, participants: list[Item], claims: list[Item]
                     ) -> list[Item]:
    """One row per record and source it cites.

    A record cites its own sources, or, citing none, those of its event or document
    (``inherited``); a host or chair that the build adds to an event's participants takes
    the event's. A source that gives only a value of a disputed field of the record (in
    its ``conflicts:`` or claims.csv) is cited too (``via_claim``).
    """
    out: list[Item] = []
    seen: set[tuple[str, str, str]] = set()

    def cite(rtype: str, rid: str, own: list[str], inherited: Iterable[str], loc: Loc,
             via_claim: bool = False) -> None:
        for sid in dict.fromkeys(own or inherited):
            if (rtype, rid, sid) not in seen:
                seen.add((rtype, rid, sid))
                out.append(({"record_type": rtype, "record_id": rid, "source_id": sid,
                             "inherited": not own and not via_claim,
                             "via_claim": via_claim}, loc))

    for rtype, rid, own, inherited, loc in _record_sources(ctx, participants):
        cite(rtype, rid, own, inherited, loc)
    for v, loc in claims:
        cite(str(v["record_type"]), str(v["record_id"]), [v["source_id"]], [], loc,
             via_claim=True)
    return out


def _record_sources(ctx: Context, participants: list[Item]
                    ) -> Iterator[tuple[str, str, list[str], list[str], Loc]]:
    """(record type, id, own sources, sources it would inherit, place) of every record."""
    rows = ctx.rows

    def parent_sources(r: Row) -> list[str]:
        assert r.parent is not None
        return r.parent.sources

    for r in rows["events"]:
        yield "event", r.values["event_id"], r.sources, [], r.loc
    for v, loc in participants:
        row = v["_row"]
        yield ("participant", f"{v['event_id']}/{v['party']}", row.sources if row else [],
               v["_event"].sources, loc)
    for r in rows["people"]:
        yield ("person", f"{r.values['event_id']}/{r.values['person_id']}", r.sources,
               parent_sources(r), r.loc)
    for r in rows["documents"]:
        yield "document", r.values["doc_id"], r.sources, [], r.loc
    for r in rows["document_actions"]:
        yield ("document_action", f"{r.values['doc_id']}/{r.values['step']}", r.sources,
               parent_sources(r), r.loc)
    for r in rows["series"]:
        yield "series", r.values["series_id"], r.sources, [], r.loc
    for r in rows["membership"]:
        yield "membership", str(membership_id(r)), r.sources, [], r.loc
    for r in rows["chairmanship"]:
        yield "chairmanship", r.values["cycle"], r.sources, [], r.loc


def derive_parties(rows: list[Row]) -> None:
    """Official English name and alpha-2 code of each state, from ISO 3166 (pycountry)."""
    import pycountry

    for r in rows:
        v = r.values
        country = None
        if v.get("party_type") == "state":
            country = pycountry.countries.get(alpha_3=v["party"])
        v["official_name_en"] = (getattr(country, "official_name", None)
                                 or getattr(country, "name", None)) if country else None
        v["iso2"] = country.alpha_2 if country else None


def domains(ctx: Context) -> dict[str, list[str]]:
    """The categories of the data-defined domains: parties, series, languages."""
    return {
        "party": sorted(ctx.registries["parties"]),
        "series": sorted(ctx.registries["series"]),
        "language": sorted({r.values["language"] for t in ("sources", "name_variants")
                            for r in ctx.rows[t]}),
    }


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


def _array(c: schema.Column, items: list[Item], domains: dict[str, list[str]]) -> pa.Array:
    vals = [it[0].get(c.name) for it in items]
    if c.dtype == "date":
        return pa.array([v[0] if v else None for v in vals], pa.date32())
    if c.dtype == "category":
        if c.precision_of is not None:
            base = c.precision_of
            vals = [it[0][base][1] if it[0].get(base) else None for it in items]
        cats = schema.categories(c, domains)
        index = {v: i for i, v in enumerate(cats)}
        idx = pa.array([index[v] if v is not None else None for v in vals], pa.int16())
        return pa.DictionaryArray.from_arrays(idx, pa.array(cats, pa.string()))
    if c.dtype == "list":
        return pa.array([list(v) if v else [] for v in vals], pa.list_(pa.string()))
    return pa.array(vals, schema.arrow_type(c))


def to_arrow(table: schema.Table, items: list[Item], domains: dict[str, list[str]]
             ) -> tuple[pa.Table, list[Loc]]:
    """One table's rows, sorted by its order, as a pyarrow table of the explicit schema."""
    items = sorted(items, key=lambda it: tuple(_sort_key(it[0].get(k)) for k in table.order))
    arrays = [_array(c, items, domains) for c in table.columns]
    tbl = pa.Table.from_arrays(arrays, schema=schema.arrow_schema(table))
    return tbl, [it[1] for it in items]
