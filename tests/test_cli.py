"""The sco-analysis command: build, validate, info, conflicts, dictionary."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import run_cli

from sco_analysis.schema import SCHEMA_VERSION


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, cwd=cwd)


def test_the_command_runs_as_a_program() -> None:
    res = subprocess.run([sys.executable, "-m", "sco_analysis.cli", "--version"],
                         capture_output=True, text=True, check=False)
    assert res.returncode == 0 and res.stdout.startswith("sco-analysis ")


def test_build_then_rebuild_is_unchanged(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "pq"
    first = run("build", str(data_dir), "--parquet", str(out))
    assert first.returncode == 0, first.stderr
    assert "Built 13 tables" in first.stdout and ": updated" in first.stdout
    assert "events                2 rows" in first.stdout
    second = run("build", str(data_dir), "--parquet", str(out))
    assert "unchanged (byte-identical to the previous build)" in second.stdout


def test_validate_ok_and_failing(data_dir: Path) -> None:
    ok = run("validate", str(data_dir))
    assert ok.returncode == 0 and ok.stdout.startswith("OK: no problems")
    event = data_dir / "records/events/2024/ict_ministers_3_2024.yaml"
    event.write_text(event.read_text().replace("status: held", "status: done"))
    bad = run("validate", str(data_dir))
    assert bad.returncode == 1
    assert f"{event}:7: event.status: found 'done'" in bad.stderr
    assert "docs/record-format.md describes every field" in bad.stderr


def test_info_lists_tables_span_and_schema(data_dir: Path) -> None:
    res = run("info", str(data_dir))
    assert res.returncode == 0, res.stderr
    assert f"schema {SCHEMA_VERSION}" in res.stdout
    assert "events:    2 from 2024-02-01 to 2024-07-04" in res.stdout
    for table in ("events", "participants", "document_actions", "membership", "claims"):
        assert f"\n{table}" in res.stdout


def test_conflicts_lists_the_disputed_fields(data_dir: Path) -> None:
    res = run("conflicts", str(data_dir))
    assert res.returncode == 0, res.stderr
    assert "ict_ministers_3_2024" in res.stdout and "2024-02-02" in res.stdout
    assert "2 disputed fields" in res.stdout


def test_dictionary_check_and_version() -> None:
    assert run("dictionary", "--check").returncode == 0
    assert run("--version").stdout.startswith("sco-analysis ")


def test_missing_path_is_a_clear_error(tmp_path: Path) -> None:
    res = run("info", str(tmp_path / "nowhere"))
    assert res.returncode == 1
    assert "no such directory" in res.stderr
