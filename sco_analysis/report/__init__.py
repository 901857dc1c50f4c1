"""``sco-analysis report``: execute every notebook and write a browsable report.

The report directory holds one HTML page per notebook (code hidden unless ``--with-code``),
every figure as a PNG file under ``figures/`` (named after what it shows), ``index.html``
with a thumbnail per figure, the slice, the "as of" day and the dataset's version, and
``report.json`` (what went in, every file's hash).

How it works, one module per step:

1. ``parameters``: the options are checked and turned into data (periods, a day, series and
   party names known to the dataset, an existing directory); the output directory is
   checked before any work (:mod:`sco_analysis.outputs`).
2. The dataset is built once, before any kernel starts.
3. ``execute``: papermill injects the parameters after each notebook's ``parameters`` cell;
   notebooks run concurrently, each cell within ``--timeout``, and every executed notebook
   is cached by notebook, parameters, dataset and package code, so an unchanged notebook is
   not run again (``--force`` runs them all). Progress is printed per notebook.
4. ``render``: nbconvert with the package's page template; ``index.html`` from a Jinja2
   template shipped in the package.
5. Everything is written aside and swapped in place of the previous report only when every
   notebook succeeded. On failure the report names the notebook, the cell and the error,
   exits non-zero, and the previous report stays. A report that is already up to date (same
   inputs, files untouched) is left as it is.

Nothing time-dependent is written (no run times, kernel ids or execution timestamps), so the
same records and parameters give byte-identical files.
"""

from __future__ import annotations

from .build import add_arguments, build_report, main
from .parameters import Parameters, ReportError, check_parameters
from .render import Page

__all__ = ["Page", "Parameters", "ReportError", "add_arguments", "build_report",
           "check_parameters", "main"]
