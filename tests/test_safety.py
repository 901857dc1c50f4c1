"""Never lose a user's file; bounded input; no tracebacks; the root cause first.

Each case of the fault-injection and bad-input campaign has its own test: outputs that
must be refused (and left untouched), input that must be refused fast with a file:line
message, and the commands' handling of bad options and closed pipes.
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import problems, write

from sco_analysis import cli
from sco_analysis.records import MAX_DEPTH, MAX_RECORD_BYTES

EVENT = "records/events/2024/ict_ministers_3_2024.yaml"


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the command in this process: (exit status, stdout, stderr)."""
    try:
        status = cli.main(list(args))
    except SystemExit as exc:  # argparse usage errors
        status = int(exc.code or 0)
    out = capsys.readouterr()
    return status, out.out, out.err


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


# -- outputs: never delete or overwrite what sco-analysis did not write ------------------


@pytest.mark.parametrize("command", ["report", "build"])
def test_directory_with_a_users_file_is_refused(command: str, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "d"
    write(target / "notes.txt", "my notes\n")
    option = "--output" if command == "report" else "--parquet"
    status, _, err = run_cli(capsys, command, option, str(target))
    assert status == 1
    assert f"{target}: holds files sco-analysis did not write (notes.txt)" in err
    assert snapshot(target) == {"notes.txt": b"my notes\n"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d"]  # no leftovers


def test_the_working_directory_and_empty_path_are_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "keep.txt", "x\n")
    monkeypatch.chdir(tmp_path)
    status, _, err = run_cli(capsys, "report", "--output", ".")
    assert status == 1 and "it is the working directory" in err
    status, _, err = run_cli(capsys, "report", "--output", "")
    assert status == 2 and "an empty path; expected a directory" in err
    status, _, err = run_cli(capsys, "build", "--parquet", " ")
    assert status == 2 and "an empty path" in err
    assert snapshot(tmp_path) == {"keep.txt": b"x\n"}


def test_default_reports_directory_with_other_files_is_kept(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "reports" / "draft.docx", "mine\n")
    monkeypatch.chdir(tmp_path)
    status, _, err = run_cli(capsys, "report")
    assert status == 1 and "draft.docx" in err
    assert (tmp_path / "reports" / "draft.docx").read_text() == "mine\n"


def test_records_directory_and_data_root_are_refused(
        data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(data_dir)
    for target in (data_dir / "records", data_dir, data_dir / "records" / "events" / "x"):
        status, _, err = run_cli(capsys, "report", "--records", str(data_dir), "--output",
                                 str(target))
        assert status == 1 and "the data directory" in err, err
        status, _, err = run_cli(capsys, "build", str(data_dir), "--parquet", str(target))
        assert status == 1 and "the data directory" in err, err
    assert snapshot(data_dir) == before


@pytest.mark.parametrize("place", ["/", "~", ".."])
def test_root_home_and_project_are_refused(place: str, capsys: pytest.CaptureFixture[str]
                                           ) -> None:
    target = str(Path(place).expanduser()) if place != ".." else str(Path.cwd().parent)
    status, _, err = run_cli(capsys, "report", "--output", target)
    assert status == 1 and "refusing to write there" in err


def test_an_existing_file_is_never_turned_into_a_directory(
        data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = write(tmp_path / "out", "a file\n")
    status, _, err = run_cli(capsys, "build", str(data_dir), "--parquet", str(target))
    assert status == 1 and "is a file, not a directory" in err
    assert target.read_text() == "a file\n"


def test_own_output_is_replaced_and_marked(data_dir: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    import json

    out = tmp_path / "pq"
    out.mkdir()  # an empty directory is fine
    assert run_cli(capsys, "build", str(data_dir), "--parquet", str(out))[0] == 0
    marker = json.loads((out / ".sco-analysis").read_text())
    assert marker["kind"] == "parquet" and "manifest.json" in marker["files"]
    assert run_cli(capsys, "build", str(data_dir), "--parquet", str(out))[0] == 0
    # a report may not replace a Parquet build
    status, _, err = run_cli(capsys, "report", "--records", str(data_dir), "--output", str(out))
    assert status == 1 and "holds a sco-analysis parquet, not a report" in err
    # a build of an older version (no marker, its manifest lists its files) is ours too
    (out / ".sco-analysis").unlink()
    assert run_cli(capsys, "build", str(data_dir), "--parquet", str(out))[0] == 0
    (out / ".sco-analysis").unlink()
    write(out / "extra.csv", "a,b\n")
    status, _, err = run_cli(capsys, "build", str(data_dir), "--parquet", str(out))
    assert status == 1 and "extra.csv" in err


# -- bundled data wherever the package lies ----------------------------------------------


def test_records_under_a_hidden_directory_are_read(data_dir: Path, tmp_path: Path) -> None:
    hidden = tmp_path / ".venv" / "lib" / "data"
    hidden.parent.mkdir(parents=True)
    data_dir.rename(hidden)
    assert problems(hidden) == []
    # hidden entries below the records directory are still skipped
    write(hidden / "records" / ".drafts" / "broken.yaml", "event: [\n")
    assert problems(hidden) == []


# -- bounded input --------------------------------------------------------------------------


def billion_laughs(levels: int = 9) -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    names = "abcdefghijklmnop"
    for prev, name in itertools.pairwise(names[:levels]):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(("text", "line", "found"), [
    (billion_laughs(), 1, "a value repeated by an alias"),
    ("event: &x {self: *x}\n", 1, "a value repeated by an alias"),
    ("event:\n  id: a\n  title: &t x\n  notes: *t\n", 3, "a value repeated by an alias"),
])
def test_anchors_and_aliases_are_refused(data_dir: Path, text: str, line: int,
                                         found: str) -> None:
    f = write(data_dir / "records/events/2024/bomb.yaml", text)
    lines = problems(data_dir)
    assert lines[0].startswith(f"{f}:{line}: (yaml): found {found}"), lines[:3]
    assert "anchors (&) and aliases (*) are not accepted" in lines[0]


def test_a_huge_file_is_refused_without_reading_it(data_dir: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    f = data_dir / "records/events/2024/huge.yaml"
    with f.open("w") as out:
        out.write("event:\n  notes: >\n")
        line = "    " + "x" * 95 + "\n"
        out.write(line * (10 * 1024 * 1024 // len(line)))
    read = Path.read_bytes

    def guarded(self: Path) -> bytes:
        assert self != f, "the oversized file was read"
        return read(self)

    monkeypatch.setattr(Path, "read_bytes", guarded)
    lines = problems(data_dir)
    assert lines[0].startswith(f"{f}: (file): found a file of 10,485,")
    assert f"at most {MAX_RECORD_BYTES:,} bytes per record file" in lines[0]


@pytest.mark.parametrize(("text", "field", "found"), [
    ("event: " + "[" * 50_000 + "]" * 50_000 + "\n", "(yaml)", "malformed YAML"),
    ("".join(f"{'  ' * i}k{i}:\n" for i in range(MAX_DEPTH + 3)) + "  " * (MAX_DEPTH + 3)
     + "v\n", "(yaml)", f"mappings and lists nested more than {MAX_DEPTH} deep"),
    ("event:\n  id: a\x00b\n", "(yaml)", "the character U+0000"),
    ('event:\n  id: x\n  city: "\\ud800"\n', "(yaml)", "malformed YAML"),
    ('event:\n  id: x\n  city: "a\\0b"\n', "(text)", "the character U+0000"),
    ("event:\n  id: x\n  city: \x1b[31mred\n", "(yaml)", "the character U+001B"),
])
def test_structures_that_break_parsers_are_problems(data_dir: Path, text: str, field: str,
                                                    found: str) -> None:
    f = write(data_dir / "records/events/2024/odd.yaml", text)
    lines = [m for m in problems(data_dir) if m.startswith(str(f))]
    assert any(f": {field}: found {found}" in m for m in lines), lines[:3]


def test_invalid_utf8_names_its_line(data_dir: Path) -> None:
    f = data_dir / "records/events/2024/latin1.yaml"
    f.write_bytes(b"event:\n  id: x\n  city: M\xfcnchen\n")
    lines = problems(data_dir)
    assert any(m.startswith(f"{f}:3: (file): found bytes that are not UTF-8") for m in lines)


def test_a_csv_cell_over_the_limit_is_a_problem(data_dir: Path) -> None:
    import csv

    f = data_dir / "reference/sources.csv"
    f.write_text(f.read_text() + 'big,https://example.org/big,"' + "x" * 200_000
                 + '",en,news,,,\n')
    before = csv.field_size_limit(sys.maxsize)  # as some libraries set it, globally
    try:
        lines = problems(data_dir)
    finally:
        csv.field_size_limit(before)
    assert any(m.startswith(f"{f}:") and "(row): found a row that cannot be read" in m
               for m in lines), lines[:5]


@pytest.mark.parametrize("date", ["1500-05-15", "2263-01-01", "1677-12"])
def test_dates_outside_the_storable_range(data_dir: Path, date: str) -> None:
    f = data_dir / EVENT
    f.write_text(f.read_text().replace("date_start: 2024-02-01", f"date_start: {date}"))
    lines = problems(data_dir)
    msg = next(m for m in lines if m.startswith(f"{f}:6: event.date_start"))
    assert "outside the years the dataset can store (1678 to 2261)" in msg


def test_a_held_event_in_the_future_is_refused(data_dir: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCO_ANALYSIS_TODAY", "2024-01-15")
    f = data_dir / EVENT
    lines = problems(data_dir)
    msg = next(m for m in lines if m.startswith(f"{f}:7: event.status"))
    assert "'held' for an event dated 2024-02-01, after today (2024-01-15)" in msg
    assert "expected planned" in msg
    f.write_text(f.read_text().replace("status: held", "status: planned"))
    assert not [m for m in problems(data_dir) if m.startswith(f"{f}:7: event.status")]


def test_an_event_in_the_wrong_year_folder(data_dir: Path) -> None:
    src = data_dir / EVENT
    moved = data_dir / "records/events/2025/ict_ministers_3_2024.yaml"
    moved.parent.mkdir()
    src.rename(moved)
    msg = next(m for m in problems(data_dir) if m.startswith(f"{moved}:6:"))
    assert "2024-02-01 in a file under events/2025/" in msg
    assert "under events/2024/" in msg


# -- the root cause first -------------------------------------------------------------------


def test_a_parse_error_comes_first_and_its_consequences_in_one_line(data_dir: Path) -> None:
    # the summit's file defines the event and a source that the declaration refers to
    f = data_dir / "records/events/2024/astana_chs_2024.yaml"
    f.write_text(f.read_text().replace("  city: Astana", "  city: [Astana"))
    lines = problems(data_dir)
    assert lines[0].startswith(f"{f}:"), lines
    assert ": (yaml): found malformed YAML" in lines[0]
    follow = [m for m in lines if "(follow-on)" in m]
    assert len(follow) == 1 and follow[0] == lines[-1], lines
    assert "astana_chs_2024" in follow[0]
    assert not [m for m in lines if "which is not defined" in m]


def test_a_wrong_reference_header_is_one_line_not_hundreds(data_dir: Path) -> None:
    f = data_dir / "reference/parties.csv"
    f.write_text(f.read_text().replace("code,party_type", "kode,party_type", 1))
    lines = problems(data_dir)
    assert lines[0].startswith(f"{f}:1: (header): found kode,party_type")
    assert "expected the header row code,party_type" in lines[0]
    assert len(lines) <= 3, lines


def test_at_most_fifty_problems_per_file(data_dir: Path) -> None:
    people = "".join(f"  - name: P{i}\n    party: XX{i % 10}\n    level: boss\n"
                     for i in range(60))
    f = data_dir / EVENT
    f.write_text(f.read_text().replace("people:\n", "people:\n" + people, 1))
    lines = [m for m in problems(data_dir) if m.startswith(str(f))]
    assert len(lines) == 51
    assert lines[-1].startswith(f"{f}: (more): found ") and "more problems in this file" \
        in lines[-1]


# -- options and pipes ------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["nan", "inf", "-1", "0", "ten"])
def test_timeout_must_be_a_positive_number(value: str, capsys: pytest.CaptureFixture[str]
                                           ) -> None:
    status, _, err = run_cli(capsys, "report", "--timeout", value)
    assert status == 2 and "--timeout" in err and "Traceback" not in err


def test_output_to_a_closed_pipe_ends_quietly(data_dir: Path) -> None:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    proc = subprocess.Popen([sys.executable, "-m", "sco_analysis.cli", "conflicts",
                             str(data_dir)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # like `| head` that has read enough
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141
    assert "Traceback" not in err and "BrokenPipe" not in err and "Exception" not in err


def test_an_unexpected_error_is_one_line(monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    def boom(*_a: object, **_k: object) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr("sco_analysis.dataset.load", boom)
    status, _, err = run_cli(capsys, "info")
    assert status == 1
    assert "unexpected error: ZeroDivisionError: boom" in err and "Traceback" not in err
