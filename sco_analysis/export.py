"""Export a Dataset, or a slice of it, for colleagues who do not use Python.

Formats (``FORMATS``):

- ``csv``: one UTF-8 file per table and a ``README.md`` (what each table is, the
  dataset's version and hash, how to cite);
- ``xlsx``: one workbook, a ``README`` sheet first (the tables, every column's meaning, the
  version and how to cite), then one sheet per table;
- ``parquet``: one Parquet file per table with the package's explicit schema;
- ``datapackage``: a Frictionless data package, ``datapackage.json`` describing the CSV
  files with field types, descriptions, allowed values, primary and foreign keys, all
  derived from :mod:`sco_analysis.schema`.

In CSV and XLSX, lists are joined with ``"; "`` and a date with a precision is written at
that precision (``2025-06-17``, ``2025-06``, ``2026``) with an ISO column beside it for
sorting (``date_start_iso``: the first day of the period). :func:`read_export` reads any
of them back into the package's typed tables. A slice is exported with the slice's rules
(see :meth:`sco_analysis.Dataset.filter`); the output directory is written the safe way
(:func:`sco_analysis.outputs.replace_dir`).
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from . import metadata
from .dates import format_date, parse_date, precision_column
from .records import LIST_SEPARATOR
from .schema import SCHEMA_VERSION, TABLES, Column, Table, pandas_dtypes

if TYPE_CHECKING:  # pragma: no cover
    from .dataset import Dataset

FORMATS = ("csv", "xlsx", "parquet", "datapackage")
ISO_SUFFIX = "_iso"
README_SHEET = "README"


# ---------------------------------------------------------------------------------------
# tables as text, and back


def _date_columns(table: Table) -> dict[str, str | None]:
    """Each date column of a table and the column holding its precision (or None)."""
    names = table.names
    return {c.name: precision_column(names, c.name) for c in table.columns
            if c.dtype == "date"}


def _text(column: Column, values: pd.Series) -> pd.Series:
    if column.dtype == "list":
        return values.map(lambda v: LIST_SEPARATOR.join(v) if v is not None and len(v)
                          else "", na_action="ignore").fillna("").astype("string")
    if column.dtype == "bool":
        return values.map({True: "true", False: "false"}).astype("string")
    return values.astype("string")


def text_table(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """A table with every value as text, dates at their precision beside an ISO column.

    Examples:
        >>> import sco_analysis as sco
        >>> ev = text_table("events", sco.load().events)
        >>> ev.loc[ev.event_id == "bishkek_chs_2026", ["date_start", "date_start_iso"]
        ...        ].values.tolist()
        [['2026', '2026-01-01']]
    """
    table = TABLES[name]
    dates = _date_columns(table)
    out: dict[str, pd.Series] = {}
    for c in table.columns:
        if c.name in dates:
            iso = df[c.name].dt.strftime("%Y-%m-%d").astype("string")
            prec = dates[c.name]
            out[c.name] = iso if prec is None else pd.Series(
                [None if pd.isna(v) else format_date(v.date(), str(p))
                 for v, p in zip(df[c.name], df[prec], strict=True)],
                index=df.index, dtype="string")
            if prec is not None:
                out[c.name + ISO_SUFFIX] = iso
        else:
            out[c.name] = _text(c, df[c.name])
    return pd.DataFrame(out)


def _typed(column: Column, text: pd.Series, dtype: Any) -> Any:
    """One column back from text to the package's dtype."""
    present = text.notna() & (text != "")
    if column.dtype == "list":
        return pd.Series([v.split(LIST_SEPARATOR) if ok else [] for v, ok in
                          zip(text, present, strict=True)], dtype=dtype)
    if column.dtype == "bool":
        values = text.map({"true": True, "false": False}).where(present)
        return values.astype(dtype) if column.nullable else values.astype(bool)
    if column.dtype == "int16":
        return pd.to_numeric(text.where(present)).astype(dtype)
    return text.where(present).astype(dtype)


def read_text_table(name: str, text: pd.DataFrame, domains: dict[str, list[str]]
                    ) -> pd.DataFrame:
    """A table exported as text, read back into the package's typed columns."""
    table = TABLES[name]
    dtypes = pandas_dtypes(table, domains)
    dates = _date_columns(table)
    text = text.astype("string")
    out: dict[str, Any] = {}
    for c in table.columns:
        if c.name in dates:
            out[c.name] = pd.to_datetime(pd.Series(
                [parse_date(v)[0] if pd.notna(v) and v != "" else None
                 for v in text[c.name]], dtype="object")).astype("datetime64[ns]")
        else:
            out[c.name] = _typed(c, text[c.name], dtypes[c.name])
    return pd.DataFrame(out, index=pd.RangeIndex(len(text)))


# ---------------------------------------------------------------------------------------
# writing


def readme(ds: Dataset, format: str) -> str:
    """What an export holds, where it comes from and how to cite it (Markdown)."""
    lines = [f"# {metadata.TITLE}", "",
             f"Exported by sco-analysis ({format}) from dataset {ds.version} (content hash "
             f"{ds.manifest.get('dataset_hash')}, schema {SCHEMA_VERSION}): "
             f"{ds.slice.describe()}.", "",
             "## How to cite", "", metadata.cite_dataset(ds), "",
             "## Tables", "", "| table | rows | one row is |", "|---|---|---|"]
    lines += [f"| {n} | {len(df)} | {TABLES[n].row} |" for n, df in ds.tables.items()]
    lines += ["", "## Conventions", "",
              f"- Lists are joined with `{LIST_SEPARATOR}`.",
              "- A date with a precision is written at it (`2025-06-17`, `2025-06`, `2026`); "
              f"the column `<date>{ISO_SUFFIX}` beside it holds the first day of the period, "
              "for sorting.",
              "- The meaning of every column is in the data dictionary "
              "(`sco-analysis describe TABLE`, or the README sheet of the XLSX export).", ""]
    return "\n".join(lines)


def _write_csv(folder: Path, ds: Dataset) -> None:
    for name, df in ds.tables.items():
        text_table(name, df).to_csv(folder / f"{name}.csv", index=False, encoding="utf-8",
                                    lineterminator="\n")
    (folder / "README.md").write_text(readme(ds, "csv"), encoding="utf-8")


def _readme_sheet(ds: Dataset) -> pd.DataFrame:
    head = [("dataset", metadata.TITLE), ("version", ds.version),
            ("content hash", str(ds.manifest.get("dataset_hash"))),
            ("schema", SCHEMA_VERSION), ("selection", ds.slice.describe()),
            ("how to cite", metadata.cite_dataset(ds).splitlines()[0]),
            ("lists", f"joined with '{LIST_SEPARATOR}'"),
            ("dates", f"at their precision; <date>{ISO_SUFFIX}: first day, for sorting")]
    rows = [{"table": "", "column": k, "type": "", "description": v} for k, v in head]
    for name in TABLES:
        rows.append({"table": name, "column": "", "type": "",
                     "description": f"One row is {TABLES[name].row}."})
        for r in metadata.describe(name).itertuples(index=False):
            rows.append({"table": name, "column": r.column, "type": r.type,
                         "description": r.description + (f" Values: {r.values}."
                                                         if r.values else "")})
    return pd.DataFrame(rows)


def _write_xlsx(folder: Path, ds: Dataset) -> None:
    path = folder / "sco-analysis.xlsx"
    with pd.ExcelWriter(path, engine="xlsxwriter") as writer:
        # a fixed creation time: the same data give the same bytes
        writer.book.set_properties({"title": metadata.TITLE, "author": metadata.AUTHOR,
                                    "created": datetime.datetime(2000, 1, 1)})
        _readme_sheet(ds).to_excel(writer, sheet_name=README_SHEET, index=False)
        for name, df in ds.tables.items():
            text_table(name, df).to_excel(writer, sheet_name=name, index=False)
        for sheet in writer.sheets.values():
            sheet.freeze_panes(1, 0)


def _write_parquet(folder: Path, ds: Dataset) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .schema import arrow_schema
    from .store import WRITE_OPTIONS

    for name, df in ds.tables.items():
        schema = arrow_schema(TABLES[name])
        table = pa.Table.from_pandas(df, preserve_index=False).select(schema.names)
        pq.write_table(table.cast(schema), folder / f"{name}.parquet", **WRITE_OPTIONS)
    (folder / "README.md").write_text(readme(ds, "parquet"), encoding="utf-8")


def _write_datapackage(folder: Path, ds: Dataset) -> None:
    from .datapackage import descriptor

    _write_csv(folder, ds)
    text = json.dumps(descriptor(ds), indent=2, ensure_ascii=False, sort_keys=False)
    (folder / "datapackage.json").write_text(text + "\n", encoding="utf-8")


_WRITERS = {"csv": _write_csv, "xlsx": _write_xlsx, "parquet": _write_parquet,
            "datapackage": _write_datapackage}


#: The export's own description: format, dataset, slice, and the categories of the
#: data-defined domains (so that a slice is read back with the dataset's categories).
EXPORT_INFO = "export.json"


def _write_info(folder: Path, ds: Dataset, format: str) -> None:
    info = {"written_by": "sco-analysis", "format": format, "schema_version": SCHEMA_VERSION,
            "dataset_hash": ds.manifest.get("dataset_hash"), "slice": ds.slice.describe(),
            "domains": ds.manifest.get("domains", {}),
            "tables": {n: len(df) for n, df in ds.tables.items()}}
    (folder / EXPORT_INFO).write_text(json.dumps(info, indent=2, ensure_ascii=False) + "\n",
                                      encoding="utf-8")


def export(ds: Dataset, output: Path, format: str = "csv") -> Path:
    """Write ``ds`` (the whole dataset or a slice) into the directory ``output``.

    Raises:
        ValueError: An unknown format.
        OutputError: ``output`` may not be written (it holds files sco-analysis did not
            write, it is the records directory ...); nothing is changed.
    """
    from .outputs import replace_dir

    if format not in _WRITERS:
        raise ValueError(f"unknown export format {format!r}; use one of: "
                         + ", ".join(FORMATS))
    protected = [ds.data.records, ds.data.reference] if ds.data is not None else []
    with replace_dir(Path(output), "export", protected=protected) as tmp:
        _WRITERS[format](tmp, ds)
        _write_info(tmp, ds, format)
    return Path(output)


# ---------------------------------------------------------------------------------------
# reading back


def _domains(tables: dict[str, pd.DataFrame]) -> dict[str, list[str]]:
    parties = sorted(tables["parties"]["party"].dropna().astype(str))
    series = sorted(tables["series"]["series_id"].dropna().astype(str))
    languages = sorted(set(tables["sources"]["language"].dropna().astype(str))
                       | set(tables["name_variants"]["language"].dropna().astype(str)))
    return {"party": parties, "series": series, "language": languages}


def read_export(folder: str | Path, names: Iterable[str] | None = None
                ) -> dict[str, pd.DataFrame]:
    """Read an export of any format back into the package's typed tables.

    Raises:
        FileNotFoundError: ``folder`` holds no export.
    """
    folder = Path(folder)
    wanted = list(names or TABLES)
    try:
        domains = json.loads((folder / EXPORT_INFO).read_text(encoding="utf-8"))["domains"]
    except (OSError, ValueError, KeyError):
        domains = None  # an export without its description: take them from its tables
    if (folder / "sco-analysis.xlsx").is_file():
        sheets = pd.read_excel(folder / "sco-analysis.xlsx", sheet_name=None, dtype=str,
                               keep_default_na=False, engine="openpyxl")
        text = {n: sheets[n] for n in TABLES}
    elif (folder / "events.csv").is_file():
        text = {n: pd.read_csv(folder / f"{n}.csv", dtype=str, keep_default_na=False,
                               encoding="utf-8") for n in TABLES}
    elif (folder / "events.parquet").is_file():
        from .store import to_pandas

        raw = {n: _parquet(folder / f"{n}.parquet") for n in TABLES}
        domains = domains or _domains({n: t.to_pandas() for n, t in raw.items()})
        return {n: to_pandas(TABLES[n], raw[n], domains) for n in wanted}
    else:
        raise FileNotFoundError(f"{folder}: no sco-analysis export (csv, xlsx, parquet or "
                                "datapackage) in it")
    domains = domains or _domains({n: t.replace("", None) for n, t in text.items()})
    return {n: read_text_table(n, text[n], domains) for n in wanted}


def _parquet(path: Path) -> Any:
    import pyarrow.parquet as pq

    return pq.read_table(path)
