"""Helpers for notebooks: set up the display once, show tables the same way every time.

A notebook starts with::

    import sco_analysis as sco
    from sco_analysis import notebook
    ds, view = notebook.start(records=records, start=start, end=end, series=series)

and shows tables with :func:`show`. The output is deterministic (no random ids, no
timestamps), so a report rebuilt from the same records is byte-identical.
"""

from __future__ import annotations

import html
import os
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from .dataset import Dataset


def setup(dpi: int = 110) -> None:
    """Configure pandas and the inline figure backend for readable, reproducible output."""
    pd.set_option("display.max_rows", 60)
    pd.set_option("display.max_columns", 30)
    pd.set_option("display.width", 160)
    pd.set_option("display.max_colwidth", 80)
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - outside IPython
        return
    shell = get_ipython()
    if shell is None:
        return
    shell.run_line_magic("matplotlib", "inline")
    from matplotlib_inline.backend_inline import set_matplotlib_formats

    set_matplotlib_formats("png", dpi=dpi, bbox_inches="tight",
                           metadata={"Software": None})


def start(*, records: str | os.PathLike[str] | None = None, start: Any = None,
          end: Any = None, series: str | list[str] | None = None,
          dpi: int = 110) -> tuple[Dataset, Dataset]:
    """Set up the notebook and load the data: the whole Dataset and the filtered view.

    Args:
        records: A data directory or directory of YAML records (None: bundled dataset).
        start, end, series: The report's filters, applied to the view.
        dpi: Resolution of inline figures.
    """
    from .dataset import load

    setup(dpi=dpi)
    ds = load(records, quiet=True)
    return ds, ds.filter(start=start, end=end, series=series)


def _cell(value: Any) -> str:
    import numpy as np

    if isinstance(value, np.generic):
        value = value.item()
    if value is None or value is pd.NA or value is pd.NaT:
        return "—"
    if isinstance(value, float):
        return "—" if value != value else f"{value:,.2f}".rstrip("0").rstrip(".")
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
        self.df = df if max_rows is None else df.head(max_rows)
        self.caption = caption
        self.more = 0 if max_rows is None else max(len(df) - max_rows, 0)

    def _repr_html_(self) -> str:
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
    """Display a table: dates as days, missing values as a dash, no index.

    Examples:
        >>> t = show(pd.DataFrame({"a": [1.5, None]}), caption="x")
        >>> "<td>1.5</td><" in t._repr_html_() and "<td>—</td>" in t._repr_html_()
        True
    """
    return Table(df, caption, max_rows)
