# The two commands: `make demo` and `make test`. Each builds .venv on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SPARK := $(VENV)/.spark
WEB := $(VENV)/.web
WORKSPACE ?= ./stronghold-workspace

.PHONY: demo test check lint bench clean

# followthemoney (dev and the ftm extra) needs PyICU, built from source against Debian's ICU.
$(STAMP): pyproject.toml
	(dpkg -s libicu-dev >/dev/null 2>&1 && command -v pkg-config >/dev/null && \
		command -v g++ >/dev/null) || (apt-get update -qq && \
		apt-get install -y -qq --no-install-recommends libicu-dev pkg-config g++)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Spark for the engine-parity tests: its Python package and a Java runtime (Debian's).
$(SPARK): $(STAMP)
	command -v java >/dev/null || (apt-get update -qq && \
		apt-get install -y -qq --no-install-recommends default-jre-headless)
	$(BIN)/pip install --quiet -e '.[dev,spark]'
	touch $(SPARK)

# The report's browser test: Playwright's Python package and Debian's Chromium (never a
# browser download).
$(WEB): $(STAMP)
	command -v chromium >/dev/null || (apt-get update -qq && \
		apt-get install -y -qq --no-install-recommends chromium)
	$(BIN)/pip install --quiet -e '.[dev,web]'
	touch $(WEB)

demo: $(STAMP)
	$(BIN)/stronghold demo --workspace $(WORKSPACE)

test: $(STAMP) $(SPARK) $(WEB)
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check stronghold tests benchmarks
	$(BIN)/ruff format --check stronghold tests benchmarks
	$(BIN)/mypy

check: lint test

bench: $(STAMP)
	$(BIN)/python benchmarks/naive_baseline.py
	$(BIN)/python benchmarks/ingest.py --scale medium
	$(BIN)/python benchmarks/synth_scale.py --scale large
	$(BIN)/python benchmarks/analyse.py --scale large
	$(BIN)/python benchmarks/analyse.py --scale medium --engine spark
	$(BIN)/python benchmarks/network.py
	$(BIN)/python benchmarks/robustness.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
