"""The table boundary: pandera schemas derived from :mod:`sco_analysis.schema`.

Every built table is checked, lazily (all failures at once), against a pandera
``DataFrameSchema`` generated from the same declarations: exact dtypes with their fixed
categories, missing values only where allowed, id patterns, unique primary keys and the
foreign keys between tables. Record validation should already have caught anything a
person can type wrong; a failure here means the build itself is wrong, and is reported
with the file and line of the row concerned.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import pandera.pandas as pa

from .problems import Problem
from .records import Loc
from .schema import TABLES, Table, pandas_dtypes


def dataframe_schema(table: Table, domains: dict[str, list[str]]) -> pa.DataFrameSchema:
    """The pandera schema of one table."""
    dtypes = pandas_dtypes(table, domains)
    columns = {}
    for c in table.columns:
        checks = []
        if c.pattern and c.dtype == "string":
            checks.append(pa.Check.str_matches(c.pattern))
        columns[c.name] = pa.Column(dtypes[c.name], nullable=c.nullable, checks=checks,
                                    description=c.description)
    return pa.DataFrameSchema(columns, unique=list(table.primary_key), strict=True,
                              ordered=True, name=table.name)


def check_frames(frames: dict[str, pd.DataFrame], locs: dict[str, list[Loc]],
                 domains: dict[str, list[str]]) -> list[Problem]:
    """Check every table and the foreign keys between them; return all problems."""
    problems: list[Problem] = []
    for name, df in frames.items():
        table = TABLES[name]
        try:
            dataframe_schema(table, domains).validate(df, lazy=True)
        except pa.errors.SchemaErrors as exc:
            for case in exc.failure_cases.itertuples(index=False):
                problems.append(_problem(name, locs.get(name, []), case._asdict()))
        for c in table.columns:
            if c.references is None or (c.domain == "party" and c.dtype == "category"):
                continue  # categorical party columns are checked by their categories
            ref_table, ref_col = c.references.split(".")
            known = set(frames[ref_table][ref_col].dropna().astype(str))
            values = df[c.name]
            if c.dtype == "list":
                values = values.explode()
            values = values.dropna().astype(str)
            for idx in values.index[~values.isin(known)]:
                problems.append(_problem(name, locs.get(name, []), {
                    "column": c.name, "check": f"references {c.references}",
                    "failure_case": values.loc[idx] if not isinstance(values.loc[idx],
                                                                      pd.Series)
                    else values.loc[idx].iloc[0],
                    "index": idx}))
    return problems


def _problem(table: str, locs: list[Loc], case: dict[str, Any]) -> Problem:
    idx = case.get("index")
    loc = locs[int(idx)] if idx is not None and not pd.isna(idx) and int(idx) < len(locs) \
        else None
    column = case.get("column") or "(table)"
    return Problem(loc.file if loc else f"<{table} table>", loc.line if loc else 0,
                   f"{table}.{column}", repr(case.get("failure_case")),
                   f"the build to satisfy {case.get('check')} (a bug in sco-analysis: please "
                   "report it)")
