"""How long the report takes: from nothing, unchanged, from the cache, forced.

Measured as a user sees it, by wall clock around whole commands, each in a new process:

``cold``
    ``sco-analysis report`` with an empty cache: every notebook is run.
``unchanged``
    ``make report`` again with nothing changed (target: at most 3 s): the report is found
    up to date and left as it is. Best of ``--repeat`` runs.
``cached, new directory``
    ``sco-analysis report`` into another directory: no notebook is run, every page is
    rendered from the cache.
``forced``
    ``sco-analysis report --force``: every notebook is run again.

The cache and the reports live in a temporary directory (``XDG_CACHE_HOME`` is set for the
commands), so the user's cache is neither read nor filled. Results are printed and written
to ``benchmarks/results/<hostname>-<YYYYMMDD>-report.{json,md}``.

Usage::

    .venv/bin/python benchmarks/bench_report.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
SCO = Path(sys.executable).with_name("sco-analysis")


def timed(cmd: list[str], env: dict[str, str]) -> float:
    """Seconds of one run of ``cmd`` (which must succeed)."""
    started = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True,
                          check=False)
    took = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stderr}")
    return took


def measure(repeat: int, work: Path) -> list[tuple[str, float, str]]:
    env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache")}
    out, other = work / "report", work / "other"
    make = ["make", "-s", "report", f"REPORT_ARGS=--output {out}"]
    rows = [("cold: every notebook run", timed([str(SCO), "report", "--output", str(out)],
                                               env), "")]
    unchanged = min(timed(make, env) for _ in range(repeat))
    rows.append(("unchanged: `make report` again", unchanged, "<= 3 s"))
    rows.append(("cached, new directory: pages rendered from the cache",
                 timed([str(SCO), "report", "--output", str(other)], env), ""))
    rows.append(("forced: `--force`, every notebook run again",
                 timed([str(SCO), "report", "--output", str(out), "--force"], env), ""))
    return rows


def markdown(rows: list[tuple[str, float, str]]) -> str:
    lines = ["| report | seconds | target |", "|---|---:|---|"]
    lines += [f"| {name} | {sec:.2f} | {target} |" for name, sec, target in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of the unchanged case")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="sco-bench-report-"))
    try:
        rows = measure(args.repeat, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    table = markdown(rows)
    print(table)
    RESULTS.mkdir(exist_ok=True)
    stem = RESULTS / f"{socket.gethostname()}-{dt.date.today():%Y%m%d}-report"
    stem.with_suffix(".md").write_text(table + "\n", encoding="utf-8")
    stem.with_suffix(".json").write_text(json.dumps(
        {"cpus": os.cpu_count(), "python": sys.version.split()[0],
         "rows": [{"case": n, "seconds": s, "target": t} for n, s, t in rows]},
        indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
