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
from typing import Any

import pytest

from sco_analysis import outputs, store
from sco_analysis.paths import resolve

pytestmark = pytest.mark.slow

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


def start_writers(copies: list[Path], out: Path) -> list[subprocess.Popen[str]]:
    """One writer per data directory, started together; returned once all are ready."""
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(data), str(out)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for data in copies]
    for proc in procs:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready", \
            proc.stderr.read() if proc.stderr else ""
    return procs


#: Runs jobs, each in a child forked from it, that kill themselves with SIGKILL at the K-th
#: step of their file-system work (before and after each rename, exchange, removal,
#: directory creation and file write), or count those steps when K is 0. Everything is
#: imported and run once before forking (a warm-up job), so a child does only its job. The
#: package has no hook for this: the steps are wrapped here.
ZYGOTE = textwrap.dedent("""
    import json, os, pathlib, shutil, signal, sys
    import pyarrow.parquet as pq
    from sco_analysis import outputs, store
    from sco_analysis.paths import resolve
    from sco_analysis.report import Parameters, build_report

    STEPS = [(os, "rename"), (os, "replace"), (os, "mkdir"), (shutil, "rmtree"),
             (pq, "write_table"), (outputs, "_exchange"), (pathlib.Path, "write_text"),
             (pathlib.Path, "write_bytes")]

    def run(job):
        base = pathlib.Path(job["base"])
        if job["kind"] == "build":
            store.build(resolve(base / "data", base / "out"))
        else:
            build_report(Parameters(records=job["data"]), base / "out",
                         notebooks=pathlib.Path(job["books"]), with_code=job.get("code", True),
                         log=lambda m: None)

    def child(job):
        count = 0
        def point():
            nonlocal count
            count += 1
            if count == job["k"]:
                os.kill(os.getpid(), signal.SIGKILL)
        def wrap(owner, name):
            real = getattr(owner, name)
            def wrapped(*args, **kwargs):
                point()
                result = real(*args, **kwargs)
                point()
                return result
            setattr(owner, name, wrapped)
        for owner, name in STEPS:
            wrap(owner, name)
        count = 0
        run(job)
        (pathlib.Path(job["base"]) / "steps").write_text(str(count))

    for line in sys.stdin:
        job = json.loads(line)
        if job.get("warm"):
            run(job)  # in the zygote itself: what every child would otherwise do first
            print(json.dumps({"warm": True}), flush=True)
            continue
        pid = os.fork()
        if pid == 0:
            try:
                child(job)
            finally:
                os._exit(0)
        _, status = os.waitpid(pid, 0)
        killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        print(json.dumps({"k": job["k"], "killed": killed}), flush=True)
""")


class Zygote:
    """A process that forks one child per fault-injection job (see ``ZYGOTE``)."""

    def __init__(self, warm_up: dict):
        self.proc = subprocess.Popen([sys.executable, "-c", ZYGOTE], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True)
        assert self.ask({**warm_up, "warm": True}) == {"warm": True}

    def ask(self, job: dict) -> dict:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps(job) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        assert line, self.proc.stderr.read() if self.proc.stderr else "the zygote died"
        return json.loads(line)

    def steps(self, job: dict) -> int:
        """How many file-system steps a job takes (run once, to the end)."""
        assert self.ask({**job, "k": 0}) == {"k": 0, "killed": False}
        return int((Path(job["base"]) / "steps").read_text())

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        assert self.proc.wait(timeout=60) == 0


def kill_trials(warm_up: dict, prepared: Any, seed: int) -> list[tuple[dict, dict]]:
    """Ten jobs killed at random steps: (job, outcome) each."""
    zygote = Zygote(warm_up)
    try:
        steps = zygote.steps(prepared("count"))
        assert steps >= 12  # the files, the marker, the swap ...
        ks = sorted(random.Random(seed).sample(range(1, steps + 1), 10))
        jobs = [{**prepared(f"trial{k}"), "k": k} for k in ks]
        return [(job, zygote.ask(job)) for job in jobs]
    finally:
        zygote.close()


def test_a_build_killed_at_any_step_leaves_a_whole_build(data_dir: Path,
                                                         tmp_path: Path) -> None:
    template = tmp_path / "template"
    shutil.copytree(data_dir, template / "data")
    store.build(resolve(template / "data", template / "out"))  # the previous build
    event = template / "data" / EVENT  # the records change: a new build replaces it
    event.write_text(event.read_text().replace("city: Almaty", "city: Alma-Ata"))

    def prepared(name: str) -> dict:
        shutil.copytree(template, tmp_path / name)
        return {"kind": "build", "base": str(tmp_path / name)}

    results = kill_trials(prepared("warm"), prepared, seed=20261202)
    for job, outcome in results:
        k, base = job["k"], Path(job["base"])
        assert outcome["killed"], f"the build did not die at step {k}"
        assert (base / "out").is_dir(), f"killed at step {k}: no build in place"
        assert whole(base / "out"), f"killed at step {k}: the build in place is not whole"
    # the next run cleans up what a killed one left, and builds
    for job, _ in results[:3]:
        base = Path(job["base"])
        store.build(resolve(base / "data", base / "out"))
        assert sorted(p.name for p in base.iterdir()) == ["data", "out"], job["k"]
        assert whole(base / "out")


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
    writers = start_writers(copies, out)
    reader = subprocess.run([sys.executable, "-c", READER, str(out), "1"],
                            capture_output=True, text=True, check=False, timeout=120)
    for w in writers:
        w.send_signal(signal.SIGKILL)
        w.wait()
    assert reader.returncode == 0, reader.stderr
    missing, reads, mixed = map(int, reader.stdout.split())
    assert reads > 20
    assert missing == 0 and mixed == 0
    assert whole(out)


def report_whole(out: Path) -> bool:
    report = json.loads((out / "report.json").read_text())
    for name, digest in report["files"].items():
        if hashlib.sha256((out / name).read_bytes()).hexdigest() != digest:
            return False
    marker = json.loads((out / ".sco-analysis").read_text())
    listed = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    return set(marker["files"]) == listed - {".sco-analysis"}


def test_a_report_killed_at_any_step_leaves_a_whole_report(data_dir: Path,
                                                           tmp_path: Path) -> None:
    import nbformat

    from sco_analysis.report import Parameters, build_report

    books = tmp_path / "notebooks"
    books.mkdir()
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("start = end = series = parties = records = as_of "
                                       "= None")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# Tiny"), params,
                nbformat.v4.new_code_cell("print('a report page')")]
    for i, c in enumerate(nb.cells):
        c["id"] = f"tiny-{i}"
    nbformat.write(nb, books / "tiny.ipynb")
    params = Parameters(records=str(data_dir))  # one data directory: one cached notebook
    template = tmp_path / "template"
    build_report(params, template / "out", notebooks=books, log=lambda m: None)

    def prepared(name: str) -> dict:
        shutil.copytree(template, tmp_path / name)  # the jobs write it with code: rewritten
        return {"kind": "report", "base": str(tmp_path / name), "books": str(books),
                "data": str(data_dir)}

    results = kill_trials(prepared("warm"), prepared, seed=20261203)
    for job, outcome in results:
        k, out = job["k"], Path(job["base"]) / "out"
        assert outcome["killed"], f"the report did not die at step {k}"
        assert out.is_dir() and report_whole(out), f"killed at step {k}: not whole"
    # the next run removes what a killed run left, whether it has to write or not
    for (job, _), code in zip(results[:2], (True, False), strict=True):
        base = Path(job["base"])
        build_report(params, base / "out", notebooks=books, with_code=code,
                     log=lambda m: None)
        assert sorted(p.name for p in base.iterdir()) == ["out"], job["k"]
        assert report_whole(base / "out")
