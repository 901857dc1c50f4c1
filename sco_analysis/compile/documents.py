"""Step 3: documents, their lineage and the steps of their life."""

from __future__ import annotations

import datetime

from ..dates import format_date
from ..problems import quote
from .context import Context, period


def check_documents(ctx: Context) -> None:
    """Parent and event references, relation with parent, parties, sources, no cycles."""
    for d in ctx.rows["documents"]:
        v = d.values
        ctx.check_ref(v.get("parent_doc_id"), "documents", d, "parent", d.name("parent"),
                      "document")
        ctx.check_ref(v.get("prepared_for_event_id"), "events", d, "prepared_for",
                      d.name("prepared_for"), "event")
        if (v.get("parent_doc_id") is None) != (v.get("relation") is None):
            ctx.add(d.loc, "relation", d.name("relation"),
                    f"{quote(v.get('relation'))} with parent {quote(v.get('parent_doc_id'))}",
                    "a relation exactly when a parent is given")
        if v.get("parent_doc_id") == v.get("doc_id") and v.get("doc_id"):
            ctx.add(d.loc, "parent", d.name("parent"), "the document itself",
                    "another document")
        for i, code in enumerate(v.get("parties") or ()):
            ctx.check_party(code, d, "parties", d.name(f"parties[{i}]"))
        ctx.check_sources(d, None)
    _check_lineage_cycles(ctx)


def _check_lineage_cycles(ctx: Context) -> None:
    documents = ctx.registries["documents"]
    for doc_id, row in documents.items():
        seen = {doc_id}
        cur = row.values.get("parent_doc_id")
        while cur is not None and cur in documents:
            if cur in seen:
                ctx.add(row.loc, "parent", row.name("parent"),
                        f"a cycle of parents through {cur!r}", "a lineage without cycles")
                break
            seen.add(cur)
            cur = documents[cur].values.get("parent_doc_id")


def check_step_order(ctx: Context) -> None:
    """A document's steps are listed in the order they happened.

    A step may not lie wholly before the step listed above it; steps whose periods overlap
    (a month and a day in it) are in the order the sources give the document's life.
    """
    previous: dict[int, tuple[datetime.date, str]] = {}
    for a in ctx.rows["document_actions"]:
        date = a.values.get("date")
        if a.parent is None or date is None:
            continue
        before = previous.get(id(a.parent))
        if before is not None and period(date)[1] < period(before)[0]:
            ctx.add(a.loc, "date", a.name("date"),
                    f"{format_date(*date)}, before the step listed above it "
                    f"({format_date(*before)})",
                    "the steps of a document listed in the order they happened (the "
                    "analyses read them in this order): move this step up")
        previous[id(a.parent)] = date


def check_actions(ctx: Context) -> None:
    """Each step: its event exists and the step's date lies within the event's dates."""
    events = ctx.registries["events"]
    for a in ctx.rows["document_actions"]:
        v = a.values
        doc = a.parent
        assert doc is not None
        eid = v.get("event_id")
        ctx.check_ref(eid, "events", a, "event", a.name("event"), "event")
        for i, code in enumerate(v.get("parties") or ()):
            ctx.check_party(code, a, "parties", a.name(f"parties[{i}]"))
        ev = events[eid].values if eid in events else {}
        if v.get("date") is not None and ev.get("date_start") is not None:
            a_lo, a_hi = period(v["date"])
            e_lo = ev["date_start"][0]
            e_hi = period(ev["date_end"] or ev["date_start"])[1]
            if a_hi < e_lo or a_lo > e_hi:
                span = format_date(*ev["date_start"])
                if ev.get("date_end") and ev["date_end"] != ev["date_start"]:
                    span += " to " + format_date(*ev["date_end"])
                ctx.add(a.loc, "date", a.name("date"),
                        f"{format_date(*v['date'])}, outside the dates of event {eid} "
                        f"({span})", "a date within the event's dates, or another event")
        ctx.check_sources(a, doc.sources, required=bool(doc.sources))
