# The two commands of the README: `make demo` and `make test`. Both build .venv from scratch when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install lint clean

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

test: $(STAMP)
	$(BIN)/legation lexicon check
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) build *.egg-info legation.duckdb .pytest_cache
