"""The Frictionless data package descriptor of an export, derived from the schema.

Each table becomes a tabular data resource (its CSV file) whose Table Schema comes from the
one declaration in :mod:`sco_analysis.schema`: field types, descriptions, required fields,
allowed values (enums and the dataset's own parties, series and languages), the primary
key and the foreign keys between tables. The JSON is written here rather than through the
``frictionless`` library, which would be a heavy dependency for a small, fixed document;
the tests check it with ``frictionless validate``.

A slice keeps whole document histories (see :meth:`sco_analysis.Dataset.filter`), so a
step may refer to an event outside the slice: a foreign key is declared only where it
holds in the exported data, and the resource says which were left out and why.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pandas as pd

from . import metadata
from .dates import precision_column
from .schema import SCHEMA_VERSION, TABLES, Column, Table, categories

if TYPE_CHECKING:  # pragma: no cover
    from .dataset import Dataset

#: A date written at its precision: YYYY, YYYY-MM or YYYY-MM-DD.
REDUCED_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def _field(c: Column, table: Table, domains: dict[str, list[str]]) -> list[dict[str, Any]]:
    """The Table Schema field(s) of one column (a date at a precision gets two)."""
    base: dict[str, Any] = {"name": c.name, "description": c.description}
    constraints: dict[str, Any] = {"required": True} if not c.nullable else {}
    if c.dtype == "date" and precision_column(table.names, c.name) is not None:
        base |= {"type": "string", "format": "default",
                 "description": c.description + " Written at its precision: YYYY-MM-DD, "
                 "YYYY-MM or YYYY."}
        iso = {"name": f"{c.name}_iso", "type": "date",
               "description": f"First day of {c.name}, for sorting."}
        return [base | {"constraints": constraints | {"pattern": REDUCED_DATE}}, iso]
    if c.dtype == "date":
        base["type"] = "date"
    elif c.dtype == "int16":
        base["type"] = "integer"
    elif c.dtype == "bool":
        base |= {"type": "boolean", "trueValues": ["true"], "falseValues": ["false"]}
    elif c.dtype == "list":
        base |= {"type": "string", "description": c.description + " A list joined with '; '."}
    else:
        base["type"] = "string"
        if c.dtype == "category":
            constraints["enum"] = categories(c, domains)
        if c.pattern:
            constraints["pattern"] = c.pattern
    return [base | ({"constraints": constraints} if constraints else {})]


def _foreign_keys(table: Table, tables: dict[str, pd.DataFrame]
                  ) -> tuple[list[dict[str, Any]], list[str]]:
    """The foreign keys that hold in the exported data, and those left out (in words)."""
    keys, left_out = [], []
    df = tables[table.name]
    for c in table.columns:
        if c.references is None or c.dtype == "list":
            continue
        ref_table, ref_col = c.references.split(".")
        if ref_table == table.name and ref_col == c.name:
            continue
        known = set(tables[ref_table][ref_col].dropna().astype(str))
        values = set(df[c.name].dropna().astype(str))
        if values <= known:
            keys.append({"fields": c.name,
                         "reference": {"resource": ref_table, "fields": ref_col}})
        else:
            left_out.append(f"{c.name} (refers to {c.references}; {len(values - known)} "
                            "values lie outside this export's slice)")
    return keys, left_out


def _resource(table: Table, ds: Dataset, domains: dict[str, list[str]]) -> dict[str, Any]:
    fields = [f for c in table.columns for f in _field(c, table, domains)]
    keys, left_out = _foreign_keys(table, ds.tables)
    description = f"One row is {table.row}."
    if left_out:
        description += " Foreign keys not declared: " + "; ".join(left_out) + "."
    schema = {"fields": fields, "primaryKey": list(table.primary_key),
              "missingValues": [""]}
    if keys:
        schema["foreignKeys"] = keys
    return {"name": table.name.replace("_", "-"), "path": f"{table.name}.csv",
            "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8", "title": table.name, "description": description,
            "schema": schema}


def descriptor(ds: Dataset) -> dict[str, Any]:
    """The ``datapackage.json`` of an export of ``ds`` (its whole data or a slice)."""
    domains = {k: list(v) for k, v in ds.manifest.get("domains", {}).items()}
    resources = [_resource(t, ds, domains) for t in TABLES.values()]
    names = {t: t.replace("_", "-") for t in TABLES}
    for r in resources:  # foreign keys name resources by their (dashed) names
        for fk in r["schema"].get("foreignKeys", []):
            fk["reference"]["resource"] = names[fk["reference"]["resource"]]
    version = str(ds.manifest.get("package_version", ""))
    return {
        "profile": "tabular-data-package",
        "name": "sco-analysis",
        "title": metadata.TITLE,
        "description": f"{metadata.TITLE}: dataset {ds.version}, schema {SCHEMA_VERSION}, "
                       f"{ds.slice.describe()}. {metadata.cite_dataset(ds)}",
        "version": re.sub(r"[^0-9.]", "", version) or "0.0.0",
        "contributors": [{"title": metadata.AUTHOR, "role": "author"}],
        "keywords": ["Shanghai Cooperation Organisation", "digital cooperation", "ICT"],
        "resources": resources,
    }
