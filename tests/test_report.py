"""Notebooks and the report: executed, linked, deterministic, atomic, safe, seen in a browser."""

from __future__ import annotations

import ast
import hashlib
import json
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sco_analysis.report import Parameters, ReportError, build_report, check_parameters

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
ARTIFACTS = ROOT / "test-artifacts"

pytestmark = pytest.mark.slow


def quiet(_msg: str) -> None:
    pass


def digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and ((tag == "a" and name == "href") or (tag == "img" and name == "src")):
                self.links.append(value)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "reports"
    build_report(Parameters(), out, log=quiet)
    return out


def test_notebooks_are_stored_without_outputs_and_start_with_parameters() -> None:
    paths = sorted(NOTEBOOKS.glob("*.ipynb"))
    assert len(paths) >= 4
    for path in paths:
        nb = json.loads(path.read_text(encoding="utf-8"))
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        assert "parameters" in code[0]["metadata"].get("tags", []), path.name
        for cell in code:
            assert cell["outputs"] == [] and cell["execution_count"] is None, path.name
        assert nb["metadata"]["kernelspec"]["name"] == "python3"
        source = "".join("".join(c["source"]) for c in code)
        assert "import sco_analysis" in source


def test_every_notebook_becomes_a_page_with_its_figures(built: Path) -> None:
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        page = built / f"{path.stem}.html"
        assert page.exists(), path.name
        text = page.read_text(encoding="utf-8")
        assert 'href="index.html"' in text
        assert f"figures/{path.stem}-" in text
    figures = sorted((built / "figures").glob("*.png"))
    assert len(figures) >= 8
    assert all(f.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for f in figures)
    index = (built / "index.html").read_text(encoding="utf-8")
    for f in figures:
        assert f'src="figures/{f.name}"' in index  # a thumbnail per figure


def test_code_is_hidden_by_default(built: Path) -> None:
    text = (built / "02-meeting-cadence.html").read_text(encoding="utf-8")
    assert "highlight hl-python" not in text
    assert "Parameters injected" not in text


def test_every_link_and_image_resolves(built: Path) -> None:
    for page in sorted(built.glob("*.html")):
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        local = [link for link in parser.links if not link.startswith(("http", "#",
                                                                       "mailto:"))]
        assert local, page.name
        for link in local:
            target = built / link.split("#")[0]
            assert target.is_file(), f"{page.name} links to missing {link}"


def test_index_names_the_dataset_and_parameters(built: Path) -> None:
    import sco_analysis as sco

    ds = sco.load(quiet=True)
    index = (built / "index.html").read_text(encoding="utf-8")
    assert ds.manifest["dataset_hash"] in index
    assert ds.version in index
    assert "bundled dataset" in index


def test_second_build_is_byte_identical(built: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    build_report(Parameters(), again, log=quiet)
    assert digests(again) == digests(built)


def _broken_notebook(path: Path) -> Path:
    import nbformat

    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("start = None\nend = None\nseries = None\n"
                                       "records = None\nas_of = None")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# A broken notebook"), params,
                nbformat.v4.new_code_cell("import sco_analysis as sco\nds = sco.load()"),
                nbformat.v4.new_code_cell("ds.events['no_such_column']")]
    for i, c in enumerate(nb.cells):
        c["id"] = f"b{i}"
    nbformat.write(nb, path)
    return path


def test_broken_notebook_fails_clearly_and_keeps_previous_report(tmp_path: Path) -> None:
    books = tmp_path / "notebooks"
    books.mkdir()
    shutil.copy(NOTEBOOKS / "02-meeting-cadence.ipynb", books)
    out = tmp_path / "reports"
    build_report(Parameters(), out, notebooks=books, log=quiet)
    before = digests(out)
    _broken_notebook(books / "99-broken.ipynb")
    run = subprocess.run(
        [sys.executable, "-m", "sco_analysis.cli", "report", "--notebooks", str(books),
         "--output", str(out)], capture_output=True, text=True, check=False, cwd=tmp_path)
    assert run.returncode == 1
    assert "the previous report is unchanged" in run.stderr
    assert ("99-broken.ipynb: cell 4 (code cell 3: \"ds.events['no_such_column']\") raised "
            "KeyError: 'no_such_column'") in run.stderr
    assert "[2/2]" in run.stderr  # progress per notebook
    assert digests(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notebooks", "reports"]


def test_parameters_reach_notebooks_as_data(data_dir: Path, tmp_path: Path) -> None:
    # A real directory whose name is an attempt to inject code.
    evil = tmp_path / 'x"); import os; os.system("touch PWNED"); ("'
    shutil.copytree(data_dir, evil)
    from papermill.translators import translate_parameters

    params = check_parameters("2024", None, ["ict_ministers"], str(evil), None)
    injected = translate_parameters("python", "python", params.for_notebooks(), "Parameters")
    tree = ast.parse(injected)
    assert all(isinstance(node, ast.Assign) for node in tree.body)
    assert all(isinstance(node.value, (ast.Constant, ast.List)) for node in tree.body)
    namespace: dict[str, object] = {}
    exec(compile(tree, "<injected>", "exec"), namespace)
    assert namespace["records"] == str(evil.resolve())
    assert namespace["start"] == "2024" and namespace["series"] == ["ict_ministers"]

    books = tmp_path / "notebooks"
    books.mkdir()
    shutil.copy(NOTEBOOKS / "03-participants.ipynb", books)
    out = tmp_path / "reports"
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        build_report(params, out, notebooks=books, log=quiet)
    finally:
        os.chdir(cwd)
    assert not list(tmp_path.rglob("PWNED")) and not Path("PWNED").exists()
    page = (out / "03-participants.html").read_text(encoding="utf-8")
    assert "Astana" not in page or "ict_ministers_3_2024" in page
    assert "ict_ministers_3_2024" in page  # the fixture's meeting, in the chosen period


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"series": ['x"); import os; os.system("touch PWNED") #']}, "unknown series"),
    ({"start": "2024-13-01"}, "there is no month 13"),
    ({"end": "2019-01-01", "start": "2020-01-01"}, "is before --start"),
    ({"records": "/nonexistent/records"}, "no such directory"),
])
def test_bad_parameters_are_rejected(tmp_path: Path, kwargs: dict, message: str) -> None:
    args = {"start": None, "end": None, "series": None, "records": None, "as_of": None,
            **kwargs}
    with pytest.raises(ReportError, match=message):
        params = check_parameters(**args)
        build_report(params, tmp_path / "out", log=quiet)
    assert not (tmp_path / "out").exists()
    assert not Path("PWNED").exists()


def test_filters_run_through_every_notebook(data_dir: Path, tmp_path: Path) -> None:
    params = check_parameters("2024-01", "2024-12", ["heads_of_state"], str(data_dir), None)
    out = tmp_path / "reports"
    build_report(params, out, with_code=True, log=quiet)
    page = (out / "02-meeting-cadence.html").read_text(encoding="utf-8")
    assert "highlight hl-python" in page  # --with-code shows the code
    assert ">summary</span>" in page
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Jan 2024 to Dec 2024" in index and "heads_of_state" in index


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def test_pages_render_in_a_real_browser(built: Path) -> None:
    browser_path = _chromium()
    if browser_path is None:
        pytest.skip("no chromium on this machine (make test installs Debian's chromium "
                    "when run as root)")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update",
            "--disable-sync"]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_path, args=args)
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        for html_file in sorted(built.glob("*.html")):
            page.goto(html_file.as_uri(), wait_until="load")
            images = page.evaluate(
                "Array.from(document.images).map(i => [i.getAttribute('src'), "
                "i.complete, i.naturalWidth])")
            assert images, html_file.name
            broken = [src for src, complete, width in images if not complete or width <= 0]
            assert not broken, f"{html_file.name}: images not loaded: {broken}"
            assert page.title()
            page.screenshot(path=str(ARTIFACTS / f"report-{html_file.stem}.png"),
                            full_page=True)
        browser.close()
    assert (ARTIFACTS / "report-index.png").stat().st_size > 10_000



def test_a_notebook_over_its_time_budget_is_stopped(tmp_path: Path) -> None:
    import nbformat

    books = tmp_path / "notebooks"
    books.mkdir()
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("start = end = series = records = as_of = None")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# Slow"), params,
                nbformat.v4.new_code_cell("import time\ntime.sleep(120)")]
    for i, c in enumerate(nb.cells):
        c["id"] = f"s{i}"
    nbformat.write(nb, books / "slow.ipynb")
    with pytest.raises(ReportError, match=r"slow.ipynb: cell 3 did not finish within 3 s "
                                          r"\(the time limit of a cell\)"):
        build_report(Parameters(), tmp_path / "out", notebooks=books, timeout=3, log=quiet)
    assert not (tmp_path / "out").exists()
