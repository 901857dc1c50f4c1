"""Other engines read the Parquet with its logical types: dates, lists, dictionaries."""

from __future__ import annotations

import datetime
from pathlib import Path

import duckdb
import polars as pl
import pytest

from sco_analysis import store
from sco_analysis.paths import resolve


@pytest.fixture
def built(data_dir: Path, tmp_path: Path) -> Path:
    out = tmp_path / "parquet"
    store.build(resolve(data_dir, out))
    return out


def test_duckdb_reads_dates_lists_and_categories(built: Path) -> None:
    con = duckdb.connect()
    types = dict(con.execute(
        f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM "
        f"'{built / 'events.parquet'}')").fetchall())
    assert types["date_start"] == "DATE"
    assert types["series_number"] == "SMALLINT"
    assert types["participants_complete"] == "BOOLEAN"
    row = con.execute(
        f"SELECT date_start, format, host FROM '{built / 'events.parquet'}' "
        "WHERE event_id = 'ict_ministers_3_2024'").fetchone()
    assert row == (datetime.date(2024, 2, 1), "in_person", "KAZ")
    doc_types = dict(con.execute(
        f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM "
        f"'{built / 'documents.parquet'}')").fetchall())
    assert doc_types["parties"] == "VARCHAR[]"
    parties = con.execute(f"SELECT parties FROM '{built / 'documents.parquet'}'").fetchone()[0]
    assert parties[:3] == ["KAZ", "CHN", "RUS"]
    statuses = con.execute(
        f"SELECT party, status_at_event FROM '{built / 'participants.parquet'}' "
        "WHERE event_id = 'astana_chs_2024' AND party = 'BLR'").fetchall()
    assert statuses == [("BLR", "member")]


def test_polars_reads_dates_lists_and_categories(built: Path) -> None:
    events = pl.read_parquet(built / "events.parquet")
    assert events.schema["date_start"] == pl.Date
    assert events.schema["format"] in (pl.Categorical, pl.Enum) or isinstance(
        events.schema["format"], (pl.Categorical, pl.Enum))
    docs = pl.read_parquet(built / "documents.parquet")
    assert docs.schema["parties"] == pl.List(pl.String)
    row = events.filter(pl.col("event_id") == "astana_chs_2024").row(0, named=True)
    assert row["date_start"] == datetime.date(2024, 7, 4)
    assert str(row["status"]) == "held"
    people = pl.read_parquet(built / "people.parquet")
    assert people.filter(pl.col("person_id") == "bagdat_musin")["aliases"].to_list() == [
        ["Mussin"]]
