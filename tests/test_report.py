"""Notebooks and the report: executed, linked, cached, deterministic, safe, seen in a browser.

One report of the bundled data is built once (``built``) and shared by the tests that read
it; the others build small reports of their own (a notebook or two, the test fixture).
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import text_of

from sco_analysis.report import Parameters, ReportError, build_report, check_parameters

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
ARTIFACTS = ROOT / "test-artifacts"
PARAMETERS = ("start", "end", "series", "parties", "records", "as_of")

pytestmark = pytest.mark.slow


class Log(list):
    """Collects the report's progress lines."""

    def __call__(self, msg: str) -> None:
        self.append(msg)


def digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.alts: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "img":
            self.alts.append(found.get("alt"))
        for name, value in attrs:
            if value and ((tag == "a" and name == "href") or (tag == "img" and name == "src")):
                self.links.append(value)


def books(tmp_path: Path, *names: str) -> Path:
    """A notebooks directory with copies of some of the report's notebooks."""
    folder = tmp_path / "notebooks"
    folder.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(NOTEBOOKS / name, folder)
    return folder


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Log]:
    out = tmp_path_factory.mktemp("report") / "reports"
    log = Log()
    build_report(Parameters(), out, log=log)
    return out, log


# -- the notebooks ---------------------------------------------------------------------------


def test_notebook_tools_load_without_the_unused_iri_parsers() -> None:
    """In a fresh process: nbformat still validates, rfc3987-syntax is not built, and it can
    still be imported afterwards."""
    import importlib.util
    import subprocess
    import sys

    if importlib.util.find_spec("rfc3987_syntax") is None:
        pytest.skip("rfc3987-syntax is not installed here (it comes with JupyterLab)")
    code = ("import sys\n"
            "from sco_analysis.report.execute import import_notebook_tools\n"
            "import_notebook_tools()\n"
            "import nbformat\n"
            f"nbformat.validate(nbformat.read({str(NOTEBOOKS / '02-meeting-cadence.ipynb')!r},"
            " as_version=4))\n"
            "print('rfc3987_syntax' in sys.modules, 'lark' in sys.modules)\n"
            "import importlib.util\n"
            "print(importlib.util.find_spec('rfc3987_syntax') is not None)\n")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=False)
    assert res.returncode == 0, res.stderr
    built_parsers, findable = res.stdout.splitlines()
    assert built_parsers == "False False"
    assert findable == "True"  # installed with JupyterLab, and not hidden for good


def test_notebooks_are_stored_clean_with_parameters_and_named_cells() -> None:
    paths = sorted(NOTEBOOKS.glob("*.ipynb"))
    assert len(paths) >= 4
    ids: list[str] = []
    for path in paths:
        nb = json.loads(path.read_text(encoding="utf-8"))
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        assert "parameters" in code[0]["metadata"].get("tags", []), path.name
        first = code[0]["source"] if isinstance(code[0]["source"], str) else \
            "".join(code[0]["source"])
        assert all(re.search(rf"^{p} = ", first, re.M) for p in PARAMETERS), path.name
        for cell in code:
            assert cell["outputs"] == [] and cell["execution_count"] is None, path.name
        assert nb["metadata"]["kernelspec"]["name"] == "python3"
        assert "import sco_analysis" in "".join("".join(c["source"]) for c in code)
        ids += [c["id"] for c in code]
    # figures are named after their cells: every code cell has a descriptive, unique id
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z]+(-[a-z0-9]+)+", i) for i in ids), ids


# -- the shared report --------------------------------------------------------------------


def test_every_notebook_becomes_a_page_with_figures_named_after_them(
        built: tuple[Path, Log]) -> None:
    out, _ = built
    cell_ids = {c["id"] for p in NOTEBOOKS.glob("*.ipynb")
                for c in json.loads(p.read_text())["cells"]}
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        text = (out / f"{path.stem}.html").read_text(encoding="utf-8")
        assert 'href="index.html"' in text
        assert "as of " in text  # every page says the day it judges by
    figures = sorted((out / "figures").glob("*.png"))
    assert len(figures) >= 8
    assert all(f.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for f in figures)
    assert {"cadence-timeline.png", "participants-heatmap-focus.png",
            "agreements-digital.png"} <= {f.name for f in figures}
    assert all(f.stem in cell_ids for f in figures)
    index = (out / "index.html").read_text(encoding="utf-8")
    for f in figures:
        assert f'src="figures/{f.name}"' in index  # a thumbnail per figure, and only those


def test_code_is_hidden_and_figures_are_described(built: tuple[Path, Log]) -> None:
    out, _ = built
    text = (out / "02-meeting-cadence.html").read_text(encoding="utf-8")
    assert "highlight hl-python" not in text
    assert "Parameters" not in text
    parser = Links()
    parser.feed(text)
    assert parser.alts and all(a and a != "figure" for a in parser.alts)
    assert any(a.startswith("SCO meetings by series") for a in parser.alts if a)


def test_every_link_and_image_resolves(built: tuple[Path, Log]) -> None:
    out, _ = built
    for page in sorted(out.glob("*.html")):
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        local = [link for link in parser.links if not link.startswith(("http", "#",
                                                                       "mailto:"))]
        assert local, page.name
        for link in local:
            assert (out / link.split("#")[0]).is_file(), f"{page.name} links to {link}"
        assert "https://" not in "".join(re.findall(r"<script[^>]*>", page.read_text()))


def test_index_names_the_dataset_the_slice_and_the_day(built: tuple[Path, Log]) -> None:
    import sco_analysis as sco
    from sco_analysis.dates import today

    out, _ = built
    ds = sco.load(quiet=True)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert ds.manifest["dataset_hash"] in index and ds.version in index
    assert "bundled dataset" in index and "all dates" in index
    assert f"as of {today().isoformat()}" in index
    report = json.loads((out / "report.json").read_text())
    assert report["parameters"]["as_of"] == today().isoformat()


def test_nothing_changed_means_nothing_is_run(built: tuple[Path, Log], tmp_path: Path) -> None:
    out, first = built
    assert any("02-meeting-cadence.ipynb: ok" in m for m in first)
    before = digests(out)
    log = Log()
    build_report(Parameters(), out, log=log)
    assert any("up to date" in m for m in log) and digests(out) == before
    # another directory: no notebook runs again, every page is rendered from the cache
    again, log = tmp_path / "again", Log()
    build_report(Parameters(), again, log=log)
    assert sum("from the cache" in m for m in log) == len(list(NOTEBOOKS.glob("*.ipynb")))
    assert digests(again) == digests(out)


def test_a_forced_rebuild_is_byte_identical(built: tuple[Path, Log], tmp_path: Path) -> None:
    out, _ = built
    folder = books(tmp_path, "02-meeting-cadence.ipynb")
    log = Log()
    build_report(Parameters(), tmp_path / "forced", notebooks=folder, force=True, log=log)
    assert not any("from the cache" in m for m in log)
    forced = digests(tmp_path / "forced")
    for name, digest in forced.items():
        if name.startswith(("02-", "figures/cadence")):
            assert digests(out)[name] == digest, name


def test_a_changed_notebook_runs_again_alone(tmp_path: Path) -> None:
    folder = tmp_path / "notebooks"
    folder.mkdir()
    _notebook(folder / "01-one.ipynb", "print('one')", title="One")
    _notebook(folder / "02-two.ipynb", "print('two')", title="Two")
    build_report(Parameters(), tmp_path / "a", notebooks=folder, log=Log())
    _notebook(folder / "02-two.ipynb", "print('two, edited')", title="Two, edited")
    log = Log()
    build_report(Parameters(), tmp_path / "a", notebooks=folder, log=log)
    assert any("01-one.ipynb: unchanged, from the cache" in m for m in log)
    assert any("02-two.ipynb: ok" in m for m in log)
    assert "Two, edited" in (tmp_path / "a" / "index.html").read_text()


# -- failures and parameters -----------------------------------------------------------------


def _notebook(path: Path, *code: str, title: str = "A notebook") -> Path:
    import nbformat

    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("\n".join(f"{p} = None" for p in PARAMETERS))
    params.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell(f"# {title}"), params,
                *(nbformat.v4.new_code_cell(c) for c in code)]
    for i, c in enumerate(nb.cells):
        c["id"] = f"cell-{i}"
    nbformat.write(nb, path)
    return path


def test_broken_notebook_fails_clearly_and_keeps_previous_report(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "notebooks"
    folder.mkdir()
    _notebook(folder / "01-fine.ipynb", "print('fine')")
    out = tmp_path / "reports"
    build_report(Parameters(), out, notebooks=folder, log=Log())
    before = digests(out)
    _notebook(folder / "99-broken.ipynb", "import sco_analysis as sco\nds = sco.load()",
              "ds.events['no_such_column']", title="A broken notebook")
    from sco_analysis import cli

    status = cli.main(["report", "--notebooks", str(folder), "--output", str(out)])
    err = capsys.readouterr().err
    assert status == 1
    assert "the previous report is unchanged" in err
    assert ("99-broken.ipynb: cell 4 (code cell 3: \"ds.events['no_such_column']\") raised "
            "KeyError: 'no_such_column'") in err
    assert "[2/2]" in err  # progress per notebook
    assert digests(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notebooks", "reports"]


def test_a_cell_over_its_time_limit_is_stopped(tmp_path: Path) -> None:
    folder = tmp_path / "notebooks"
    folder.mkdir()
    _notebook(folder / "slow.ipynb", "import time\ntime.sleep(120)", title="Slow")
    # 3 s: the first cells of a fresh kernel must finish within the limit, even on a busy
    # machine (the kernel imports its plotting backend on its first cell)
    with pytest.raises(ReportError, match=r"slow.ipynb: cell 3 did not finish within 3 s "
                                          r"\(the time limit of a cell\)"):
        build_report(Parameters(), tmp_path / "out", notebooks=folder, timeout=3, log=Log())
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"series": ['x"); import os; os.system("touch PWNED") #']}, "unknown series"),
    ({"parties": ["Kazakstan"]}, r"unknown party 'Kazakstan'; the closest known: KAZ"),
    ({"start": "2024-13-01"}, "there is no month 13"),
    ({"end": "2019-01-01", "start": "2020-01-01"}, "is before --start"),
    ({"as_of": "2025-06"}, "expected a day"),
    ({"records": "/nonexistent/records"}, "no such directory"),
])
def test_bad_parameters_are_rejected(tmp_path: Path, kwargs: dict, message: str) -> None:
    from sco_analysis.dataset import UnknownPartyError

    with pytest.raises((ReportError, UnknownPartyError), match=message):
        build_report(check_parameters(**kwargs), tmp_path / "out", log=Log())
    assert not (tmp_path / "out").exists()
    assert not Path("PWNED").exists()


def test_parameters_are_injected_as_literals_even_from_a_path_that_is_code(
        tmp_path: Path) -> None:
    """Every injected value is a literal, whatever the text; the installed package runs a
    whole report from such a directory (``test_installed``)."""
    from papermill.translators import translate_parameters

    from sco_analysis.paths import bundled

    evil = tmp_path / 'x"); import os; os.system("touch PWNED"); ("'
    shutil.copytree(bundled("data"), evil, ignore=shutil.ignore_patterns("parquet"))
    params = check_parameters("2021", "2025", ['ict_ministers"); print("PWNED'],
                              str(evil), "2026-11-29", ["Kyrgyzstan"])
    code = translate_parameters("python", "python", params.for_notebooks(), "P")
    tree = ast.parse(code)
    assert all(isinstance(n, ast.Assign) and isinstance(n.value, (ast.Constant, ast.List))
               for n in tree.body)
    values = {n.targets[0].id: ast.literal_eval(n.value) for n in tree.body}
    assert values["records"] == str(evil)
    assert values["series"] == ['ict_ministers"); print("PWNED']


# -- a real browser ---------------------------------------------------------------------------


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def test_pages_render_in_a_real_browser(built: tuple[Path, Log]) -> None:
    out, _ = built
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
        for html_file in sorted(out.glob("*.html")):
            page.goto(html_file.as_uri(), wait_until="load")
            images = page.evaluate(
                "Array.from(document.images).map(i => [i.getAttribute('src'), "
                "i.complete, i.naturalWidth])")
            assert images, html_file.name
            broken = [src for src, complete, width in images if not complete or width <= 0]
            assert not broken, f"{html_file.name}: images not loaded: {broken}"
            assert page.title()
            if html_file.stem in ("index", "03-participants"):  # for people to look at
                page.screenshot(path=str(ARTIFACTS / f"report-{html_file.stem}.png"),
                                full_page=True)
        browser.close()
    assert (ARTIFACTS / "report-index.png").stat().st_size > 10_000


def test_the_index_says_what_changed_since_the_previous_report(data_dir: Path,
                                                               tmp_path: Path) -> None:
    folder = tmp_path / "notebooks"
    folder.mkdir()
    _notebook(folder / "01-tiny.ipynb", "print('a page')")
    out = tmp_path / "reports"
    params = check_parameters(records=str(data_dir))
    build_report(params, out, notebooks=folder, log=Log())
    assert "There is no earlier report here to compare with" in text_of(out / "index.html")
    f = data_dir / "records/events/2024/ict_ministers_3_2024.yaml"
    f.write_text(f.read_text().replace("city: Almaty", "city: Alma-Ata"))
    build_report(params, out, notebooks=folder, log=Log())
    index = text_of(out / "index.html")
    assert "What changed since the previous report events: 1 changed" in index
    assert "~ events ict_ministers_3_2024: city 'Almaty' -> 'Alma-Ata'" in index
