"""Run one notebook: parameters injected by papermill, cells executed by nbclient, cached.

An executed notebook is kept in the user's cache under a key made of the notebook file,
the parameters, the dataset's content hash and the package's code: when none of them
changed, the notebook is not run again (as Quarto's ``freeze`` or jupyter-cache do; those
key on the notebook's code alone, while these outputs also depend on the data and the
package, hence a key of our own).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..paths import PACKAGE_DIR, cache_root
from .parameters import Parameters

INJECTED_TAG = "injected-parameters"
#: Executed notebooks kept in the cache, at most (the oldest go first).
CACHE_SIZE = 64
KERNEL_ENV = {
    "MPLBACKEND": "module://matplotlib_inline.backend_inline",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
}


#: Optional modules that jsonschema imports, when installed, as it is itself imported. The
#: IRI checker rfc3987-syntax builds about 35 Earley parsers at import, 1.5 s of every
#: report (python-jsonschema/jsonschema#1428), for a format no notebook schema uses.
SKIPPED_AT_IMPORT = ("rfc3987_syntax",)


def import_notebook_tools() -> None:
    """Import nbformat, papermill, nbclient and nbconvert once, before the threads run.

    If jsonschema is not imported yet, the modules of :data:`SKIPPED_AT_IMPORT` are hidden
    while it is: it then leaves out the checks of the ``iri`` formats, which nbformat's
    schema does not use. They are importable again afterwards.
    """
    hidden = [] if "jsonschema" in sys.modules else \
        [m for m in SKIPPED_AT_IMPORT if m not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # import raises ImportError
    try:
        import nbclient  # noqa: F401
        import nbconvert  # noqa: F401
        import nbformat  # noqa: F401
        import papermill.parameterize  # noqa: F401
    finally:
        for name in hidden:
            if sys.modules.get(name, False) is None:
                del sys.modules[name]


@dataclass
class Outcome:
    """What running one notebook gave."""

    name: str
    ok: bool
    seconds: float
    notebook: Any = None
    error: str = ""
    cached: bool = False


#: Package folders that are not code: the data (in the dataset's hash), the notebooks (in
#: each notebook's key), the docs.
_NOT_CODE = {"__pycache__", "_data", "_notebooks", "_docs"}


@functools.cache
def code_digest() -> str:
    """SHA-256 of every file of the package: what notebooks run besides their cells and data.

    Code, templates, the chart style and the ingest's example articles all count.
    """
    h = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        rel = path.relative_to(PACKAGE_DIR)
        if path.is_file() and not _NOT_CODE & set(rel.parts) and path.suffix != ".pyc":
            h.update(rel.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def cache_key(path: Path, params: Parameters, dataset_hash: str) -> str:
    """The key of one executed notebook: notebook, parameters, dataset and package code."""
    h = hashlib.sha256()
    h.update(path.read_bytes())
    h.update(json.dumps(params.for_notebooks(), sort_keys=True).encode())
    h.update(dataset_hash.encode() + code_digest().encode())
    return h.hexdigest()


def cache_dir() -> Path:
    """Where executed notebooks are kept."""
    return cache_root() / "notebooks"


def _from_cache(key: str) -> Any:
    import nbformat

    path = cache_dir() / f"{key}.ipynb"
    try:
        nb = nbformat.read(path, as_version=4)
        os.utime(path)  # recently used: pruned last
        return nb
    except (OSError, ValueError):
        return None


def _to_cache(key: str, nb: Any) -> None:
    import nbformat

    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{key}.{os.getpid()}.tmp"
    nbformat.write(nb, tmp)
    os.replace(tmp, folder / f"{key}.ipynb")
    kept = sorted(folder.glob("*.ipynb"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in kept[CACHE_SIZE:]:
        old.unlink(missing_ok=True)


def _position(nb: Any, index: int) -> tuple[int, int]:
    """The cell's number in the notebook file and its code-cell number (injection not counted)."""
    cells = [c for c in nb.cells[: index + 1]
             if INJECTED_TAG not in c.get("metadata", {}).get("tags", [])]
    return len(cells), sum(c.cell_type == "code" for c in cells)


def run(path: Path, params: Parameters, timeout: float) -> Outcome:
    """Run one notebook in a fresh kernel; each cell within ``timeout`` seconds."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    started = time.monotonic()
    nb = load_notebook_node(str(path))
    if not any("parameters" in c.metadata.get("tags", []) for c in nb.cells):
        return Outcome(path.name, False, 0.0, nb, "no cell tagged 'parameters' (the report "
                       "sets its values after that cell)")
    nb = parameterize_notebook(nb, params.for_notebooks(), kernel_name="python3",
                               language="python")
    for cell in nb.cells:  # papermill gives the injected cell a random id: fix it
        if INJECTED_TAG in cell.metadata.get("tags", []):
            cell["id"] = INJECTED_TAG
    # shutdown "immediate": once a notebook's last cell has answered (its outputs all in), or
    # one is over its time limit, the kernel is stopped at once; a graceful shutdown now and
    # then waits seconds for a kernel that does not exit (jupyter/jupyter_client#756)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}},
                            record_timing=False, allow_errors=False,
                            shutdown_kernel="immediate")
    index = -1
    try:
        # the kernel's own log goes nowhere: what cells print comes back through iopub
        with client.setup_kernel(env={**os.environ, **KERNEL_ENV},
                                 stderr=subprocess.DEVNULL):
            for index, cell in enumerate(nb.cells):
                if cell.cell_type == "code":
                    client.execute_cell(cell, index)
    except CellExecutionError as exc:
        number, code = _position(nb, index)
        first = next((ln for ln in nb.cells[index].source.splitlines() if ln.strip()), "")
        return Outcome(path.name, False, time.monotonic() - started, nb,
                       f"cell {number} (code cell {code}: {first.strip()!r}) raised "
                       f"{exc.ename}: {exc.evalue}")
    except (CellTimeoutError, TimeoutError):
        number, _ = _position(nb, index)
        return Outcome(path.name, False, time.monotonic() - started, nb,
                       f"cell {number} did not finish within {timeout:g} s (the time "
                       "limit of a cell); raise it with --timeout")
    except Exception as exc:
        return Outcome(path.name, False, time.monotonic() - started, nb,
                       f"could not run: {type(exc).__name__}: {exc}")
    return Outcome(path.name, True, time.monotonic() - started, nb)


def execute(path: Path, params: Parameters, timeout: float, dataset_hash: str,
            force: bool = False) -> Outcome:
    """The executed notebook: from the cache when nothing changed, else run and cached."""
    key = cache_key(path, params, dataset_hash)
    if not force and (nb := _from_cache(key)) is not None:
        return Outcome(path.name, True, 0.0, nb, cached=True)
    outcome = run(path, params, timeout)
    if outcome.ok:
        _to_cache(key, outcome.notebook)
    return outcome
