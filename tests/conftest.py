"""Shared fixtures: a small valid data directory (a real subset) to break in many ways."""

from __future__ import annotations

import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A fresh copy of tests/fixtures/valid (records + reference) in a temporary directory."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid", target, ignore=shutil.ignore_patterns("parquet"))
    return target


def write(path: Path, text: str) -> Path:
    """Write dedented text to path, creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the ``sco-analysis`` command in this process, as a subprocess would be run.

    Returns the exit status and what was printed; much faster than a new interpreter.
    """
    import contextlib
    import io
    import os

    from sco_analysis import cli

    out, err = io.StringIO(), io.StringIO()
    before = os.getcwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = cli.main(list(args))
            except SystemExit as exc:  # argparse usage errors
                status = int(exc.code or 0)
    finally:
        os.chdir(before)
    return subprocess.CompletedProcess(["sco-analysis", *args], status, out.getvalue(),
                                       err.getvalue())


def text_of(page: Path) -> str:
    """A report page's visible text, one space between cells."""
    import html
    import re

    text = re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8"))
    return re.sub(r"\s+", " ", html.unescape(text))


def problems(path: Path) -> list[str]:
    """Every problem sco-analysis finds in a data directory, as printed lines."""
    import sco_analysis as sco

    return [str(p) for p in sco.validate(path)]


_CACHE: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    """A cache of its own for the test session: no test reads or fills the user's cache."""
    import os
    import tempfile

    _CACHE.append(tempfile.mkdtemp(prefix="sco-test-cache-"))
    os.environ["XDG_CACHE_HOME"] = _CACHE[0]


def pytest_unconfigure(config: pytest.Config) -> None:
    for path in _CACHE:
        shutil.rmtree(path, ignore_errors=True)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On several cores, files marked ``slow`` first, the rest after them in their order.

    ``make test`` hands a file at a time to each core (pytest-xdist, ``--dist loadfile
    --no-loadscope-reorder``): the long files start at once and the short ones fill in
    around them, instead of one long file starting last while the other core idles. A run
    on one core keeps the files' order: quick answers first.
    """
    import os

    if os.environ.get("PYTEST_XDIST_WORKER"):
        items.sort(key=lambda item: item.get_closest_marker("slow") is None)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-baselines", action="store_true", default=False,
                     help="rewrite tests/baseline/*.png from the current charts")
