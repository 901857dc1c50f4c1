"""What changed between two versions of the dataset, record by record and field by field.

A version is read from a data directory (records + reference), a Parquet build, a git
revision of the records (``HEAD~3``, ``v0.1.0``, ``main:data``) or the snapshot a report
keeps of the data it showed. It is reduced to a *snapshot*: for each table, each record
(by its primary key) with each field written as text (:func:`sco_analysis.export.text_table`).
:func:`diff` lists the records added and removed, the fields changed, and the preferred
values of disputed fields that changed (from the ``claims`` table); citations are counted,
not listed. As ACLED's updates do, the changelog says what was added, changed and removed.
"""

from __future__ import annotations

import io
import json
import subprocess
import tarfile
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .schema import TABLES

Snapshot = dict[str, Any]
#: The snapshot's entry of the preferred value of each disputed field.
PREFERRED = "__preferred__"
#: Tables whose rows are only counted (they follow from the records that are listed).
COUNTED = ("citations",)


@dataclass(frozen=True)
class Change:
    """One difference: a record added or removed, or one field of a record changed."""

    table: str
    key: str
    kind: str  # added | removed | changed
    field: str = ""
    old: str | None = None
    new: str | None = None

    def __str__(self) -> str:
        if self.kind == "added":
            return f"+ {self.table} {self.key}"
        if self.kind == "removed":
            return f"- {self.table} {self.key}"
        return f"~ {self.table} {self.key}: {self.field} {_show(self.old)} -> {_show(self.new)}"


def _show(value: str | None) -> str:
    if value is None or value == "":
        return "(empty)"
    return repr(value if len(value) <= 80 else value[:77] + "...")


@dataclass
class Changes:
    """Every difference between two versions, and the counts per table."""

    changes: list[Change] = field(default_factory=list)
    preferred: list[Change] = field(default_factory=list)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        """True when the two versions hold the same records."""
        return not self.changes and not any(
            n for c in self.counts.values() for n in c.values())

    def summary(self) -> str:
        """One line: how many records were added, removed and changed, per table."""
        parts = [f"{t}: " + ", ".join(f"{n} {k}" for k, n in c.items() if n)
                 for t, c in self.counts.items() if any(c.values())]
        return "; ".join(parts) if parts else "no change"

    def lines(self, limit: int | None = None) -> list[str]:
        """The changes, one line each (records first, then preferred values)."""
        out = [str(c) for c in self.changes]
        out += [f"preferred value of {c.key} {c.field}: {_show(c.old)} -> {_show(c.new)}"
                for c in self.preferred]
        if limit is not None and len(out) > limit:
            out = [*out[:limit], f"... and {len(out) - limit} more"]
        return out


# ---------------------------------------------------------------------------------------
# snapshots


def snapshot(tables: Mapping[str, pd.DataFrame]) -> Snapshot:
    """Every record of every table, by primary key, its fields as text.

    Examples:
        >>> import sco_analysis as sco
        >>> snap = snapshot(sco.load().tables)
        >>> snap["events"]["ict_ministers_4_2025"]["city"]
        'Karamay'
    """
    from .export import text_table

    snap: Snapshot = {}
    for name, table in TABLES.items():
        df = tables[name]
        if name in COUNTED:
            snap[name] = {"__rows__": len(df)}
            continue
        text = text_table(name, df).fillna("")
        if text.empty:
            snap[name] = {}
            continue
        keys = text[list(table.primary_key)].astype(str).agg("/".join, axis=1)
        fields = [c for c in text.columns if c not in table.primary_key]
        snap[name] = {k: dict(zip(fields, row, strict=True)) for k, row in
                      zip(keys, text[fields].itertuples(index=False, name=None), strict=True)}
    claims = tables["claims"]
    preferred = claims[claims["preferred"]]
    snap[PREFERRED] = {f"{t} {r} {f}": str(v) for t, r, f, v in zip(
        preferred["record_type"].astype(str), preferred["record_id"], preferred["field"],
        preferred["value"], strict=True)}
    return snap


def _tables_of_data(path: Path) -> dict[str, pd.DataFrame]:
    from .compile import compile_data
    from .paths import resolve
    from .problems import ValidationError
    from .store import to_pandas

    data = resolve(path)
    compiled = compile_data(data.records, data.reference)
    if compiled.problems:
        raise ValidationError(compiled.problems)
    return {n: to_pandas(TABLES[n], t, compiled.domains) for n, t in compiled.tables.items()}


def _tables_of_parquet(path: Path) -> dict[str, pd.DataFrame]:
    from .store import read_tables, to_pandas

    tables, manifest = read_tables(path)
    return {n: to_pandas(TABLES[n], t, manifest["domains"]) for n, t in tables.items()}


def _tables_of_revision(spec: str, repo: Path) -> dict[str, pd.DataFrame]:
    """The records of a git revision: ``REV`` (its ``data/``) or ``REV:path``."""
    rev, _, sub = spec.partition(":")
    sub = sub or "data"
    found = subprocess.run(["git", "-C", str(repo), "archive", "--format=tar", rev, sub],
                           capture_output=True, check=False)
    if found.returncode != 0:
        raise FileNotFoundError(f"{spec}: not a data directory, a Parquet build or a git "
                                f"revision with {sub}/ ({found.stderr.decode().strip()})")
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(fileobj=io.BytesIO(found.stdout)) as tar:
            tar.extractall(tmp, filter="data")
        return _tables_of_data(Path(tmp) / sub)


def load_version(spec: str, repo: Path | None = None) -> Snapshot:
    """The snapshot of a version given as a path or a git revision (see the module)."""
    path = Path(spec)
    if path.is_file() and path.name.endswith(".json"):
        return json.loads(path.read_text(encoding="utf-8"))
    if (path / "manifest.json").is_file():
        return snapshot(_tables_of_parquet(path))
    if path.is_dir():
        return snapshot(_tables_of_data(path))
    return snapshot(_tables_of_revision(spec, repo or Path.cwd()))


# ---------------------------------------------------------------------------------------
# the differences


def _table_changes(name: str, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    out = [Change(name, k, "added") for k in sorted(set(new) - set(old))]
    out += [Change(name, k, "removed") for k in sorted(set(old) - set(new))]
    for key in sorted(set(old) & set(new)):
        for fld in sorted(set(old[key]) | set(new[key])):
            a, b = old[key].get(fld), new[key].get(fld)
            if a != b and not fld.endswith("_iso"):
                out.append(Change(name, key, "changed", fld, a, b))
    return out


def diff(old: Snapshot, new: Snapshot) -> Changes:
    """The differences from ``old`` to ``new`` (see the module)."""
    result = Changes()
    for name in TABLES:
        a, b = old.get(name, {}), new.get(name, {})
        if name in COUNTED:
            delta = b.get("__rows__", 0) - a.get("__rows__", 0)
            result.counts[name] = {"added": max(delta, 0), "removed": max(-delta, 0)}
            continue
        found = [] if name == "claims" else _table_changes(name, a, b)
        result.changes += found
        result.counts[name] = {kind: sum(1 for c in found if c.kind == kind) if kind !=
                               "changed" else len({c.key for c in found if c.kind == kind})
                               for kind in ("added", "removed", "changed")}
        if name == "claims":
            result.counts[name] = {"added": len(set(b) - set(a)),
                                   "removed": len(set(a) - set(b))}
    pa, pb = old.get(PREFERRED, {}), new.get(PREFERRED, {})
    for key in sorted(set(pa) & set(pb)):
        if pa[key] != pb[key]:
            record, _, fld = key.rpartition(" ")
            result.preferred.append(Change("claims", record, "changed", fld, pa[key], pb[key]))
    return result
