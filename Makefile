# Assay — two commands set up a machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app
HOST ?= 127.0.0.1
PORT ?= 5000
CHROMIUM := /usr/bin/chromium
# pytest-xdist workers for `make test` (0 runs the suite in one process); the browser tests
# stay together in one of them.
PYTEST_WORKERS ?= 2
PYTEST_PARALLEL := -n $(PYTEST_WORKERS) --dist loadgroup

.PHONY: run test test-deep lint format bench loadtest translations install install-test browser-deps db clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

## Compile the message catalogues (translations/*/LC_MESSAGES/messages.po -> .mo).
translations: $(VENV)/.installed
	$(BIN)/pybabel compile -d translations

## Create or upgrade the development database and load the demo data once.
db: install translations
	mkdir -p instance
	ASSAY_ENV=development $(FLASK) db upgrade
	ASSAY_ENV=development $(FLASK) demo-data

## Serve the development server on 127.0.0.1:5000 with demo data.
run: db
	ASSAY_ENV=development $(FLASK) run --host $(HOST) --port $(PORT)

## Install Debian's Chromium for the browser tests when it is missing and we can.
browser-deps:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-ipaexfont-gothic poppler-utils >/dev/null) \
	      || echo "Could not install chromium: browser tests will not run."; \
	  else echo "chromium is missing and cannot be installed here: browser tests will not run."; fi; \
	fi
	@if ! command -v pdftoppm >/dev/null && [ "$$(id -u)" = 0 ]; then \
	  apt-get install -y -qq poppler-utils >/dev/null || true; fi

## Run the whole suite (SQLite; PostgreSQL too when TEST_DATABASE_URL is set).
test: install-test translations browser-deps
	$(BIN)/pytest -q $(PYTEST_PARALLEL)

## The suite with every property test at its full example count (slower).
test-deep: install-test translations browser-deps
	ASSAY_TEST_DEEP=1 $(BIN)/pytest -q $(PYTEST_PARALLEL)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/bandit -q -c pyproject.toml -r app.py config.py database.py extensions.py i18n.py permissions.py policy.py security.py bidi_controls.py api commands demo forms models questionnaires reports rules services views

format: install-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install-test translations
	$(BIN)/python -m bench

## Load, conflict and fault drill over HTTP on SQLite and PostgreSQL (stops PostgreSQL briefly).
loadtest: install translations
	$(BIN)/python -m bench.loadtest

clean:
	rm -rf $(VENV) instance/*.sqlite3*
