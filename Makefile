# PoolFund: `make run` serves the app with demo data, `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test lint format browser translations messages clean

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
	$(BIN)/poolfund runserver 127.0.0.1:$(PORT)

test: $(VENV)/.installed-test browser translations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

# The browser tests drive Debian's Chromium; install it when missing and we may.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "WARNING: no chromium and no way to install it: browser tests will be skipped"; \
	  fi; }

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

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
