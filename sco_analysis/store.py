"""Parquet build and read: atomic, deterministic, with a manifest and an inputs checksum.

:func:`build` compiles a data directory and writes one Parquet file per table with the
explicit schema of :mod:`sco_analysis.schema`. The files are written to a temporary
directory beside the build and swapped in only when every table is written, so a failed
build leaves the previous one intact. ``manifest.json`` records the checksum of the inputs
(records, reference tables, the build code and the schema version) so that a loader can
tell whether the Parquet is current (:func:`is_current`), the row counts, the SHA-256 of
every file and the categories of data-defined domains. Nothing time-dependent is written:
the same records give byte-identical files.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from . import __version__
from .outputs import lock, recover, replace_dir
from .paths import PACKAGE_DIR, DataDir
from .problems import ValidationError
from .schema import SCHEMA_VERSION, TABLES, Table

MANIFEST = "manifest.json"
#: How every Parquet file of the package is written (builds and exports).
WRITE_OPTIONS: dict[str, Any] = {
    "compression": "zstd",
    "compression_level": 3,
    "use_dictionary": True,
    "write_statistics": True,
}


def input_files(data: DataDir) -> list[tuple[str, Path]]:
    """Every input of a build, as (label, path) sorted by label."""
    out = []
    for base, label in ((data.records, "records"), (data.reference, "reference")):
        if base.is_dir():
            for p in base.rglob("*"):
                rel = p.relative_to(base)
                if p.is_file() and not any(part.startswith(".") for part in rel.parts) and \
                        p.suffix in (".yaml", ".yml", ".csv"):
                    out.append((f"{label}/{rel.as_posix()}", p))
    return sorted(out)


def _module_file(parts: list[str]) -> Path | None:
    base = PACKAGE_DIR.joinpath(*parts)
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imports(path: Path) -> set[Path]:
    """The package modules one module imports (at any depth of its code)."""
    import ast

    here = path.relative_to(PACKAGE_DIR).with_suffix("").parts
    package = list(here[:-1])
    found: set[Path] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - (node.level - 1)]
            mod = base + (node.module.split(".") if node.module else [])
            target = _module_file(mod) if node.module else None
            if target is not None:
                found.add(target)
            for alias in node.names:  # `from . import x`: x is a module, or a name
                sub = _module_file([*mod, alias.name])
                if sub is not None:
                    found.add(sub)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith(f"{PACKAGE_DIR.name}."):
                    sub = _module_file(alias.name.split(".")[1:])
                    if sub is not None:
                        found.add(sub)
    return found


@functools.cache
def build_modules() -> tuple[Path, ...]:
    """The modules whose code decides what a build writes: this one and all it imports.

    Found by reading the import statements of ``store`` and, transitively, of every
    package module they name, so no list has to be kept by hand.

    Examples:
        >>> names = [p.name for p in build_modules()]
        >>> "store.py" in names and "schema.py" in names and "plots" not in str(names)
        True
    """
    todo, seen = [Path(__file__).resolve()], set()
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        todo.extend(_imports(path) - seen)
    return tuple(sorted(seen))


def inputs_hash(data: DataDir) -> str:
    """SHA-256 over the inputs, the build code and the schema version."""
    h = hashlib.sha256()
    h.update(f"schema {SCHEMA_VERSION}\0".encode())
    for path in build_modules():
        name = path.relative_to(PACKAGE_DIR).as_posix()
        h.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    for label, path in input_files(data):
        h.update(label.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def read_manifest(parquet: Path) -> dict[str, Any] | None:
    """The manifest of a build directory, or None when there is no complete build."""
    try:
        return json.loads((parquet / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None


def is_current(data: DataDir) -> bool:
    """True when the Parquet build exists and was made from the current inputs."""
    manifest = read_manifest(data.parquet)
    return bool(manifest) and manifest.get("inputs_hash") == inputs_hash(data) and all(
        (data.parquet / t["file"]).exists() for t in manifest["tables"].values())


def ensure_built(data: DataDir, *, force: bool = False,
                 log: Any = None) -> BuildResult | None:
    """Build ``data`` unless its Parquet is current (or ``force``); None when it was.

    Concurrent callers are serialised by the build directory's lock and build once: the
    second finds the first one's build current. A build left half-swapped by a killed
    run is put back first.
    """
    if not force and is_current(data):
        return None
    with lock(data.parquet):
        recover(data.parquet)
        if not force and is_current(data):
            return None
        if log is not None:
            why = "no build yet" if read_manifest(data.parquet) is None \
                else "records changed since the last build"
            log(f"sco-analysis: {why}; building {data.parquet} ...")
        return build(data)


@dataclass
class BuildResult:
    """What a build wrote: the manifest, and whether anything changed."""

    manifest: dict[str, Any]
    changed: bool
    parquet: Path


def build(data: DataDir, *, check_contract: bool = True) -> BuildResult:
    """Compile ``data`` and write its Parquet files atomically.

    Raises:
        ValidationError: The records have problems (all of them are listed); the previous
            build, if any, is left as it was.
    """
    from .compile import compile_data
    from .contract import check_frames

    compiled = compile_data(data.records, data.reference)
    if compiled.problems:
        raise ValidationError(compiled.problems)
    if check_contract:
        frames = {name: to_pandas(TABLES[name], tbl, compiled.domains)
                  for name, tbl in compiled.tables.items()}
        problems = check_frames(frames, compiled.locs, compiled.domains)
        if problems:
            raise ValidationError(problems)
    digest = inputs_hash(data)
    # the files carry only what describes their content, so that the dataset hash changes
    # with the data, not with the code that wrote it
    meta = {"sco_analysis.schema_version": SCHEMA_VERSION}
    out = data.parquet
    with replace_dir(out, "parquet", protected=[data.records, data.reference]) as tmp:
        tables: dict[str, Any] = {}
        for name, tbl in compiled.tables.items():
            tbl = tbl.replace_schema_metadata({**meta, "sco_analysis.table": name})
            path = tmp / f"{name}.parquet"
            pq.write_table(tbl, path, **WRITE_OPTIONS)
            tables[name] = {
                "file": path.name,
                "rows": tbl.num_rows,
                "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            }
        dataset_hash = hashlib.sha256(
            "".join(f"{n}:{t['sha256']};" for n, t in sorted(tables.items())).encode()
        ).hexdigest()
        manifest = {
            "package_version": __version__,
            "schema_version": SCHEMA_VERSION,
            "inputs_hash": digest,
            "dataset_hash": dataset_hash,
            "tables": tables,
            "domains": compiled.domains,
        }
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True,
                                               ensure_ascii=False) + "\n", encoding="utf-8")
        previous = read_manifest(out)
        changed = previous is None or previous.get("dataset_hash") != dataset_hash
    return BuildResult(manifest, changed, out)


def to_pandas(table: Table, tbl: pa.Table, domains: dict[str, list[str]]) -> pd.DataFrame:
    """Convert one table to pandas with the declared dtypes (no ``object`` columns).

    Category columns get the fixed categories of their enum or domain, whatever the
    Parquet dictionary happened to hold.
    """
    from .schema import categories, pandas_dtypes

    dtypes = pandas_dtypes(table, domains)
    cols: dict[str, Any] = {}
    for c in table.columns:
        arr = tbl.column(c.name)
        dtype = dtypes[c.name]
        if c.dtype == "category":
            cols[c.name] = _categorical(arr, categories(c, domains), dtype)
        elif c.dtype == "date":
            cols[c.name] = arr.cast(pa.timestamp("ns")).to_pandas()
        elif c.dtype == "bool" and not c.nullable:
            cols[c.name] = arr.to_numpy()
        else:
            cols[c.name] = dtype.__from_arrow__(arr)
    return pd.DataFrame(cols, index=pd.RangeIndex(tbl.num_rows))


def _categorical(arr: pa.ChunkedArray, cats: list[str], dtype: pd.CategoricalDtype
                 ) -> pd.Categorical:
    import numpy as np
    import pyarrow.compute as pc

    if not pa.types.is_dictionary(arr.type):
        arr = pc.dictionary_encode(arr)
    if arr.num_chunks == 0:
        return pd.Categorical.from_codes(np.array([], dtype=np.int16), dtype=dtype)
    arr = arr.unify_dictionaries() if arr.num_chunks > 1 else arr
    position = {v: i for i, v in enumerate(cats)}
    codes = []
    for chunk in arr.chunks:
        mapping = np.array([position.get(v, -2) for v in chunk.dictionary.to_pylist()] + [-1],
                           dtype=np.int32)
        if (mapping == -2).any():
            unknown = sorted(v for v in chunk.dictionary.to_pylist() if v not in position)
            raise ValueError(f"values {unknown} are not among the categories {cats}")
        idx = chunk.indices.fill_null(len(mapping) - 1).to_numpy(zero_copy_only=False)
        codes.append(mapping[idx])
    return pd.Categorical.from_codes(np.concatenate(codes), dtype=dtype)


def _read_all(parquet: Path, names: list[str]) -> tuple[dict[str, pa.Table], dict[str, Any]]:
    """Read the manifest and tables through one handle on the directory.

    A build swapped in meanwhile cannot mix files of two builds: every file is opened
    relative to the directory that was opened first.
    """
    dir_fd = os.open(parquet, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        def read(name: str) -> bytes:
            fd = os.open(name, os.O_RDONLY, dir_fd=dir_fd)
            with os.fdopen(fd, "rb") as f:
                return f.read()

        manifest = json.loads(read(MANIFEST))
        tables = {name: pq.read_table(pa.BufferReader(read(manifest["tables"][name]["file"])))
                  for name in names}
        return tables, manifest
    finally:
        os.close(dir_fd)


def read_tables(parquet: Path, names: list[str] | None = None
                ) -> tuple[dict[str, pa.Table], dict[str, Any]]:
    """Read the Parquet tables of a build, with their manifest.

    Raises:
        FileNotFoundError: There is no complete build in ``parquet``.
    """
    wanted = names or list(TABLES)
    for attempt in range(5):
        try:
            return _read_all(parquet, wanted)
        except (FileNotFoundError, ValueError, KeyError):
            # a writer removed the directory we opened after swapping in a new one,
            # or a build is incomplete: look again
            if attempt == 4:
                break
    raise FileNotFoundError(f"{parquet}: no complete build (no {MANIFEST}); run "
                            "`sco-analysis build`")
