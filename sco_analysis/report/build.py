"""The report command: check, build the data, execute, render, write (see the package doc)."""

from __future__ import annotations

import argparse
import concurrent.futures
import hashlib
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import slices
from ..outputs import check_place, check_replaceable, lock, recover, replace_dir
from ..paths import DataDir, bundled, resolve
from .execute import Outcome, cache_key, code_digest, execute, import_notebook_tools
from .parameters import Parameters, ReportError, check_parameters
from .render import TEMPLATES, Page, render

NOTEBOOKS = bundled("notebooks")
Log = Callable[[str], None]


def _stderr(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _prepare(params: Parameters, log: Log) -> tuple[Parameters, DataDir, dict[str, Any]]:
    """Build the dataset once; check series and parties against it; fix the "as of" day."""
    from .. import store

    data = resolve(params.records)
    log(f"Checking and building the dataset ({params.records or 'bundled'}) ...")
    store.ensure_built(data)
    manifest = store.read_manifest(data.parquet) or {}
    known = manifest.get("domains", {}).get("series", [])
    unknown = [s for s in params.series or () if s not in known]
    if unknown:
        raise ReportError(f"--series {', '.join(unknown)}: unknown series; known: "
                          + ", ".join(sorted(known)))
    if params.parties:
        from ..dataset import load

        codes = tuple(load(params.records, quiet=True).party_codes(params.parties))
        params = Parameters(params.start, params.end, params.series, codes, params.records,
                            params.as_of)
    return params.resolved(), data, manifest


def _inputs_key(paths: list[Path], params: Parameters, dataset_hash: str,
                with_code: bool) -> str:
    h = hashlib.sha256(f"{with_code}\0{code_digest()}".encode())
    for p in paths:
        h.update(p.name.encode() + b"\0" + cache_key(p, params, dataset_hash).encode())
    return h.hexdigest()


def _up_to_date(output: Path, key: str) -> bool:
    """True when ``output`` is a report of these very inputs and its files are untouched."""
    try:
        report = json.loads((output / "report.json").read_text(encoding="utf-8"))
        return report.get("inputs_key") == key and all(
            hashlib.sha256((output / name).read_bytes()).hexdigest() == digest
            for name, digest in report["files"].items())
    except (OSError, ValueError, KeyError, TypeError):
        return False


def _run_all(paths: list[Path], params: Parameters, timeout: float, jobs: int | None,
             dataset_hash: str, force: bool, log: Log) -> dict[str, Outcome]:
    workers = max(1, min(jobs or os.cpu_count() or 1, len(paths)))
    log(f"Running {len(paths)} notebooks, {workers} at a time (each cell within "
        f"{timeout:g} s) ...")
    outcomes: dict[str, Outcome] = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(execute, p, params, timeout, dataset_hash, force)
                   for p in paths]
        for done, future in enumerate(concurrent.futures.as_completed(futures), start=1):
            o = future.result()
            outcomes[o.name] = o
            state = "unchanged, from the cache" if o.cached else \
                f"ok ({o.seconds:.1f} s)" if o.ok else f"FAILED ({o.seconds:.1f} s)"
            log(f"  [{done}/{len(paths)}] {o.name}: {state}")
    failed = sorted((o for o in outcomes.values() if not o.ok), key=lambda o: o.name)
    if failed:
        raise ReportError("the report was not written; the previous report is unchanged.\n"
                          + "\n".join(f"{o.name}: {o.error}" for o in failed))
    return outcomes


def index_page(pages: list[Page], params: Parameters, manifest: dict[str, Any],
               changes: dict[str, Any] | None = None) -> str:
    """The report's front page, from the package's Jinja2 template."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)),
                             autoescape=True, keep_trailing_newline=True)
    return env.get_template("index.html.j2").render(
        pages=pages, parameters=params.describe(), manifest=manifest,
        version=str(manifest.get("dataset_hash", ""))[:12], changes=changes,
        slice=_slice_text(params), as_of=params.as_of)


def _slice_text(params: Parameters) -> str:
    """The report's slice in words, as every page and ``Dataset.slice`` say it."""
    return slices.Slice(params.start, params.end, params.series, params.parties).describe()


SNAPSHOT = "snapshot.json"
#: Changes listed on the index page, at most (the rest: ``sco-analysis diff``).
CHANGES_SHOWN = 40


def _changes(output: Path, params: Parameters, snap: dict[str, Any]) -> dict[str, Any]:
    """What changed since the report in ``output`` was built, for the index page."""
    from ..changes import diff

    try:
        previous = json.loads((output / SNAPSHOT).read_text(encoding="utf-8"))
        before = json.loads((output / "report.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"summary": "There is no earlier report here to compare with.", "lines": []}
    found = diff(previous, snap)
    summary = "No record changed." if found.empty else found.summary() + "."
    if before.get("parameters", {}) | {"as_of": None} != params.for_notebooks() | {
            "as_of": None}:
        summary += (" The earlier report showed another selection: the changes include what "
                    "the new selection adds or leaves out.")
    lines = found.lines(limit=CHANGES_SHOWN)
    if len(lines) > CHANGES_SHOWN:
        lines[-1] += (f" (all of them: sco-analysis diff OLD/{SNAPSHOT} "
                      f"NEW/{SNAPSHOT})")
    return {"summary": summary, "lines": lines}


def _snapshot(params: Parameters) -> dict[str, Any]:
    from ..changes import snapshot
    from ..dataset import load

    view = load(params.records, quiet=True).filter(
        start=params.start, end=params.end, series=params.series, parties=params.parties)
    return snapshot(view.tables)


def _write(output: Path, pages: list[Page], params: Parameters, manifest: dict[str, Any],
           key: str, data: DataDir, log: Log) -> None:
    snap = _snapshot(params)
    changes = _changes(output, params, snap)
    with replace_dir(output, "report", protected=[data.records, data.reference],
                     log=log) as tmp:
        (tmp / "figures").mkdir()
        for page in pages:
            (tmp / f"{page.stem}.html").write_text(page.html, encoding="utf-8")
            for name, blob in page.figures:
                (tmp / "figures" / name).write_bytes(blob)
        (tmp / SNAPSHOT).write_text(json.dumps(snap, sort_keys=True, ensure_ascii=False,
                                               separators=(",", ":")) + "\n",
                                    encoding="utf-8")
        (tmp / "index.html").write_text(index_page(pages, params, manifest, changes),
                                        encoding="utf-8")
        files = {p.relative_to(tmp).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                 for p in sorted(tmp.rglob("*")) if p.is_file()}
        (tmp / "report.json").write_text(json.dumps({
            "dataset_hash": manifest.get("dataset_hash"), "inputs_key": key,
            "parameters": params.for_notebooks(), "files": files},
            indent=2, sort_keys=True) + "\n", encoding="utf-8")


def build_report(params: Parameters, output: Path, *, notebooks: Path = NOTEBOOKS,
                 with_code: bool = False, timeout: float = 600, jobs: int | None = None,
                 force: bool = False, log: Log | None = None) -> Path:
    """Execute the notebooks and write the report to ``output`` (atomically)."""
    log = log if log is not None else _stderr
    paths = sorted(Path(notebooks).glob("*.ipynb"))
    if not paths:
        raise ReportError(f"{notebooks}: no notebooks (*.ipynb) to run")
    output = Path(output).absolute()
    data = resolve(params.records)
    check_place(output, protected=[data.records, data.reference])  # before any work
    check_replaceable(output, "report")
    params, data, manifest = _prepare(params, log)
    dataset_hash = str(manifest.get("dataset_hash", ""))
    key = _inputs_key(paths, params, dataset_hash, with_code)
    if not force and _up_to_date(output, key):
        with lock(output, log):
            recover(output)  # what a killed run may have left beside it
        log(f"{output}: up to date (same notebooks, parameters, data and code); "
            "--force rebuilds it.")
        return output / "index.html"
    import_notebook_tools()
    outcomes = _run_all(paths, params, timeout, jobs, dataset_hash, force, log)
    context = {"slice": _slice_text(params), "as_of": params.as_of,
               "version": dataset_hash[:12]}
    pages = [render(outcomes[p.name].notebook, p.stem, with_code, context) for p in paths]
    _write(output, pages, params, manifest, key, data, log)
    n_fig = sum(len(p.figures) for p in pages)
    log(f"Wrote {output}/index.html: {len(pages)} pages, {n_fig} figures "
        f"(dataset {dataset_hash[:12]}, as of {params.as_of}).")
    return output / "index.html"


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Add the report's options to a parser."""
    from ..cli import count_argument, directory_argument, seconds_argument

    p.add_argument("--start", help="first period (YYYY-MM-DD, YYYY-MM or YYYY; a month or "
                   "year starts on its first day)")
    p.add_argument("--end", help="last period (YYYY-MM-DD, YYYY-MM or YYYY; a month or year "
                   "ends on its last day)")
    p.add_argument("--series", action="append", metavar="ID",
                   help="only these series (repeat, or separate with commas)")
    p.add_argument("--parties", action="append", metavar="NAME",
                   help="only these parties: ISO3 codes or any name (repeat, or commas)")
    p.add_argument("--records", default=None, metavar="PATH",
                   help="data directory or directory of YAML records (default: bundled)")
    p.add_argument("--as-of", default=None, metavar="DAY",
                   help="the day to judge whether a meeting is due or overdue (default: "
                        "today)")
    p.add_argument("--output", default="reports", metavar="DIR", type=directory_argument,
                   help="report directory (default: reports)")
    p.add_argument("--with-code", action="store_true", help="show the code cells")
    p.add_argument("--force", action="store_true",
                   help="run every notebook again, even those unchanged since the last run")
    p.add_argument("--timeout", type=seconds_argument, default=600, metavar="SECONDS",
                   help="time limit of each notebook cell (default: 600)")
    p.add_argument("--jobs", type=count_argument, default=None, metavar="N",
                   help="notebooks run at the same time (default: number of cores)")
    p.add_argument("--notebooks", default=str(NOTEBOOKS), metavar="DIR",
                   help=argparse.SUPPRESS)


def main(args: argparse.Namespace) -> int:
    """Run the report command; return the exit status."""
    from ..outputs import OutputError
    from ..problems import ValidationError

    try:
        params = check_parameters(args.start, args.end, args.series, args.records,
                                  args.as_of, args.parties)
        index = build_report(params, Path(args.output), notebooks=Path(args.notebooks),
                             with_code=args.with_code, timeout=args.timeout, jobs=args.jobs,
                             force=args.force)
    except (ReportError, OutputError) as exc:
        print(f"sco-analysis report: {exc}", file=sys.stderr)
        return 1
    except ValidationError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(f"Open {index}")
    return 0
