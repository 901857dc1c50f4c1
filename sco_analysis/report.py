"""``sco-analysis report``: rebuild the dataset and write the report directory."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Add the report's options to a parser."""
    p.add_argument("--records", default=None, help="data directory or directory of YAML "
                   "records (default: the bundled dataset)")
    p.add_argument("--output", default="reports", help="report directory (default: reports)")


def summary(ds) -> str:
    """A Markdown summary: events by series and year, documents, sources, conflicts."""
    ev = ds.events.assign(year=ds.events["date_start"].dt.year)
    by = pd.crosstab(ev["series_id"], ev["year"]).loc[lambda d: d.sum(axis=1) > 0]
    lines = [f"# SCO digital cooperation dataset {ds.version}", "",
             f"{len(ev)} events, {len(ds.documents)} documents with "
             f"{len(ds.document_actions)} dated steps, {len(ds.sources)} sources, "
             f"{len(ds.conflicts())} disputed fields.", "", "## Events by series and year", "",
             by.to_markdown() if hasattr(by, "to_markdown") and _has_tabulate() else
             by.to_string(), ""]
    return "\n".join(lines)


def _has_tabulate() -> bool:
    try:
        import tabulate  # noqa: F401
    except ImportError:
        return False
    return True


def main(args: argparse.Namespace) -> int:
    """Run the report command."""
    from .dataset import load
    from .problems import ValidationError

    try:
        ds = load(args.records)
    except ValidationError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    (out / "summary.md").write_text(summary(ds) + "\n", encoding="utf-8")
    print(summary(ds))
    print(f"wrote {out / 'summary.md'}")
    return 0
