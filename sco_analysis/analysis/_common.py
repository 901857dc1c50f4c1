"""Shared helpers of the analysis modules: accepted inputs, filters, date bounds."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..dataset import event_bounds  # noqa: F401 - re-exported for the analysis modules
from ..dates import bounds

if TYPE_CHECKING:  # pragma: no cover
    from ..dataset import Dataset

DAYS_PER_MONTH = 365.25 / 12


def as_dataset(data: Dataset | Mapping[str, pd.DataFrame], *, start: Any = None,
               end: Any = None, series: str | list[str] | None = None,
               parties: str | list[str] | None = None) -> Dataset:
    """Accept a Dataset or a mapping of its tables (``ds.tables``), then apply filters."""
    from ..dataset import Dataset
    from ..schema import TABLES

    if not isinstance(data, Dataset):
        missing = [t for t in TABLES if t not in data]
        if missing:
            raise TypeError(f"expected a Dataset or a mapping of its tables; missing {missing}")
        data = Dataset({t: data[t] for t in TABLES})
    if start is None and end is None and series is None and parties is None:
        return data
    return data.filter(start=start, end=end, series=series, parties=parties)


def start_bounds(events: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Earliest and latest possible day of each event's start."""
    return bounds(events["date_start"], events["date_precision"])


def days(delta: pd.Series) -> pd.Series:
    """Timedeltas as nullable whole days."""
    return (delta.dt.days).astype("Int64")
