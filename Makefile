# careerbot: `make run` and `make test` work on a fresh machine.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench install dev browser postgres ingest clean

# `make run` says what it is doing, one line a stage, with the seconds since make started:
#   [1/4] creating the environment (.venv)... / [2/4] installing packages... /
#   [3/4] indexing N guides in corpus/... / [4/4] serving at http://127.0.0.1:7860
# Installer output goes to .venv/install.log (shown when a step fails).
START := $(shell date +%s)
STAGES := $(if $(filter run,$(MAKECMDGOALS)),4,$(if $(filter ingest bench,$(MAKECMDGOALS)),3,2))
stage = printf '[%s/$(STAGES)] %s (%s s)\n' $(1) "$(2)" $$(( $$(date +%s) - $(START) ))
LOG := $(VENV)/install.log
logged = { $(1); } >>$(LOG) 2>&1 || { tail -n 40 $(LOG); echo "failed: $(1) (full log: $(LOG))"; exit 1; }
CORPUS := $(or $(CAREERBOT_CORPUS_DIR),corpus)
UI_URL := http://$(or $(CAREERBOT_UI_HOST),127.0.0.1):$(or $(CAREERBOT_UI_PORT),7860)
# uv (a wheel from PyPI) installs the packages several times faster than pip; INSTALLER=pip
# forces pip, and pip is used anyway when uv cannot be installed.
INSTALLER ?= uv
DEV_STAMP := $(VENV)/.installed-dev

# torch first, pinned and by pip: 2.13.0 is the CPU wheel these machines carry, where only pip
# looks; any other spec (or uv) pulls CUDA. uv then sees torch installed and keeps it.
# --no-compile: Python byte-compiles the modules it imports on first use, not all of torch's
# files up front (as uv does by default).
# `make run` installs the app's own dependencies; `make test`/`lint`/`bench` add the dev extras
# to the same venv.
$(STAMP): pyproject.toml
	@$(call stage,1,creating the environment ($(VENV))...)
	@test -x $(PY) || python3 -m venv $(VENV)
	@rm -f $(LOG)
	@$(call stage,2,installing packages with $(INSTALLER) (log: $(LOG))...)
	@$(call logged,$(PY) -m pip install --no-compile torch==2.13.0)
	@if [ "$(INSTALLER)" = uv ] && $(PY) -m pip install uv >>$(LOG) 2>&1; then \
	  $(call logged,$(BIN)/uv pip install --python $(PY) -e .); \
	else \
	  $(call logged,$(PY) -m pip install --no-compile -e .); \
	fi
	@touch $(STAMP)

$(DEV_STAMP): $(STAMP)
	@echo "installing the dev extras (log: $(LOG))..."
	@if [ "$(INSTALLER)" = uv ] && [ -x $(BIN)/uv ]; then \
	  $(call logged,$(BIN)/uv pip install --python $(PY) -e '.[dev]'); \
	else \
	  $(call logged,$(PY) -m pip install --no-compile -e '.[dev]'); \
	fi
	@touch $(DEV_STAMP)

install: $(STAMP)

# Debian's chromium for the browser tests (Playwright cannot download browsers here).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium; \
	fi

# Debian's PostgreSQL server binaries for the PostgreSQL and deployment tests (the tests start
# their own throwaway cluster on 127.0.0.1 as an unprivileged user; no system service is used).
postgres:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends postgresql; \
	fi

ingest: install
	@$(call stage,3,indexing $(shell find $(CORPUS) -type f ! -name '.*' 2>/dev/null | wc -l) guides in $(CORPUS)/...)
	@$(BIN)/careerbot ingest --summary

run: ingest
	@$(call stage,4,serving at $(UI_URL) (Ctrl-C to stop)...)
	@$(BIN)/careerbot ui

dev: $(DEV_STAMP)

lint: dev
	$(BIN)/ruff check bot ingest ui tests bench
	$(BIN)/ruff format --check bot ingest ui tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

test: dev browser postgres lint
	$(BIN)/pytest

bench: dev ingest
	$(PY) -m bench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache tests/artifacts
