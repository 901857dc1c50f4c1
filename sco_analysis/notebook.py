"""Helpers for notebooks: the slice, charts, tables and notes shown the same way every time.

A notebook starts with::

    import sco_analysis as sco
    from sco_analysis import notebook
    ds, view = notebook.start(records=records, start=start, end=end, series=series,
                              parties=parties)
    as_of = notebook.as_of_day(as_of)   # the day "due" and "overdue" are judged by

``view`` is the slice (``ds.filter(...)``: see :meth:`sco_analysis.Dataset.filter` for what
a slice keeps). Charts are shown with :func:`chart` (a selection with nothing to draw is
said in words, never drawn as empty axes), tables with :func:`show` (dates with their
precision, ``Jun 2025`` or ``2026``; numbers written one way), words with :func:`note`.
The output is deterministic (no random ids, no timestamps), so a report rebuilt from the
same records is byte-identical.
"""

from __future__ import annotations

import html
import io
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pandas as pd

from . import slices
from .dates import display_dates

if TYPE_CHECKING:  # pragma: no cover
    from .dataset import Dataset


def setup(dpi: int = 110) -> None:
    """Configure pandas display options for readable, reproducible output."""
    pd.set_option("display.max_rows", 60)
    pd.set_option("display.max_columns", 30)
    pd.set_option("display.width", 160)
    pd.set_option("display.max_colwidth", 80)


def start(*, records: str | os.PathLike[str] | None = None, start: Any = None,
          end: Any = None, series: str | list[str] | None = None,
          parties: str | list[str] | None = None, dpi: int = 110) -> tuple[Dataset, Dataset]:
    """Set up the notebook and load the data: the whole Dataset and the slice.

    Args:
        records: A data directory or directory of YAML records (None: bundled dataset).
        start, end, series, parties: The slice (see :meth:`sco_analysis.Dataset.filter`).
        dpi: Resolution of the charts.
    """
    from .dataset import load

    setup(dpi=dpi)
    _settings["dpi"] = dpi
    ds = load(records, quiet=True)
    return ds, ds.filter(start=start, end=end, series=series, parties=parties)


_settings: dict[str, Any] = {"dpi": 110}


def as_of_day(as_of: Any = None) -> str:
    """The "as of" day of a notebook, ``YYYY-MM-DD``: the one given, or today."""
    return slices.resolve_as_of(as_of).isoformat()


# ---------------------------------------------------------------------------------------
# words and charts


class Note:
    """A short text shown as a paragraph (an empty selection, a caveat)."""

    def __init__(self, text: str, kind: str = "note"):
        self.text, self.kind = text, kind

    def _repr_html_(self) -> str:
        css = ' class="sco-empty"' if self.kind == "empty" else ""
        return f"<p{css}>{html.escape(self.text)}</p>"

    def __repr__(self) -> str:
        return self.text


def note(text: str) -> Note:
    """Show ``text`` as a paragraph."""
    return Note(text)


class Chart:
    """A drawn chart as PNG bytes, with its title as alternative text."""

    def __init__(self, png: bytes, alt: str):
        self.png, self.alt = png, alt

    def _repr_png_(self) -> tuple[bytes, dict[str, Any]]:
        return self.png, {"alt": self.alt}

    def __repr__(self) -> str:
        return f"<chart: {self.alt}>"


def chart(plot: Callable[..., Any], data: Any, **kwargs: Any) -> Chart | Note:
    """Draw ``plot(data, **kwargs)`` and show it; or say in words that there is nothing.

    The figure is rendered once (byte-stable PNG, the chart's title as its alternative
    text) and closed, so notebooks do not show it twice.

    Examples:
        >>> import sco_analysis as sco
        >>> from sco_analysis import plots
        >>> chart(plots.plot_timeline, sco.load(), start="2040")
        Nothing to show: no meetings in the selection (from 2040).
    """
    import matplotlib.pyplot as plt

    from .plots import NothingToPlot

    try:
        ax = plot(data, **kwargs)
    except NothingToPlot as exc:
        return Note(f"Nothing to show: {exc}.", kind="empty")
    fig = ax.figure
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=_settings["dpi"], metadata={"Software": None},
                facecolor="white", bbox_inches="tight", pad_inches=0.15)
    plt.close(fig)
    return Chart(buffer.getvalue(), ax.get_title(loc="left") or ax.get_title() or "chart")


# ---------------------------------------------------------------------------------------
# tables


def _cell(value: Any) -> str:
    import numpy as np

    if isinstance(value, np.generic):
        value = value.item()
    if value is None or value is pd.NA or value is pd.NaT:
        return "—"
    if isinstance(value, float):
        if value != value:
            return "—"
        return str(int(value)) if value.is_integer() else f"{value:.2f}".rstrip("0")
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple, np.ndarray)):
        return ", ".join(str(x) for x in value) if len(value) else "—"
    return str(value)


#: Style of the tables: short values on one line, long texts wrapped.
TABLE_STYLE = (
    "<style>table.sco-table{border-collapse:collapse;font-size:13px;margin:8px 0}"
    "table.sco-table th,table.sco-table td{border:1px solid #ddd;padding:3px 8px;"
    "text-align:left;vertical-align:top;white-space:nowrap}"
    "table.sco-table td.wrap{white-space:normal;min-width:22em}"
    "table.sco-table th{background:#f3f3f3}"
    "table.sco-table caption{text-align:left;font-weight:bold;padding:4px 0}</style>")


def _td(text: str) -> str:
    wrap = ' class="wrap"' if len(text) > 40 else ""
    return f"<td{wrap}>{html.escape(text)}</td>"


class Table:
    """A DataFrame rendered as a plain, deterministic HTML table (and as text)."""

    def __init__(self, df: pd.DataFrame, caption: str | None = None,
                 max_rows: int | None = None):
        shown = display_dates(df)
        self.df = shown if max_rows is None else shown.head(max_rows)
        self.caption = caption
        self.more = 0 if max_rows is None else max(len(df) - max_rows, 0)

    def _repr_html_(self) -> str:
        if self.df.empty:
            what = f" ({self.caption})" if self.caption else ""
            return f'<p class="sco-empty">Nothing to show{html.escape(what)}: no rows.</p>'
        head = "".join(f"<th>{html.escape(str(c))}</th>" for c in self.df.columns)
        rows = "".join(
            "<tr>" + "".join(_td(_cell(v)) for v in row) + "</tr>"
            for row in self.df.itertuples(index=False, name=None))
        cap = f"<caption>{html.escape(self.caption)}</caption>" if self.caption else ""
        more = (f"<p><em>… and {self.more} more rows.</em></p>" if self.more else "")
        return (f'{TABLE_STYLE}<table class="sco-table">{cap}<thead><tr>{head}</tr></thead>'
                f"<tbody>{rows}</tbody></table>{more}")

    def __repr__(self) -> str:
        return self.df.to_string(index=False)


def show(df: pd.DataFrame, caption: str | None = None, max_rows: int | None = None) -> Table:
    """Display a table: dates at their precision, missing values as a dash, no index.

    A date column is shown at the precision of its precision column (``date_precision``
    for ``date_start``/``date_end``/``date``, else ``<column>_precision``), which is then
    left out: ``Jun 2025`` for a month, ``2026`` for a year, the day otherwise.

    Examples:
        >>> t = show(pd.DataFrame({"a": [1.5, None, 1239.0]}), caption="x")
        >>> "<td>1.5</td>" in t._repr_html_() and "<td>—</td>" in t._repr_html_()
        True
        >>> "<td>1239</td>" in t._repr_html_()
        True
        >>> d = pd.DataFrame({"date_start": pd.to_datetime(["2026-01-01", "2025-06-01"]),
        ...                   "date_precision": ["year", "month"]})
        >>> show(d).df["date_start"].tolist()
        ['2026', 'Jun 2025']
    """
    return Table(df, caption, max_rows)
