"""The benchmark's synthetic tables follow the schema: every column, its type, new values.

The generator in ``benchmarks/bench_load.py`` derives every column of ``events`` and
``participants`` from ``sco_analysis.schema.TABLES``; these tests add a column and an enum
value to a copy of the schema and expect them in the synthetic tables with no other edit.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from sco_analysis import schema

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_load.py"
ROWS = 4000


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_load_under_test", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def ref(bench: ModuleType) -> object:
    return bench.reference()


def values(array: pa.ChunkedArray) -> set[str]:
    return set(pc.unique(array.cast(pa.string())).drop_null().to_pylist())


def test_every_column_with_the_schema_type(bench: ModuleType, ref: object) -> None:
    tables = bench.generate(ROWS, ref)
    for name in ("events", "participants"):
        expected = schema.arrow_schema(schema.TABLES[name])
        got = tables[name].schema
        assert got.names == expected.names, name
        for field in expected:
            assert got.field(field.name).type == field.type, f"{name}.{field.name}"
            assert got.field(field.name).nullable == field.nullable, f"{name}.{field.name}"
            column = tables[name][field.name]
            assert len(column) and column.null_count < len(column), f"{name}.{field.name}"
            if not field.nullable:
                assert column.null_count == 0, f"{name}.{field.name}"
    assert tables["participants"].num_rows == ROWS


def test_enum_values_come_from_the_schema(bench: ModuleType, ref: object) -> None:
    tables = bench.generate(ROWS, ref)
    for name in ("events", "participants"):
        for column in schema.TABLES[name].columns:
            if column.enum is not None:
                assert values(tables[name][column.name]) <= set(column.enum.values)


def test_a_new_column_and_a_new_enum_value_need_no_edit(
        bench: ModuleType, ref: object, monkeypatch: pytest.MonkeyPatch) -> None:
    events = schema.TABLES["events"]
    weather = schema.Enum("weather", ("sunny", "rainy"), ("no clouds", "rain"))
    new_format = dataclasses.replace(
        schema.EVENT_FORMAT, values=(*schema.EVENT_FORMAT.values, "holographic"),
        meanings=(*schema.EVENT_FORMAT.meanings, "by hologram"))
    columns = tuple(dataclasses.replace(c, enum=new_format) if c.name == "format" else c
                    for c in events.columns)
    extra = schema.Column("weather_type", "category", "The weather on the day.",
                          nullable=False, enum=weather, key="weather")
    tables = dict(schema.TABLES)
    tables["events"] = dataclasses.replace(events, columns=(*columns, extra))
    monkeypatch.setattr(schema, "TABLES", tables)

    got = bench.generate(ROWS, ref)["events"]
    assert got.schema.names == [c.name for c in tables["events"].columns]
    assert got.schema.field("weather_type").type == schema.arrow_type(extra)
    assert values(got["weather_type"]) == {"sunny", "rainy"}
    assert "holographic" in values(got["format"])
    assert got["weather_type"].null_count == 0
