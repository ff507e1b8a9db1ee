# The quick start: `make run` opens the app, `make test` runs the checks. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= data/lawtrain.db

.PHONY: run test demo lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/lawtrain --db $(DB)

test: $(STAMP)
	$(BIN)/ruff check lawtrain tests benchmarks
	$(BIN)/python -m pytest -n 2 -q

demo: $(STAMP)
	$(BIN)/lawtrain --db $(DB) demo

lint: $(STAMP)
	$(BIN)/ruff check lawtrain tests benchmarks
	$(BIN)/ruff format --check lawtrain tests benchmarks

bench: $(STAMP)
	for script in benchmarks/*_speed.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info
