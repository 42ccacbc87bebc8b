# storydesk: `make demo` and `make test` work on a fresh machine with Python 3.11.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= demo.db

.PHONY: demo test lint bench serve clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed: install it or run 'make PYTHON=/path/to/python3.11 ...'"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $(STAMP)

demo: $(STAMP)
	rm -f $(DB)
	$(BIN)/storydesk --db $(DB) ingest examples/
	$(BIN)/storydesk --db $(DB) stories
	$(BIN)/storydesk --db $(DB) brief --all

test: $(STAMP)
	bash tests/install_browser.sh
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy src

bench: $(STAMP)
	for b in clean cluster summarize quotes compare serve; do $(BIN)/python benchmarks/$$b.py || exit 1; done

serve: $(STAMP)
	$(BIN)/storydesk --db $(DB) serve

clean:
	rm -rf $(VENV) $(DB) .pytest_cache .mypy_cache .ruff_cache
