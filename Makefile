# The project's verbs. Needs only python3 (3.11+) and make: the first target
# that runs installs uv into .tools/ and the pinned packages into .venv/.
# On Windows, run the same uv commands by hand (see README).

PYTHON ?= python3
UV_VERSION := 0.13.9
UV := .tools/bin/uv
RUN := $(UV) run --no-sync
PYTEST_ARGS ?=
NOX_ARGS ?=

export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := $(PYTHON)
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test update format lint lock matrix bench soak system-tools clean help

help:  ## List the verbs
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/python -m pip install --quiet "uv==$(UV_VERSION)"

serve: $(UV)  ## Build the site and serve it on http://127.0.0.1:8000
	$(UV) sync --locked --inexact --group site
	$(RUN) mkdocs serve --dev-addr 127.0.0.1:8000

build: $(UV)  ## Build the site into site/ with --strict
	$(UV) sync --locked --inexact --group site
	$(RUN) mkdocs build --strict

test: $(UV) system-tools  ## Install what the tests need and run them all
	$(UV) sync --locked --group test
	$(RUN) pytest $(PYTEST_ARGS)

update: $(UV)  ## Re-record every example's output (review the diff after)
	$(UV) sync --locked --group test
	$(RUN) pytest tests/test_examples.py --update-examples $(PYTEST_ARGS)

format: $(UV)  ## Format and auto-fix examples, tests and tools with ruff
	$(UV) sync --locked --group test
	$(RUN) python -m tools.format_examples examples tests tools noxfile.py
	$(RUN) ruff check --fix examples tests tools

lint: $(UV)  ## ruff (check and format) and mypy over examples, tests and tools, changing nothing
	$(UV) sync --locked --group test
	$(RUN) ruff check examples tests tools noxfile.py
	$(RUN) python -m tools.format_examples --check examples tests tools noxfile.py
	$(RUN) mypy

lock: $(UV)  ## Re-resolve uv.lock for every Python from 3.11 up
	$(UV) lock

system-tools:  ## Install Debian's Chromium and wrk for the browser and load tests, if missing (as root)
	@missing=""; \
	command -v "$${CHROMIUM_PATH:-/usr/bin/chromium}" >/dev/null 2>&1 || missing="chromium"; \
	command -v wrk >/dev/null 2>&1 || missing="$$missing wrk"; \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" -eq 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	      apt-get install -y -qq --no-install-recommends $$missing; \
	  else \
	    echo "Missing:$$missing. The browser tests need Chromium and the load" \
	      "benchmark needs wrk: run 'sudo apt-get install$$missing'" \
	      "(or set CHROMIUM_PATH to a Chromium or Chrome executable)."; \
	  fi; \
	fi

clean:  ## Remove the environments and the built site
	rm -rf .tools .venv site .cache

matrix: $(UV)  ## Examples and version-dependent claims on every Python 3.11-3.15 found (nox; NOX_ARGS="-p 3.12")
	$(UV) sync --locked --group test
	PATH="$(CURDIR)/.tools/bin:$$PATH" $(RUN) nox $(NOX_ARGS)

BENCH ?=
N ?= 5
SOAK_ARGS ?=

bench: $(UV)  ## Rerun the benchmarks at full size, re-render (BENCH=cpu_bound for one)
	$(UV) sync --locked --inexact --group bench
	$(RUN) python -m tools.bench $(BENCH)

soak: $(UV)  ## Run the tests N times, list any that failed once (SOAK_ARGS="-m claims" N=10)
	$(UV) sync --locked --group test
	$(RUN) python -m tools.soak -n $(N) -- $(SOAK_ARGS)
