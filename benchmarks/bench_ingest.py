"""Speed of the ingest: drafting one article, and ``ingest-eval`` on a labelled directory.

What is measured
----------------
``first draft``
    ``sco_analysis.ingest.draft`` on the bundled example article in a fresh process state:
    it includes loading the pymorphy3 dictionaries, the language model, the party tables
    and the dataset (cached afterwards).
``draft per article``
    Every article of the development directory (``--dev``) drafted once more after the
    first (nothing is written: ``out=None``); best and median seconds per article.
``ingest-eval``
    Wall time of ``sco-analysis ingest-eval DIR`` as a user runs it (a new process: import,
    loading, every article, scoring).

The target: under 1 s per article after the first, under 30 s for ``ingest-eval`` on the
development set. ``--dev`` defaults to ``../shared/ingest-dev`` beside the repository; when
it is absent the per-article and eval timings use the test articles in
``tests/fixtures/ingest`` and say so.

Usage::

    .venv/bin/python benchmarks/bench_ingest.py [--dev DIR]

Results are printed and written as JSON and Markdown to
``benchmarks/results/<hostname>-<YYYYMMDD>-ingest.{json,md}`` (git-ignored).
"""

from __future__ import annotations

import argparse
import datetime
import json
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = Path(__file__).resolve().parent / "results"
DEFAULT_DEV = ROOT.parent / "shared" / "ingest-dev"
FIXTURES = ROOT / "tests" / "fixtures" / "ingest"


def _articles(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.suffix in (".md", ".html")
                  and p.with_name(p.name.split(".")[0] + ".gold.yaml").is_file())


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--dev", type=Path, default=DEFAULT_DEV,
                   help="directory of articles with *.gold.yaml (default: ../shared/ingest-dev)")
    args = p.parse_args(argv)
    directory = args.dev
    if not directory.is_dir():
        print(f"note: {directory} is absent; timing the test articles of {FIXTURES} instead")
        directory = FIXTURES

    from sco_analysis import ingest

    start = time.perf_counter()
    ingest.draft(ingest.example(), out=None)
    first = time.perf_counter() - start

    times = []
    for article in _articles(directory):
        t = time.perf_counter()
        try:
            ingest.draft(article, out=None)
        except ingest.IngestError as exc:
            print(f"  {article.name}: not drafted ({exc})")
        times.append((article.name, time.perf_counter() - t))

    t = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "sco_analysis.cli", "ingest-eval",
                          str(directory)], capture_output=True, text=True)
    eval_s = time.perf_counter() - t
    overall = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else run.stderr
    return _report(directory, first, times, eval_s, overall)


def _report(directory: Path, first: float, times: list[tuple[str, float]], eval_s: float,
            overall: str) -> int:
    secs = [s for _, s in times]
    result = {
        "host": platform.node(), "python": platform.python_version(),
        "date": datetime.date.today().isoformat(), "directory": str(directory),
        "first_draft_s": round(first, 3),
        "per_article_s": {"best": round(min(secs), 3), "median": round(statistics.median(secs), 3),
                          "max": round(max(secs), 3), "n": len(secs)},
        "articles": {name: round(s, 3) for name, s in times},
        "ingest_eval_s": round(eval_s, 2), "eval_overall": overall,
        "targets": {"per_article_max_s": 1.0, "ingest_eval_s": 30.0},
    }
    lines = [f"# ingest benchmark ({result['date']}, {result['host']})", "",
             f"- articles: {directory} ({len(secs)})",
             f"- first draft (loads dictionaries, models, dataset): {first:.2f} s",
             f"- per article after the first: median {result['per_article_s']['median']:.3f} s,"
             f" max {result['per_article_s']['max']:.3f} s (target < 1 s)",
             f"- ingest-eval (new process): {eval_s:.1f} s (target < 30 s)",
             f"- {overall}", "", "| article | seconds |", "|---|---|"]
    lines += [f"| {name} | {s:.3f} |" for name, s in times]
    text = "\n".join(lines) + "\n"
    print(text)
    RESULTS_DIR.mkdir(exist_ok=True)
    stem = f"{platform.node()}-{result['date'].replace('-', '')}-ingest"
    (RESULTS_DIR / f"{stem}.json").write_text(json.dumps(result, indent=2) + "\n")
    (RESULTS_DIR / f"{stem}.md").write_text(text)
    print(f"written: benchmarks/results/{stem}.json and .md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
