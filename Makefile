# wcs-contract — every task a developer or CI runs. `make help` lists them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed

.PHONY: help demo test test-fast check lint types generate generate-check bench clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==25.3
	$(BIN)/pip install --quiet -e '.[all,dev]'
	touch $(STAMP)

$(VENV): $(STAMP) ## create the virtual environment with every pinned dependency

demo: $(STAMP) ## start the reference hook server, test it, validate the sample captures
	$(BIN)/wcs-contract demo

test: $(STAMP) ## run the whole test suite
	$(PY) -m pytest

test-fast: $(STAMP) ## the quick loop: tests not marked slow, on 2 workers, fewer Hypothesis examples
	$(PY) -m pytest -q -m "not slow" -n 2 --hypothesis-profile=fast

lint: $(STAMP) ## ruff
	$(BIN)/ruff check contract tests
	$(BIN)/ruff format --check contract tests

types: $(STAMP) ## mypy --strict over the package and the generated models
	$(BIN)/mypy

generate: $(STAMP) ## regenerate models, OpenAPI contract and docs from the schemas
	$(PY) -m wcs_contract.codegen

generate-check: $(STAMP) ## fail when generated/ differs from what the schemas produce
	$(PY) -m wcs_contract.codegen --check

check: lint types generate-check test ## everything CI runs

bench: $(STAMP) ## measure validate throughput, hook start-up and a live run
	$(PY) benchmarks/bench.py

clean: ## remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist *.egg-info
