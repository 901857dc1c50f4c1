"""Overview: what the dataset covers, where its facts come from, where sources disagree.

Examples:
    >>> import sco_analysis as sco
    >>> from sco_analysis.analysis import overview
    >>> cov = overview.coverage(sco.load(), series="ict_ministers").set_index("series")
    >>> cov.loc["ICT ministers", ["2021", "2022", "2023", "Total"]].tolist()
    [1, 0, 1, 4]
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import pandas as pd

from ._common import as_dataset
from .cadence import per_year

if TYPE_CHECKING:  # pragma: no cover
    from ..dataset import Dataset


def coverage(data: Dataset | Mapping[str, pd.DataFrame], *,
             series: str | list[str] | None = None, start: Any = None, end: Any = None,
             status: tuple[str, ...] = ("held", "planned")) -> pd.DataFrame:
    """Events per series (rows, by short name) and year (columns), with totals.

    Planned events count in their year unless ``status`` says otherwise. The series is a
    column (``series``), so the table shows it wherever it is printed or exported.

    Examples:
        >>> import sco_analysis as sco
        >>> cov = coverage(sco.load())
        >>> cov.columns[0], cov.iloc[-1]["series"], int(cov.iloc[-1]["Total"])
        ('series', 'All series', 79)
    """
    ds = as_dataset(data, start=start, end=end, series=series)
    t = per_year(ds, status=status)
    names = ds.series.set_index(ds.series["series_id"].astype(str))["short_name"].astype(str)
    if t.empty:
        return pd.DataFrame({"series": pd.Series(dtype="string"),
                             "Total": pd.Series(dtype="Int64")})
    wide = t.pivot(index="series_id", columns="year", values="n_events").fillna(0)
    wide = wide.loc[wide.sum(axis=1) > 0]
    wide.index = [names[str(s)] for s in wide.index]
    wide.columns = [str(c) for c in wide.columns]
    wide["Total"] = wide.sum(axis=1)
    wide = wide.sort_values("Total", ascending=False, kind="stable").astype("Int64")
    wide.loc["All series"] = wide.sum()
    return wide.rename_axis("series").reset_index().astype({"series": "string"})


def sources(data: Dataset | Mapping[str, pd.DataFrame], *, by: str = "language"
            ) -> pd.DataFrame:
    """Sources and citations grouped by ``language``, ``kind`` or ``publisher``.

    Examples:
        >>> import sco_analysis as sco
        >>> s = sources(sco.load(), by="kind")
        >>> s.columns.tolist()
        ['kind', 'sources', 'citations', 'without_url']
    """
    if by not in ("language", "kind", "publisher"):
        raise ValueError(f"by must be language, kind or publisher, not {by!r}")
    ds = as_dataset(data)
    src = ds.sources
    cited = ds.citations.groupby("source_id", observed=True).size()  # claims' sources too
    src = src.assign(_cites=src["source_id"].map(cited).fillna(0).astype(int),
                     _nourl=src["url"].isna())
    key = src[by].astype(str)
    out = src.groupby(key, sort=True).agg(sources=("source_id", "size"),
                                          citations=("_cites", "sum"),
                                          without_url=("_nourl", "sum"))
    out = out.sort_values(["sources", "citations"], ascending=False, kind="stable")
    out = out.reset_index().rename(columns={"index": by})
    for c in ("sources", "citations", "without_url"):
        out[c] = out[c].astype("Int64")
    return out
