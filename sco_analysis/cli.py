"""The ``sco-analysis`` command: build, validate, info, conflicts, dictionary, and more.

The commands: build, validate, info, conflicts, dictionary, describe, export, diff, report,
ingest.

Exit status: 0 when all went well, 1 when the records have problems or a step failed,
2 on a usage error.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from pathlib import Path
from typing import Any

from . import __version__
from .problems import ValidationError


def _print_problems(exc: ValidationError) -> int:
    print(str(exc), file=sys.stderr)
    print("Fix them and run the command again; docs/record-format.md describes every field.",
          file=sys.stderr)
    return 1


def cmd_build(args: argparse.Namespace) -> int:
    """Build the Parquet files."""
    from .paths import resolve
    from .store import build

    data = resolve(args.path, args.parquet)
    try:
        result = build(data)
    except ValidationError as exc:
        return _print_problems(exc)
    m = result.manifest
    state = "updated" if result.changed else "unchanged (byte-identical to the previous build)"
    print(f"Built {len(m['tables'])} tables into {result.parquet}: {state}")
    for name, t in m["tables"].items():
        print(f"  {name:<17}{t['rows']:>6} rows")
    print(f"dataset {m['dataset_hash'][:12]}, schema {m['schema_version']}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """List every problem in the records."""
    from . import validate
    from .paths import resolve

    data = resolve(args.path)
    problems = validate(args.path)
    if problems:
        return _print_problems(ValidationError(problems))
    print(f"OK: no problems in {data.records} and {data.reference}")
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    """Print what is loaded."""
    from .dataset import load

    try:
        ds = load(args.path)
    except ValidationError as exc:
        return _print_problems(exc)
    print(ds.info())
    return 0


def cmd_conflicts(args: argparse.Namespace) -> int:
    """Print the fields where sources disagree."""
    import pandas as pd

    from .dataset import load

    try:
        ds = load(args.path)
    except ValidationError as exc:
        return _print_problems(exc)
    c = ds.conflicts()
    with pd.option_context("display.max_rows", None, "display.max_colwidth", 40,
                           "display.width", 200):
        print(c[["record_type", "record_id", "field", "preferred_value", "other_values"]]
              .to_string(index=False))
    print(f"\n{len(c)} disputed fields; preferred values are the ones the tables use.")
    return 0


def cmd_dictionary(args: argparse.Namespace) -> int:
    """Write or check the generated documentation."""
    from .docs import generated
    from .paths import bundled

    docs = Path(args.docs) if args.docs else bundled("docs")
    stale = []
    for target, text in generated(docs).items():
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current == text:
            continue
        stale.append(target)
        if not args.check:
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target}")
    if args.check and stale:
        for target in stale:
            print(f"{target} is out of date: run `sco-analysis dictionary`", file=sys.stderr)
        return 1
    if not stale:
        print(f"{docs}: the data dictionary and record format are current")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Export the dataset, or a slice of it, for other tools."""
    from .dataset import load

    try:
        view = load(args.path, quiet=True).filter(
            start=args.start, end=args.end, series=_listed(args.series),
            parties=_listed(args.parties))
        out = view.export(args.output, args.format)
    except ValidationError as exc:
        return _print_problems(exc)
    except ValueError as exc:  # unknown series or party, a bad date
        print(f"sco-analysis export: {exc}", file=sys.stderr)
        return 1
    print(f"Exported {view.slice.describe()} ({len(view.events)} events) as {args.format} "
          f"into {out}")
    return 0


def _listed(values: list[str] | None) -> list[str] | None:
    """Values of a repeatable option, each possibly a comma-separated list."""
    if not values:
        return None
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


def cmd_diff(args: argparse.Namespace) -> int:
    """List what changed between two versions of the dataset."""
    from .changes import diff, load_version

    try:
        old, new = load_version(args.old), load_version(args.new)
    except ValidationError as exc:
        return _print_problems(exc)
    found = diff(old, new)
    print(f"From {args.old} to {args.new}: {found.summary()}")
    for line in found.lines(limit=args.limit):
        print(f"  {line}")
    return 0


def cmd_describe(args: argparse.Namespace) -> int:
    """Print what the columns of a table hold."""
    import pandas as pd

    from .metadata import describe

    try:
        table = describe(args.table)
    except KeyError as exc:
        print(f"sco-analysis describe: {exc.args[0]}", file=sys.stderr)
        return 1
    with pd.option_context("display.max_colwidth", 70, "display.width", 200):
        print(table[["column", "type", "nullable", "from", "description"]].to_string(
            index=False))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """Build the report."""
    from .report import main as report_main

    return report_main(args)


def parser() -> argparse.ArgumentParser:
    """The argument parser of the ``sco-analysis`` command."""
    p = argparse.ArgumentParser(
        prog="sco-analysis",
        description="Sourced records of SCO digital/ICT cooperation: build, check, report.")
    p.add_argument("--version", action="version", version=f"sco-analysis {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def with_path(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("path", nargs="?", default=None,
                        help="data directory (records/ + reference/) or directory of YAML "
                             "records; default: the bundled dataset")

    b = sub.add_parser("build", help="compile records + reference tables into Parquet")
    with_path(b)
    b.add_argument("--parquet", default=None, type=directory_argument,
                   help="output directory (default: beside the records)")
    b.set_defaults(func=cmd_build)

    v = sub.add_parser("validate", help="list every problem in the records (writes nothing)")
    with_path(v)
    v.set_defaults(func=cmd_validate)

    i = sub.add_parser("info", help="tables, row counts, date span, schema version")
    with_path(i)
    i.set_defaults(func=cmd_info)

    c = sub.add_parser("conflicts", help="fields where sources disagree, and the preferred "
                       "value")
    with_path(c)
    c.set_defaults(func=cmd_conflicts)

    d = sub.add_parser("dictionary", help="write docs/data-dictionary.md and the generated "
                       "parts of docs/record-format.md from the schema")
    d.add_argument("--check", action="store_true", help="only check that they are current")
    d.add_argument("--docs", default=None, help=argparse.SUPPRESS)
    d.set_defaults(func=cmd_dictionary)

    _add_sharing_commands(sub, with_path)

    from .report import add_arguments

    r = sub.add_parser("report", help="execute the notebooks and write reports/ (HTML, PNG)")
    add_arguments(r)
    r.set_defaults(func=cmd_report)

    from .ingest.cli import add_commands as add_ingest_commands

    add_ingest_commands(sub)
    return p


def directory_argument(text: str) -> str:
    """An argparse type: a directory path, never an empty one."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty path; expected a directory")
    return text


def seconds_argument(text: str) -> float:
    """An argparse type: a positive, finite number of seconds."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r}: expected a positive number of seconds")
    return value


def count_argument(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: expected 1 or more")
    return value


def _run(argv: list[str] | None) -> int:
    from .dates import DateError
    from .outputs import OutputError

    args = parser().parse_args(argv)
    try:
        status = int(args.func(args))
        sys.stdout.flush()  # a closed pipe shows here, where it is handled
        return status
    except (OSError, OutputError, DateError) as exc:
        if isinstance(exc, BrokenPipeError):
            raise
        print(f"sco-analysis: {exc}", file=sys.stderr)
        return 1


def _add_sharing_commands(sub: Any, with_path: Any) -> None:
    """The export, diff and describe commands."""
    from .export import FORMATS

    e = sub.add_parser("export", help="write the dataset, or a slice, as CSV, XLSX, Parquet "
                       "or a Frictionless data package")
    with_path(e)
    e.add_argument("--format", choices=FORMATS, default="csv")
    e.add_argument("--output", required=True, type=directory_argument, metavar="DIR",
                   help="directory to write (new, empty, or an earlier export)")
    e.add_argument("--start", help="first period (YYYY-MM-DD, YYYY-MM or YYYY)")
    e.add_argument("--end", help="last period (a month or year ends on its last day)")
    e.add_argument("--series", action="append", metavar="ID", help="only these series")
    e.add_argument("--parties", action="append", metavar="NAME",
                   help="only these parties (codes or any name)")
    e.set_defaults(func=cmd_export)

    d = sub.add_parser("diff", help="what changed between two versions: data directories, "
                       "Parquet builds, git revisions or report snapshots")
    d.add_argument("old", help="the earlier version")
    d.add_argument("new", help="the later version")
    d.add_argument("--limit", type=count_argument, default=200, metavar="N",
                   help="list at most N changes (default: 200)")
    d.set_defaults(func=cmd_diff)

    t = sub.add_parser("describe", help="what each column of a table holds")
    t.add_argument("table", help="a table name, e.g. events")
    t.set_defaults(func=cmd_describe)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status.

    No input makes it print a traceback: problems in the records are listed, refused
    outputs and unreadable paths are one line each, output to a closed pipe (``| head``)
    ends quietly. An unexpected error is reported in one line too (set
    ``SCO_ANALYSIS_DEBUG=1`` to see where it happened).
    """
    try:
        return _run(argv)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # nothing more reaches the closed pipe
        return 141  # as a shell reports a command ended by SIGPIPE
    except KeyboardInterrupt:
        print("sco-analysis: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if os.environ.get("SCO_ANALYSIS_DEBUG"):
            raise
        print(f"sco-analysis: unexpected error: {type(exc).__name__}: {exc}\n"
              "This is a bug in sco-analysis; please report it with the command you ran "
              "(SCO_ANALYSIS_DEBUG=1 shows where it happened).", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
