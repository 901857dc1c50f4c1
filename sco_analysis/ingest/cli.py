"""The ``ingest`` and ``ingest-eval`` commands of ``sco-analysis``.

``sco_analysis.cli`` calls :func:`add_commands` with its subparsers; everything else of the
commands lives here. Exit status: 0 done, 1 the input or the draft has a problem (one clear
line on stderr, no traceback), 2 a usage error (argparse).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Add ``ingest`` and ``ingest-eval`` to the ``sco-analysis`` subcommands."""
    p = sub.add_parser(
        "ingest", help="draft records from a press release (English or Russian), or merge "
                       "a reviewed draft with --accept",
        description="Read a press release (text, Markdown or a saved HTML page) and write a "
                    "reviewable draft under --out (never into the records). Apply a reviewed "
                    "draft with --accept DRAFT.")
    p.add_argument("article", nargs="?", help="the article file")
    p.add_argument("--url", help="the article's address (default: the one in the article)")
    p.add_argument("--published", metavar="YYYY-MM-DD",
                   help="publication date, to resolve 'on Thursday' and yearless dates")
    p.add_argument("--out", default="drafts", help="directory for drafts (default: drafts/)")
    p.add_argument("--as", dest="as_format", choices=["draft", "gold"], default="draft",
                   help="gold: print the extraction in the development set's gold format "
                        "and write nothing")
    p.add_argument("--accept", metavar="DRAFT", help="merge a reviewed draft directory into "
                   "the records (validated first; nothing is written on a problem)")
    p.add_argument("--records", default=None, help="data directory (records/ + reference/); "
                   "default: the bundled dataset")
    p.set_defaults(func=cmd_ingest)

    e = sub.add_parser("ingest-eval", help="score the ingest on a directory of articles with "
                                           "gold labels (*.gold.yaml)")
    e.add_argument("directory", help="directory of *.md / *.html articles and *.gold.yaml")
    e.add_argument("--records", default=None, help="data directory to match against")
    e.set_defaults(func=cmd_eval)


def _fail(message: str) -> int:
    print(f"sco-analysis ingest: {message}", file=sys.stderr)
    return 1


def cmd_ingest(args: argparse.Namespace) -> int:
    """Draft, print the gold form, or accept a draft."""
    from .model import IngestError

    if args.accept:
        if args.article:
            return _usage("give either ARTICLE or --accept DRAFT, not both")
        return _accept(args)
    if not args.article:
        return _usage("give the ARTICLE file to draft, or --accept DRAFT")
    path = Path(args.article)
    if not path.is_file():
        return _fail(f"{path}: no such file")
    try:
        if args.as_format == "gold":
            from .gold import dump
            from .pipeline import extract

            print(dump(extract(path, url=args.url, published=args.published,
                               records=args.records)), end="")
            return 0
        from .drafting import draft

        d = draft(path, url=args.url, published=args.published, out=args.out,
                  records=args.records)
    except IngestError as exc:
        return _fail(str(exc))
    _report(d)
    return 0


def _usage(message: str) -> int:
    print(f"usage: sco-analysis ingest ARTICLE [options] | --accept DRAFT\n"
          f"sco-analysis ingest: error: {message}", file=sys.stderr)
    return 2


def _report(d) -> None:
    print(f"Drafted {len(d.extraction.events)} event(s) from {d.extraction.article.name} "
          f"({d.extraction.article.language}) into {d.directory}:")
    for (event_id, existing) in d.event_ids:
        print(f"  {event_id}: {'addition to the existing record' if existing else 'new'}")
    for change in d.changes.values():
        print(f"  records/{change.rel} ({change.kind})")
    if d.todo:
        print(f"{len(d.todo)} thing(s) to fill in or check: see {d.directory}/review.md")
    print(f"Review it, then: sco-analysis ingest --accept {d.directory}")


def _accept(args: argparse.Namespace) -> int:
    from .acceptance import AcceptError, accept

    try:
        written = accept(args.accept, args.records)
    except AcceptError as exc:
        for p in exc.problems:
            print(p, file=sys.stderr)
        return _fail(str(exc))
    for path in written:
        print(f"wrote {path}")
    print(f"Accepted {args.accept}: {len(written)} file(s) written and validated.")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    """Score the ingest on a directory with gold labels."""
    from .evaluate import articles, evaluate, table

    if not Path(args.directory).is_dir():
        return _fail(f"{args.directory}: no such directory")
    if not articles(args.directory):
        return _fail(f"{args.directory}: no *.md or *.html article with a *.gold.yaml beside "
                     "it")
    start = time.perf_counter()
    scores, failures = evaluate(args.directory, args.records)
    for line in failures:
        print(f"not drafted: {line}", file=sys.stderr)
    print(f"{len(articles(args.directory))} articles in {time.perf_counter() - start:.1f} s")
    print(table(scores))
    return 0
