"""Data that travels: exports read back whole, metadata with every table, citations, search,
and the changes between two versions of the records."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from conftest import run_cli

import sco_analysis as sco
from sco_analysis import changes, metadata
from sco_analysis.export import FORMATS, read_export, text_table
from sco_analysis.outputs import OutputError
from sco_analysis.schema import TABLES

EVENT = "records/events/2024/ict_ministers_3_2024.yaml"


@pytest.fixture(scope="module")
def ds() -> sco.Dataset:
    return sco.load(quiet=True)


@pytest.fixture(scope="module")
def exports(ds: sco.Dataset, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("exports")
    out = {f: ds.export(base / f, f) for f in FORMATS}
    out["slice"] = ds.filter(series="ict_ministers", start="2021", end="2025",
                             parties="Kyrgyzstan").export(base / "slice", "datapackage")
    return out


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


# -- exports ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_export_reads_back_equal_to_the_dataset(ds: sco.Dataset, exports: dict[str, Path],
                                                   fmt: str) -> None:
    back = read_export(exports[fmt])
    for name, df in ds.tables.items():
        pd.testing.assert_frame_equal(back[name], df.reset_index(drop=True), obj=name)


def test_a_slice_exports_and_reads_back(ds: sco.Dataset, exports: dict[str, Path]) -> None:
    view = ds.filter(series="ict_ministers", start="2021", end="2025", parties="Kyrgyzstan")
    back = read_export(exports["slice"])
    for name, df in view.tables.items():
        pd.testing.assert_frame_equal(back[name], df.reset_index(drop=True), obj=name)
    assert set(back["participants"]["party"]) == {"KGZ"}
    # the documents of the slice keep their whole history
    steps = back["document_actions"]
    assert (steps["doc_id"] == "action_plan_digital_transformation_2025").sum() == 6


def test_csv_lists_and_dates_at_their_precision(exports: dict[str, Path]) -> None:
    events = pd.read_csv(exports["csv"] / "events.csv", dtype=str, keep_default_na=False)
    row = events.set_index("event_id").loc["bishkek_chs_2026"]
    assert (row["date_start"], row["date_start_iso"], row["date_precision"]) == \
        ("2026", "2026-01-01", "year")
    month = events.set_index("event_id").loc["china_sco_digital_forum_karamay_2025"]
    assert (month["date_start"], month["date_start_iso"]) == ("2025-06", "2025-06-01")
    docs = pd.read_csv(exports["csv"] / "documents.csv", dtype=str, keep_default_na=False)
    plan = docs.set_index("doc_id").loc["action_plan_digital_transformation_2025"]
    assert plan["parties"].startswith("BLR; CHN; IND")
    assert "План действий" in plan["aliases"] and "\n" not in plan["parties"]
    readme = (exports["csv"] / "README.md").read_text(encoding="utf-8")
    assert "How to cite" in readme and "joined with `; `" in readme


def test_the_data_package_is_valid_for_frictionless(exports: dict[str, Path]) -> None:
    import frictionless

    for key in ("datapackage", "slice"):
        report = frictionless.validate(str(exports[key] / "datapackage.json"))
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


def test_the_data_package_schema_comes_from_the_one_declaration(
        exports: dict[str, Path]) -> None:
    import json

    package = json.loads((exports["datapackage"] / "datapackage.json").read_text())
    resources = {r["name"]: r for r in package["resources"]}
    assert len(resources) == len(TABLES)
    events = resources["events"]["schema"]
    fields = {f["name"]: f for f in events["fields"]}
    assert fields["status"]["constraints"]["enum"] == list(TABLES["events"].column(
        "status").enum.values)
    assert fields["date_start_iso"]["type"] == "date"
    assert fields["event_id"]["description"] == TABLES["events"].column("event_id").description
    assert events["primaryKey"] == ["event_id"]
    fks = resources["participants"]["schema"]["foreignKeys"]
    assert {"fields": "event_id", "reference": {"resource": "events", "fields": "event_id"}} \
        in fks
    # in a slice, a step at an event outside it leaves that foreign key out, and says so
    sliced = json.loads((exports["slice"] / "datapackage.json").read_text())
    steps = next(r for r in sliced["resources"] if r["name"] == "document-actions")
    assert "event_id" not in [fk["fields"] for fk in steps["schema"].get("foreignKeys", [])]
    assert "Foreign keys not declared: event_id" in steps["description"]


def test_the_workbook_has_a_readme_sheet_and_reads_with_another_library(
        ds: sco.Dataset, exports: dict[str, Path]) -> None:
    import openpyxl  # the workbook is written with XlsxWriter

    book = openpyxl.load_workbook(exports["xlsx"] / "sco-analysis.xlsx", read_only=True)
    assert book.sheetnames == ["README", *TABLES]
    readme = [r for r in book["README"].iter_rows(values_only=True)]
    text = " ".join(str(c) for row in readme for c in row if c)
    assert ds.manifest["dataset_hash"] in text and "sco-analysis maintainers" in text
    assert TABLES["events"].column("date_precision").description in text
    header = next(book["events"].iter_rows(values_only=True))
    assert header[:4] == ("event_id", "title", "series_id", "series_number")


def test_exports_are_deterministic(ds: sco.Dataset, exports: dict[str, Path],
                                   tmp_path: Path) -> None:
    for fmt in ("csv", "xlsx", "parquet"):
        again = ds.export(tmp_path / fmt, fmt)
        assert digests(again) == digests(exports[fmt]), fmt


def test_an_export_never_overwrites_a_users_files(ds: sco.Dataset, tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "analysis.xlsx").write_text("my work")
    with pytest.raises(OutputError, match=r"analysis\.xlsx"):
        ds.export(tmp_path / "mine", "xlsx")
    assert (tmp_path / "mine" / "analysis.xlsx").read_text() == "my work"
    with pytest.raises(ValueError, match="unknown export format 'json'"):
        ds.export(tmp_path / "other", "json")


def test_export_from_the_command_line(tmp_path: Path) -> None:
    run = run_cli("export", "--format", "csv", "--series", "ict_ministers", "--end", "2023",
                  "--parties", "Kyrgyzstan", "--output", str(tmp_path / "out"))
    assert run.returncode == 0, run.stderr
    assert "up to 2023; series ict_ministers; parties KGZ (2 events)" in run.stdout
    events = pd.read_csv(tmp_path / "out" / "events.csv")
    assert events["event_id"].tolist() == ["ict_ministers_1_2021", "ict_ministers_2_2023"]


# -- metadata, citation, search -----------------------------------------------------------------


def test_every_table_carries_its_metadata(ds: sco.Dataset) -> None:
    view = ds.filter(series="ict_ministers")
    for source, label in ((ds, "the whole dataset"), (view, "series ict_ministers")):
        for name, df in source.tables.items():
            attrs = df.attrs
            assert attrs["table"] == name and attrs["slice"] == label
            assert attrs["description"].startswith(f"One row is {TABLES[name].row}")
            assert attrs["dataset_hash"] == ds.manifest["dataset_hash"]
            assert attrs["dataset_version"] == ds.version
            assert attrs["citation"].startswith("sco-analysis maintainers.")
            assert set(attrs["columns"]) == set(TABLES[name].names)
    assert ds.events.attrs["slice"] == "the whole dataset"  # a slice does not change them
    d = sco.describe("participants").set_index("column")
    assert d.loc["status_at_event", "from"] == "derived"
    assert "member" in d.loc["status_at_event", "values"]


def test_cite_the_dataset_and_one_fact(ds: sco.Dataset) -> None:
    text = ds.cite()
    assert f"dataset {ds.version}" in text and ds.manifest["dataset_hash"] in text
    bib = ds.cite(style="bibtex")
    assert bib.startswith(f"@misc{{sco_analysis_{ds.version},") and bib.endswith("}")
    fact = ds.cite("event", "ict_ministers_3_2024")
    assert fact.count("\n") + 1 == len(ds.sources_of("event", "ict_ministers_3_2024"))
    assert "https://iranpress.com/" in fact
    assert ds.cite("event", "ict_ministers_3_2024", style="bibtex").count("@online{") == \
        fact.count("\n") + 1
    with pytest.raises(KeyError, match="no event 'nothing_2099'"):
        ds.cite("event", "nothing_2099")
    with pytest.raises(ValueError, match="unknown citation style"):
        ds.cite(style="apa")


@pytest.mark.parametrize(("query", "record"), [
    ("digital transformation", "action_plan_digital_transformation_2025"),
    ("ЦИФРОВОЙ трансформации", "action_plan_digital_transformation_2025"),
    ("数字化转型", "action_plan_digital_transformation_2025"),
    ("tkach", "blr_miit_working_meeting_2025/pavel_tkach"),
    ("Turkiye", None),
])
def test_find_in_any_language_without_case_or_accents(ds: sco.Dataset, query: str,
                                                      record: str | None) -> None:
    hits = ds.find(query)
    if record is not None:
        assert record in set(hits["record_id"])
    assert list(hits.columns) == ["record_type", "record_id", "title", "field", "matched"]
    with pytest.raises(ValueError, match="empty search"):
        ds.find("  ")


def test_find_ignores_accents_both_ways(data_dir: Path) -> None:
    f = data_dir / EVENT
    f.write_text(f.read_text().replace("within Digital Almaty 2024", "at the Café Türkiye"))
    hits = sco.load(data_dir, quiet=True).find("cafe turkiye")
    assert hits["record_id"].tolist() == ["ict_ministers_3_2024"]


# -- what changed ---------------------------------------------------------------------------


def test_changes_between_two_record_sets(data_dir: Path, tmp_path: Path) -> None:
    old = tmp_path / "old"
    shutil.copytree(data_dir, old)
    f = data_dir / EVENT
    text = f.read_text()
    # a city changed, a person removed, the disputed date's preferred value swapped
    text = text.replace("city: Almaty", "city: Alma-Ata")
    text = text.replace("  - name: Issa Zarepour\n    party: IRN\n    position: Minister\n"
                        "    level: minister\n    sources: [iranpress_sco_2024]\n", "")
    text = text.replace("date_start: 2024-02-01", "date_start: 2024-02-02")
    text = text.replace("{value: 2024-02-01, sources: [sectsco_ru_20240201], preferred: true}",
                        "{value: 2024-02-01, sources: [sectsco_ru_20240201]}")
    text = text.replace("{value: 2024-02-02, sources: [iranpress_sco_2024]}",
                        "{value: 2024-02-02, sources: [iranpress_sco_2024], preferred: true}")
    f.write_text(text)
    new_event = data_dir / "records/events/2024/ict_expert_group_9_2024.yaml"
    new_event.write_text("event:\n  id: ict_expert_group_9_2024\n  title: An expert meeting\n"
                         "  series: ict_ministers\n  date_start: 2024-03\n  status: held\n"
                         "  sources: [sectsco_ru_20240201]\nparticipants: [KAZ]\n")
    found = changes.diff(changes.load_version(str(old)), changes.load_version(str(data_dir)))
    got = {str(c) for c in found.changes}
    assert "+ events ict_expert_group_9_2024" in got
    assert "+ participants ict_expert_group_9_2024/KAZ" in got
    assert "- people ict_ministers_3_2024/issa_zarepour" in got
    assert "~ events ict_ministers_3_2024: city 'Almaty' -> 'Alma-Ata'" in got
    assert "~ events ict_ministers_3_2024: date_start '2024-02-01' -> '2024-02-02'" in got
    pref = [str(c) for c in found.preferred]
    assert pref == ["~ claims event ict_ministers_3_2024: date_start '2024-02-01' -> "
                    "'2024-02-02'"]
    assert found.counts["events"] == {"added": 1, "removed": 0, "changed": 1}
    assert found.counts["people"]["removed"] == 1
    assert changes.diff(changes.load_version(str(old)),
                        changes.load_version(str(old))).empty


def test_changes_between_git_revisions_and_builds(data_dir: Path, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(data_dir, repo / "data")

    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(repo), *args], check=True,
                              capture_output=True, text=True).stdout.strip()

    git("init", "-q")
    git("-c", "user.email=a@b", "-c", "user.name=a", "add", "-A")
    git("-c", "user.email=a@b", "-c", "user.name=a", "commit", "-qm", "one")
    f = repo / "data" / EVENT
    f.write_text(f.read_text().replace("city: Almaty", "city: Astana"))
    git("-c", "user.email=a@b", "-c", "user.name=a", "commit", "-qam", "two")
    found = changes.diff(changes.load_version("HEAD~1", repo),
                         changes.load_version("HEAD", repo))
    assert [str(c) for c in found.changes] == [
        "~ events ict_ministers_3_2024: city 'Almaty' -> 'Astana'"]
    sco.build(repo / "data", parquet=tmp_path / "pq")
    assert changes.diff(changes.load_version("HEAD", repo),
                        changes.load_version(str(tmp_path / "pq"))).empty
    run = run_cli("diff", "HEAD~1", "HEAD", cwd=repo)
    assert run.returncode == 0, run.stderr
    assert "From HEAD~1 to HEAD: events: 1 changed" in run.stdout
    assert "city 'Almaty' -> 'Astana'" in run.stdout
    bad = run_cli("diff", "nope", "HEAD", cwd=repo)
    assert bad.returncode == 1 and "nope: not a data directory" in bad.stderr


def test_text_tables_cover_every_column() -> None:
    ds = sco.load(quiet=True)
    for name in TABLES:
        text = text_table(name, ds.tables[name])
        assert [c for c in text.columns if not c.endswith("_iso")] == TABLES[name].names
    assert metadata.describe("events")["column"].tolist() == TABLES["events"].names


def test_an_empty_slice_has_a_snapshot_and_exports(ds: sco.Dataset, tmp_path: Path) -> None:
    empty = ds.filter(start="2040")
    snap = changes.snapshot(empty.tables)
    assert snap["events"] == {} and snap["participants"] == {}
    back = read_export(empty.export(tmp_path / "empty", "csv"))
    assert back["events"].empty and list(back["events"].columns) == TABLES["events"].names
