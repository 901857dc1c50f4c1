"""sco-analysis: sourced records of SCO digital and ICT cooperation, as typed DataFrames.

Examples:
    >>> import sco_analysis as sco
    >>> ds = sco.load()                      # the bundled dataset (built on first use)
    >>> ds.events.loc[ds.events.event_id == "ict_ministers_4_2025", "city"].item()
    'Karamay'

Public names: :func:`load`, :class:`Dataset`, :func:`build`, :func:`validate`,
:func:`describe`, :class:`ValidationError`, :class:`Problem`, :class:`StaleDataError`,
:class:`UnknownPartyError`, and the subpackages ``sco_analysis.analysis`` and
``sco_analysis.plots`` (imported on first use, so scripts that only load data stay quick);
``sco_analysis.ingest`` drafts records from press releases, ``sco_analysis.export`` writes
the data for other tools, ``sco_analysis.changes`` says what changed between versions.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

from .dataset import Dataset, StaleDataError, UnknownPartyError, load
from .metadata import describe
from .problems import Problem, ValidationError

__all__ = [
    "Dataset",
    "Problem",
    "StaleDataError",
    "UnknownPartyError",
    "ValidationError",
    "__version__",
    "analysis",
    "build",
    "describe",
    "load",
    "plots",
    "validate",
]


def build(path: Any = None, *, parquet: Any = None) -> dict[str, Any]:
    """Compile records into Parquet (see :func:`sco_analysis.store.build`); return the manifest.

    Raises:
        ValidationError: The records have problems; the previous build is untouched.
    """
    from .paths import resolve
    from .store import build as _build

    return _build(resolve(path, parquet)).manifest


def validate(path: Any = None) -> list[Problem]:
    """Every problem in a data directory's records, without writing anything."""
    from .compile import compile_data
    from .contract import check_frames
    from .paths import resolve
    from .schema import TABLES
    from .store import to_pandas

    data = resolve(path)
    compiled = compile_data(data.records, data.reference)
    if compiled.problems:
        return compiled.problems
    frames = {n: to_pandas(TABLES[n], t, compiled.domains) for n, t in compiled.tables.items()}
    return check_frames(frames, compiled.locs, compiled.domains)


def __getattr__(name: str) -> Any:
    if name in ("analysis", "plots"):
        return importlib.import_module(f".{name}", __name__)
    raise AttributeError(f"module 'sco_analysis' has no attribute {name!r}")
