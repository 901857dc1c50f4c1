"""The package works installed from its wheel, not only from the source tree.

The wheel is built from this checkout and installed into a fresh virtual environment named
``.venv`` in a temporary directory outside the repository (the name matters: a dataset
installed under a hidden directory must load). The environment gets the wheel only; its
dependencies are those of the test environment, made visible by a ``.pth`` line so the
test does not download and install them again (the wheel's own ``sco_analysis`` comes
first on the path). Every command runs outside the repository.
"""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import text_of

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    base = tmp_path_factory.mktemp("installed")
    wheels = base / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
                    "--no-build-isolation", "-w", str(wheels), str(ROOT)], check=True,
                   capture_output=True)
    env_dir = base / ".venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)], check=True)
    python = env_dir / "bin" / "python"
    wheel = next(wheels.glob("sco_analysis-*.whl"))
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q",
                    "--no-deps", str(wheel)], check=True, capture_output=True)
    purelib = subprocess.run([str(python), "-c", "import sysconfig; "
                              "print(sysconfig.get_paths()['purelib'])"], check=True,
                             capture_output=True, text=True).stdout.strip()
    deps = [p for p in site.getsitepackages() if Path(p).is_dir()]
    Path(purelib, "test-dependencies.pth").write_text("\n".join(deps) + "\n")
    work = base / "work"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env |= {"XDG_CACHE_HOME": str(base / "cache"), "HOME": str(base / "home"),
            "JUPYTER_PATH": os.pathsep.join(str(Path(p).parents[2] / "share" / "jupyter")
                                            for p in deps),
            "PATH": f"{env_dir / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"}
    return {"python": python, "bin": env_dir / "bin", "work": work, "env": env}


def run(venv: dict[str, object], *args: str, timeout: float = 300
        ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], cwd=venv["work"], env=venv["env"],
                          capture_output=True, text=True, check=False, timeout=timeout)


def test_the_package_comes_from_the_wheel(venv: dict[str, object]) -> None:
    res = run(venv, venv["python"], "-c", "import sco_analysis; print(sco_analysis.__file__)")
    assert res.returncode == 0, res.stderr
    assert "/.venv/lib/" in res.stdout and str(ROOT) not in res.stdout


def test_load_and_validate_the_bundled_data(venv: dict[str, object]) -> None:
    res = run(venv, venv["python"], "-c",
              "import sco_analysis as sco; ds = sco.load(quiet=True); "
              "print(len(ds.events), ds.data.parquet)")
    assert res.returncode == 0, res.stderr
    count, parquet = res.stdout.split()
    assert int(count) > 70
    assert "/cache/sco-analysis/" in parquet  # never into the installation
    res = run(venv, venv["bin"] / "sco-analysis", "validate")
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("OK: no problems")


def test_dictionary_check(venv: dict[str, object]) -> None:
    res = run(venv, venv["bin"] / "sco-analysis", "dictionary", "--check")
    assert res.returncode == 0, res.stderr + res.stdout


def test_a_sliced_report_runs_every_notebook_and_agrees_with_the_package(
        venv: dict[str, object], tmp_path: Path) -> None:
    """The installed report command on a slice, from records in a directory whose name is an
    attempt at code: every notebook runs, nothing is injected, and the pages say what the
    package says on the same slice. (The whole report of the bundled data is built from the
    source tree by ``test_report``.)"""
    import shutil

    import sco_analysis as sco
    from sco_analysis.analysis import agreements, cadence
    from sco_analysis.paths import bundled

    evil = tmp_path / 'x"); import os; os.system("touch PWNED"); ("'
    shutil.copytree(bundled("data"), evil, ignore=shutil.ignore_patterns("parquet"))
    res = run(venv, venv["bin"] / "sco-analysis", "report", "--start", "2021", "--end", "2025",
              "--series", "ict_ministers", "--parties", "Kyrgyzstan", "--records", evil,
              "--as-of", "2026-11-29", "--with-code", "--output", "sliced", timeout=600)
    assert res.returncode == 0, res.stderr
    assert "[5/5]" in res.stderr  # progress, one line per notebook
    base = Path(str(venv["work"])).parent
    assert not list(base.rglob("PWNED")) and not list(tmp_path.rglob("PWNED"))
    out = Path(str(venv["work"])) / "sliced"
    report = json.loads((out / "report.json").read_text())
    pages = sorted(f for f in report["files"] if f.endswith(".html") and f != "index.html")
    assert pages == sorted(f"{p.stem}.html" for p in Path(bundled("notebooks")).glob("*.ipynb"))
    assert "highlight hl-python" in (out / "02-meeting-cadence.html").read_text()  # code shown
    index = text_of(out / "index.html")
    assert "2021 to 2025; series ict_ministers; parties KGZ" in index
    assert "as of 2026-11-29" in index
    # the pages agree with the package on the same slice
    ds = sco.load(evil, quiet=True)
    plan = agreements.durations(ds, series="ict_ministers", start="2021", end="2025") \
        .set_index("doc_id").loc["action_plan_digital_transformation_2025"]
    timelines = text_of(out / "04-agreement-timelines.html")
    assert (f"action_plan_digital_transformation_2025 action_plan 2025-05-15 agreed "
            f"2025-05-15 2025-06-17 adopted ict_ministers_4_2025 {plan['days']} "
            f"{plan['days_min']} {plan['days_max']} {plan['n_steps']}") in timelines
    s = cadence.summary(ds, series="ict_ministers", start="2021", end="2025",
                        as_of="2026-11-29").iloc[0]
    assert f"ict_ministers {s['next_status']} 2026-11-29 ict_ministers_4_2025" in \
        text_of(out / "02-meeting-cadence.html")
    view = ds.filter(series="ict_ministers", start="2021", end="2025", parties="KGZ")
    assert f"{len(view.conflicts())} disputed fields" in text_of(out / "01-dataset-overview.html")
    participants = text_of(out / "03-participants.html")
    assert "held Kyrgyzstan" in participants and "held Kazakhstan" not in participants
    # what is empty in this slice is said in words, and draws no figure
    assert "Nothing to show: no meetings held in the selection" in participants
    assert not (out / "figures" / "participants-heatmap-chs.png").exists()
    assert "participants-heatmap-chs" not in (out / "index.html").read_text()
    assert any(f.startswith("figures/") for f in report["files"])


def test_export(venv: dict[str, object]) -> None:
    res = run(venv, venv["bin"] / "sco-analysis", "export", "--format", "xlsx", "--series",
              "ict_ministers", "--output", "ict-xlsx")
    assert res.returncode == 0, res.stderr
    assert (Path(str(venv["work"])) / "ict-xlsx" / "sco-analysis.xlsx").stat().st_size > 5000
