"""Where the data lives: the bundled dataset, a user's own records, the Parquet build.

A *data directory* holds ``records/`` (YAML) and ``reference/`` (CSV). The bundled one is
``data/`` of a source checkout, or the copy shipped inside the installed package. A user's
records directory without its own ``reference/`` uses the bundled reference tables.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
#: In a source checkout the package sits beside data/, notebooks/ and docs/; an installed
#: package carries copies of them as package data (_data/, _notebooks/, _docs/).
CHECKOUT = PACKAGE_DIR.parent if (PACKAGE_DIR.parent / "data" / "records").is_dir() \
    and (PACKAGE_DIR.parent / "pyproject.toml").is_file() else None


def bundled(name: str) -> Path:
    """A directory shipped with sco-analysis: ``data``, ``notebooks`` or ``docs``.

    From a source checkout, the checkout's own directory; from an installed package, its
    copy inside the package, found with :mod:`importlib.resources`.

    Examples:
        >>> (bundled("data") / "records").is_dir(), (bundled("notebooks")).is_dir()
        (True, True)
    """
    if CHECKOUT is not None:
        return CHECKOUT / name
    from importlib.resources import files

    return Path(str(files(__package__ or "sco_analysis").joinpath(f"_{name}")))


@dataclass(frozen=True)
class DataDir:
    """The three places of one dataset: records, reference tables, Parquet build."""

    records: Path
    reference: Path
    parquet: Path

    @property
    def root(self) -> Path:
        """The directory holding ``records`` (paths in messages are relative to it)."""
        return self.records.parent


def _writable(path: Path) -> bool:
    probe = path
    while not probe.exists():
        probe = probe.parent
    return os.access(probe, os.W_OK)


def cache_root() -> Path:
    """The user's cache directory of sco-analysis (``$XDG_CACHE_HOME/sco-analysis``)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "sco-analysis"


def _cache_dir(key: Path) -> Path:
    digest = hashlib.sha256(str(key).encode()).hexdigest()[:16]
    return cache_root() / digest


def bundled_data() -> DataDir:
    """The dataset that ships with sco-analysis.

    Its Parquet build goes to ``data/parquet`` in a source checkout; an installed package
    builds into the user's cache directory, never into the installation.
    """
    root = bundled("data")
    parquet = root / "parquet"
    if CHECKOUT is None or not _writable(parquet):
        parquet = _cache_dir(root)
    return DataDir(root / "records", root / "reference", parquet)


def resolve(path: str | os.PathLike[str] | None = None,
            parquet: str | os.PathLike[str] | None = None) -> DataDir:
    """The data directory for ``path``: bundled when None, else a user's directory.

    ``path`` may be a data directory (with ``records/``, optionally ``reference/``) or a
    directory of YAML records. The Parquet build goes to ``parquet`` when given, else to
    ``<data directory>/parquet`` (``<records>/.parquet`` for a bare records directory), or
    to a cache directory when that place is not writable.

    Raises:
        FileNotFoundError: ``path`` is not a directory.
    """
    if path is None:
        data = bundled_data()
        return data if parquet is None else DataDir(data.records, data.reference, Path(parquet))
    p = Path(path).expanduser().resolve()
    if not p.is_dir():
        raise FileNotFoundError(f"{path}: no such directory (expected a directory with "
                                "records/ and reference/, or a directory of YAML records)")
    if (p / "records").is_dir():
        records, default_out = p / "records", p / "parquet"
        reference = p / "reference"
    else:
        records, default_out = p, p / ".parquet"
        reference = p.parent / "reference"
    if not reference.is_dir():
        reference = bundled_data().reference
    out = Path(parquet) if parquet is not None else default_out
    if parquet is None and not _writable(out):
        out = _cache_dir(records)
    return DataDir(records, reference, out)
