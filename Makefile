# The project's front door. `make run` and `make test` are the README's quick start.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip install --quiet --disable-pip-version-check
HOST   ?= 127.0.0.1
PORT   ?= 8000
# The demo runs in development mode: demo accounts (password "demo") exist only there.
RUN_ENV := DEBUG=1
# mypy's Django plugin loads the settings; give it values that pass their checks.
TOOL_ENV := env -u DATABASE_URL DEBUG=0 ALLOWED_HOSTS=localhost SECRET_KEY=static-analysis-only-not-a-real-secret-0123456789 \
            FIELD_ENCRYPTION_KEYS=c3RhdGljLWFuYWx5c2lzLW9ubHktbm90LWEta2V5LTA=

.PHONY: help install install-dev run demo serve test check lint format typecheck imports \
        test-sqlite test-postgres browsers lock clean bench bench-compare bench-site bench-allocation

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python pyproject.toml requirements/constraints.txt
	$(PIP) -c requirements/constraints.txt -e .
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(PIP) -c requirements/constraints.txt -e '.[dev]'
	@touch $@

install: $(VENV)/.installed ## Create .venv with minipublic installed (.venv/bin/minipublic)

install-dev: $(VENV)/.installed-dev ## Also install the test and lint tools

run: install ## Load the demo assembly and serve it on http://127.0.0.1:8000
	$(RUN_ENV) $(BIN)/minipublic demo
	$(RUN_ENV) $(BIN)/minipublic worker & trap 'kill $$!' EXIT; $(RUN_ENV) $(BIN)/minipublic serve --host $(HOST) --port $(PORT)

demo: install ## Load (or restore) the demo assembly only
	$(RUN_ENV) $(BIN)/minipublic demo

test: install-dev browsers check test-sqlite test-postgres ## Lint, type-check, then the whole suite on SQLite and PostgreSQL

test-sqlite: install-dev browsers ## The whole suite on SQLite
	env -u DATABASE_URL $(BIN)/pytest

# The browser tests drive the same pages the integration tests reach on PostgreSQL; they
# run once, on SQLite, which keeps `make test` within its time budget.
test-postgres: install-dev ## The suite on a throwaway PostgreSQL server (not the database-free engine tests, nor the browser tests)
	scripts/with-postgres $(BIN)/pytest --ignore=tests/engine --ignore=tests/browser

browsers: ## Install Debian's chromium for the browser tests if missing
	@scripts/ensure-chromium

check: lint typecheck imports ## ruff, mypy and import-linter

lint: install-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

format: install-dev ## Reformat the code
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

typecheck: install-dev
	$(TOOL_ENV) $(BIN)/mypy

imports: install-dev
	$(BIN)/lint-imports

# Benchmarks. BENCH_DIR: the instances (default ../shared/sortition-bench beside the repo);
# BENCH_ONLY=name1,name2: run only those; BENCH_COMPARE_TIMEOUT: seconds allowed to each
# sortition-algorithms run (default 600); BENCH_COMPARE_SEED: its random seed (default 1).
# Results: var/bench/bench.json and bench.md (the table is also printed, in Markdown).
# bench-allocation: tables for rooms of 50, 100 and 160 over six sessions; var/bench/allocation.json and .md.
# bench-site: 5,000 registrants select in the background while the site is requested;
# var/bench/site.json and site.md. BENCH_DATABASE_URL=postgres://…: also on PostgreSQL (a
# scratch database on that server); BENCH_SITE_TIMEOUT: seconds allowed to the run (1800).
BENCH_ARGS   = $(if $(BENCH_ONLY),--only $(BENCH_ONLY))
COMPARE_VENV := var/bench-compare/venv

bench: install ## Time the engine on every instance in BENCH_DIR (BENCH_ONLY=a,b), then bench-allocation and bench-site
	$(BIN)/python bench/run.py $(BENCH_ARGS)
	$(BIN)/python bench/allocation.py
	$(BIN)/python bench/site_load.py

# sortition-algorithms and gurobipy live only in this separate venv, never in .venv.
$(COMPARE_VENV)/.installed: bench/requirements-compare.txt
	rm -rf $(COMPARE_VENV)
	$(PYTHON) -m venv $(COMPARE_VENV)
	@$(COMPARE_VENV)/bin/python -m pip install --quiet --disable-pip-version-check \
	    -r bench/requirements-compare.txt || { echo >&2; echo "bench-compare: pip could not \
	install sortition-algorithms / gurobipy (bench/requirements-compare.txt) into \
	$(COMPARE_VENV): see pip's message above. Nothing was compared." >&2; exit 1; }
	@$(COMPARE_VENV)/bin/python -c 'import sortition_algorithms, gurobipy; gurobipy.Model()' \
	    || { echo "bench-compare: sortition-algorithms or gurobipy (or its licence) does not \
	load in $(COMPARE_VENV): see the message above. Nothing was compared." >&2; exit 1; }
	@touch $@

bench-compare: install $(COMPARE_VENV)/.installed ## make bench plus sortition-algorithms' LEXIMIN (Gurobi) in var/
	$(BIN)/python bench/run.py --compare $(COMPARE_VENV)/bin/python $(BENCH_ARGS)

bench-allocation: install ## Time the table allocation on rooms of 50, 100 and 160 (var/bench/allocation.md)
	$(BIN)/python bench/allocation.py

bench-site: install ## Select from 5,000 registrants in the background while timing the site's pages
	$(BIN)/python bench/site_load.py

lock: $(BIN)/python ## Refresh requirements/constraints.txt from the ranges in pyproject.toml
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	( echo "# Exact versions tested together; regenerate with 'make lock'."; \
	  .venv-lock/bin/python -m pip freeze --exclude-editable | sort -f ) > requirements/constraints.txt
	rm -rf .venv-lock

clean: ## Remove the virtualenv, caches and local data under var/
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
