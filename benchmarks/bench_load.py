"""Speed benchmark of sco-analysis against pyarrow, DuckDB, pandas and polars.

What is measured
----------------
Synthetic tables shaped like the real ``events`` and ``participants`` tables (same explicit
schema, :func:`sco_analysis.schema.arrow_schema`; same Parquet options,
``sco_analysis.store.WRITE_OPTIONS``) are generated deterministically (numpy
``default_rng`` with a fixed seed) at 10^5, 10^6 and 10^7 participant rows (``--rows``),
with one event per eight participant rows, sorted as a build sorts them (events by date,
participants by event id and party). Every column derives from its declaration in
``sco_analysis.schema.TABLES`` (type, enum or domain, nullable; :func:`synthetic_column`)
except the relational ones (ids, series, dates and precision, host, chair, parties and
their roles); ``WEIGHTS`` skews some enum values by name. Party codes, series ids and
membership come from the bundled dataset. For each size:

``read <table>``
    Parquet -> typed pandas the way :func:`sco_analysis.load` does it
    (``store.to_pandas(TABLES[name], pq.read_table(path), domains)``) against
    ``pq.read_table`` (an Arrow table: no pandas at all), ``pd.read_parquet`` with its
    defaults and with ``dtype_backend="pyarrow"``, DuckDB (``SELECT * FROM read_parquet``
    into an Arrow table) and ``polars.read_parquet``.
``to_pandas participants``
    Only the conversion of an Arrow table already in memory: ``store.to_pandas`` against
    pyarrow's own ``Table.to_pandas()``.
``crosstab party x series (held)``
    Participant rows of held events counted by party and series: a join of participants
    to events on ``event_id`` and a group-by. The package's way (pandas ``merge`` and
    ``groupby`` on the categorical columns of the loaded frames) against pyarrow
    (``Table.join`` + ``Table.group_by().aggregate()`` on the Arrow tables) and DuckDB SQL,
    once on the Parquet files (the scan is included) and once on the Arrow tables in memory.
``crosstab party x delegation_level``
    The same on one table (the core of ``participation.delegation_mix``).
``status as-of``
    :func:`sco_analysis.reference.status_between` (the SCO status of each participant row
    over its event's date range: two as-of joins on the membership intervals and one on
    their boundaries) on the synthetic participants, against the same as-of joins written
    as DuckDB ``ASOF JOIN`` on the same queries held as an Arrow table.
``cadence.gaps`` / ``cadence.summary``
    :func:`sco_analysis.analysis.cadence.gaps` on a Dataset whose events are the synthetic
    ones, against a DuckDB window query (``lag`` over series, by date); ``summary`` is timed
    for the package only.
``participation.attendance``
    :func:`sco_analysis.analysis.participation.attendance` (eligible, attended and
    attended-eligible meetings per party, first and last attendance) against one DuckDB
    query of the same counts (member spans from the membership intervals, a range join of
    the spans to the meetings, a join of the participant rows to the meetings).
``participation.grid``
    :func:`sco_analysis.analysis.participation.grid`, every held event x every relevant
    party (about 38) with each cell's SCO status, for the package only and only up to
    ``--grid-max-rows`` (default 10^6): it has ~4.4 cells per participant row.

Each result of the other engines is checked against the package's (equal counts, equal
statuses on every row, equal gaps) before any time is reported; a mismatch stops the run.

How timings are taken
---------------------
``time.perf_counter`` around one call; one warm-up call (whose result is the one checked),
then the best of ``--repeat`` calls. A call slower than ``--budget`` seconds in total is not
repeated further, so the ``runs`` column can be less than ``--repeat`` for the slowest steps.
pandas runs on one core; pyarrow, DuckDB and polars use every core (2 on the reference
machine): the ratios are what a user of this machine sees, not per-core efficiency.

Peak memory is measured for the ``read`` steps only, each in a fresh child process
(``--child``): the resident set before the read is subtracted from the peak resident set
(``VmHWM``, reset just before the read where Linux allows it) after it. It is an upper bound
of the extra memory the read needs, result included. ``--no-memory`` skips it.

How to read the ratios
----------------------
``ratio`` is package seconds / seconds of the fastest other engine of that row: 1.0 means
as fast as the best alternative, 5.0 five times slower. ``read`` rows compare unlike
results on purpose: the package builds fixed categoricals, nanosecond datetimes and
pyarrow-backed strings, pyarrow stops at Arrow, DuckDB and polars at their own formats;
the ratio is the price of getting the package's typed DataFrame instead. Query rows
compare like with like (same answer, checked), but the package starts from frames already
in memory while ``duckdb`` also scans the Parquet; ``duckdb(mem)`` starts from Arrow tables
in memory too.

Usage::

    .venv/bin/python benchmarks/bench_load.py              # 1e5, 1e6, 1e7 rows, best of 3
    .venv/bin/python benchmarks/bench_load.py --quick      # 1e5 rows, one run: a smoke test
    .venv/bin/python benchmarks/bench_load.py --rows 100000 1000000 --repeat 5 --keep

Results are printed, and written as JSON and Markdown to
``benchmarks/results/<hostname>-<YYYYMMDD>{-quick}.{json,md}`` (git-ignored).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import itertools
import json
import os
import platform
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

import sco_analysis as sco
from sco_analysis import schema as sco_schema
from sco_analysis.analysis import cadence, participation
from sco_analysis.analysis._common import event_bounds
from sco_analysis.reference import status_between
from sco_analysis.schema import TABLES, Column, Table, arrow_schema
from sco_analysis.store import WRITE_OPTIONS, to_pandas

try:
    import polars as pl
except ImportError:  # pragma: no cover - polars is a dev dependency
    pl = None

SEED = 20010615
ROWS_PER_EVENT = 8
DEFAULT_ROWS = (100_000, 1_000_000, 10_000_000)
ENGINES = ("package", "pyarrow", "duckdb", "duckdb(mem)", "pandas", "pandas[pa]", "polars")
RESULTS_DIR = Path(__file__).resolve().parent / "results"
FAR_FUTURE = "2262-04-11"
# The synthetic columns derive from the declarations in sco_analysis.schema.TABLES (type,
# enum or domain, nullable): a new column or enum value needs no edit here. Optional skew,
# by column ("table.column") and value name; a value not named gets a uniform share
# (1 / number of values) and a name that is not a value of the column is an error.
WEIGHTS: dict[str, dict[str, float]] = {
    "events.date_precision": {"day": 0.90, "month": 0.08, "year": 0.02},
    "events.status": {"held": 0.92, "planned": 0.04, "postponed": 0.02, "cancelled": 0.02},
    "events.format": {"in_person": 0.70, "videoconference": 0.12, "hybrid": 0.04,
                      "unknown": 0.14},
    "events.level": {"heads_of_state": 0.08, "heads_of_government": 0.06,
                     "ministerial": 0.25, "deputy_minister": 0.10, "working": 0.25,
                     "expert": 0.16, "unknown": 0.10},
    "events.chair_basis": {"stated": 0.5, "stated_chaired_meeting": 0.1,
                           "stated_ambiguous": 0.05, "inferred_from_host": 0.35},
    "events.confidence": {"high": 0.8, "medium": 0.15, "low": 0.05},
    # chair and host come from the event (structural), the rest are drawn
    "participants.role": {"participant": 0.97, "guest": 0.03, "chair": 0.0, "host": 0.0},
    "participants.delegation_level": {
        "head_of_state": 0.08, "head_of_government": 0.08, "deputy_head_of_state": 0.005,
        "deputy_head_of_government": 0.005, "secretary_general": 0.04, "minister": 0.06,
        "deputy_minister": 0.04, "deputy_secretary_general": 0.02, "ambassador": 0.02,
        "senior_official": 0.05, "regional_official": 0.01, "other": 0.01, "unknown": 0.66},
    "participants.status_at_event": {"member": 0.70, "observer": 0.10,
                                     "dialogue_partner": 0.08, "partner": 0.04,
                                     "sco_body": 0.05, "none": 0.03},
    "participants.basis": {"stated": 0.90, "host": 0.04, "chair": 0.06},
}
#: Share of missing values in a nullable column (NULL_SHARE unless named here).
NULL_SHARE = 0.1
NULLS = {"events.series_number": 0.2, "events.date_end": 0.15, "events.chair_basis": 0.3,
         "events.notes": 0.95, "participants.notes": 0.97}
#: Share of True in a bool column (one half unless named here).
TRUE_SHARE = {"events.participants_complete": 0.4}
#: Distinct texts of a free-text column; days of a date column.
TEXTS = 1000
FIRST_DAY, LAST_DAY = np.datetime64("2001-01-01"), np.datetime64("2030-12-31")
# relative chance of a party taking part in an event: members, else by party type
PARTY_WEIGHT = {"member": 10.0, "state": 2.0, "sco_body": 3.0, "organisation": 0.5}

_T0 = time.perf_counter()


def log(msg: str) -> None:
    print(f"[{time.perf_counter() - _T0:7.1f}s] {msg}", file=sys.stderr, flush=True)


# -- reference data -----------------------------------------------------------------------


@dataclass
class Reference:
    """What the synthetic data borrows from the bundled dataset."""

    ds: sco.Dataset
    domains: dict[str, list[str]]
    parties: list[str]
    series: list[str]
    weights: np.ndarray
    party_types: pd.Series


def reference() -> Reference:
    ds = sco.load(quiet=True)
    domains = {k: list(v) for k, v in ds.manifest["domains"].items()}
    types = ds.parties.set_index("party")["party_type"]
    types.index = types.index.astype(str)
    members = set(ds.membership.loc[ds.membership["status"] == "member", "party"].astype(str))
    weights = np.array([PARTY_WEIGHT["member"] if p in members else
                        PARTY_WEIGHT.get(str(types[p]), 1.0) for p in domains["party"]])
    return Reference(ds, domains, domains["party"], domains["series"], weights, types)


# -- synthetic data -----------------------------------------------------------------------


def _probabilities(key: str, values: Sequence[str]) -> np.ndarray:
    """How often each value is drawn: WEIGHTS where named, a uniform share otherwise."""
    named = WEIGHTS.get(key, {})
    unknown = sorted(set(named) - set(values))
    if unknown:
        raise ValueError(f"WEIGHTS[{key!r}] names {unknown}, not values of the column")
    p = np.array([named.get(v, 1.0 / len(values)) for v in values], dtype=float)
    return p / p.sum()


def _draw(rng: np.random.Generator, n: int, key: str, values: Sequence[str]) -> np.ndarray:
    """Random category codes (positions in ``values``)."""
    return rng.choice(len(values), size=n, p=_probabilities(key, values)).astype(np.int16)


def _dictionary(codes: np.ndarray, values: Sequence[str],
                null: np.ndarray | None = None) -> pa.DictionaryArray:
    indices = pa.array(codes.astype(np.int16), type=pa.int16(), mask=null)
    return pa.DictionaryArray.from_arrays(indices, pa.array(list(values), pa.string()))


def _texts(name: str) -> pa.Array:
    return pc.binary_join_element_wise(
        f"synthetic {name}", pa.array(np.arange(TEXTS)).cast(pa.string()), " ")


def _values(column: Column, ref: Reference) -> list[str]:
    """The values a category (or list) column draws from: its enum or its domain."""
    if column.enum is None and column.domain is None:
        return _texts(column.name).to_pylist()
    return sco_schema.categories(column, ref.domains)


def _null(rng: np.random.Generator, n: int, key: str, column: Column) -> np.ndarray | None:
    return rng.random(n) < NULLS.get(key, NULL_SHARE) if column.nullable else None


def synthetic_column(rng: np.random.Generator, table: str, column: Column, n: int,
                     ref: Reference) -> pa.Array:
    """``n`` random values of a column, from its declaration alone."""
    key = f"{table}.{column.name}"
    null = _null(rng, n, key, column)
    if column.dtype == "category":
        values = _values(column, ref)
        if column.domain == "party" and key not in WEIGHTS:
            codes = rng.choice(len(values), size=n, p=ref.weights / ref.weights.sum())
            return _dictionary(codes, values, null)
        return _dictionary(_draw(rng, n, key, values), values, null)
    if column.dtype == "string":
        return _texts(column.name).take(pa.array(rng.integers(0, TEXTS, n), mask=null))
    if column.dtype == "date":
        days = FIRST_DAY + rng.integers(0, int((LAST_DAY - FIRST_DAY).astype(int)) + 1, n)
        return pa.array(days, mask=null)
    if column.dtype == "int16":
        return pa.array(rng.integers(1, 100, n).astype(np.int16), mask=null)
    if column.dtype == "bool":
        return pa.array(rng.random(n) < TRUE_SHARE.get(key, 0.5), mask=null)
    if column.dtype == "list":
        values = pa.array(_values(column, ref), pa.string())
        lengths = rng.integers(0, 4, n)
        flat = values.take(pa.array(rng.integers(0, len(values), int(lengths.sum()))))
        offsets = pa.array(np.r_[0, np.cumsum(lengths)].astype(np.int32), mask=None)
        return pa.ListArray.from_arrays(offsets, flat, mask=null)
    raise ValueError(f"{key}: no generator for dtype {column.dtype!r}")


def _row_counts(rng: np.random.Generator, rows: int, n_events: int,
                n_parties: int) -> np.ndarray:
    """Parties per event: about ROWS_PER_EVENT on average, summing to exactly ``rows``."""
    k = 1 + rng.binomial(n_parties - 1, (ROWS_PER_EVENT - 1) / (n_parties - 1), n_events)
    while (diff := rows - int(k.sum())) != 0:
        step = 1 if diff > 0 else -1
        room = np.flatnonzero(k < n_parties) if step > 0 else np.flatnonzero(k > 1)
        pick = rng.choice(room, size=min(abs(diff), len(room)), replace=False)
        k[pick] += step
    return k


def _event_structure(rng: np.random.Generator, n_ev: int, ref: Reference,
                     events: Table) -> dict[str, Any]:
    """The relational columns of events: ids, series and numbers, dates and precision."""
    precisions = _values(events.column("date_precision"), ref)
    prec = _draw(rng, n_ev, "events.date_precision", precisions)
    day = FIRST_DAY + rng.integers(0, int((LAST_DAY - FIRST_DAY).astype(int)) + 1, n_ev)
    unit = np.array([{"month": "M", "year": "Y"}.get(v, "D") for v in precisions])[prec]
    start = day.copy()
    for u in ("M", "Y"):  # a less precise date holds the first day of its month / year
        start[unit == u] = day[unit == u].astype(f"datetime64[{u}]").astype("datetime64[D]")
    order = np.argsort(start, kind="stable")  # events in date order, as the build sorts them
    start, prec, unit = start[order], prec[order], unit[order]
    end = np.where(unit == "D", start + rng.integers(0, 3, n_ev), start)
    w_series = np.linspace(1.0, 3.0, len(ref.series))
    series = rng.choice(len(ref.series), size=n_ev, p=w_series / w_series.sum())
    series_str = pa.array(ref.series).take(pa.array(series))
    number = pd.Series(series).groupby(series).cumcount().to_numpy() % 30_000 + 1
    idx = pc.utf8_lpad(pa.array(np.arange(n_ev)).cast(pa.string()), 8, "0")
    year = pa.array(start.astype("datetime64[Y]").astype(np.int64) + 1970).cast(pa.string())
    return {
        "event_id": pc.binary_join_element_wise(series_str, year, idx, "_"),
        "series_id": _dictionary(series, ref.series),
        "series_number": pa.array(number.astype(np.int16), mask=_null(
            rng, n_ev, "events.series_number", events.column("series_number"))),
        "date_start": pa.array(start),
        "date_end": pa.array(end, mask=(unit == "Y") | _null(
            rng, n_ev, "events.date_end", events.column("date_end"))),
        "date_precision": _dictionary(prec, precisions),
    }


def _participants(rng: np.random.Generator, rows: int, ref: Reference, event_id: pa.Array,
                  roles: list[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Who takes part (weighted sampling without replacement), and who hosts and chairs.

    Returns the relational columns of participants (rows sorted by event id and party, as
    the build sorts them) and the host and chair of each event.
    """
    n_ev, n_p = len(event_id), len(ref.parties)
    k = _row_counts(rng, rows, n_ev, n_p)
    host, chair = np.empty(n_ev, np.int16), np.empty(n_ev, np.int16)
    chosen = []
    for a in range(0, n_ev, 200_000):  # exponential race, in chunks of events
        b = min(a + 200_000, n_ev)
        race = np.argsort(rng.exponential(size=(b - a, n_p)) / ref.weights, axis=1)
        host[a:b] = race[:, 0]
        second = np.where(k[a:b] >= 2, race[:, 1], race[:, 0])
        chair[a:b] = np.where(rng.random(b - a) < 0.8, race[:, 0], second)
        sel = np.where(np.arange(n_p)[None, :] < k[a:b, None], race, n_p)
        sel.sort(axis=1)  # parties of an event in code (= alphabetical) order
        chosen.append(sel[sel < n_p].astype(np.int16))
    by_id = pc.sort_indices(event_id).to_numpy()
    first_row = np.r_[0, np.cumsum(k)[:-1]]
    rows_by_id = np.repeat(first_row[by_id] - np.r_[0, np.cumsum(k[by_id])[:-1]], k[by_id]) \
        + np.arange(rows)
    party = np.concatenate(chosen)[rows_by_id]
    of_event = np.repeat(by_id, k[by_id])
    is_host, is_chair = party == host[of_event], party == chair[of_event]
    role = _draw(rng, rows, "participants.role", roles)
    role = np.where(is_host, roles.index("host"), role)
    role = np.where(is_chair, roles.index("chair"), role)
    return {
        "event_id": event_id.take(pa.array(of_event)),
        "party": _dictionary(party, ref.parties),
        "role": _dictionary(role, roles),
        "is_host": pa.array(is_host),
        "is_chair": pa.array(is_chair),
    }, {"host": _dictionary(host, ref.parties), "chair": _dictionary(chair, ref.parties)}


def generate(rows: int, ref: Reference, seed: int = SEED) -> dict[str, pa.Table]:
    """Synthetic ``events`` and ``participants`` tables with the package's Arrow schema.

    Every column declared in ``sco_analysis.schema.TABLES`` is produced: the relational
    ones (ids, series, dates and precision, host, chair, parties and their roles) by
    :func:`_event_structure` and :func:`_participants`, every other one from its
    declaration by :func:`synthetic_column`.
    """
    tables = sco_schema.TABLES
    rng = np.random.default_rng([seed, rows])
    n_ev = max(1, rows // ROWS_PER_EVENT)
    if not n_ev <= rows <= n_ev * len(ref.parties):
        raise ValueError(f"--rows {rows}: need at least {ROWS_PER_EVENT} rows")
    events = _event_structure(rng, n_ev, ref, tables["events"])
    roles = _values(tables["participants"].column("role"), ref)
    participants, events_of = _participants(rng, rows, ref, events["event_id"], roles)
    fixed = {"events": (n_ev, events | events_of), "participants": (rows, participants)}
    out = {}
    for name, (n, columns) in fixed.items():
        table = tables[name]
        arrays = [columns[c.name] if c.name in columns
                  else synthetic_column(rng, name, c, n, ref) for c in table.columns]
        out[name] = pa.Table.from_arrays(arrays, schema=arrow_schema(table))
    return out


def write(tables: dict[str, pa.Table], directory: Path) -> dict[str, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, tbl in tables.items():
        paths[name] = directory / f"{name}.parquet"
        pq.write_table(tbl, paths[name], **WRITE_OPTIONS)
    return paths


# -- timing -------------------------------------------------------------------------------


@dataclass
class Result:
    """One engine on one operation at one size."""

    rows: int
    op: str
    engine: str
    best: float
    runs: list[float]
    warmup: float
    peak_mib: float | None = None


@dataclass
class Bench:
    repeat: int
    budget: float
    results: list[Result] = field(default_factory=list)
    memory: list[dict[str, Any]] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)

    def time(self, rows: int, op: str, engine: str, fn: Callable[[], Any],
             repeat: int | None = None) -> Any:
        """Warm up (keeping that result for the checks), then best of ``repeat`` runs."""
        gc.collect()
        t0 = time.perf_counter()
        result = fn()
        warm = time.perf_counter() - t0
        spent, runs = warm, []
        for i in range(self.repeat if repeat is None else repeat):
            if i and spent > self.budget:
                break
            gc.collect()
            t0 = time.perf_counter()
            fn()
            runs.append(time.perf_counter() - t0)
            spent += runs[-1]
        self.results.append(Result(rows, op, engine, min(runs), runs, warm))
        log(f"  {op:<36} {engine:<12} {min(runs):9.4f}s  ({len(runs)} run(s))")
        return result

    def check(self, rows: int, what: str, ok: bool, detail: str = "") -> None:
        where = f"{rows} rows: " if rows else ""
        if not ok:
            raise AssertionError(f"{where}{what}: results differ {detail}")
        self.checks.append(f"{where}{what}")


# -- engines ------------------------------------------------------------------------------


def duck_table(con: duckdb.DuckDBPyConnection, sql: str) -> pa.Table:
    rel = con.sql(sql)
    if hasattr(rel, "to_arrow_table"):
        return rel.to_arrow_table()
    res = rel.arrow()  # duckdb < 1.4 returns a Table, newer a RecordBatchReader
    return res.read_all() if isinstance(res, pa.RecordBatchReader) else res


def readers(table: str, path: Path, domains: dict[str, list[str]]
            ) -> dict[str, Callable[[], Any]]:
    con = duckdb.connect()
    out: dict[str, Callable[[], Any]] = {
        "package": lambda: to_pandas(TABLES[table], pq.read_table(path), domains),
        "pyarrow": lambda: pq.read_table(path),
        "duckdb": lambda: duck_table(con, f"SELECT * FROM read_parquet('{path}')"),
        "pandas": lambda: pd.read_parquet(path),
        "pandas[pa]": lambda: pd.read_parquet(path, dtype_backend="pyarrow"),
    }
    if pl is not None:
        out["polars"] = lambda: pl.read_parquet(path)
    return out


def _counts(df: pd.DataFrame, keys: list[str], n: str) -> pd.Series:
    """A canonical form of a count table: int64 counts indexed by string keys, sorted."""
    df = df.assign(**{k: df[k].astype(str) for k in keys})
    return df.set_index(keys)[n].astype("int64").sort_index()


def crosstab_series(bench: Bench, rows: int, frames: dict[str, pd.DataFrame],
                    arrow: dict[str, pa.Table], paths: dict[str, Path]) -> None:
    op = "crosstab party x series (held)"

    def package() -> pd.Series:
        ev = frames["events"]
        held = ev.loc[ev["status"] == "held", ["event_id", "series_id"]]
        j = frames["participants"][["event_id", "party"]].merge(
            held, on="event_id", how="inner", validate="many_to_one")
        return j.groupby(["party", "series_id"], observed=True, sort=True).size()

    def pyarrow() -> pa.Table:
        ev = arrow["events"]
        held = ev.filter(pc.equal(ev["status"], "held")).select(["event_id", "series_id"])
        j = arrow["participants"].select(["event_id", "party"]).join(
            held, "event_id", join_type="inner")
        return j.group_by(["party", "series_id"]).aggregate([([], "count_all")])

    sql = """SELECT p.party, e.series_id, count(*) AS n FROM {p} p
             JOIN {e} e ON p.event_id = e.event_id WHERE e.status = 'held'
             GROUP BY p.party, e.series_id"""
    con = duckdb.connect()
    con.register("p_mem", arrow["participants"])
    con.register("e_mem", arrow["events"])
    on_disk = sql.format(p=f"read_parquet('{paths['participants']}')",
                         e=f"read_parquet('{paths['events']}')")
    keys = ["party", "series_id"]
    ref = _counts(bench.time(rows, op, "package", package).rename("n").reset_index(), keys, "n")
    got = {
        "pyarrow": bench.time(rows, op, "pyarrow", pyarrow).to_pandas().rename(
            columns={"count_all": "n"}),
        "duckdb": bench.time(rows, op, "duckdb", lambda: duck_table(con, on_disk)).to_pandas(),
        "duckdb(mem)": bench.time(rows, op, "duckdb(mem)", lambda: duck_table(
            con, sql.format(p="p_mem", e="e_mem"))).to_pandas(),
    }
    for engine, df in got.items():
        bench.check(rows, f"{op}: {engine} == package", _counts(df, keys, "n").equals(ref))


def crosstab_level(bench: Bench, rows: int, frames: dict[str, pd.DataFrame],
                   arrow: dict[str, pa.Table], paths: dict[str, Path]) -> None:
    op = "crosstab party x delegation_level"
    keys = ["party", "delegation_level"]
    sql = "SELECT party, delegation_level, count(*) AS n FROM {p} GROUP BY ALL"
    con = duckdb.connect()
    con.register("p_mem", arrow["participants"])
    ref = _counts(bench.time(rows, op, "package", lambda: frames["participants"].groupby(
        keys, observed=True, sort=True).size()).rename("n").reset_index(), keys, "n")
    got = {
        "pyarrow": bench.time(rows, op, "pyarrow", lambda: arrow["participants"].group_by(
            keys).aggregate([([], "count_all")])).to_pandas().rename(columns={"count_all": "n"}),
        "duckdb": bench.time(rows, op, "duckdb", lambda: duck_table(
            con, sql.format(p=f"read_parquet('{paths['participants']}')"))).to_pandas(),
        "duckdb(mem)": bench.time(rows, op, "duckdb(mem)", lambda: duck_table(
            con, sql.format(p="p_mem"))).to_pandas(),
    }
    for engine, df in got.items():
        bench.check(rows, f"{op}: {engine} == package", _counts(df, keys, "n").equals(ref))


STATUS_SQL = f"""
WITH q AS (SELECT i, party, lo, coalesce(hi, lo) AS hi FROM q_mem),
m AS (SELECT party, status, date_from, coalesce(date_to, DATE '{FAR_FUTURE}') AS date_to
      FROM m_mem),
b AS (SELECT party, date_from AS b FROM m_mem
      UNION ALL SELECT party, date_to FROM m_mem WHERE date_to IS NOT NULL),
s AS (
  SELECT q.i, t.party_type,
         CASE WHEN ml.date_to > q.lo THEN ml.status ELSE 'none' END AS s_lo,
         CASE WHEN mh.date_to > q.hi THEN mh.status ELSE 'none' END AS s_hi,
         coalesce(bb.b > q.lo, false) AS ch
  FROM q
  ASOF LEFT JOIN m ml ON q.party = ml.party AND q.lo >= ml.date_from
  ASOF LEFT JOIN m mh ON q.party = mh.party AND q.hi >= mh.date_from
  ASOF LEFT JOIN b bb ON q.party = bb.party AND q.hi >= bb.b
  LEFT JOIN t_mem t ON q.party = t.party
), r AS (
  SELECT i,
         CASE party_type WHEN 'sco_body' THEN 'sco_body' WHEN 'organisation' THEN 'none'
              ELSE s_lo END AS status_lo,
         CASE party_type WHEN 'sco_body' THEN 'sco_body' WHEN 'organisation' THEN 'none'
              ELSE s_hi END AS status_hi,
         CASE WHEN party_type = 'state' THEN ch ELSE false END AS changes
  FROM s
)
SELECT CASE WHEN changes THEN NULL ELSE status_lo END AS status, status_lo, status_hi,
       changes
FROM r ORDER BY i
"""


def _same(a: pa.ChunkedArray | pa.Array, b: pa.ChunkedArray | pa.Array) -> bool:
    a, b = a.cast(pa.string()), b.cast(pa.string())
    return len(a) == len(b) and pc.all(pc.equal(pc.fill_null(a, "<NA>"),
                                                pc.fill_null(b, "<NA>"))).as_py() in (True, None)


def _register_reference(con: duckdb.DuckDBPyConnection, ref: Reference) -> None:
    """The bundled membership intervals and party types, as DuckDB views."""
    m = ref.ds.membership
    con.register("m_mem", pa.table({
        "party": pa.array(m["party"].astype(str).to_numpy()),
        "status": pa.array(m["status"].astype(str).to_numpy()),
        "date_from": pa.array(m["date_from"].to_numpy().astype("datetime64[D]")),
        "date_to": pa.array(m["date_to"].to_numpy().astype("datetime64[D]")),
    }))
    con.register("t_mem", pa.table({"party": [str(x) for x in ref.party_types.index],
                                    "party_type": [str(x) for x in ref.party_types]}))


def status_asof(bench: Bench, rows: int, frames: dict[str, pd.DataFrame],
                ref: Reference) -> None:
    op = "status as-of (status_between)"
    ev, p = frames["events"], frames["participants"]
    lo, hi = event_bounds(ev)
    at = pd.Index(ev["event_id"]).get_indexer(p["event_id"])
    q_party, q_lo, q_hi = p["party"], pd.Series(lo.to_numpy()[at]), pd.Series(hi.to_numpy()[at])
    ds = ref.ds
    types = ds.parties.set_index("party")["party_type"]

    con = duckdb.connect()
    con.register("q_mem", pa.table({
        "i": pa.array(np.arange(len(p))),
        "party": pa.array(q_party.astype(str).to_numpy()),
        "lo": pa.array(q_lo.to_numpy().astype("datetime64[D]")),
        "hi": pa.array(q_hi.to_numpy().astype("datetime64[D]")),
    }))
    _register_reference(con, ref)

    pkg = bench.time(rows, op, "package", lambda: status_between(
        ds.membership, types, q_party, q_lo, q_hi))
    duck = bench.time(rows, op, "duckdb(mem)", lambda: duck_table(con, STATUS_SQL))
    for col in ("status", "status_lo", "status_hi", "changes"):
        bench.check(rows, f"{op}: duckdb(mem) == package, column {col} (every row)",
                    _same(pa.array(pkg[col]), duck[col]))
    changed = int(pkg["changes"].sum())
    bench.checks.append(f"{rows} rows: {op}: {changed} queries span a status change, "
                        f"{int((pkg['status_lo'] == 'member').sum())} are members")


GAPS_SQL = """
WITH e AS (
  SELECT event_id, series_id, date_start AS lo,
         CASE date_precision WHEN 'month' THEN last_day(date_start)
              WHEN 'year' THEN make_date(year(date_start), 12, 31)
              ELSE date_start END AS hi
  FROM {e} WHERE status = 'held'
), g AS (
  SELECT series_id, event_id, lo, hi, lag(event_id) OVER w AS previous_event_id,
         lag(lo) OVER w AS prev_lo, lag(hi) OVER w AS prev_hi
  FROM e WINDOW w AS (PARTITION BY series_id ORDER BY lo, event_id)
)
SELECT series_id, event_id, previous_event_id,
       CASE WHEN prev_hi IS NULL THEN NULL
            ELSE greatest(datediff('day', prev_hi, lo), 0) END AS gap_min_days,
       datediff('day', prev_lo, hi) AS gap_max_days
FROM g ORDER BY series_id, lo, event_id
"""


def cadence_ops(bench: Bench, rows: int, frames: dict[str, pd.DataFrame],
                arrow: dict[str, pa.Table], paths: dict[str, Path], ref: Reference) -> None:
    ds = sco.Dataset(**{**ref.ds.tables, "events": frames["events"],
                        "participants": frames["participants"]}, manifest=ref.ds.manifest)
    con = duckdb.connect()
    con.register("e_mem", arrow["events"])
    op = "cadence.gaps"
    pkg = bench.time(rows, op, "package", lambda: cadence.gaps(ds))
    got = {
        "duckdb": bench.time(rows, op, "duckdb", lambda: duck_table(
            con, GAPS_SQL.format(e=f"read_parquet('{paths['events']}')"))),
        "duckdb(mem)": bench.time(rows, op, "duckdb(mem)", lambda: duck_table(
            con, GAPS_SQL.format(e="e_mem"))),
    }
    for engine, tbl in got.items():
        for col in ("series_id", "event_id", "previous_event_id", "gap_min_days",
                    "gap_max_days"):
            bench.check(rows, f"{op}: {engine} == package, column {col} (every row)",
                        _same(pa.array(pkg[col]), tbl[col]))
    bench.time(rows, "cadence.summary", "package", lambda: cadence.summary(ds))


# attendance without a grid: each party's member spans (between two cuts of its membership
# intervals; status from an ASOF join), eligible = complete meetings inside a member span
# (a range join of a few spans to the meetings), attended = participant rows at meetings
ATTENDANCE_SQL = f"""
WITH ev AS (
  SELECT event_id, date_start, participants_complete AS complete, date_start AS lo,
         CASE date_precision
              WHEN 'month' THEN last_day(coalesce(date_end, date_start))
              WHEN 'year' THEN make_date(year(coalesce(date_end, date_start)), 12, 31)
              ELSE coalesce(date_end, date_start) END AS hi
  FROM e_mem WHERE status = 'held'
),
m AS (SELECT party, status, date_from, coalesce(date_to, DATE '{FAR_FUTURE}') AS date_to
      FROM m_mem),
cuts AS (SELECT party, date_from AS d FROM m_mem
         UNION SELECT party, date_to FROM m_mem WHERE date_to IS NOT NULL),
spans AS (SELECT party, d AS span_from,
                 coalesce(lead(d) OVER (PARTITION BY party ORDER BY d),
                          DATE '9999-12-31') AS span_to
          FROM cuts),
member_spans AS (
  SELECT s.* FROM spans s
  ASOF JOIN m ON s.party = m.party AND s.span_from >= m.date_from
  JOIN t_mem t ON t.party = s.party
  WHERE m.status = 'member' AND m.date_to > s.span_from AND t.party_type = 'state'
),
att AS (SELECT p.party, ev.* FROM p_mem p JOIN ev USING (event_id)),
parties AS (
  SELECT party FROM m WHERE status = 'member'
     AND (SELECT max(hi) FROM ev WHERE ev.lo < m.date_to) >= m.date_from
  UNION SELECT party FROM att
),
eligible AS (
  SELECT s.party, count(*) AS n FROM member_spans s JOIN ev
    ON ev.lo >= s.span_from AND ev.lo < s.span_to AND ev.hi < s.span_to
  WHERE ev.complete GROUP BY s.party
),
attended_eligible AS (
  SELECT s.party, count(*) AS n FROM att a JOIN member_spans s
    ON a.party = s.party AND a.lo >= s.span_from AND a.lo < s.span_to AND a.hi < s.span_to
  WHERE a.complete GROUP BY s.party
),
attended AS (
  SELECT party, count(*) AS n, min(date_start) AS first_attended,
         max(date_start) AS last_attended
  FROM att GROUP BY party
)
SELECT p.party, coalesce(e.n, 0) AS eligible, coalesce(ae.n, 0) AS attended_eligible,
       coalesce(a.n, 0) AS attended, a.first_attended, a.last_attended
FROM parties p LEFT JOIN eligible e USING (party) LEFT JOIN attended_eligible ae USING (party)
LEFT JOIN attended a USING (party)
ORDER BY p.party
"""


def attendance_op(bench: Bench, rows: int, frames: dict[str, pd.DataFrame],
                  arrow: dict[str, pa.Table], ref: Reference, grid: bool) -> None:
    """``participation.attendance`` against one DuckDB query of the same counts."""
    op = "participation.attendance"
    ds = sco.Dataset(**{**ref.ds.tables, "events": frames["events"],
                        "participants": frames["participants"]}, manifest=ref.ds.manifest)
    con = duckdb.connect()
    con.register("e_mem", arrow["events"])
    con.register("p_mem", arrow["participants"])
    _register_reference(con, ref)
    pkg = bench.time(rows, op, "package", lambda: participation.attendance(ds))
    duck = bench.time(rows, op, "duckdb(mem)", lambda: duck_table(con, ATTENDANCE_SQL))
    pkg = pkg.sort_values("party").reset_index(drop=True)
    for col in ("party", "eligible", "attended_eligible", "attended"):
        bench.check(rows, f"{op}: duckdb(mem) == package, column {col} (every party)",
                    _same(pa.array(pkg[col]), duck[col]))
    for col in ("first_attended", "last_attended"):
        bench.check(rows, f"{op}: duckdb(mem) == package, column {col} (every party)",
                    _same(pa.array(pkg[col].dt.date.astype(str).where(pkg[col].notna())),
                          duck[col]))
    if grid:  # the whole meetings x parties grid, for the matrix and the heatmap
        bench.time(rows, "participation.grid", "package", lambda: participation.grid(ds))
    else:
        log(f"  participation.grid skipped: {rows:,} > --grid-max-rows")
    bench.checks.append(f"{rows} rows: {op}: {ds.events['status'].eq('held').sum():,} held "
                        f"events, {len(pkg)} parties, {int(pkg['eligible'].sum()):,} eligible "
                        f"party-meetings")


# -- validate ------------------------------------------------------------------------------

#: Synthetic record files of the validate benchmark (10^3 and 10^4 show the slope).
DEFAULT_FILES = (1_000, 10_000)


def _record_value(rng: np.random.Generator, column: Column, ref: Reference,
                  name: str) -> Any:
    """A valid value of a record field, from its column's declaration."""
    if column.enum is not None or column.domain is not None:
        values = sco_schema.categories(column, ref.domains)
        if column.dtype == "list":
            return [str(v) for v in rng.choice(values, size=int(rng.integers(1, 3)),
                                               replace=False)]
        return str(values[int(rng.integers(0, len(values)))])
    if column.dtype == "date":
        return str(FIRST_DAY + int(rng.integers(0, 365 * 20)))
    if column.dtype == "int16":
        return int(rng.integers(1, 100))
    if column.dtype == "bool":
        return bool(rng.random() < 0.5)
    if column.dtype == "list":
        return []
    if column.pattern is not None and column.pattern.startswith("^https?"):
        return f"https://example.org/{name}"
    if column.pattern is not None:
        return name
    return f"synthetic {column.name} of {name}"


def _record(rng: np.random.Generator, table: Table, ref: Reference, name: str,
            fixed: dict[str, Any]) -> dict[str, Any]:
    """A record mapping of ``table``: required fields, most optional ones, ``fixed`` ones."""
    out = {}
    for key, column in table.fields().items():
        if key in fixed:
            if fixed[key] is not None:
                out[key] = fixed[key]
        elif column.required or rng.random() < 0.7:
            out[key] = _record_value(rng, column, ref, name)
    return out


def event_record(rng: np.random.Generator, i: int, ref: Reference) -> tuple[str, str, dict]:
    """One valid event record file: (year, id, content) with a source and participants.

    Fields come from the declarations of ``events``, ``participants`` and ``sources``;
    only the relational ones are set here: the id, one day in the past (the file lies in
    its year's folder), host and chair among the participants, chair_basis with a chair,
    the source's id and url.
    """
    tables = sco_schema.TABLES
    event_id = f"synthetic_event_{i:06d}"
    day = FIRST_DAY + int(rng.integers(0, 365 * 20))
    k = int(rng.integers(2, 9))
    parties = [str(p) for p in rng.choice(ref.parties, size=k, replace=False,
                                          p=ref.weights / ref.weights.sum())]
    chair = parties[0] if rng.random() < 0.8 else None
    source = _record(rng, tables["sources"], ref, f"{event_id}_source",
                     {"id": f"{event_id}_source",  # a source gives its url (or says why not)
                      "url": f"https://example.org/{event_id}"})
    event = _record(rng, tables["events"], ref, event_id, {
        "id": event_id, "date_start": str(day), "date_end": None, "host": parties[-1],
        "chair": chair, "chair_basis": None})
    if chair is not None:
        event["chair_basis"] = _record_value(rng, tables["events"].fields()["chair_basis"],
                                             ref, event_id)
    event["sources"] = [source["id"]]
    participants = [_record(rng, tables["participants"], ref, f"{event_id}_{p}",
                            {"party": p}) for p in parties]
    return str(day)[:4], event_id, {"event": event, "participants": participants,
                                    "sources": [source]}


def record_directory(directory: Path, n: int, ref: Reference, seed: int = SEED) -> Path:
    """A copy of the bundled data directory with ``n`` synthetic event record files added."""
    import yaml

    from sco_analysis.paths import resolve

    bundled = resolve(None)
    target = directory / f"records_{n}"
    shutil.copytree(bundled.records, target / "records")
    shutil.copytree(bundled.reference, target / "reference")
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    rng = np.random.default_rng([seed, n])
    for i in range(n):  # one file per record: writing files is the point
        year, event_id, content = event_record(rng, i, ref)
        path = target / "records" / "events" / year / f"{event_id}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.dump(content, Dumper=dumper, sort_keys=False,
                                  allow_unicode=True), encoding="utf-8")
    return target


def validate_ops(bench: Bench, ref: Reference, workdir: Path, files: Sequence[int]) -> None:
    """``sco_analysis.validate()`` in-process: the bundled records, then synthetic ones."""
    op = "validate (in-process)"
    problems = bench.time(0, f"{op}, bundled records", "package", lambda: sco.validate())
    bench.check(0, f"{op}: no problems in the bundled records", not problems,
                "; ".join(map(str, problems[:3])))
    bundled_files = len(list(resolve_records().rglob("*.yaml")))
    timed: list[tuple[int, float]] = []
    for n in files:
        log(f"{n:,} synthetic record files: writing")
        data = record_directory(workdir, n, ref)
        total = len(list((data / "records").rglob("*.yaml")))
        problems = bench.time(0, f"{op}, {n:,} + {bundled_files} record files", "package",
                              lambda d=data: sco.validate(d), repeat=1)
        bench.check(0, f"{op}: no problems in {total:,} record files", not problems,
                    "; ".join(map(str, problems[:3])))
        shutil.rmtree(data, ignore_errors=True)
        timed.append((n, bench.results[-1].best))
    for (n0, t0), (n1, t1) in itertools.pairwise(timed):
        slope = (t1 - t0) / (n1 - n0) * 1000
        bench.checks.append(f"{op}: {slope:.2f} ms per record file from {n0:,} to {n1:,} "
                            f"files ({t0 / n0 * 1000:.2f} and {t1 / n1 * 1000:.2f} ms per "
                            "file overall)")
        log(f"  validate slope {slope:.2f} ms per record file from {n0:,} to {n1:,} files")


def resolve_records() -> Path:
    """The bundled records directory."""
    from sco_analysis.paths import resolve

    return resolve(None).records


# -- peak memory of the reads, in child processes -----------------------------------------


def _proc_status() -> dict[str, int]:
    out = {}
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key] = int(value.split()[0]) * 1024
    return out


def child(spec: dict[str, Any]) -> None:
    """Run one read in this (fresh) process and print its peak extra resident memory."""
    fn = readers(spec["table"], Path(spec["path"]), spec["domains"])[spec["engine"]]
    gc.collect()
    before = _proc_status()["VmRSS"]
    reset = True
    try:  # "5" resets the peak resident set size (Linux >= 4.0)
        with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
            f.write("5")
    except OSError:
        reset = False
    result = fn()
    status = _proc_status()
    del result
    print(json.dumps({"peak_mib": (status["VmHWM"] - before) / 2**20,
                      "rss_before_mib": before / 2**20, "hwm_reset": reset}))


def measure_memory(table: str, path: Path, engine: str,
                   domains: dict[str, list[str]]) -> dict[str, Any] | None:
    spec = json.dumps({"table": table, "path": str(path), "engine": engine, "domains": domains})
    proc = subprocess.run([sys.executable, __file__, "--child", spec], capture_output=True,
                          text=True, check=False)
    if proc.returncode != 0:
        log(f"  memory of {engine} failed: {proc.stderr.strip().splitlines()[-1:]}")
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])


# -- one size -----------------------------------------------------------------------------


def run_size(bench: Bench, rows: int, ref: Reference, workdir: Path, memory: bool,
             grid_max_rows: int) -> None:
    log(f"{rows:,} participant rows: generating")
    tables = generate(rows, ref)
    log(f"  {tables['events'].num_rows:,} events, {tables['participants'].num_rows:,} "
        f"participants; writing Parquet")
    paths = write(tables, workdir / f"rows_{rows}")
    del tables
    for path in paths.values():
        log(f"  {path.name}: {path.stat().st_size / 2**20:.1f} MiB")

    frames: dict[str, pd.DataFrame] = {}
    arrow: dict[str, pa.Table] = {}
    for name in ("participants", "events"):
        op = f"read {name}"
        for engine, fn in readers(name, paths[name], ref.domains).items():
            res = bench.time(rows, op, engine, fn)
            if engine == "package":
                frames[name] = res
            elif engine == "pyarrow":
                arrow[name] = res
            del res
            if memory:
                mem = measure_memory(name, paths[name], engine, ref.domains)
                if mem is not None:
                    bench.results[-1].peak_mib = mem["peak_mib"]
                    bench.memory.append({"rows": rows, "table": name, "engine": engine, **mem})

    op = "to_pandas participants"
    tbl = arrow["participants"]
    bench.time(rows, op, "package", lambda: to_pandas(TABLES["participants"], tbl, ref.domains))
    bench.time(rows, op, "pyarrow", tbl.to_pandas)

    crosstab_series(bench, rows, frames, arrow, paths)
    crosstab_level(bench, rows, frames, arrow, paths)
    status_asof(bench, rows, frames, ref)
    cadence_ops(bench, rows, frames, arrow, paths, ref)
    attendance_op(bench, rows, frames, arrow, ref, grid=rows <= grid_max_rows)


# -- report -------------------------------------------------------------------------------


def _versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for name, mod in (("sco_analysis", sco), ("pandas", pd), ("pyarrow", pa),
                      ("duckdb", duckdb), ("polars", pl), ("numpy", np)):
        out[name] = getattr(mod, "__version__", "not installed") if mod else "not installed"
    return out


def meta(args: argparse.Namespace) -> dict[str, Any]:
    return {
        "command": shlex.join([sys.executable, *sys.argv]),
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "host": socket.gethostname() or "local",
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "versions": _versions(),
        "repeat": args.repeat,
        "budget_seconds": args.budget,
        "seed": SEED,
        "rows": args.rows,
    }


def table_rows(results: list[Result]) -> list[list[str]]:
    """One line per (size, operation): seconds of each engine and package / fastest."""
    grouped: dict[tuple[int, str], dict[str, Result]] = {}
    for r in results:
        grouped.setdefault((r.rows, r.op), {})[r.engine] = r
    lines = []
    for (rows, op), by in grouped.items():
        others = {e: r.best for e, r in by.items() if e != "package"}
        fastest = min(others, key=others.__getitem__) if others else None
        ratio = (f"{by['package'].best / others[fastest]:.2f}"
                 if fastest and "package" in by else "-")
        runs = min(len(r.runs) for r in by.values())
        lines.append([f"{rows:,}" if rows else "-", op,
                      *[f"{by[e].best:.4f}" if e in by else "-" for e in ENGINES],
                      ratio, fastest or "-", str(runs)])
    return lines


HEADER = ["rows", "operation", *ENGINES, "ratio", "fastest other", "runs"]


def text_table(header: list[str], lines: list[list[str]]) -> str:
    widths = [max(len(h), *(len(li[i]) for li in lines)) for i, h in enumerate(header)]
    fmt = "  ".join(f"{{:<{w}}}" if i < 2 else f"{{:>{w}}}" for i, w in enumerate(widths))
    out = [fmt.format(*header), fmt.format(*("-" * w for w in widths))]
    prev = None
    for li in lines:
        if prev is not None and li[0] != prev:
            out.append("")
        out.append(fmt.format(*li))
        prev = li[0]
    return "\n".join(out)


def markdown_table(header: list[str], lines: list[list[str]]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(
        "---" if i < 2 else "---:" for i in range(len(header))) + "|"]
    out += ["| " + " | ".join(li) + " |" for li in lines]
    return "\n".join(out)


def memory_lines(memory: list[dict[str, Any]]) -> tuple[list[str], list[list[str]]]:
    engines = [e for e in ENGINES if any(m["engine"] == e for m in memory)]
    grouped: dict[tuple[int, str], dict[str, float]] = {}
    for m in memory:
        grouped.setdefault((m["rows"], m["table"]), {})[m["engine"]] = m["peak_mib"]
    lines = [[f"{rows:,}", f"read {table}",
              *[f"{by[e]:.0f}" if e in by else "-" for e in engines]]
             for (rows, table), by in grouped.items()]
    return ["rows", "operation", *engines], lines


def report(bench: Bench, info: dict[str, Any], quick: bool) -> str:
    lines = table_rows(bench.results)
    v = info["versions"]
    head = (f"sco-analysis speed benchmark, {info['date']} on {info['host']} "
            f"({info['cpu_count']} CPUs, {info['platform']})\n"
            + ", ".join(f"{k} {x}" for k, x in v.items())
            + f"\ncommand: {info['command']}\n"
            f"best of {info['repeat']} run(s) after a warm-up (fewer when a step exceeds "
            f"{info['budget_seconds']:.0f}s); seconds; ratio = package / fastest other; "
            f"runs = fewest timed runs of the row")
    text = head + "\n\n" + text_table(HEADER, lines)
    md = [f"# sco-analysis speed benchmark ({'quick, ' if quick else ''}{info['date']})", "",
          f"- host: `{info['host']}`, {info['cpu_count']} CPUs, {info['platform']}",
          "- versions: " + ", ".join(f"{k} {x}" for k, x in v.items()),
          f"- command: `{info['command']}`",
          f"- best of {info['repeat']} run(s) after a warm-up; seconds; "
          "ratio = package / fastest other engine; runs = fewest timed runs of the row", "",
          markdown_table(HEADER, lines), ""]
    if bench.memory:
        mh, ml = memory_lines(bench.memory)
        text += ("\n\npeak extra resident memory of one read, MiB (fresh process each)\n\n"
                 + text_table(mh, ml))
        md += ["## Peak extra resident memory of one read (MiB, fresh process each)", "",
               markdown_table(mh, ml), ""]
    md += ["## Checks passed", "", *[f"- {c}" for c in bench.checks], ""]
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stem = (info["host"] or "local") + "-" + dt.date.today().strftime("%Y%m%d") + (
        "-quick" if quick else "")
    (RESULTS_DIR / f"{stem}.md").write_text("\n".join(md), encoding="utf-8")
    (RESULTS_DIR / f"{stem}.json").write_text(json.dumps({
        "meta": info, "results": [asdict(r) for r in bench.results],
        "memory": bench.memory, "checks": bench.checks,
        "table": {"header": HEADER, "rows": lines},
    }, indent=2) + "\n", encoding="utf-8")
    return text + f"\n\nwritten: {RESULTS_DIR / stem}.{{json,md}}"


# -- main ---------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, nargs="+", default=list(DEFAULT_ROWS),
                    help="participant rows of each size (events = rows / 8)")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs after the warm-up")
    ap.add_argument("--budget", type=float, default=60.0,
                    help="stop repeating a step once it has taken this many seconds")
    ap.add_argument("--workdir", type=Path, default=None,
                    help="where to write the Parquet files (default: a temporary directory)")
    ap.add_argument("--keep", action="store_true", help="keep the work directory")
    ap.add_argument("--quick", action="store_true",
                    help="1e5 rows and one run: a smoke test of the script")
    ap.add_argument("--no-memory", dest="memory", action="store_false",
                    help="skip the peak-memory measurement of the reads")
    ap.add_argument("--grid-max-rows", type=int, default=1_000_000,
                    help="largest size at which to time participation.grid (every held "
                         "event x ~38 parties)")
    ap.add_argument("--files", type=int, nargs="+", default=list(DEFAULT_FILES),
                    help="synthetic record files (added to the bundled ones) to validate")
    ap.add_argument("--no-validate", dest="validate", action="store_false",
                    help="skip the validate timings")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.quick:
        args.rows, args.repeat, args.files = [DEFAULT_ROWS[0]], 1, [200]
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child:
        child(json.loads(args.child))
        return 0
    info = meta(args)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="sco-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    log(f"work directory {workdir}; sizes {args.rows}; repeat {args.repeat}")
    bench = Bench(args.repeat, args.budget)
    ref = reference()
    try:
        for rows in args.rows:
            run_size(bench, rows, ref, workdir, args.memory, args.grid_max_rows)
            gc.collect()
        if args.validate:
            validate_ops(bench, ref, workdir, args.files)
    finally:
        if args.keep:
            log(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    print(report(bench, info, args.quick))
    return 0


if __name__ == "__main__":
    sys.exit(main())
