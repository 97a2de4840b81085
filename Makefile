# PoolFund: `make run` serves the app with demo data, `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run serve worker test audit lint format browser translations messages screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[semantic]"
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,semantic]"
	touch $@ $(VENV)/.installed

run: export DEBUG = 1
run: $(VENV)/.installed translations
	mkdir -p var
	$(BIN)/poolfund migrate --noinput
	$(BIN)/poolfund collectstatic --noinput --verbosity 0
	$(BIN)/poolfund load-demo
	@echo ""
	@echo "  PoolFund is at http://127.0.0.1:$(PORT)/  (stop with Ctrl-C)"
	@echo ""
	@# The background-job worker runs beside the development server and stops with it.
	$(BIN)/poolfund worker --verbosity 0 & trap 'kill $$!' EXIT; \
	  $(BIN)/poolfund runserver 127.0.0.1:$(PORT)

# Production-style: gunicorn with several workers, DEBUG off, static files by WhiteNoise.
# Set DATABASE_URL for PostgreSQL (SQLite otherwise) and SECRET_KEY (else `poolfund` uses the
# one it keeps in var/secret-key, as every command typed by hand does).
serve: export DEBUG = 0
serve: export ALLOWED_HOSTS ?= 127.0.0.1,localhost
serve: $(VENV)/.installed translations
	mkdir -p var
	$(BIN)/poolfund migrate --noinput
	$(BIN)/poolfund collectstatic --noinput --verbosity 0
	$(BIN)/poolfund serve --bind 127.0.0.1:$(PORT)

# The background-job worker on its own (run one or more next to `make serve`).
worker: export DEBUG ?= 0
worker: $(VENV)/.installed
	mkdir -p var
	$(BIN)/poolfund worker

# mypy's Django plugin imports tests.settings: the checkout comes first on the path, since
# iatikit also installs a top-level `tests` package.
test: $(VENV)/.installed-test browser translations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	PYTHONPATH=. $(BIN)/mypy
	$(BIN)/pytest -n auto --durations=15

# The browser tests drive Debian's Chromium; install it when missing and we may.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "WARNING: no chromium and no way to install it: browser tests will be skipped"; \
	  fi; }

# The README's screenshots (docs/screenshots/), taken from the demo data in a temporary database.
screenshots: $(VENV)/.installed-test browser translations
	$(BIN)/python tools/screenshots.py

# The .po catalogues are committed; their compiled .mo files are built here with Babel (pure
# Python), so no system gettext is needed to run or test.
translations: $(VENV)/.installed
	$(BIN)/pybabel -q compile --domain django --directory src/poolfund/locale

# Refresh the .po catalogues from the code and templates (needs GNU gettext's xgettext).
messages: $(VENV)/.installed
	@command -v xgettext >/dev/null 2>&1 || { \
	  echo "Installing Debian's gettext for makemessages"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; }
	cd src/poolfund && ../../$(BIN)/poolfund makemessages --all --no-obsolete --ignore "*/migrations/*"
# Known vulnerabilities in the installed dependencies (pip-audit): fails on any. `.ci/run` runs
# it after the tests; packages the vulnerability service does not answer for are listed (on the
# development and CI machines, which reach only a partial mirror of the package index, that is
# every package). `make audit STRICT=--strict` fails on those too.
audit: $(VENV)/.installed-test
	$(BIN)/python .ci/audit_dependencies.py $(STRICT)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .mypy_cache
