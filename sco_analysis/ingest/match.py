"""Matching a draft against the dataset: existing events, documents and sources.

An event matches when the dataset has the same series and number, or an event of the same
series whose dates overlap the draft's and which shares at least two parties with it (or
the same day and the same host). A document step matches an existing document of the same
type whose title or one of whose aliases is close to the words of the article (rapidfuzz
token-set ratio, drafts' "draft"/"проект" ignored). A source matches by URL.
"""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING

from .lexicon import DRAFT, SERIES_IN_DATASET
from .model import DocumentStep, Event, Field

if TYPE_CHECKING:  # pragma: no cover
    from ..dataset import Dataset

#: Smallest rapidfuzz token-set ratio for a document title to match.
TITLE_MATCH = 82


def dataset_series(series: str, parties: list[str], known: set[str]) -> str:
    """The dataset's series id for a gold-vocabulary series.

    Examples:
        >>> dataset_series("bilateral", ["PAK", "ORG:SCO_SECRETARIAT"],
        ...                {"bilateral", "secretariat_bilateral"})
        'secretariat_bilateral'
        >>> dataset_series("other", [], {"side_event"})
        'side_event'
    """
    if series == "bilateral" and any(p.startswith("ORG:") for p in parties):
        series = "bilateral_secretariat"
    if series in known:
        return series
    mapped = SERIES_IN_DATASET.get(series, series)
    return mapped if mapped in known else ("bilateral" if series.startswith("bilateral")
                                           else mapped)


def _bounds(value: str) -> tuple:
    from ..dates import parse_date, period_last_day

    first, precision = parse_date(value)
    return first, period_last_day(first, precision)


def _compatible(row_series: str, series: str) -> bool:
    """Same series, or a category and one of its mechanisms ("forum" and "forum_karamay")."""
    return row_series == series or row_series.startswith(series + "_") or \
        series.startswith(row_series + "_")


def match_event(ev: Event, ds: Dataset, docs: list[str] | None = None) -> Field:
    """The id of the dataset's event this one is, with why; unknown when none is.

    ``docs`` are the ids of existing documents the draft acts on: an event where the
    dataset already records steps of them is the better candidate.
    """
    import pandas as pd

    series = dataset_series(ev.value("series"), ev.party_codes(),
                            set(ds.series["series_id"].astype(str)))
    if not ev.fields["date_start"].known:
        return Field.unknown("no date to compare")
    lo, hi = _bounds(ev.value("date_start"))
    number = ev.value("series_number")
    parts = ds.participants.groupby("event_id", observed=True)["party"].agg(
        lambda s: set(s.astype(str)))
    acts = ds.document_actions
    best, best_score, why = None, 0, ""
    for row in ds.events.itertuples(index=False):
        if not _compatible(str(row.series_id), series):
            continue
        near = _overlap(row, lo, hi)
        same_number = number is not None and not pd.isna(row.series_number) and \
            int(row.series_number) == number
        if same_number and _overlap(row, lo, hi, 62):
            return Field.of(str(row.event_id), ev.anchor, 0.9,
                            f"same series ({row.series_id}) and number ({number})")
        shared = set(ev.party_codes()) & parts.get(row.event_id, set())
        same_host = bool(ev.value("host")) and ev.value("host") == row.host
        if not near or not (len(shared) >= 2 or same_host):
            continue
        score = len(shared) + 2 * same_host + 2 * (str(row.format) == ev.value("format"))
        score += 3 * int(bool(docs) and acts[(acts["event_id"] == row.event_id)
                                             & acts["doc_id"].isin(docs)].shape[0] > 0)
        if score > best_score:
            best, best_score = str(row.event_id), score
            why = f"same series and dates; shared parties {', '.join(sorted(shared))}"
    if best is None:
        return Field.unknown("no event of the dataset has this series and number, or these "
                             "dates and parties")
    return Field.of(best, ev.anchor, 0.75, why)


def _days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def _overlap(row, lo, hi, slack: int = 0) -> bool:
    import pandas as pd

    from ..dates import period_last_day

    start = pd.Timestamp(row.date_start).date()
    end = pd.Timestamp(row.date_end).date() if not pd.isna(row.date_end) else start
    last = period_last_day(end, str(row.date_precision))
    return start <= hi + _days(slack) and last >= lo - _days(slack)


def _clean(title: str) -> str:
    text = re.sub(rf"(?i)\b(?:{DRAFT['en']}|{'|'.join(DRAFT['ru'])}\w*)\b", " ", title)
    return re.sub(r"\s+", " ", text).strip().lower()


def match_document(step: DocumentStep, ds: Dataset, event: str | None = None) -> Field:
    """The id of the dataset's document a step acts on, by type and title or alias.

    With ``event`` (an existing event), a document of the same type that already has a
    step at that event is taken when it is the only one (titles in another language).
    """
    from rapidfuzz import fuzz

    docs = ds.documents
    if event is not None:
        acts = ds.document_actions
        ids = set(acts.loc[acts["event_id"] == event, "doc_id"].astype(str))
        same = docs[docs["doc_id"].astype(str).isin(ids)
                    & (docs["doc_type"].astype(str) == step.doc_type.value)]
        if len(same) == 1:
            return Field.of(str(same["doc_id"].iloc[0]), step.title.evidence, 0.7,
                            f"the only {step.doc_type.value} with a step at {event}")
    title = _clean(step.title.value or "")
    best, best_score = None, 0.0
    for row in docs.itertuples(index=False):
        if str(row.doc_type) != step.doc_type.value:
            continue
        names = [str(row.title), *[str(a) for a in (row.aliases if row.aliases is not None
                                                     else [])]]
        score = max(fuzz.token_set_ratio(title, _clean(n)) for n in names)
        if score > best_score:
            best, best_score = str(row.doc_id), score
    if best is not None and best_score >= TITLE_MATCH:
        return Field.of(best, step.title.evidence, round(best_score / 100, 2),
                        f"title or alias {best_score:.0f}% alike")
    return Field.unknown("no document of the dataset has a close title or alias")


def match_source(url: str | None, ds: Dataset) -> str | None:
    """The id of the dataset's source with this URL, if any."""
    if not url:
        return None
    src = ds.sources
    hit = src[src["url"].astype(str).str.rstrip("/") == url.rstrip("/")]
    return str(hit["source_id"].iloc[0]) if len(hit) else None
