"""Agreement timelines: each document's steps, how long adoption took, lineage.

Examples:
    >>> import sco_analysis as sco
    >>> from sco_analysis.analysis import agreements
    >>> d = agreements.durations(sco.load(), docs="action_plan_digital_transformation_2025")
    >>> d[["first_draft_date", "adoption_date", "days"]].astype(str).values.tolist()
    [['2025-05-15', '2025-06-17', '33']]
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..dates import bounds
from ..slices import steps_in
from ._common import as_dataset, days

if TYPE_CHECKING:  # pragma: no cover
    from ..dataset import Dataset

#: Actions that count as a document's adoption, by default.
ADOPTION = ("adopted", "approved", "signed")
DURATION_COLUMNS = [
    "doc_id", "title", "doc_type", "first_date", "first_date_precision", "first_action",
    "first_draft_date", "first_draft_date_precision", "adoption_date",
    "adoption_date_precision", "adoption_action", "adoption_event_id", "days", "days_min",
    "days_max", "n_steps"]


def timeline(data: Dataset | Mapping[str, pd.DataFrame], *,
             docs: str | list[str] | None = None, series: str | list[str] | None = None,
             start: Any = None, end: Any = None) -> pd.DataFrame:
    """Every step of every document in order, with the event where it happened.

    On a slice, every document with a step in it comes with all its steps (its history
    is never cut); ``in_slice`` tells which steps lie in the slice.

    Returns:
        Columns ``doc_id, title, doc_type, track, step, date, date_precision, date_latest``
        (last possible day), ``action, draft, event_id, event_title, event_series_id,
        parties, in_slice``, sorted by document and step (the order of its life).

    Examples:
        >>> import sco_analysis as sco
        >>> t = timeline(sco.load(), docs="action_plan_digital_transformation_2025")
        >>> t[["date", "action", "draft"]].astype(str).values.tolist()[:3]
        ... # doctest: +NORMALIZE_WHITESPACE
        [['2025-05-15', 'agreed', 'True'], ['2025-05-28', 'discussed', 'True'],
         ['2025-06-17', 'adopted', 'False']]
    """
    ds = as_dataset(data, start=start, end=end, series=series)
    acts = ds.document_actions
    if docs is not None:
        wanted = [docs] if isinstance(docs, str) else list(docs)
        unknown = sorted(set(wanted) - set(ds.documents["doc_id"]))
        if unknown:
            raise ValueError(f"unknown documents {unknown}")
        acts = acts[acts["doc_id"].isin(wanted)]
    _, latest = bounds(acts["date"], acts["date_precision"])
    ev = ds.whole.events[["event_id", "title", "series_id"]].rename(
        columns={"title": "event_title", "series_id": "event_series_id"})
    in_slice = steps_in(acts, ds.slice, ds.events["event_id"]) \
        if ds.slice.cuts_dates_or_series else pd.Series(True, index=acts.index)
    out = acts.assign(date_latest=latest, in_slice=in_slice.to_numpy(dtype=bool)).merge(
        ds.documents[["doc_id", "title", "doc_type", "track"]], on="doc_id", how="left",
        validate="many_to_one").merge(ev, on="event_id", how="left", validate="many_to_one")
    out = out.sort_values(["doc_id", "step"], kind="stable")
    return out[["doc_id", "title", "doc_type", "track", "step", "date", "date_precision",
                "date_latest", "action", "draft", "event_id", "event_title",
                "event_series_id", "parties", "in_slice"]].reset_index(drop=True)


def durations(data: Dataset | Mapping[str, pd.DataFrame], *,
              docs: str | list[str] | None = None, series: str | list[str] | None = None,
              start: Any = None, end: Any = None,
              adoption: tuple[str, ...] = ADOPTION) -> pd.DataFrame:
    """Days from a document's first step, and from its first draft, to its adoption.

    Adoption is the first step, not on a draft, whose action is one of ``adoption``. Where
    a date is only month- or year-precise the days are known within bounds:
    ``days_min``/``days_max`` (from the first draft when there is one, else from the first
    step), and ``days`` only when both dates are days. On a slice (``series``, ``start``,
    ``end``, or a filtered Dataset) the documents are those with a step in it, each with
    its whole history: a document's duration is the same on every slice.

    Returns:
        One row per document with at least one step: ``doc_id, title, doc_type, first_date,
        first_date_precision, first_action, first_draft_date, first_draft_date_precision,
        adoption_date, adoption_date_precision, adoption_action, adoption_event_id, days,
        days_min, days_max, n_steps``.

    Examples:
        >>> import sco_analysis as sco
        >>> d = durations(sco.load(), docs="programme_mtec_2035_2019").iloc[0]
        >>> print(d["first_action"], d["adoption_action"], d["days"])
        drafted approved 37
        >>> ict = durations(sco.load(), series="ict_ministers", start="2021", end="2025")
        >>> ict.set_index("doc_id").loc["action_plan_digital_transformation_2025",
        ...                             ["days", "n_steps"]].tolist()
        [33, 6]
    """
    t = timeline(data, docs=docs, series=series, start=start, end=end)
    first = t.drop_duplicates("doc_id").set_index("doc_id")
    first_draft = t[t["draft"]].drop_duplicates("doc_id").set_index("doc_id")
    adopt = t[t["action"].isin(adoption) & ~t["draft"]].drop_duplicates("doc_id")
    adopt = adopt.set_index("doc_id")
    out = pd.DataFrame(index=first.index)
    out["title"], out["doc_type"] = first["title"], first["doc_type"]
    for name, rows in (("first_date", first), ("first_draft_date", first_draft),
                       ("adoption_date", adopt)):
        out[name] = rows["date"].reindex(out.index)
        out[f"{name}_precision"] = rows["date_precision"].reindex(out.index)
    out["first_action"] = first["action"]
    out["adoption_action"] = adopt["action"].reindex(out.index)
    out["adoption_event_id"] = adopt["event_id"].reindex(out.index).astype("string")
    use_draft = out["first_draft_date"].notna()
    from_lo = out["first_draft_date"].where(use_draft, out["first_date"])
    from_hi = first_draft["date_latest"].reindex(out.index).where(use_draft,
                                                                 first["date_latest"])
    out["days_min"] = days(adopt["date"].reindex(out.index) - from_hi).clip(lower=0)
    out["days_max"] = days(adopt["date_latest"].reindex(out.index) - from_lo)
    out["days"] = out["days_min"].where(out["days_min"] == out["days_max"])
    out["n_steps"] = t.groupby("doc_id", sort=True).size().reindex(out.index).astype("Int64")
    return out.reset_index()[DURATION_COLUMNS]


def lineage(data: Dataset | Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Which document implements or follows which, with each chain's root and depth.

    Examples:
        >>> import sco_analysis as sco
        >>> ln = lineage(sco.load())
        >>> ln.loc[ln.doc_id == "programme_mtec_2035_2019", ["relation", "parent_doc_id"]
        ...        ].values.tolist()
        [['follows', 'programme_mtec_2003']]
    """
    ds = as_dataset(data)
    docs = ds.documents[["doc_id", "title", "parent_doc_id", "relation"]].copy()
    parent = docs.set_index("doc_id")["parent_doc_id"]
    root = docs["doc_id"].astype("string")
    depth = pd.Series(0, index=docs.index, dtype="Int64")
    current = docs["parent_doc_id"]
    # one step per level of the deepest chain, never one per document
    while current.notna().any():
        root = current.where(current.notna(), root).astype("string")
        depth = depth + current.notna().astype("Int64")
        current = current.map(parent).where(current.notna())
    docs["root_doc_id"] = root
    docs["depth"] = depth
    titles = ds.documents.set_index("doc_id")["title"]
    docs["parent_title"] = docs["parent_doc_id"].map(titles).astype("string")
    has_link = docs["parent_doc_id"].notna() | docs["doc_id"].isin(docs["parent_doc_id"])
    return docs[has_link].reset_index(drop=True)[
        ["doc_id", "title", "relation", "parent_doc_id", "parent_title", "root_doc_id",
         "depth"]]


def per_event(data: Dataset | Mapping[str, pd.DataFrame], *,
              series: str | list[str] | None = None, start: Any = None,
              end: Any = None) -> pd.DataFrame:
    """Documents acted on at each event: how many, which, and what was done.

    Examples:
        >>> import sco_analysis as sco
        >>> p = per_event(sco.load())
        >>> print(p.loc[p.event_id == "blr_miit_working_meeting_2025", "documents"].item())
        ... # doctest: +NORMALIZE_WHITESPACE
        action_plan_digital_transformation_2025 (agreed, draft);
        agenda_ict_ministers_4_draft (agreed, draft); mou_blr_chn_ict_2024 (discussed);
        protocol_ict_ministers_4_draft (agreed, draft)
    """
    ds = as_dataset(data, start=start, end=end, series=series)
    acts = ds.document_actions.dropna(subset=["event_id"])
    acts = acts[acts["event_id"].isin(ds.events["event_id"])]
    labelled = acts.assign(step_label=acts["doc_id"].astype(str) + " (" +
                           acts["action"].astype(str) +
                           acts["draft"].map({True: ", draft", False: ""}) + ")")
    grouped = labelled.sort_values(["event_id", "doc_id"]).groupby("event_id", sort=True)
    out = grouped.agg(n_documents=("doc_id", "nunique"),
                      documents=("step_label", lambda s: "; ".join(s)))
    out = out.reset_index().merge(ds.events[["event_id", "date_start", "date_precision",
                                             "series_id", "title"]],
                                  on="event_id", how="left")
    out["n_documents"] = out["n_documents"].astype("Int64")
    out["documents"] = out["documents"].astype("string")
    return out.sort_values(["date_start", "event_id"]).reset_index(drop=True)[
        ["event_id", "date_start", "date_precision", "series_id", "title", "n_documents",
         "documents"]]
