"""The ``sco-analysis`` command: build, validate, info, conflicts, dictionary, report, ingest.

Exit status: 0 when all went well, 1 when the records have problems or a step failed,
2 on a usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .problems import ValidationError

REPO = Path(__file__).resolve().parent.parent
DICTIONARY = REPO / "docs" / "data-dictionary.md"


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
    """Write or check the data dictionary."""
    from .schema import data_dictionary

    text = data_dictionary() + "\n"
    target = Path(args.output)
    if args.check:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            print(f"{target} is out of date: run `sco-analysis dictionary`", file=sys.stderr)
            return 1
        print(f"{target} is current")
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}")
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
    b.add_argument("--parquet", default=None, help="output directory (default: beside the "
                   "records)")
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

    d = sub.add_parser("dictionary", help="write docs/data-dictionary.md from the schema")
    d.add_argument("--check", action="store_true", help="only check that it is current")
    d.add_argument("--output", default=str(DICTIONARY), help=argparse.SUPPRESS)
    d.set_defaults(func=cmd_dictionary)

    from .report import add_arguments

    r = sub.add_parser("report", help="execute the notebooks and write reports/ (HTML, PNG)")
    add_arguments(r)
    r.set_defaults(func=cmd_report)

    from .ingest.cli import add_commands as add_ingest_commands

    add_ingest_commands(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = parser().parse_args(argv)
    try:
        return int(args.func(args))
    except FileNotFoundError as exc:
        print(f"sco-analysis: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # pragma: no cover
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
