"""For reviewers: an article beside its draft, with the evidence of every field highlighted.

Examples:
    >>> from sco_analysis.ingest.drafting import draft
    >>> d = draft("MINSK, 20 May 2025 – The ministries of Belarus and China held a working "
    ...           "meeting by video link last Thursday.", out=None, match_existing=False)
    >>> html = side_by_side(d)._repr_html_()
    >>> "<mark" in html and "date_start" in html and "events/2025/" in html
    True
"""

from __future__ import annotations

import html
from collections import defaultdict
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

    from .drafting import Draft
    from .model import Extraction, Field

_STYLE = (
    "<style>.sco-ingest{display:flex;gap:16px;align-items:flex-start;font-size:13px}"
    ".sco-ingest>div{flex:1;min-width:0}.sco-ingest p{line-height:1.5}"
    ".sco-ingest mark{background:#fde68a;padding:0 2px}.sco-ingest .bg{color:#888}"
    ".sco-ingest pre{white-space:pre-wrap;background:#f8f8f8;border:1px solid #ddd;"
    "padding:6px;font-size:12px}.sco-ingest small{color:#555}</style>")


def field_list(ex: Extraction) -> list[tuple[str, Field]]:
    """Every determined field of an extraction with a name for people to read."""
    out: list[tuple[str, Field]] = []
    for i, ev in enumerate(ex.events, start=1):
        out += [(f"event {i} {k}", f) for k, f in ev.fields.items() if f.known]
        out += [(f"event {i} party {p.value}", p) for p in ev.parties]
        out += [(f"event {i} person {p.name.value}", p.name) for p in ev.people]
        out += [(f"event {i} {d.doc_type.value} {d.action.value}", d.action)
                for d in ev.documents]
    return out


def _highlighted(ex: Extraction) -> str:
    by_sentence: dict[int, list[str]] = defaultdict(list)
    for name, f in field_list(ex):
        if f.evidence is not None:
            by_sentence[f.evidence.index].append(f"{name} ({f.confidence:.2f})")
    paragraphs: dict[int, list[str]] = defaultdict(list)
    for s in ex.article.sentences:
        text = html.escape(s.text)
        if s.index in by_sentence:
            tip = html.escape("; ".join(by_sentence[s.index]))
            text = (f'<mark title="{tip}">{text}</mark> '
                    f"<small>[S{s.index + 1}: {tip}]</small>")
        elif s.background:
            text = f'<span class="bg" title="background note">{text}</span>'
        paragraphs[s.paragraph].append(text)
    return "".join(f"<p>{' '.join(v)}</p>" for _, v in sorted(paragraphs.items()))


class SideBySide:
    """The article (evidence highlighted) beside the draft's files (notebook display)."""

    def __init__(self, d: Draft):
        self.draft = d

    def _repr_html_(self) -> str:
        d = self.draft
        files = "".join(f"<h4>records/{html.escape(c.rel)} ({c.kind})</h4>"
                        f"<pre>{html.escape(c.text)}</pre>" for c in d.changes.values())
        if not files:
            files = "<p><em>" + html.escape("; ".join(d.notes) or "no change") + "</em></p>"
        title = html.escape(d.extraction.article.title or d.extraction.article.name)
        return (f'{_STYLE}<div class="sco-ingest"><div><h4>{title}</h4>'
                f"{_highlighted(d.extraction)}</div><div>{files}</div></div>")

    def __repr__(self) -> str:
        return "\n".join(c.text for c in self.draft.changes.values())


def side_by_side(d: Draft) -> SideBySide:
    """Show a draft beside its article, evidence sentences highlighted (hover for fields)."""
    return SideBySide(d)


def evidence_table(ex: Extraction) -> Any:
    """One row per field: value, confidence, sentence number and how it was found."""
    import pandas as pd

    rows = [{"field": name, "value": str(f.value), "confidence": f.confidence,
             "sentence": f"S{f.evidence.index + 1}" if f.evidence else "",
             "how": f.note} for name, f in field_list(ex)]
    return pd.DataFrame(rows)


def plot_confidence(ex: Extraction, *, ax: Axes | None = None) -> Axes:
    """A bar per extracted field of the first event: its confidence (0 to 1)."""
    import matplotlib.pyplot as plt

    fields = [(n.removeprefix("event 1 "), f) for n, f in field_list(ex)
              if n.startswith("event 1 ")]
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 0.28 * len(fields) + 1))
    names = [n for n, _ in fields][::-1]
    values = [f.confidence for _, f in fields][::-1]
    ax.barh(names, values, color=["#2b8a3e" if v >= 0.8 else "#e8a33d" if v >= 0.6
                                  else "#c92a2a" for v in values])
    ax.set_xlim(0, 1)
    ax.set_xlabel("confidence")
    ax.set_title("Confidence of each extracted field (first event)")
    return ax
