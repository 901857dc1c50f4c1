"""The reviewer's files of a draft: review.md, evidence.yaml, changes.diff, draft.yaml."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import yaml

from .model import DocumentStep, Event, Field

if TYPE_CHECKING:  # pragma: no cover
    from .drafting import Draft

_EVENT_FIELDS = ("date_start", "date_end", "date_precision", "status", "format", "city",
                 "host", "series", "series_number")


def _row(name: str, f: Field, ref) -> str:
    value = "—" if f.value is None else str(f.value)
    if not f.known:
        return f"| {name} | — | | {f.reason or 'not determined'} |"
    return (f"| {name} | {value} | {f.confidence:.2f} | {ref.ref(f)}: "
            f"{f.note.replace('|', '/')} |")


def _event_md(d: Draft, ev: Event, event_id: str, existing: bool) -> list[str]:
    head = (f"### {event_id} — addition to the existing record ({ev.match.note})"
            if existing else f"### {event_id} — new record")
    out = [head, "", "| field | value | confidence | evidence |", "|---|---|---|---|"]
    out += [_row(k, ev.fields[k], d.evidence) for k in _EVENT_FIELDS]
    out += [_row("party", p, d.evidence) for p in ev.parties]
    for p in ev.people:
        out.append(_row("person", p.name, d.evidence))
        out.append(_row("  party", p.party, d.evidence))
    for s in ev.documents:
        out.append(_doc_row(s, d))
    return [*out, ""]


def _doc_row(s: DocumentStep, d: Draft) -> str:
    target = s.match.value if s.match.known else "new document"
    return (f"| document | {s.doc_type.value} {s.action.value}{' (draft)' if s.draft else ''}"
            f": {s.title.value} → {target} | {s.action.confidence:.2f} | "
            f"{d.evidence.ref(s.action)} |")


def review_md(d: Draft) -> str:
    """The review page: what to fill in or check, per-field evidence, sentences."""
    from .records_out import decoded_host

    art = d.extraction.article
    out = [f"# Draft from {art.name}", "",
           f"- article: {art.title or '(no title)'}",
           f"- source: {d.source_id} ({decoded_host(art.url) or 'no URL'}), language "
           f"{art.language}" + (f", published {art.published.iso()}" if art.published
                                else ""),
           "- apply with: `sco-analysis ingest --accept " + (str(d.directory) if d.directory
                                                              else "DRAFT") + "`", "",
           "## To fill in or check", ""]
    out += [f"- [ ] {t}" for t in d.todo] or ["- nothing required; check the values below"]
    out += [f"- {n}" for n in d.notes]
    out += ["", "## Events", ""]
    for ev, (event_id, existing) in zip(d.extraction.events, d.event_ids, strict=True):
        out += _event_md(d, ev, event_id, existing)
    if d.extraction.mentioned:
        out += ["## Documents only mentioned (background, not steps at this meeting)", ""]
        out += [f"- {m.doc_type.value}: {m.title.value} ({m.date.value or 'no date'})"
                for m in d.extraction.mentioned]
        out.append("")
    out += ["## Evidence sentences", ""]
    for s in sorted(d.evidence.sentences.values(), key=lambda s: s.index):
        out.append(f"- **E{d.evidence.number(s)}** (paragraph {s.paragraph + 1}): {s.text}")
    return "\n".join(out) + "\n"


def _field_data(f: Field) -> dict[str, Any]:
    if not f.known:
        return {"value": None, "reason": f.reason}
    out: dict[str, Any] = {"value": f.value, "confidence": f.confidence, "note": f.note}
    if f.evidence is not None:
        out.update(sentence=f.evidence.text, start=f.evidence.start, end=f.evidence.end)
    return out


def evidence_yaml(d: Draft) -> str:
    """Every extracted value with its sentence, span and confidence, as YAML."""
    events = []
    for ev, (event_id, existing) in zip(d.extraction.events, d.event_ids, strict=True):
        events.append({
            "event": event_id, "existing": existing,
            "fields": {k: _field_data(ev.fields[k]) for k in _EVENT_FIELDS},
            "parties": [_field_data(p) for p in ev.parties],
            "people": [{k: _field_data(getattr(p, k)) for k in ("name", "position", "party",
                                                               "level")} for p in ev.people],
            "documents": [{"title": _field_data(s.title), "doc_type": _field_data(s.doc_type),
                           "action": _field_data(s.action), "draft": s.draft,
                           "matches": s.match.value} for s in ev.documents],
        })
    data = {"article": d.extraction.article.name, "language": d.extraction.article.language,
            "events": events,
            "mentioned_documents": [{"title": m.title.value, "doc_type": m.doc_type.value,
                                     "date": m.date.value} for m in d.extraction.mentioned],
            "todo": d.todo}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def diff_text(d: Draft) -> str:
    """Unified diffs of every change (additions against the current record files)."""
    from .drafting import unified_diff

    return "".join(unified_diff(c) for c in d.changes.values() if c.base is not None)


def manifest_yaml(d: Draft) -> str:
    """The marker and manifest of a draft directory (read by ``--accept``)."""
    from .drafting import digest

    data = {"ingest_draft": 1, "article": d.extraction.article.name,
            "source": d.source_id,
            "files": [{"path": c.rel, "kind": c.kind,
                       **({"base_sha256": digest(c.base)} if c.base is not None else {})}
                      for c in d.changes.values()],
            "todo": d.todo}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
