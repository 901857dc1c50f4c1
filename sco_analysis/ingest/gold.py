"""The extraction in the neutral gold format of the ingest development set.

One mapping per article: ``source_url``, ``language`` and ``events``, each event with its
dates, status, format, city, host, series (gold vocabulary), number, parties, people,
documents acted on and documents only mentioned (pooled on the first event).

Examples:
    >>> from sco_analysis.ingest.pipeline import extract
    >>> g = to_gold(extract("MINSK, 20 May 2025 – The ministries of Belarus and China held "
    ...                     "a working meeting by video link last Thursday."))
    >>> e = g["events"][0]
    >>> e["date_start"], e["format"], e["series"], e["parties"]
    ('2025-05-15', 'videoconference', 'bilateral', ['BLR', 'CHN'])
"""

from __future__ import annotations

from typing import Any

import yaml

from .model import DocumentStep, Event, Extraction

#: Document types of the gold vocabulary; the schema's other types are written as their
#: nearest (:data:`GOLD_NEAREST`) or ``other``.
GOLD_DOC_TYPES = ("agenda", "minutes", "action_plan", "plan", "concept", "statement",
                  "declaration", "memorandum", "agreement", "proposal", "report", "other")
GOLD_ACTIONS = ("proposed", "drafted", "discussed", "agreed", "approved", "adopted", "signed",
                "presented", "published")


#: Schema types written as the nearest type of the gold vocabulary: a joint communiqué is
#: a statement, a road map a plan.
GOLD_NEAREST = {"communique": "statement", "roadmap": "plan"}


def _doc(step: DocumentStep, date: bool) -> dict[str, Any]:
    doc_type = GOLD_NEAREST.get(step.doc_type.value, step.doc_type.value)
    doc_type = doc_type if doc_type in GOLD_DOC_TYPES else "other"
    out: dict[str, Any] = {"title": step.title.value, "doc_type": doc_type}
    if date:
        out["date"] = step.date.value
    else:
        out["action"] = step.action.value
    return out


def _event(ev: Event) -> dict[str, Any]:
    f = ev.fields
    return {
        "date_start": f["date_start"].value,
        "date_end": f["date_end"].value,
        "date_precision": f["date_precision"].value,
        "status": f["status"].value,
        "format": f["format"].value or "unknown",
        "city": f["city"].value,
        "host_country": f["host"].value,
        "series": f["series"].value,
        "series_number": f["series_number"].value,
        "parties": ev.party_codes(),
        "people": [{"name": p.name.value, "position": p.position.value,
                    "party": p.party.value} for p in ev.people],
        "documents": [_doc(d, False) for d in ev.documents
                      if d.action.value in GOLD_ACTIONS],
        "mentioned_documents": [],
    }


def to_gold(extraction: Extraction) -> dict[str, Any]:
    """The extraction as a mapping in the gold format."""
    events = [_event(e) for e in extraction.events]
    if events:
        events[0]["mentioned_documents"] = [_doc(d, True) for d in extraction.mentioned]
    return {"source_url": extraction.article.url, "language": extraction.article.language,
            "events": events}


def dump(extraction: Extraction) -> str:
    """The gold-format YAML text of an extraction."""
    return yaml.safe_dump(to_gold(extraction), allow_unicode=True, sort_keys=False,
                          width=100, default_flow_style=None)
