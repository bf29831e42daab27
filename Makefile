# Two commands a person needs: `make demo` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
SAUDI_LIMIT ?=

.PHONY: demo test check lint typecheck bench quality clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

$(DEV_STAMP): $(STAMP) pyproject.toml
	$(BIN)/pip install -q -e '.[dev]'
	touch $(DEV_STAMP)

demo: $(STAMP)  ## fresh demo database from the bundled corpus, then the workbench
	$(BIN)/factcheck demo

test: $(STAMP)  ## the whole test suite, plus lint and type checks
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest -q

check: test

bench: $(STAMP)  ## speed and memory budgets (quality has its own target)
	for b in $(filter-out benchmarks/quality_bench.py benchmarks/prior_bench.py,$(wildcard benchmarks/*_bench.py)); do $(BIN)/python $$b || exit 1; done

quality: $(DEV_STAMP)  ## quality on the labelled dev sets beside plain baselines, then the SaudiNewsNet week
	$(BIN)/python benchmarks/quality_bench.py --saudi $(if $(SAUDI_LIMIT),--saudi-limit $(SAUDI_LIMIT)) $(QUALITY_ARGS)
	$(BIN)/python benchmarks/prior_bench.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .mypy_cache .ruff_cache
