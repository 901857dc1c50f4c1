"""Participation chart: a heatmap of parties x meetings coloured by delegation level."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from matplotlib.collections import PatchCollection
from matplotlib.colors import to_rgba
from matplotlib.patches import Patch, Rectangle

from ..analysis import participation
from ..analysis._common import as_dataset
from ._common import enum_of, event_labels, in_order, new_axes, nothing_in, style

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

    from ..dataset import Dataset

ABSENT = "#ffffff"
NOT_MEMBER = "#e3e3e3"


def _is_dark(color: str) -> bool:
    """True when white text reads better than black on ``color`` (WCAG luminance)."""
    r, g, b, _ = to_rgba(color)
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2] < 0.179


def _cells(ds: Dataset, g: pd.DataFrame, parties_order: list[str],
           events: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Row and column of every grid cell, its colour, and whether the party was a member."""
    row = g["party"].astype(str).map({p: i for i, p in enumerate(parties_order)}).to_numpy()
    col = g["event_id"].astype(str).map({e: i for i, e in enumerate(
        events["event_id"].astype(str))}).to_numpy()
    levels = enum_of("participants", "delegation_level")
    level = g["delegation_level"].astype(str)
    types = ds.parties.set_index(ds.parties["party"].astype(str))["party_type"].astype(str)
    is_state = (g["party"].astype(str).map(types) == "state").to_numpy()
    # only states hold membership: bodies are never hatched
    member = (g["status_at_event"].astype(str) == "member").to_numpy() | ~is_state
    attended = g["attended"].to_numpy(dtype=bool)
    colors = np.where(attended, [levels.style(lv).color for lv in level],
                      np.where(member, ABSENT, NOT_MEMBER))
    return row, col, colors, member


def _draw_roles(ax: Axes, ds: Dataset, parties_order: list[str], events: pd.DataFrame,
                colors: dict[tuple[int, int], str]) -> None:
    """Write 'host', 'chair' or both in the cells of the meetings' hosts and chairs."""
    roles = ds.participants[ds.participants["is_host"] | ds.participants["is_chair"]]
    r_row = roles["party"].astype(str).map({p: i for i, p in enumerate(parties_order)})
    r_col = roles["event_id"].astype(str).map(
        {e: i for i, e in enumerate(events["event_id"].astype(str))})
    shown = (r_row.notna() & r_col.notna()).to_numpy()
    text = np.where(roles["is_host"] & roles["is_chair"], "host, chair",
                    np.where(roles["is_host"], "host", "chair"))
    for c, r, label in zip(r_col[shown].astype(int), r_row[shown].astype(int), text[shown],
                           strict=True):
        dark = _is_dark(colors.get((r, c), ABSENT))
        ax.text(c, r, label, ha="center", va="center", fontsize=7.5,
                color="white" if dark else "#222222", gid="role")


def _label_axes(ax: Axes, ds: Dataset, parties_order: list[str], events: pd.DataFrame,
                title: str | None) -> None:
    n_rows, n_cols = len(parties_order), len(events)
    ax.set_xticks(np.arange(-0.5, n_cols, 1), minor=True)  # cell borders
    ax.set_yticks(np.arange(-0.5, n_rows, 1), minor=True)
    ax.grid(which="minor", color="#bdbdbd", linewidth=0.6)
    ax.grid(which="major", visible=False)
    ax.tick_params(which="minor", length=0)
    single = (events["series_id"].astype(str) == str(events["series_id"].iloc[0])).all()
    labels = event_labels(events, ds.series, stacked=True, with_series=not single)
    labels = [lab + ("*" if not complete else "") for lab, complete in
              zip(labels, events["participants_complete"], strict=True)]
    ax.set_xticks(range(n_cols), labels, fontsize=8.5 if n_cols > 8 else 9)
    names = ds.parties.set_index(ds.parties["party"].astype(str))["name_en"]
    ax.set_yticks(range(n_rows), [str(names.get(p, p)) for p in parties_order])
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_xlabel("Meeting (* the sources do not list every participant: a white cell "
                  "there means not listed, not absent)")
    ax.set_ylabel("Party, in order of accession")
    names_s = ds.series.set_index(ds.series["series_id"].astype(str))["short_name"]
    what = ", ".join(str(names_s.get(s, s)) for s in events["series_id"].astype(str).unique())
    ax.set_title(title or f"Who took part in the {what} meetings, and at what level")


def _legend(ax: Axes, attended_levels: pd.Series) -> None:
    levels = enum_of("participants", "delegation_level")
    handles = [Patch(facecolor=st.color, label=st.label)
               for st in map(levels.style, in_order(levels, attended_levels))]
    handles += [Patch(facecolor=ABSENT, edgecolor="#8c8c8c", label="member, not listed"),
                Patch(facecolor=NOT_MEMBER, edgecolor="#8c8c8c", hatch="///",
                      label="state not a member on that date")]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0),
              title="Delegation level")


def plot_heatmap(data: Dataset | Mapping[str, pd.DataFrame], *, ax: Axes | None = None,
                 series: str | list[str] | None = "ict_ministers", start: Any = None,
                 end: Any = None, parties: str | list[str] | None = None,
                 title: str | None = None, **kwargs: Any) -> Axes:
    """Who took part in each meeting, and at what level, beside their SCO status.

    Rows are parties in order of accession, columns meetings in order of date. A cell is
    coloured by the party's delegation level when it took part, white when it was a member
    and is not listed, and hatched grey where the party was not (yet) a member on that date
    (hatched over the colour if it took part anyway). Meetings whose sources do not list
    every participant are marked with an asterisk: a white cell there means "not listed",
    not "absent".

    Args:
        series: The meetings to show (default: the ICT ministers' meetings).
        **kwargs: Passed to ``Axes.imshow``.

    Returns:
        The Axes. Its image has gid ``levels``; the hatched cells are a collection with gid
        ``not-member``.

    Examples:
        >>> import sco_analysis as sco
        >>> ax = plot_heatmap(sco.load(), series="ict_ministers")
        >>> [t.get_text() for t in ax.get_yticklabels()][-2:]
        ['Iran', 'Belarus']
    """
    ds = as_dataset(data, start=start, end=end, series=series)
    g = participation.grid(ds, parties=parties)
    if g.empty:
        raise nothing_in("meetings held", ds)
    with style():
        events = g.drop_duplicates("event_id")[["event_id"]].merge(
            ds.events, on="event_id", how="left")
        parties_order = [str(p) for p in g["party"].cat.categories
                         if p in set(g["party"].astype(str))]
        n_rows, n_cols = len(parties_order), len(events)
        ax = new_axes(ax, figsize=(max(7.5, 1.05 * n_cols + 4.0), 0.34 * n_rows + 2.6))
        row, col, colors, member = _cells(ds, g, parties_order, events)
        rgba = np.ones((n_rows, n_cols, 4))
        rgba[row, col] = [to_rgba(c) for c in colors]
        image = ax.imshow(rgba, aspect="auto", interpolation="nearest",
                          extent=(-0.5, n_cols - 0.5, n_rows - 0.5, -0.5), **kwargs)
        image.set_gid("levels")
        hatched = PatchCollection([Rectangle((c - 0.5, r - 0.5), 1, 1) for r, c, m in
                                   zip(row, col, member, strict=True) if not m],
                                  facecolor="none", edgecolor="#8c8c8c", hatch="///",
                                  linewidth=0)
        hatched.set_gid("not-member")
        ax.add_collection(hatched)
        _draw_roles(ax, ds, parties_order, events,
                    {(int(r), int(c)): str(k) for r, c, k in zip(row, col, colors,
                                                                 strict=True)})
        _label_axes(ax, ds, parties_order, events, title)
        _legend(ax, g.loc[g["attended"], "delegation_level"].astype(str))
    return ax
