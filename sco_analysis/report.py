"""``sco-analysis report``: execute every notebook and write a browsable report.

The report directory holds one HTML page per notebook (code hidden unless ``--with-code``),
every figure as a PNG file under ``figures/``, and ``index.html`` linking the pages with a
thumbnail per figure, the parameters and the dataset's version and content hash.

How it works:

1. The parameters are checked and turned into data: dates must be dates, series must be
   known series ids, the records path must be a directory. They reach each notebook as a
   cell of Python literals written with ``repr`` after its ``parameters`` cell, never as
   text pasted into code.
2. The dataset is built once, before any kernel starts.
3. Notebooks run concurrently (one kernel each, as many as there are cores), each with a
   time budget; progress is printed as each one finishes.
4. Everything is written to a temporary directory beside the report, which replaces the
   previous report only when every notebook succeeded. On failure the report names the
   notebook, the cell and the error, exits non-zero, and the previous report stays.

Nothing time-dependent is written (no run times, kernel ids or execution timestamps), so
the same records and parameters give byte-identical files.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import copy
import hashlib
import html
import json
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .outputs import replace_dir
from .paths import bundled

NOTEBOOKS = bundled("notebooks")
INJECTED_TAG = "injected-parameters"


class ReportError(Exception):
    """A report could not be built; the message says why and what to do."""


# ---------------------------------------------------------------------------------------
# parameters


@dataclass(frozen=True)
class Parameters:
    """Checked report parameters: only dates, known series ids and an existing path."""

    start: str | None = None
    end: str | None = None
    series: tuple[str, ...] | None = None
    records: str | None = None
    as_of: str | None = None

    def as_python(self) -> str:
        """The injected cell: one assignment per parameter, values as Python literals."""
        values = {
            "start": self.start,
            "end": self.end,
            "series": list(self.series) if self.series else None,
            "records": self.records,
            "as_of": self.as_of,
        }
        lines = ["# Parameters injected by sco-analysis report"]
        lines += [f"{name} = {value!r}" for name, value in values.items()]
        return "\n".join(lines)

    def describe(self) -> list[tuple[str, str]]:
        """(name, value) pairs for people, in the index page."""
        return [
            ("period", f"{self.start or 'beginning'} to {self.end or 'end'}"),
            ("series", ", ".join(self.series) if self.series else "all"),
            ("records", self.records or "bundled dataset"),
            ("overdue judged as of", self.as_of or "the last date in the data"),
        ]


def check_parameters(start: str | None, end: str | None, series: list[str] | None,
                     records: str | None, as_of: str | None) -> Parameters:
    """Turn command-line values into :class:`Parameters`, or raise :class:`ReportError`."""
    from .dates import DateError, format_date, parse_date, period_last_day

    def day(value: str | None, name: str, last: bool = False) -> str | None:
        if value is None:
            return None
        try:
            first, precision = parse_date(value)
        except DateError as exc:
            raise ReportError(f"--{name.replace('_', '-')} {value!r}: {exc}; expected "
                              "YYYY-MM-DD, YYYY-MM or YYYY") from None
        return (period_last_day(first, precision) if last else first).isoformat() \
            if precision != "day" else format_date(first, precision)

    p_start, p_end, p_as_of = day(start, "start"), day(end, "end", last=True), \
        day(as_of, "as_of")
    if p_start and p_end and p_end < p_start:
        raise ReportError(f"--end {end} is before --start {start}")
    path = None
    if records is not None:
        resolved = Path(records).expanduser().resolve()
        if not resolved.is_dir():
            raise ReportError(f"--records {records!r}: no such directory (expected a data "
                              "directory with records/ and reference/, or a directory of "
                              "YAML records)")
        path = str(resolved)
    wanted = None
    if series:
        wanted = tuple(s.strip() for item in series for s in item.split(",") if s.strip())
    return Parameters(p_start, p_end, wanted, path, p_as_of)


# ---------------------------------------------------------------------------------------
# running one notebook


@dataclass
class Outcome:
    """What running one notebook gave."""

    name: str
    ok: bool
    seconds: float
    notebook: Any = None
    error: str = ""


def inject(nb: Any, params: Parameters) -> Any:
    """A copy of ``nb`` with the parameters cell followed by the injected values."""
    import nbformat

    nb = copy.deepcopy(nb)
    index = next((i for i, c in enumerate(nb.cells) if c.cell_type == "code"
                  and "parameters" in c.get("metadata", {}).get("tags", [])), None)
    if index is None:
        raise ReportError(f"{nb.metadata.get('sco_name', 'notebook')}: no cell tagged "
                          "'parameters' (the report sets its values after that cell)")
    nb.cells = [c for c in nb.cells
                if INJECTED_TAG not in c.get("metadata", {}).get("tags", [])]
    cell = nbformat.v4.new_code_cell(params.as_python())
    cell.metadata["tags"] = [INJECTED_TAG]
    cell["id"] = "injected-parameters"
    nb.cells.insert(index + 1, cell)
    return nb


def execute(path: Path, params: Parameters, timeout: float) -> Outcome:
    """Run one notebook in a fresh kernel within ``timeout`` seconds."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    started = time.monotonic()
    nb = nbformat.read(path, as_version=4)
    nb.metadata["sco_name"] = path.name
    nb = inject(nb, params)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}},
                            record_timing=False, allow_errors=False,
                            # the kernel listens on localhost only; its warning that the
                            # local sockets are not encrypted is noise in a report run
                            extra_arguments=["--IPKernelApp.log_level=ERROR"])
    deadline = started + timeout
    code_number = 0
    position = 0  # the cell's number in the notebook file (the injected cell not counted)
    try:
        with client.setup_kernel(env=_kernel_env()):
            for index, cell in enumerate(nb.cells):
                injected = INJECTED_TAG in cell.get("metadata", {}).get("tags", [])
                position += 0 if injected else 1
                if cell.cell_type != "code":
                    continue
                code_number += 0 if injected else 1
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise CellTimeoutError(f"the notebook ran out of its {timeout:.0f} s "
                                           f"budget before cell {position}")
                client.timeout = max(1, int(remaining))
                client.execute_cell(cell, index)
    except CellExecutionError as exc:
        first = next((ln for ln in cell.source.splitlines() if ln.strip()), "")
        return Outcome(path.name, False, time.monotonic() - started, nb,
                       f"cell {position} (code cell {code_number}: {first.strip()!r}) "
                       f"raised {exc.ename}: {exc.evalue}")
    except (CellTimeoutError, TimeoutError) as exc:
        return Outcome(path.name, False, time.monotonic() - started, nb,
                       f"cell {position} did not finish within the {timeout:.0f} s budget "
                       f"of the notebook ({exc}); raise it with --timeout")
    except Exception as exc:
        return Outcome(path.name, False, time.monotonic() - started, nb,
                       f"could not run: {type(exc).__name__}: {exc}")
    return Outcome(path.name, True, time.monotonic() - started, nb)


def _kernel_env() -> dict[str, str]:
    env = dict(os.environ)
    env["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    return env


# ---------------------------------------------------------------------------------------
# HTML and figures


@dataclass
class Page:
    """One rendered notebook: its file, title, summary and figures."""

    stem: str
    title: str
    summary: str
    html: str
    figures: list[tuple[str, bytes]] = field(default_factory=list)


_VOLATILE_KEYS = ("execution", "collapsed", "scrolled", "jupyter")


def scrub(nb: Any) -> Any:
    """Remove what changes from run to run: timings, kernel ids, execution counts."""
    nb = copy.deepcopy(nb)
    nb.metadata.pop("sco_name", None)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        for key in _VOLATILE_KEYS:
            cell.metadata.pop(key, None)
        if cell.cell_type == "code":
            cell.execution_count = None
            for out in cell.get("outputs", []):
                if "execution_count" in out:
                    out["execution_count"] = None
                out.get("metadata", {}).pop("execution", None)
    return nb


def render(nb: Any, stem: str, with_code: bool) -> Page:
    """Render an executed notebook to HTML, figures extracted to ``figures/``."""
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import ExtractOutputPreprocessor
    from traitlets.config import Config

    nb = scrub(nb)
    config = Config()
    config.ExtractOutputPreprocessor.output_filename_template = (
        stem + "-{cell_index:02d}-{index}{extension}")
    config.ExtractOutputPreprocessor.extract_output_types = {"image/png"}
    exporter = HTMLExporter(config=config, template_name="lab")
    exporter.exclude_input = not with_code
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    exporter.register_preprocessor(ExtractOutputPreprocessor(config=config), enabled=True)
    body, resources = exporter.from_notebook_node(
        nb, resources={"output_files_dir": "figures", "metadata": {"name": stem}})
    figures = sorted((Path(name).name, data) for name, data in
                     resources.get("outputs", {}).items())
    title = stem
    summary = ""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            text = cell.source.strip()
            if text.startswith("# "):
                head, _, rest = text.partition("\n")
                title = head[2:].strip()
                summary = rest.strip().split("\n\n")[0].strip()
                break
    return Page(stem, title, summary, _finish_page(body, title), figures)


_EXTERNAL_SCRIPT = re.compile(r'<script[^>]*\bsrc="https?://[^"]*"[^>]*>\s*</script>\s*')


def _finish_page(body: str, title: str) -> str:
    body = _EXTERNAL_SCRIPT.sub("", body)  # the report works offline
    nav = ('<nav class="sco-nav"><a href="index.html">&larr; Report index</a></nav>')
    body = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + nav, body, count=1)
    style = ("<style>.sco-nav{font:14px sans-serif;padding:8px 16px;border-bottom:1px solid "
             "#ddd}.jp-RenderedHTMLCommon table.sco-table td,"
             ".jp-RenderedHTMLCommon table.sco-table th{text-align:left}</style>")
    body = body.replace("</head>", style + "</head>", 1)
    return re.sub(r"<title>.*?</title>", f"<title>{html.escape(title)}</title>", body,
                  count=1, flags=re.S)


def index_page(pages: list[Page], params: Parameters, manifest: dict[str, Any],
               version: str) -> str:
    """The report's front page: pages, figure thumbnails, parameters, dataset version."""
    esc = html.escape
    rows = []
    for p in pages:
        thumbs = "".join(
            f'<a href="{esc(p.stem)}.html"><img src="figures/{esc(name)}" '
            f'alt="figure {i} of {esc(p.title)}"></a>'
            for i, (name, _) in enumerate(p.figures, start=1))
        rows.append(
            f'<section><h2><a href="{esc(p.stem)}.html">{esc(p.title)}</a></h2>'
            f"<p>{esc(p.summary)}</p><div class=\"thumbs\">{thumbs}</div></section>")
    tables = "".join(f"<tr><td>{esc(n)}</td><td>{t['rows']}</td></tr>"
                     for n, t in manifest["tables"].items())
    param_rows = "".join(f"<tr><td>{esc(k)}</td><td>{esc(v)}</td></tr>"
                         for k, v in params.describe())
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SCO digital cooperation: report</title>
<style>
body{{font-family:-apple-system,Segoe UI,DejaVu Sans,sans-serif;max-width:1100px;margin:24px auto;
padding:0 16px;color:#222;line-height:1.45}}
h1{{font-size:26px;margin-bottom:4px}} h2{{font-size:19px;margin:0 0 4px}}
section{{border-top:1px solid #ddd;padding:16px 0}}
.thumbs img{{width:240px;height:auto;border:1px solid #ccc;margin:4px 8px 4px 0;
vertical-align:top;background:#fff}}
table{{border-collapse:collapse;font-size:13px}} td{{border:1px solid #ddd;padding:2px 8px}}
.meta{{display:flex;gap:32px;flex-wrap:wrap}} code{{font-size:12px}}
</style></head><body>
<h1>SCO digital and ICT cooperation: report</h1>
<p>Meetings, participants and agreements of the Shanghai Cooperation Organisation's
digital and ICT cooperation, from sourced records. Each page is an executed notebook;
every figure is also a PNG file in <code>figures/</code>.</p>
{''.join(rows)}
<section class="meta"><div><h2>Dataset</h2><p>version <code>{esc(version)}</code><br>
content hash <code>{esc(manifest['dataset_hash'])}</code><br>
schema {esc(manifest['schema_version'])}, sco-analysis {esc(manifest['package_version'])}
</p><table>{tables}</table></div>
<div><h2>Parameters</h2><table>{param_rows}</table></div></section>
</body></html>
"""


# ---------------------------------------------------------------------------------------
# the command


def build_report(params: Parameters, output: Path, *, notebooks: Path = NOTEBOOKS,
                 with_code: bool = False, timeout: float = 600, jobs: int | None = None,
                 log: Any = None) -> Path:
    """Execute the notebooks and write the report to ``output`` (atomically)."""
    from .dataset import load
    from .outputs import check_place, check_replaceable
    from .paths import resolve

    log = log or (lambda msg: print(msg, file=sys.stderr, flush=True))
    paths = sorted(notebooks.glob("*.ipynb"))
    if not paths:
        raise ReportError(f"{notebooks}: no notebooks (*.ipynb) to run")
    data = resolve(params.records)
    output = output.absolute()
    check_place(output, protected=[data.records, data.reference])  # before any work
    check_replaceable(output, "report")
    log(f"Checking and building the dataset ({params.records or 'bundled'}) ...")
    ds = load(params.records, quiet=True)
    if params.series:
        known = set(ds.series["series_id"].astype(str))
        unknown = [s for s in params.series if s not in known]
        if unknown:
            raise ReportError(f"--series {', '.join(unknown)}: unknown series; known: "
                              + ", ".join(sorted(known)))
    workers = max(1, min(jobs or os.cpu_count() or 1, len(paths)))
    log(f"Running {len(paths)} notebooks, {workers} at a time "
        f"(each within {timeout:.0f} s) ...")
    outcomes: dict[str, Outcome] = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(execute, p, params, timeout): p for p in paths}
        for done, future in enumerate(concurrent.futures.as_completed(futures), start=1):
            outcome = future.result()
            outcomes[outcome.name] = outcome
            state = "ok" if outcome.ok else "FAILED"
            log(f"  [{done}/{len(paths)}] {outcome.name}: {state} ({outcome.seconds:.1f} s)")
    failed = [o for o in outcomes.values() if not o.ok]
    if failed:
        lines = [f"{o.name}: {o.error}" for o in sorted(failed, key=lambda o: o.name)]
        raise ReportError("the report was not written; the previous report is unchanged.\n"
                          + "\n".join(lines))

    pages = [render(outcomes[p.name].notebook, p.stem, with_code) for p in paths]
    with replace_dir(output, "report", protected=[ds.data.records, ds.data.reference],
                     log=log) as tmp:
        (tmp / "figures").mkdir()
        for page in pages:
            (tmp / f"{page.stem}.html").write_text(page.html, encoding="utf-8")
            for name, data in page.figures:
                (tmp / "figures" / name).write_bytes(data)
        (tmp / "index.html").write_text(index_page(pages, params, ds.manifest, ds.version),
                                        encoding="utf-8")
        listing = {p.relative_to(tmp).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                   for p in sorted(tmp.rglob("*")) if p.is_file()}
        (tmp / "report.json").write_text(json.dumps({
            "dataset_hash": ds.manifest["dataset_hash"],
            "parameters": dict(params.__dict__),
            "files": listing}, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    n_fig = sum(len(p.figures) for p in pages)
    log(f"Wrote {output}/index.html: {len(pages)} pages, {n_fig} figures "
        f"(dataset {ds.version}).")
    return output / "index.html"


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Add the report's options to a parser."""
    p.add_argument("--start", help="first day of the period (YYYY-MM-DD, YYYY-MM or YYYY)")
    p.add_argument("--end", help="last day of the period (YYYY-MM-DD, YYYY-MM or YYYY)")
    p.add_argument("--series", action="append", metavar="ID",
                   help="only these series (repeat, or separate with commas)")
    p.add_argument("--records", default=None, metavar="PATH",
                   help="data directory or directory of YAML records (default: bundled)")
    p.add_argument("--as-of", default=None, metavar="DATE",
                   help="the date to judge whether a meeting is overdue (default: the last "
                        "date in the data)")
    from .cli import count_argument, directory_argument, seconds_argument

    p.add_argument("--output", default="reports", metavar="DIR", type=directory_argument,
                   help="report directory (default: reports)")
    p.add_argument("--with-code", action="store_true", help="show the code cells")
    p.add_argument("--timeout", type=seconds_argument, default=600, metavar="SECONDS",
                   help="time budget of each notebook (default: 600)")
    p.add_argument("--jobs", type=count_argument, default=None, metavar="N",
                   help="notebooks run at the same time (default: number of cores)")
    p.add_argument("--notebooks", default=str(NOTEBOOKS), metavar="DIR",
                   help=argparse.SUPPRESS)


def main(args: argparse.Namespace) -> int:
    """Run the report command; return the exit status."""
    from .outputs import OutputError
    from .problems import ValidationError

    try:
        params = check_parameters(args.start, args.end, args.series, args.records,
                                  args.as_of)
        index = build_report(params, Path(args.output), notebooks=Path(args.notebooks),
                             with_code=args.with_code, timeout=args.timeout, jobs=args.jobs)
    except (ReportError, OutputError) as exc:
        print(f"sco-analysis report: {exc}", file=sys.stderr)
        return 1
    except ValidationError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    print(f"Open {index}")
    return 0
