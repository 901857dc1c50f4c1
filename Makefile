# sco-analysis: every command a user or CI needs. Each target sets up what it needs itself:
# a virtual environment in .venv with the pinned dependencies of requirements/lock.txt.
#
#   make report   rebuild the dataset and the report from the bundled records (the main job)
#   make test     run the whole test suite (what CI runs)
#   make lab      open JupyterLab on the notebooks with the project's environment
#   make build    compile data/records + data/reference into Parquet (data/parquet/)
#   make validate check the records and list every problem
#   make bench    speed benchmarks: loading vs pyarrow/duckdb, ingest, report (benchmarks/results/)
#   make lint     ruff
#   make lock     re-pin requirements/lock.txt from requirements/requirements.in

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SCO    := $(BIN)/sco-analysis
REPORT_ARGS ?=

# Compiled bytecode is kept in .venv/pycache (not beside the sources), even where the
# environment says not to write it (PYTHONDONTWRITEBYTECODE): every command, test worker
# and notebook kernel would otherwise compile the package again.
export PYTHONPYCACHEPREFIX := $(CURDIR)/$(VENV)/pycache
unexport PYTHONDONTWRITEBYTECODE

.PHONY: help report test lab build validate bench lint lock clean browser

help:
	@sed -n '2,13p' Makefile | sed 's/^# \{0,1\}//'

$(STAMP): requirements/lock.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "sco-analysis needs Python 3.11 or newer; run make PYTHON=python3.11 ...")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installing pinned dependencies into $(VENV) (first run takes a few minutes)..."
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/lock.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

build: $(STAMP)
	$(SCO) build

validate: $(STAMP)
	$(SCO) validate

report: $(STAMP)
	$(SCO) report $(REPORT_ARGS)

# A real browser for the report's browser test: Debian's chromium, installed when missing
# and this machine allows it (root with apt); otherwise that one test says why it skipped.
browser:
	@if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing Debian's chromium for the browser test..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "note: chromium not found and cannot be installed here; the browser test will be skipped"; fi

# The tests run on every core (pytest-xdist), a test file per worker at a time, so that the
# tests sharing an expensive fixture (one report, one installed wheel) share it.
test: $(STAMP) browser
	$(BIN)/ruff check sco_analysis tests benchmarks
	$(BIN)/python -m pytest -n auto --dist loadfile --no-loadscope-reorder

# JupyterLab from .venv: its "Python 3" kernel is the project's environment.
lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/ $$([ "$$(id -u)" = 0 ] && echo --allow-root)

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_load.py
	$(BIN)/python benchmarks/bench_ingest.py
	$(BIN)/python benchmarks/bench_report.py

lint: $(STAMP)
	$(BIN)/ruff check sco_analysis tests benchmarks

lock:
	rm -rf .lockenv && $(PYTHON) -m venv .lockenv
	.lockenv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements/requirements.in
	( echo "# Pinned by 'make lock' from requirements/requirements.in with $$(.lockenv/bin/python -V)."; \
	  .lockenv/bin/python -m pip freeze --disable-pip-version-check --exclude-editable ) > requirements/lock.txt
	rm -rf .lockenv

clean:
	rm -rf $(VENV) data/parquet reports .pytest_cache .ruff_cache
