# The two commands: `make run` (portal with demo content) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve test install system-packages lint format lock bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

## Create the virtualenv, install, migrate, load demo content once, serve on 127.0.0.1:8000.
run: install
	@mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo --if-empty
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## Production-like trial on this machine: gunicorn + production settings + whitenoise + worker,
## against DATABASE_URL (default: the local SQLite file), with a throwaway SECRET_KEY, over HTTP.
serve: install
	HOST=$(HOST) PORT=$(PORT) bash scripts/serve-production-like

## Run the whole test suite (SQLite by default; PostgreSQL when DATABASE_URL points there).
test: install system-packages
	$(BIN)/pytest

## Debian packages the tests need (Chromium for browser tests, WeasyPrint's libraries).
system-packages:
	@bash scripts/ensure-system-packages

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## Re-resolve the pinned versions after changing dependencies in pyproject.toml.
lock: $(BIN)/python
	rm -rf var/lock-venv
	$(PYTHON) -m venv var/lock-venv
	var/lock-venv/bin/python -m pip install --quiet --upgrade pip
	var/lock-venv/bin/python -m pip install --quiet -e ".[dev]"
	var/lock-venv/bin/python -m pip freeze --exclude-editable | grep -v '^kim-portal' > constraints.txt
	rm -rf var/lock-venv

bench: install
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) var/static .pytest_cache .ruff_cache
