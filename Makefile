# The two commands of the README: `make demo` and `make test`. Both build .venv from scratch when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install browser lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -f legation.duckdb
	$(BIN)/legation ingest examples/ --db legation.duckdb
	$(BIN)/legation events --db legation.duckdb --format table
	$(BIN)/legation pairs --db legation.duckdb
	$(BIN)/legation dyad JPN VNM --db legation.duckdb --by year
	$(BIN)/legation partners JPN --db legation.duckdb

# The dashboard's browser tests drive Debian's headless chromium; without it (no apt, not root) they skip.
browser:
	@test -x /usr/bin/chromium || { export DEBIAN_FRONTEND=noninteractive; \
	  { apt-get install -y -q chromium chromium-driver >/dev/null 2>&1 || \
	    { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q chromium chromium-driver >/dev/null 2>&1; }; } && \
	  echo "installed Debian chromium for the browser tests"; } || \
	  echo "could not install Debian chromium: the browser tests will be skipped"

# STYLE: ruff and mypy --strict (settings in pyproject.toml) gate every test run.
lint: $(STAMP)
	$(BIN)/ruff check src tests scripts
	$(BIN)/mypy

test: $(STAMP) browser lint
	$(BIN)/legation lexicon check
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) build *.egg-info legation.duckdb .pytest_cache
