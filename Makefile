# Pledgebook: `make run` serves the demo on SQLite; `make test` runs lint and the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve test lint format migrations-check browser lock clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || \
		{ echo "Pledgebook needs Python 3.11 or newer as '$(PYTHON)'. Install it, or run: make PYTHON=python3.12 ..."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements-pip.lock

# Installs come from the lock files only: every package, dependencies included, pinned with its hashes.
$(VENV)/.runtime: requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	@touch $@

$(VENV)/.dev: requirements.lock requirements-dev.lock | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	@touch $@ $(VENV)/.runtime

## lock: after changing requirements.txt or requirements-dev.txt, pin every dependency with its hashes into
## requirements-pip.lock (pip itself), requirements.lock and requirements-dev.lock (kept pins stay; pip-compile --upgrade-package NAME moves one)
PIP_COMPILE = $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links
lock: $(VENV)/.dev
	$(PIP_COMPILE) --output-file requirements-pip.lock requirements-pip.txt
	$(PIP_COMPILE) --output-file requirements.lock requirements.txt
	$(PIP_COMPILE) --constraint requirements.lock --output-file requirements-dev.lock requirements-dev.txt

## run: set up, load the demo into SQLite, create the demo editor and fact-checker and serve on http://127.0.0.1:8000/
run: $(VENV)/.runtime
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py ensure_demo_editor
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## serve: production: migrate, collectstatic, then gunicorn (production settings, DATABASE_URL, SECRET_KEY,
## ALLOWED_HOSTS from the environment; GUNICORN_WORKERS overrides 2 x cores + 1; see config/gunicorn.conf.py)
serve: $(VENV)/.runtime
	DJANGO_SETTINGS_MODULE=config.settings.production $(BIN)/python manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=config.settings.production $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	DJANGO_SETTINGS_MODULE=config.settings.production HOST=$(HOST) PORT=$(PORT) \
		$(BIN)/gunicorn --config config/gunicorn.conf.py

## test: lint, then the whole test suite (PostgreSQL when DATABASE_URL is set)
test: $(VENV)/.dev browser lint migrations-check
	$(BIN)/pytest

## lint: ruff for Python, djLint for templates (the admin's are Django's, the public pages' Jinja2)
lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint templates/admin --lint --profile=django
	$(BIN)/djlint templates/jinja2 --lint --profile=jinja

format: $(VENV)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## migrations-check: fail if a model change has no migration
migrations-check: $(VENV)/.dev
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=config.settings.test

## browser: the browser tests drive Debian's Chromium; install it if missing (needs root)
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
		else echo "The browser tests need Chromium: sudo apt-get install chromium"; exit 1; fi; }

clean:
	rm -rf $(VENV) staticfiles .pytest_cache test-artifacts
