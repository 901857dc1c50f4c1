"""Shared parts of the charts: the packaged style, palettes, labels, byte-stable saving."""

from __future__ import annotations

import contextlib
import os
import textwrap
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import matplotlib as mpl
import matplotlib.dates as mdates
import pandas as pd

from ..schema import Enum, Style

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

STYLE = Path(__file__).with_name("sco.mplstyle")

#: Okabe-Ito colours, readable by colour-blind readers.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
             "#000000", "#999999"]

class NothingToPlot(ValueError):
    """The selection holds nothing to draw; the message says what is missing, in words.

    Charts never draw empty axes: a notebook shows the message instead (see
    :func:`sco_analysis.notebook.chart`).
    """


def nothing_in(what: str, ds: Any) -> NothingToPlot:
    """The error for an empty selection: ``no meetings held in 2040 to 2041``."""
    return NothingToPlot(f"no {what} in the selection ({ds.slice.describe()})")


def enum_of(table: str, column: str) -> Enum:
    """The enum of a category column, as the schema declares it now."""
    from ..schema import TABLES

    enum = TABLES[table].column(column).enum
    if enum is None:  # pragma: no cover - a programming error
        raise ValueError(f"{table}.{column} has no fixed values")
    return enum


def in_order(enum: Enum, present: Iterable[object]) -> list[str]:
    """The values present, in the enum's order; values it does not know come last.

    A value that no declaration knows is kept (drawn in the neutral style), never dropped.

    Examples:
        >>> in_order(enum_of("events", "format"), ["hybrid", "hologram", "in_person"])
        ['in_person', 'hybrid', 'hologram']
    """
    seen = {str(v) for v in present}
    return [v for v in enum.values if v in seen] + sorted(seen - set(enum.values))


def group_handles(enum: Enum, present: Iterable[object], make: Any) -> list[Any]:
    """Legend handles, one per style group of the values present, in the enum's order.

    ``make(style)`` draws the handle of one group (from the style of its first value).
    """
    groups: dict[str, Style] = {}
    for value in in_order(enum, present):
        st = enum.style(value)
        groups.setdefault(str(st.group), st)
    return [make(st) for st in groups.values()]


def series_colors(series: pd.DataFrame, events: pd.DataFrame | None = None) -> dict[str, str]:
    """A fixed colour per series: Okabe-Ito for mechanisms, greys for categories.

    Mechanisms are ordered by their first meeting (when ``events`` is given), so the same
    dataset always gets the same colours.
    """
    ids = series["series_id"].astype(str)
    kinds = dict(zip(ids, series["kind"].astype(str), strict=True))
    order = list(ids)
    if events is not None and len(events):
        first = events.groupby(events["series_id"].astype(str), observed=True)[
            "date_start"].min()
        order = sorted(order, key=lambda s: (first.get(s, pd.Timestamp.max), s))
    mechanisms = [s for s in order if kinds[s] == "mechanism"]
    categories = [s for s in order if kinds[s] != "mechanism"]
    colours = [c for c in OKABE_ITO if c not in ("#999999", "#000000")] + ["#000000"]
    greys = ["#4d4d4d", "#7f7f7f", "#a6a6a6", "#cfcfcf"]
    out = {s: colours[i % len(colours)] for i, s in enumerate(mechanisms)}
    out |= {s: greys[i % len(greys)] for i, s in enumerate(categories)}
    return out


@contextlib.contextmanager
def style() -> Iterator[None]:
    """Apply the packaged style for the duration of a block (never globally).

    Examples:
        >>> import matplotlib.pyplot as plt
        >>> with style():
        ...     plt.rcParams["axes.titlelocation"]
        'left'
    """
    import matplotlib.pyplot as plt

    with plt.style.context(STYLE):
        yield


def new_axes(ax: Axes | None, figsize: tuple[float, float] | None = None) -> Axes:
    """The given axes, or new ones on a new figure of the style's (or a given) size.

    New figures are made with pyplot, as seaborn does, so that notebooks display them.
    """
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, new = plt.subplots(figsize=figsize or tuple(mpl.rcParams["figure.figsize"]),
                          layout="constrained")
    return new


def human_dates(ax: Axes, axis: str = "x") -> None:
    """Date ticks people read: years, or months with years, depending on the span."""
    target = ax.xaxis if axis == "x" else ax.yaxis
    locator = mdates.AutoDateLocator(minticks=4, maxticks=12)
    formatter = mdates.ConciseDateFormatter(locator, show_offset=False)
    target.set_major_locator(locator)
    target.set_major_formatter(formatter)


def ordinal(n: int) -> str:
    """English ordinal: 1st, 2nd, 3rd, 4th, 11th, 22nd."""
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    if 10 <= n % 100 <= 20:
        suffix = "th"
    return f"{n}{suffix}"


def event_labels(events: pd.DataFrame, series: pd.DataFrame, *,
                 stacked: bool = False, with_series: bool = True) -> pd.Series:
    r"""Short readable labels: '3rd ICT ministers (Almaty, Feb 2024)'.

    With ``stacked`` the parts go on separate lines, for column labels;
    ``with_series=False`` leaves out the series name.

    Examples:
        >>> ev = pd.DataFrame({"event_id": ["x"], "series_id": ["ict_ministers"],
        ...     "series_number": pd.array([3], dtype="Int16"), "city": ["Almaty"],
        ...     "date_start": pd.to_datetime(["2024-02-01"]), "date_precision": ["day"]})
        >>> ser = pd.DataFrame({"series_id": ["ict_ministers"], "short_name": ["ICT ministers"]})
        >>> event_labels(ev, ser).tolist()
        ['3rd ICT ministers (Almaty, Feb 2024)']
        >>> event_labels(ev, ser, stacked=True, with_series=False).tolist()
        ['3rd\nAlmaty\nFeb 2024']
    """
    short = series.set_index(series["series_id"].astype(str))["short_name"].astype(str)
    name = events["series_id"].astype(str).map(short)
    when = events["date_start"].dt.strftime("%b %Y").where(
        events["date_precision"].astype(str) != "year", events["date_start"].dt.strftime("%Y"))
    place = events["city"].astype("string").fillna("")
    number = [ordinal(int(n)) if pd.notna(n) else "" for n in events["series_number"]]
    out = []
    for num, nm, pl, wh in zip(number, name, place, when, strict=True):
        head = " ".join(x for x in (num, nm if with_series else "") if x)
        if stacked:
            out.append("\n".join(x for x in (head, pl, wh) if x))
        else:
            where = ", ".join(x for x in (pl, wh) if x)
            out.append(f"{head} ({where})" if head else where)
    return pd.Series(out, index=events.index, dtype="string")


def shorten(text: str, width: int = 48, lines: int = 1) -> str:
    """A title shortened at a word boundary, with an ellipsis, on up to ``lines`` lines.

    Examples:
        >>> print(shorten("Statement of the SCO Council of Heads of State on cooperation in "
        ...               "the field of the digital economy", 40, lines=2))
        Statement of the SCO Council of Heads of
        State on cooperation in the field of…
    """
    return "\n".join(textwrap.wrap(str(text), width=width, max_lines=lines,
                                   placeholder="…"))


def fit_texts(ax: Axes, texts: list[Any], margin_points: float = 6.0) -> None:
    """Widen the x axis to the right until every text in ``texts`` ends inside it.

    Text widths are measured with the renderer after layout, so the result holds for the
    figure as drawn, whatever its size.
    """
    if not texts:
        return
    fig = ax.figure
    for _ in range(3):
        fig.draw_without_rendering()
        renderer = fig.canvas.get_renderer()
        right = max(t.get_window_extent(renderer).x1 for t in texts) + margin_points
        axes_right = ax.get_window_extent(renderer).x1
        if right <= axes_right:
            return
        x0, x1 = ax.get_xlim()
        inv = ax.transData.inverted()
        needed = inv.transform((right, 0))[0]
        ax.set_xlim(x0, x1 + (needed - x1) * 1.05)


def draw_periods(ax: Axes, y: Any, lo: pd.Series, hi: pd.Series) -> None:
    """Grey bars over the periods that imprecise dates may fall in."""
    import matplotlib.dates as mdates

    ax.hlines(y, mdates.date2num(lo), mdates.date2num(hi), color="#555555", linewidth=5,
              alpha=0.3, zorder=2)


def hollow_handle(label: str) -> Any:
    """Legend entry for hollow markers (planned meetings, steps on a draft)."""
    from matplotlib.lines import Line2D

    return Line2D([], [], linestyle="", marker="o", markerfacecolor="white",
                  markeredgecolor="#333333", label=label, markersize=7)


def period_handle() -> Any:
    """Legend entry for the bars of :func:`draw_periods`."""
    from matplotlib.lines import Line2D

    return Line2D([], [], color="#555555", alpha=0.3, linewidth=5,
                  label="date known to the month/year")


#: Metadata that would make saved files differ from run to run, per format.
_STABLE_METADATA: dict[str, dict[str, Any]] = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
}


def save(fig: Figure | Axes, path: str | os.PathLike[str], *, dpi: int = 150) -> Path:
    """Save a chart in the format of the file's extension: ``.png``, ``.svg`` or ``.pdf``.

    The output is byte-stable: saving the same chart twice gives identical bytes (no
    software, date or random ids in the file).

    Raises:
        ValueError: Another extension.
    """
    import matplotlib.pyplot as plt

    figure = fig if hasattr(fig, "savefig") else fig.figure
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in _STABLE_METADATA:
        kind = path.suffix or "a file without an extension"
        raise ValueError(f"{path}: cannot save a chart as {kind}; use one of: "
                         + ", ".join(f".{f}" for f in _STABLE_METADATA))
    path.parent.mkdir(parents=True, exist_ok=True)
    with plt.rc_context({"svg.hashsalt": "sco-analysis", "svg.fonttype": "path"}):
        figure.savefig(path, format=fmt, dpi=dpi, metadata=_STABLE_METADATA[fmt],
                       facecolor="white", bbox_inches="tight", pad_inches=0.15)
    return path
