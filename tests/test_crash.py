"""Crash-clean, concurrency-safe swaps: kill -9 at random moments, writers racing readers.

A killed build must leave the previous or the new Parquet whole and in place, and the next
run must clean up after it; concurrent writers are serialised and a reader never finds the
directory missing or a mix of two builds.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from sco_analysis import outputs, store
from sco_analysis.paths import resolve

EVENT = "records/events/2024/ict_ministers_3_2024.yaml"

#: A writer that builds over and over, alternating between two versions of one record, so
#: that every build really replaces the directory. It says "ready" once imported.
WRITER = textwrap.dedent("""
    import sys, pathlib
    from sco_analysis import store
    from sco_analysis.paths import resolve
    data, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    event = data / "records/events/2024/ict_ministers_3_2024.yaml"
    text = event.read_text()
    print("ready", flush=True)
    i = 0
    while True:
        i += 1
        event.write_text(text.replace("city: Almaty", f"city: Almaty {i % 2}"))
        store.build(resolve(data, out))
""")


def whole(out: Path) -> bool:
    """The directory holds one complete build: manifest, every file with its hash, marker."""
    manifest = json.loads((out / "manifest.json").read_text())
    for t in manifest["tables"].values():
        if hashlib.sha256((out / t["file"]).read_bytes()).hexdigest() != t["sha256"]:
            return False
    marker = json.loads((out / ".sco-analysis").read_text())
    listed = {p.name for p in out.iterdir()} - {".sco-analysis"}
    return set(marker["files"]) == listed


def start_writer(data: Path, out: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(data), str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready", proc.stderr.read() if proc.stderr else ""
    return proc


#: Kills itself with SIGKILL at the K-th step of a build's file-system work (before and
#: after each rename, exchange, removal, directory creation and file write), or prints how
#: many steps there were when K is 0. No hook in the package: the steps are wrapped here.
KILLER = textwrap.dedent("""
    import os, pathlib, shutil, signal, sys
    import pyarrow.parquet as pq
    from sco_analysis import outputs, store
    from sco_analysis.paths import resolve
    data, out, k = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), int(sys.argv[3])
    count = 0
    def point():
        global count
        count += 1
        if count == k:
            os.kill(os.getpid(), signal.SIGKILL)
    def wrap(owner, name):
        real = getattr(owner, name)
        def wrapped(*args, **kwargs):
            point()
            result = real(*args, **kwargs)
            point()
            return result
        setattr(owner, name, wrapped)
    for owner, name in [(os, "rename"), (os, "mkdir"), (shutil, "rmtree"),
                        (pq, "write_table"), (outputs, "_exchange"),
                        (pathlib.Path, "write_text"), (pathlib.Path, "write_bytes")]:
        wrap(owner, name)
    event = data / "records/events/2024/ict_ministers_3_2024.yaml"
    event.write_text(event.read_text().replace("city: Almaty", "city: Alma-Ata"))
    count = 0
    store.build(resolve(data, out))
    print(count)
""")


def kill_at(data: Path, out: Path, k: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", KILLER, str(data), str(out), str(k)],
                          capture_output=True, text=True, check=False, timeout=120)


def test_a_build_killed_at_any_step_leaves_a_whole_build(data_dir: Path,
                                                         tmp_path: Path) -> None:
    import concurrent.futures

    def trial(k: int) -> tuple[int, subprocess.CompletedProcess[str], Path]:
        base = tmp_path / f"trial{k}"
        shutil.copytree(data_dir, base / "data")
        store.build(resolve(base / "data", base / "pq"))  # the previous build
        return k, kill_at(base / "data", base / "pq", k), base

    _, counted, _ = trial(0)  # K = 0: run to the end and count the steps
    steps = int(counted.stdout)
    assert steps >= 20  # each table file, the manifest, the marker, the swap ...
    ks = sorted(random.Random(20261202).sample(range(1, steps + 1), 10))
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        results = list(pool.map(trial, ks))
    for k, run, base in results:
        assert run.returncode == -signal.SIGKILL, (k, run.stderr)  # it did die there
        out = base / "pq"
        assert out.is_dir(), f"killed at step {k}: no build in place"
        assert whole(out), f"killed at step {k}: the build in place is not whole"
        # the next run cleans up what the killed one left, and builds
        store.build(resolve(base / "data", out))
        assert sorted(p.name for p in base.iterdir()) == ["data", "pq"], k
        assert whole(out)


def test_a_crash_between_two_renames_is_recovered(data_dir: Path, tmp_path: Path) -> None:
    # where the atomic exchange is not available, a swap is two renames: simulate a kill
    # between them (the old build moved aside, the new one not yet in place)
    out = tmp_path / "pq"
    store.build(resolve(data_dir, out))
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    os.rename(out, tmp_path / ".pq.old-12345")
    (tmp_path / ".pq.tmp-12345").mkdir()  # the half-written new one
    import sco_analysis as sco

    ds = sco.load(data_dir, parquet=out, quiet=True, rebuild=True)
    assert len(ds.events) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "pq"]
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_the_fallback_swap_without_exchange(data_dir: Path, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(outputs, "_exchange", lambda a, b: False)
    out = tmp_path / "pq"
    store.build(resolve(data_dir, out))
    event = data_dir / EVENT
    event.write_text(event.read_text().replace("city: Almaty", "city: Alma-Ata"))
    assert store.build(resolve(data_dir, out)).changed
    assert whole(out) and sorted(p.name for p in tmp_path.iterdir()) == ["data", "pq"]


READER = textwrap.dedent("""
    import sys, time, pathlib
    from sco_analysis import store
    out, seconds = pathlib.Path(sys.argv[1]), float(sys.argv[2])
    missing = reads = mixed = 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if not out.is_dir():
            missing += 1
            continue
        tables, manifest = store.read_tables(out, ["events", "participants"])
        reads += 1
        rows = {n: t.num_rows for n, t in tables.items()}
        mixed += rows != {n: manifest["tables"][n]["rows"] for n in rows}
    print(missing, reads, mixed)
""")


def test_writers_are_serialised_and_readers_never_miss_the_directory(
        data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "pq"
    store.build(resolve(data_dir, out))
    copies = []
    for i in range(3):  # three writers, each with its own records, one output
        copy = tmp_path / f"data{i}"
        shutil.copytree(data_dir, copy)
        if i:  # a different number of participants in each copy
            event = copy / EVENT
            event.write_text(event.read_text().replace("  - CHN\n", "" if i == 1 else
                                                       "  - CHN\n  - RUS\n"))
        copies.append(copy)
    writers = [start_writer(c, out) for c in copies]
    reader = subprocess.run([sys.executable, "-c", READER, str(out), "3"],
                            capture_output=True, text=True, check=False, timeout=120)
    for w in writers:
        w.send_signal(signal.SIGKILL)
        w.wait()
    assert reader.returncode == 0, reader.stderr
    missing, reads, mixed = map(int, reader.stdout.split())
    assert reads > 20
    assert missing == 0 and mixed == 0
    assert whole(out)
