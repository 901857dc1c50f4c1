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


def test_report(venv: dict[str, object]) -> None:
    res = run(venv, venv["bin"] / "sco-analysis", "report", "--output", "out", timeout=600)
    assert res.returncode == 0, res.stderr
    out = Path(str(venv["work"])) / "out"
    report = json.loads((out / "report.json").read_text())
    pages = [f for f in report["files"] if f.endswith(".html") and f != "index.html"]
    assert len(pages) >= 4
    assert any(f.startswith("figures/") for f in report["files"])


def test_export(venv: dict[str, object]) -> None:
    res = run(venv, venv["bin"] / "sco-analysis", "export", "--format", "xlsx", "--series",
              "ict_ministers", "--output", "ict-xlsx")
    assert res.returncode == 0, res.stderr
    assert (Path(str(venv["work"])) / "ict-xlsx" / "sco-analysis.xlsx").stat().st_size > 5000
