# Two entry points for a fresh machine: `make demo` and `make test`. Everything else is a helper.
PYTHON ?= python3.11
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
OUT ?= out/demo
UV_VERSION := 0.13.8

.PHONY: demo test lint bench clean

$(UV):
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) on PATH (set PYTHON=...)"; exit 2; }
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet uv==$(UV_VERSION)

$(VENV)/.synced-runtime: $(UV) uv.lock pyproject.toml
	$(UV) sync --locked --no-dev --python $(PYTHON)
	@touch $@

$(VENV)/.synced-dev: $(UV) uv.lock pyproject.toml
	$(UV) sync --locked --python $(PYTHON)
	@touch $@ $(VENV)/.synced-runtime

demo: $(VENV)/.synced-runtime
	$(VENV)/bin/storyline run examples/seeds --out $(OUT)
	$(VENV)/bin/storyline report $(OUT)
	@echo "storyline output is in $(OUT)/: articles.jsonl, stories.json, rejected.jsonl, storyline.db, report.html (open it in a browser)"

lint: $(VENV)/.synced-dev
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench
	$(VENV)/bin/mypy

test: lint
	$(VENV)/bin/python -m pytest -n 2 -q

bench: $(VENV)/.synced-dev
	$(VENV)/bin/python -m bench.run_all

clean:
	rm -rf $(VENV) $(TOOLS) out .mypy_cache .pytest_cache .ruff_cache
