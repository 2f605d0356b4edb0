# Set-up is two commands on a fresh machine: `make app` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: app test eval bench bench-scale kb lint clean

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

kb.db: $(STAMP) $(wildcard corpus/*) $(wildcard parsers/*.py) $(wildcard kb/*.py)
	$(BIN)/kb build corpus --db kb.db

kb: kb.db

app: $(STAMP) kb.db
	$(BIN)/streamlit run app.py --server.address 127.0.0.1 --server.port 8501

test: $(STAMP)
	$(BIN)/python -m pytest

eval: $(STAMP)
	$(BIN)/python -m eval

bench: $(STAMP)
	$(BIN)/python -m bench

# KBs of 10k, 30k and 100k documents (bench/scale.py): hours of CPU, niced; resumable.
bench-scale: $(STAMP)
	nice -n 15 $(BIN)/python -m bench scale

lint: $(STAMP)
	$(BIN)/ruff check parsers kb app_pages app.py tests eval bench

clean:
	rm -rf $(VENV) kb.db kb.db-wal kb.db-shm
