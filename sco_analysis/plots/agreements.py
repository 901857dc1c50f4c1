"""Agreement chart: one swimlane per document, each step on a time axis."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.colors import to_rgba
from matplotlib.lines import Line2D

from ..analysis import agreements
from ..analysis._common import as_dataset
from ._common import (
    draw_periods,
    enum_of,
    event_labels,
    fit_texts,
    group_handles,
    hollow_handle,
    human_dates,
    new_axes,
    nothing_in,
    period_handle,
    shorten,
    style,
)

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

    from ..dataset import Dataset


#: How much of its colour a step outside the slice keeps (its history is drawn, faded).
FADED = 0.3


def _steps(ax: Axes, t: pd.DataFrame, ypos: dict[str, int], kwargs: dict[str, Any]) -> None:
    """The steps as markers: filled, hollow on a draft, faded outside the slice."""
    y = t["doc_id"].map(ypos).to_numpy(dtype=float)
    lo, hi = t["date"], t["date_latest"]
    mid = mdates.date2num(lo + (hi - lo) / 2)
    imprecise = (t["date_precision"] != "day").to_numpy()
    if imprecise.any():
        draw_periods(ax, y[imprecise], lo[imprecise], hi[imprecise])
    actions = enum_of("document_actions", "action")
    colors = np.array([to_rgba(actions.style(a).color) for a in t["action"].astype(str)])
    colors[:, 3] = np.where(t["in_slice"].to_numpy(dtype=bool), 1.0, FADED)
    draft = t["draft"].to_numpy(dtype=bool)
    ax.scatter(mid[~draft], y[~draft], c=colors[~draft], zorder=4,
               **{"s": 42, "edgecolors": "white", "linewidths": 0.6, **kwargs})
    if draft.any():
        ax.scatter(mid[draft], y[draft], facecolors="white", edgecolors=colors[draft],
                   linewidths=1.5, zorder=4, **{"s": 42, **kwargs})


def _time_axis(ax: Axes, span: pd.DataFrame) -> None:
    """Dates along x over the documents' spans: at least three months, so ticks are days."""
    xmin, xmax = mdates.date2num(span["a"].min()), mdates.date2num(span["b"].max())
    width = max(xmax - xmin, 90)
    middle = (xmin + xmax) / 2
    lo = min(xmin, middle - width / 2) - width * 0.03
    hi = max(xmax, middle + width / 2) + width * 0.03
    ax.set_xlim(lo, hi)
    human_dates(ax)
    ax.set_xticks([tick for tick in ax.get_xticks() if lo <= tick <= hi])


def _adoptions(ax: Axes, ds: Dataset, order: list[str], ypos: dict[str, int]) -> list[Any]:
    """Write the event of each document's adoption just above its adoption step."""
    d = agreements.durations(ds, docs=order)
    d = d.dropna(subset=["adoption_event_id"]).set_index("doc_id")
    labels = event_labels(ds.whole.events.set_index("event_id", drop=False), ds.series)
    texts = []
    for doc_id, row in d.iterrows():
        text = f"{row['adoption_action']} at " + str(
            labels.get(row["adoption_event_id"], row["adoption_event_id"]))
        texts.append(ax.annotate(text, (mdates.date2num(row["adoption_date"]), ypos[doc_id]),
                                 xytext=(-3, 5), textcoords="offset points", va="bottom",
                                 ha="left", fontsize=7.5, color="#333333", gid="adoption",
                                 annotation_clip=False))
    return texts


def _legend(ax: Axes, t: pd.DataFrame) -> None:
    actions = enum_of("document_actions", "action")
    handles = group_handles(actions, t["action"].astype(str), lambda st: Line2D(
        [], [], linestyle="", marker="o", color=st.color, label=st.group, markersize=7))
    handles.append(hollow_handle("on a draft"))
    if not t["in_slice"].all():
        handles.append(Line2D([], [], linestyle="", marker="o", color="#333333",
                              alpha=FADED, markersize=7, label="outside the selection"))
    if (t["date_precision"] != "day").any():
        handles.append(period_handle())
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), title="Step")


def plot_swimlanes(data: Dataset | Mapping[str, pd.DataFrame], *, ax: Axes | None = None,
                   docs: str | list[str] | None = None, track: str | list[str] | None = None,
                   series: str | list[str] | None = None, start: Any = None,
                   end: Any = None, title: str | None = None, **kwargs: Any) -> Axes:
    """Each document's life on a time axis: one lane per document, steps coloured by action.

    Steps on a draft are hollow; a step known only to the month or year is drawn over that
    period. The event where the document was adopted (or approved, or signed) is written at
    the end of its lane. On a slice, the documents with a step in it are drawn with their
    whole history, the steps outside the slice faded.

    Args:
        docs: Only these documents.
        track: Only documents of these tracks (``digital``, ``information_security`` ...).
        series, start, end: The slice (see :meth:`sco_analysis.Dataset.filter`).
        **kwargs: Passed to ``Axes.scatter`` (e.g. ``s=60``).

    Returns:
        The Axes: y tick labels are the (shortened) document titles; the adoption labels
        are texts with gid ``adoption``.

    Raises:
        NothingToPlot: No document has a step in the selection.

    Examples:
        >>> import sco_analysis as sco
        >>> ax = plot_swimlanes(sco.load(), docs="action_plan_digital_transformation_2025")
        >>> [t.get_text() for t in ax.texts]
        ['adopted at 4th ICT ministers (Karamay, Jun 2025)']
    """
    ds = as_dataset(data, start=start, end=end, series=series)
    t = agreements.timeline(ds, docs=docs)
    if track is not None:
        t = t[t["track"].astype(str).isin([track] if isinstance(track, str) else track)]
    if t.empty:
        raise nothing_in("document steps", ds)
    with style():
        order = t.groupby("doc_id", sort=False)["date"].min().sort_values(
            kind="stable").index.tolist()
        ax = new_axes(ax, figsize=(12, 0.5 * len(order) + 1.6))
        ypos = {d: i for i, d in enumerate(order)}
        span = t.groupby("doc_id", sort=False).agg(a=("date", "min"), b=("date_latest", "max"))
        span = span.reindex(order)
        ax.hlines(np.arange(len(order)), mdates.date2num(span["a"]),
                  mdates.date2num(span["b"]), color="#9e9e9e", linewidth=1.2, zorder=2)
        _steps(ax, t, ypos, kwargs)
        ax.set_yticks(range(len(order)), [shorten(
            t.loc[t["doc_id"] == d, "title"].iloc[0], 46, lines=2) for d in order])
        ax.set_ylim(len(order) - 0.5, -0.5)
        ax.grid(axis="y", visible=False)
        _time_axis(ax, span)
        texts = _adoptions(ax, ds, order, ypos)
        _legend(ax, t)
        fit_texts(ax, texts)
        ax.set_xlabel("")
        ax.set_title(title or "From draft to adoption: the steps of each document")
    return ax
