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
from ._common import LEVEL_COLORS, LEVEL_LABELS, event_labels, new_axes, style

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

    from ..dataset import Dataset

ABSENT = "#ffffff"
DARK_LEVELS = ("head_of_state", "head_of_government", "deputy_head_of_state",
               "deputy_head_of_government", "secretary_general", "minister")
NOT_MEMBER = "#e3e3e3"


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
    with style():
        if g.empty:
            ax = new_axes(ax)
            ax.set_title(title or "No meetings in the selection")
            return ax
        events = g.drop_duplicates("event_id")[["event_id"]].merge(
            ds.events, on="event_id", how="left")
        parties_order = [str(p) for p in g["party"].cat.categories
                         if p in set(g["party"].astype(str))]
        n_rows, n_cols = len(parties_order), len(events)
        ax = new_axes(ax, figsize=(max(7.5, 1.05 * n_cols + 4.0), 0.34 * n_rows + 2.6))
        row = g["party"].astype(str).map({p: i for i, p in enumerate(parties_order)})
        col = g["event_id"].astype(str).map({e: i for i, e in
                                             enumerate(events["event_id"].astype(str))})
        rgba = np.ones((n_rows, n_cols, 4))
        level = g["delegation_level"].astype(str)
        types = ds.parties.set_index(ds.parties["party"].astype(str))["party_type"].astype(str)
        is_state = (g["party"].astype(str).map(types) == "state").to_numpy()
        # only states hold membership: bodies are never hatched
        member = (g["status_at_event"].astype(str) == "member").to_numpy() | ~is_state
        colors = np.where(g["attended"], level.map(LEVEL_COLORS).fillna(LEVEL_COLORS[
            "unknown"]), np.where(member, ABSENT, NOT_MEMBER))
        rgba[row.to_numpy(), col.to_numpy()] = [to_rgba(c) for c in colors]
        image = ax.imshow(rgba, aspect="auto", interpolation="nearest",
                          extent=(-0.5, n_cols - 0.5, n_rows - 0.5, -0.5), **kwargs)
        image.set_gid("levels")
        hatched = [Rectangle((c - 0.5, r - 0.5), 1, 1) for r, c, m in
                   zip(row, col, member, strict=True) if not m]
        coll = PatchCollection(hatched, facecolor="none", edgecolor="#8c8c8c", hatch="///",
                               linewidth=0)
        coll.set_gid("not-member")
        ax.add_collection(coll)
        roles = ds.participants[ds.participants["is_host"] | ds.participants["is_chair"]]
        r_row = roles["party"].astype(str).map({p: i for i, p in enumerate(parties_order)})
        r_col = roles["event_id"].astype(str).map(
            {e: i for i, e in enumerate(events["event_id"].astype(str))})
        shown = r_row.notna() & r_col.notna()
        text = np.where(roles["is_host"] & roles["is_chair"], "host, chair",
                        np.where(roles["is_host"], "host", "chair"))
        dark = roles["delegation_level"].astype(str).isin(DARK_LEVELS).to_numpy()
        for c, r, label, on_dark in zip(r_col[shown], r_row[shown], text[shown.to_numpy()],
                                        dark[shown.to_numpy()], strict=True):
            ax.text(c, r, label, ha="center", va="center", fontsize=7.5,
                    color="white" if on_dark else "#222222", gid="role")
        # cell borders
        ax.set_xticks(np.arange(-0.5, n_cols, 1), minor=True)
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
        present = [lv for lv in LEVEL_COLORS if lv in set(level[g["attended"]])]
        handles = [Patch(facecolor=LEVEL_COLORS[lv], label=LEVEL_LABELS[lv])
                   for lv in present]
        handles += [Patch(facecolor=ABSENT, edgecolor="#8c8c8c", label="member, not listed"),
                    Patch(facecolor=NOT_MEMBER, edgecolor="#8c8c8c", hatch="///",
                          label="state not a member on that date")]
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0),
                  title="Delegation level")
        ax.set_xlabel("Meeting (* the sources do not list every participant: a white cell "
                      "there means not listed, not absent)")
        ax.set_ylabel("Party, in order of accession")
        names_s = ds.series.set_index(ds.series["series_id"].astype(str))["short_name"]
        what = ", ".join(str(names_s.get(s, s)) for s in events["series_id"].astype(str)
                         .unique())
        ax.set_title(title or f"Who took part in the {what} meetings, and at what level")
    return ax
