"""Find documents, events and people by title, alias or name, in any language.

Text is compared folded: Unicode-normalised, case-folded and without accents or other
combining marks (``Türkiye`` matches ``turkiye``, ``Ё`` matches ``Е``). A record matches when
every word of the query occurs in one of its titles, aliases or names.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from .dataset import Dataset

COLUMNS = ["record_type", "record_id", "title", "field", "matched"]


def fold(text: str) -> str:
    """Text folded for comparison: NFKD, no combining marks, case-folded, one space.

    Examples:
        >>> fold("Türkiye"), fold("ЁЛКА"), fold("  Digital   Transformation ")
        ('turkiye', 'елка', 'digital transformation')
    """
    decomposed = unicodedata.normalize("NFKD", str(text))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", bare.casefold()).strip()


def _candidates(ds: Dataset) -> pd.DataFrame:
    """Every searchable text: (record_type, record_id, title, field, text)."""
    rows = []
    docs, events, people = ds.documents, ds.events, ds.people
    for d in docs.itertuples(index=False):
        rows.append(("document", d.doc_id, d.title, "title", d.title))
        rows += [("document", d.doc_id, d.title, "alias", a) for a in (d.aliases or [])]
    for e in events.itertuples(index=False):
        rows.append(("event", e.event_id, e.title, "title", e.title))
    for p in people.itertuples(index=False):
        key = f"{p.event_id}/{p.person_id}"
        rows.append(("person", key, p.name, "name", p.name))
        rows += [("person", key, p.name, "alias", a) for a in (p.aliases or [])]
    return pd.DataFrame(rows, columns=[*COLUMNS[:4], "text"])


def find(ds: Dataset, text: str) -> pd.DataFrame:
    """Records whose title, alias or name holds every word of ``text`` (see the module).

    Returns:
        One row per record found: ``record_type, record_id, title`` (the record's own
        title or name), ``field`` (``title``, ``alias`` or ``name``: where it matched) and
        ``matched`` (the text that matched); titles before aliases, then by id.

    Raises:
        ValueError: An empty query.
    """
    words = fold(text).split()
    if not words:
        raise ValueError("an empty search; give a word of a title, alias or name")
    cands = _candidates(ds)
    folded = cands["text"].map(fold)
    hit = pd.Series(True, index=cands.index)
    for word in words:
        hit &= folded.str.contains(word, regex=False)
    found = cands[hit].rename(columns={"text": "matched"})
    found = found.assign(_alias=found["field"] == "alias").sort_values(
        ["_alias", "record_type", "record_id"], kind="stable")
    found = found.drop_duplicates(["record_type", "record_id"])
    return found[COLUMNS].reset_index(drop=True).astype("string")
