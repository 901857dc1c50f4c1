"""Parquet build: deterministic, atomic, typed on load, rebuilt when records change."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import sco_analysis as sco
from sco_analysis import schema, store
from sco_analysis.paths import resolve


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir())}


def test_same_records_give_byte_identical_parquet(data_dir: Path, tmp_path: Path) -> None:
    first = store.build(resolve(data_dir, tmp_path / "a"))
    second = store.build(resolve(data_dir, tmp_path / "b"))
    assert digests(tmp_path / "a") == digests(tmp_path / "b")
    assert first.manifest == second.manifest
    again = store.build(resolve(data_dir, tmp_path / "a"))
    assert not again.changed
    assert digests(tmp_path / "a") == digests(tmp_path / "b")


def test_parquet_has_the_explicit_schema(data_dir: Path, tmp_path: Path) -> None:
    store.build(resolve(data_dir, tmp_path / "out"))
    for name, table in schema.TABLES.items():
        written = pq.read_schema(tmp_path / "out" / f"{name}.parquet")
        expected = schema.arrow_schema(table)
        assert written.names == expected.names
        for f in expected:
            assert written.field(f.name).type == f.type, (name, f.name)
            assert written.field(f.name).metadata[b"description"] == f.metadata[b"description"]
        assert written.metadata[b"sco_analysis.schema_version"] == schema.SCHEMA_VERSION.encode()


def test_failed_build_leaves_previous_parquet_intact(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    store.build(resolve(data_dir, out))
    before = digests(out)
    event = data_dir / "records/events/2024/ict_ministers_3_2024.yaml"
    event.write_text(event.read_text().replace("format: in_person", "format: teleport"))
    with pytest.raises(sco.ValidationError) as err:
        store.build(resolve(data_dir, out))
    assert "event.format: found 'teleport'" in str(err.value)
    assert digests(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "out"]


def test_crash_while_writing_leaves_previous_parquet_intact(
        data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    store.build(resolve(data_dir, out))
    before = digests(out)
    event = data_dir / "records/events/2024/ict_ministers_3_2024.yaml"
    event.write_text(event.read_text().replace("city: Almaty", "city: Alma-Ata"))
    calls = []

    def failing_write(table: pa.Table, where: Path, **kw: object) -> None:
        calls.append(where)
        if len(calls) == 3:
            raise OSError("disk full")
        pq.write_table(table, where, **kw)

    monkeypatch.setattr(store.pq, "write_table", failing_write)
    with pytest.raises(OSError, match="disk full"):
        store.build(resolve(data_dir, out))
    assert digests(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "out"]


def test_load_gives_typed_frames_without_object_columns(data_dir: Path) -> None:
    ds = sco.load(data_dir, quiet=True)
    for name, df in ds.tables.items():
        table = schema.TABLES[name]
        assert list(df.columns) == table.names
        assert not [c for c in df.columns if df[c].dtype == object], name
        for c in table.columns:
            dtype = df[c.name].dtype
            if c.dtype == "category":
                assert isinstance(dtype, pd.CategoricalDtype), (name, c.name)
                if c.enum is not None:
                    assert list(dtype.categories) == list(c.enum.values)
                    assert dtype.ordered == c.enum.ordered
            elif c.dtype == "date":
                assert dtype == "datetime64[ns]"
            elif c.dtype == "string":
                assert dtype == pd.StringDtype("pyarrow")
            elif c.dtype == "int16":
                assert dtype == pd.Int16Dtype()
            elif c.dtype == "list":
                assert dtype == pd.ArrowDtype(pa.list_(pa.string()))
    assert list(ds.participants["party"].dtype.categories) == sorted(ds.parties["party"])
    assert ds.events.loc[ds.events.event_id == "ict_ministers_3_2024", "series_number"].item() \
        == 3


def test_load_notices_changed_records_and_rebuilds(data_dir: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    sco.load(data_dir)
    assert "no build yet" in capsys.readouterr().err
    sco.load(data_dir)
    assert capsys.readouterr().err == ""
    event = data_dir / "records/events/2024/ict_ministers_3_2024.yaml"
    event.write_text(event.read_text().replace("city: Almaty", "city: Alma-Ata"))
    ds = sco.load(data_dir)
    assert "records changed since the last build" in capsys.readouterr().err
    assert ds.events.set_index("event_id").loc["ict_ministers_3_2024", "city"] == "Alma-Ata"


def test_load_without_rebuild_says_why(data_dir: Path) -> None:
    sco.load(data_dir, quiet=True)
    event = data_dir / "records/events/2024/ict_ministers_3_2024.yaml"
    event.write_text(event.read_text().replace("city: Almaty", "city: Alma-Ata"))
    with pytest.raises(sco.StaleDataError, match="older than the records"):
        sco.load(data_dir, rebuild=False)


def test_load_of_broken_records_lists_problems(data_dir: Path) -> None:
    event = data_dir / "records/events/2024/ict_ministers_3_2024.yaml"
    event.write_text(event.read_text().replace("status: held", "status: hled"))
    with pytest.raises(sco.ValidationError) as err:
        sco.load(data_dir, quiet=True)
    assert err.value.problems[0].field == "event.status"
    assert "(did you mean 'held'?)" in str(err.value)


def test_bare_records_directory_uses_bundled_reference(tmp_path: Path, data_dir: Path) -> None:
    records = tmp_path / "mine"
    (data_dir / "records").rename(records)
    data = resolve(records)
    assert data.records == records.resolve()
    assert data.reference.name == "reference" and data.reference.parent.name in ("data",
                                                                                 "_data")
    assert data.parquet == records.resolve() / ".parquet"


def test_missing_directory_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no such directory"):
        sco.load(tmp_path / "nowhere")


def test_filter_by_dates_series_and_parties(data_dir: Path) -> None:
    ds = sco.load(data_dir, quiet=True)
    only = ds.filter(series="heads_of_state")
    assert only.events["event_id"].tolist() == ["astana_chs_2024"]
    assert set(only.participants["event_id"]) == {"astana_chs_2024"}
    assert only.documents["doc_id"].tolist() == ["astana_declaration_2024"]
    early = ds.filter(end="2024-03-01")
    assert early.events["event_id"].tolist() == ["ict_ministers_3_2024"]
    assert early.documents.empty and list(early.documents.columns) == list(ds.documents.columns)
    blr = ds.filter(parties=["BLR"])
    assert set(blr.participants["party"]) == {"BLR"}
    assert len(blr.events) == len(ds.events)
    with pytest.raises(ValueError, match="unknown series"):
        ds.filter(series="ict_minister")


def test_info_and_conflicts(data_dir: Path) -> None:
    ds = sco.load(data_dir, quiet=True)
    text = ds.info()
    assert "events:    2 from 2024-02-01 to 2024-07-04" in text
    assert f"schema {schema.SCHEMA_VERSION}" in text
    c = ds.conflicts()
    assert set(c["record_id"]) == {"ict_ministers_3_2024", "BLR:dialogue_partner:2009-06-16"}
    blr = c.set_index("record_id").loc["BLR:dialogue_partner:2009-06-16"]
    assert (blr["preferred_value"], blr["other_values"]) == ("2009-06-16", "2010")
