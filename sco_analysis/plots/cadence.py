"""Cadence charts: a timeline with one lane per series, and events per year."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from ..analysis import cadence
from ..analysis._common import as_dataset, start_bounds
from ._common import (
    OKABE_ITO,
    draw_periods,
    enum_of,
    hollow_handle,
    human_dates,
    in_order,
    new_axes,
    nothing_in,
    period_handle,
    series_colors,
    style,
)

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

    from ..dataset import Dataset


def plot_timeline(data: Dataset | Mapping[str, pd.DataFrame], *, ax: Axes | None = None,
                  series: str | list[str] | None = None, start: Any = None, end: Any = None,
                  label_gaps: bool = True, title: str | None = None,
                  **kwargs: Any) -> Axes:
    """Timeline of meetings, one lane per series, markers by format, gaps in months.

    Meetings that took place are filled markers; planned ones are hollow. A date known only
    to the month or year is drawn as a bar over the period it may fall in. Between
    consecutive meetings of a recurring mechanism the gap is written in months where there is
    room for it.

    Args:
        data: The Dataset (or ``ds.tables``).
        ax: Axes to draw on (default: a new figure).
        series, start, end: Filters.
        label_gaps: Write the gaps between meetings of a mechanism.
        title: Chart title (default: says what is shown).
        **kwargs: Passed to ``Axes.scatter`` for the markers (e.g. ``s=60``).

    Returns:
        The Axes, with one y tick per lane labelled by the series' short name.

    Examples:
        >>> import sco_analysis as sco
        >>> ax = plot_timeline(sco.load(), series=["ict_ministers", "ict_expert_group"])
        >>> [t.get_text() for t in ax.get_yticklabels()]
        ['ICT ministers', 'ICT expert group']
    """
    ds = as_dataset(data, start=start, end=end, series=series)
    if ds.events.empty:
        raise nothing_in("meetings", ds)
    with style():
        ax = new_axes(ax, figsize=(11, 0.55 * max(len(ds.events["series_id"].unique()), 3) + 1.8))
        lo, hi = start_bounds(ds.events)
        ev = ds.events.assign(_lo=lo, _hi=hi)
        order, kinds = _lanes(ds, ev)
        ypos = {s: i for i, s in enumerate(order)}
        y = ev["series_id"].astype(str).map(ypos).to_numpy(dtype=float)
        _markers(ax, ev, y, kwargs)
        names = ds.series.set_index(ds.series["series_id"].astype(str))["short_name"]
        ax.set_yticks(range(len(order)), [str(names[s]) for s in order])
        ax.set_ylim(len(order) - 0.4, -0.6)
        ax.grid(axis="y", visible=False)
        for i in range(len(order)):
            ax.axhline(i, color="#eeeeee", linewidth=0.8, zorder=1)
        human_dates(ax)
        xmin, xmax = mdates.date2num(ev["_lo"].min()), mdates.date2num(ev["_hi"].max())
        pad = max((xmax - xmin) * 0.02, 20)
        ax.set_xlim(xmin - pad, xmax + pad)
        if label_gaps:
            _label_gaps(ax, ds, ypos, kinds)
        _timeline_legend(ax, ev)
        ax.set_xlabel("Date of the meeting")
        ax.set_title(title or "SCO meetings by series: when they met, and the gaps between "
                     "meetings (months)")
    return ax


def _lanes(ds: Dataset, ev: pd.DataFrame) -> tuple[list[str], pd.Series]:
    """The lanes top to bottom: mechanisms by first meeting, then categories; their kinds."""
    first = ev.assign(_sid=ev["series_id"].astype(str)).groupby(
        "_sid", observed=True)["_lo"].min().sort_values()
    kinds = ds.series.set_index(ds.series["series_id"].astype(str))["kind"].astype(str)
    kinds = kinds.reindex(first.index)
    order = [s for s in first.index if kinds[s] == "mechanism"] + \
        [s for s in first.index if kinds[s] != "mechanism"]
    return order, kinds


def _markers(ax: Axes, ev: pd.DataFrame, y: np.ndarray, kwargs: dict[str, Any]) -> None:
    """A marker per meeting, by format; hollow when planned; imprecise dates as bars."""
    held = (ev["status"] == "held").to_numpy()
    imprecise = (ev["date_precision"] != "day").to_numpy()
    if imprecise.any():
        draw_periods(ax, y[imprecise], ev["_lo"][imprecise], ev["_hi"][imprecise])
    fmt = ev["format"].astype(str).to_numpy()
    formats = enum_of("events", "format")
    for name in in_order(formats, fmt):
        spec = formats.style(name)
        for is_held in (True, False):
            sel = (fmt == name) & (held == is_held)
            if not sel.any():
                continue
            x = mdates.date2num(ev["_lo"][sel] + (ev["_hi"][sel] - ev["_lo"][sel]) / 2)
            ax.scatter(x, y[sel], marker=spec.marker,
                       facecolors=spec.color if is_held else "white",
                       edgecolors=spec.color, linewidths=1.4, zorder=4,
                       **{"s": 46, **kwargs})


def _timeline_legend(ax: Axes, ev: pd.DataFrame) -> None:
    formats = enum_of("events", "format")
    handles = [Line2D([], [], linestyle="", marker=st.marker, color=st.color,
                      label=st.label, markersize=7)
               for st in map(formats.style, in_order(formats, ev["format"].astype(str)))]
    if (ev["status"] != "held").any():
        handles.append(hollow_handle("planned"))
    if (ev["date_precision"] != "day").any():
        handles.append(period_handle())
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), title="Format")


def _label_gaps(ax: Axes, ds: Dataset, ypos: dict[str, int], kinds: pd.Series) -> None:
    g = cadence.gaps(ds)
    lo, hi = start_bounds(g)
    middle = pd.Series((lo + (hi - lo) / 2).to_numpy(), index=g["event_id"].astype(str))
    g = g[g["series_id"].astype(str).map(kinds) == "mechanism"].dropna(subset=["gap_months"])
    if g.empty:
        return
    x1 = mdates.date2num(g["previous_event_id"].astype(str).map(middle).to_numpy())
    x2 = mdates.date2num(g["event_id"].astype(str).map(middle).to_numpy())
    y = g["series_id"].astype(str).map(ypos).to_numpy(dtype=float)
    ax.hlines(y, x1, x2, color="#9e9e9e", linewidth=1.0, zorder=3)
    # write a gap only where the segment is wider than its label
    fig = ax.figure
    fig.draw_without_rendering()
    bbox = ax.get_window_extent()
    xmin, xmax = ax.get_xlim()
    points_per_day = bbox.width * 72 / fig.dpi / (xmax - xmin)
    labels = g["gap_months"].map(lambda m: f"{m:.0f}").to_numpy()
    widths = np.array([len(s) * 7.0 * 0.62 + 6 for s in labels])
    room = (x2 - x1) * points_per_day
    for xa, xb, yy, text, ok in zip(x1, x2, y, labels, room > widths, strict=True):
        if ok:
            ax.annotate(text, ((xa + xb) / 2, yy), xytext=(0, 4), textcoords="offset points",
                        ha="center", va="bottom", fontsize=7, color="#555555", zorder=5)


def plot_per_year(data: Dataset | Mapping[str, pd.DataFrame], *, ax: Axes | None = None,
                  by: str = "series_id", series: str | list[str] | None = None,
                  start: Any = None, end: Any = None, title: str | None = None,
                  **kwargs: Any) -> Axes:
    """Stacked bars: meetings held per year, by series (or by level).

    Args:
        by: ``series_id`` or ``level``.
        **kwargs: Passed to ``Axes.bar``.

    Returns:
        The Axes; one bar container per category in the legend.

    Examples:
        >>> import sco_analysis as sco
        >>> ax = plot_per_year(sco.load(), series="ict_ministers")
        >>> print(sum(bar.get_height() for c in ax.containers for bar in c))
        4.0
    """
    ds = as_dataset(data, start=start, end=end, series=series)
    counts = cadence.per_year(ds, by=by)
    if counts.empty:
        raise nothing_in("meetings held", ds)
    with style():
        ax = new_axes(ax, figsize=(11, 5))
        wide = counts.pivot(index="year", columns=by, values="n_events").fillna(0)
        wide = wide.loc[:, wide.sum() > 0]
        wide.columns = wide.columns.astype(str)
        if by == "series_id":
            colours = series_colors(ds.series, ds.events)
            order = [s for s in colours if s in wide.columns]
            names = ds.series.set_index(ds.series["series_id"].astype(str))["short_name"]
            labels = [str(names[s]) for s in order]
        else:
            order = list(wide.columns)
            colours = {c: OKABE_ITO[i % len(OKABE_ITO)] for i, c in enumerate(order)}
            labels = [c.replace("_", " ") for c in order]
        bottom = np.zeros(len(wide))
        years = wide.index.to_numpy(dtype=int)
        for col, label in zip(order, labels, strict=True):
            values = wide[col].to_numpy(dtype=float)
            ax.bar(years, values, bottom=bottom, label=label, color=colours[col], width=0.8,
                   edgecolor="white", linewidth=0.5, **kwargs)
            bottom += values
        ax.set_xlim(years.min() - 0.7, years.max() + 0.7)
        step = 1 if len(years) <= 14 else 2
        ax.set_xticks(years[::step])
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.set_xlabel("Year")
        ax.set_ylabel("Meetings held")
        ax.grid(axis="x", visible=False)
        handles, names_ = ax.get_legend_handles_labels()
        ax.legend(handles[::-1], names_[::-1], loc="upper left", bbox_to_anchor=(1.01, 1.0),
                  title="Series (top to bottom as stacked)" if by == "series_id" else "Level")
        what = "series" if by == "series_id" else "level"
        ax.set_title(title or f"SCO meetings held per year, by {what}")
    return ax
