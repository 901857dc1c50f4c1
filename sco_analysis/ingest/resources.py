"""What the ingest knows beforehand, loaded once: the party name tables and the dataset.

Party names come only from the data directory's reference tables (``parties.csv`` and
``name_variants.csv``, through :func:`sco_analysis.paths.resolve`); the dataset (events,
documents, sources) is loaded with :func:`sco_analysis.load` only by the steps that match
a draft against it. Both are cached per data directory.
"""

from __future__ import annotations

import functools
import os
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from ..dataset import Dataset


@functools.lru_cache(maxsize=4)
def _name_tables(reference: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    parties = pd.read_csv(os.path.join(reference, "parties.csv"), dtype=str,
                          keep_default_na=False)
    variants = pd.read_csv(os.path.join(reference, "name_variants.csv"), dtype=str,
                           keep_default_na=False)
    return parties.rename(columns={"code": "party"}), variants.rename(columns={"code": "party"})


def name_tables(records: str | os.PathLike[str] | None = None
                ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``parties`` and ``name_variants`` reference tables (columns as in the CSVs).

    Examples:
        >>> parties, variants = name_tables()
        >>> parties.set_index("party").loc["KGZ", "name_ru"]
        'Киргизия'
    """
    from ..paths import resolve

    return _name_tables(str(resolve(records).reference))


@functools.lru_cache(maxsize=4)
def _dataset(records: str | None) -> Dataset:
    from ..dataset import load

    return load(records, quiet=True)


def dataset(records: str | os.PathLike[str] | None = None) -> Dataset:
    """The dataset the drafts are matched against (loaded once per data directory)."""
    return _dataset(None if records is None else str(records))


def known_cities(records: str | os.PathLike[str] | None = None) -> dict[str, str | None]:
    """English city names of the dataset's events -> the host most often recorded there.

    Examples:
        >>> known_cities()["Karamay"]
        'CHN'
    """
    ev = dataset(records).events
    out: dict[str, str | None] = {}
    for city, group in ev.dropna(subset=["city"]).groupby("city", observed=True):
        hosts = group["host"].dropna().astype(str)
        out[str(city)] = hosts.mode().iloc[0] if len(hosts) else None
    return out
