"""Overview chart: where the dataset's facts come from."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from matplotlib.ticker import FuncFormatter

from ..analysis import overview
from ..analysis._common import as_dataset
from ._common import new_axes, nothing_in, style

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

    from ..dataset import Dataset

def language_name(code: str) -> str:
    """The English name of an ISO 639-1 language code (ISO 639 via pycountry).

    Examples:
        >>> language_name("ru"), language_name("xx")
        ('Russian', 'xx')
    """
    import pycountry

    found = pycountry.languages.get(alpha_2=str(code))
    return str(found.name) if found is not None else str(code)


def plot_sources(data: Dataset | Mapping[str, pd.DataFrame], *, ax: Axes | None = None,
                 by: str = "language", title: str | None = None, **kwargs: Any) -> Axes:
    """Horizontal bars: how many sources, and how many citations, per language or kind.

    Args:
        by: ``language``, ``kind`` or ``publisher`` (the 15 most cited publishers).
        **kwargs: Passed to ``Axes.barh``.

    Returns:
        The Axes: two bar containers, sources and citations, one bar per group.

    Examples:
        >>> import sco_analysis as sco
        >>> ax = plot_sources(sco.load(), by="kind")
        >>> len(ax.containers)
        2
    """
    s = overview.sources(data, by=by)
    if s.empty:
        raise nothing_in("sources", as_dataset(data))
    if by == "publisher":
        s = s.sort_values("citations", ascending=False, kind="stable").head(15)
    with style():
        ax = new_axes(ax, figsize=(9, 0.38 * len(s) + 1.8))
        labels = [language_name(v) if by == "language" else str(v).replace("_", " ")
                  for v in s[by]]
        y = np.arange(len(s))
        ax.barh(y - 0.2, s["sources"].to_numpy(dtype=float), height=0.4, color="#0072B2",
                label="sources", **kwargs)
        ax.barh(y + 0.2, s["citations"].to_numpy(dtype=float), height=0.4, color="#E69F00",
                label="citations (records and claims citing them)", **kwargs)
        for yy, n in zip(y - 0.2, s["sources"], strict=True):
            ax.annotate(str(n), (float(n), yy), xytext=(3, 0), textcoords="offset points",
                        va="center", fontsize=8, color="#333333")
        ax.set_yticks(y, labels)
        ax.set_ylim(len(s) - 0.5, -0.6)
        ax.set_xscale("log")
        ax.set_xlim(0.8, max(float(s["citations"].max()) * 1.8, 20))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
        ax.grid(axis="y", visible=False)
        ax.set_xlabel("Count (logarithmic scale)")
        ax.legend(loc="lower right")
        ax.set_title(title or f"Sources of the dataset by {by}")
    return ax
