# Two entry points, both usable on a fresh machine with Python 3.11, pip and make:
#   make serve   set everything up, then serve the site on http://127.0.0.1:8000 (examples run on the embedded mock)
#   make test    set everything up, then run every check and test
PYTHON ?= python3
# MkDocs 1.6 plugins print a banner about a future MkDocs 2; it says nothing about this site.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install serve build record test lint typecheck pytest bench clean chromium

# The compat extra's instructor 1.17.0 declares jiter<0.15 and rich<15, which no resolver can pair with openai 3.51.0
# (jiter>=0.16) and the project's rich 15; it calls only jiter.from_json and uses rich only in its own CLI, so it is
# installed without its pins (version from constraints.txt), the rest of what it imports coming from the extra.
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[docs,test,compat]'
	$(BIN)/python -m pip install --quiet --no-deps -c constraints.txt instructor
	touch $(STAMP)

install: $(STAMP)

serve: install
	$(BIN)/mkdocs serve --dirty -a 127.0.0.1:8000

build: install
	OPENAI_API_DOCS_STRICT=1 $(BIN)/mkdocs build --strict

# A live build that keeps every example's answer under docs/recordings/ (the live-build variables choose the
# provider: OPENAI_API_DOCS_PROVIDER, DEEPSEEK_API_KEY or OPENAI_API_KEY). Review the files, then commit them.
record: install
	OPENAI_API_DOCS_TARGET=live OPENAI_API_DOCS_RECORD=1 OPENAI_API_DOCS_REFRESH=1 $(BIN)/mkdocs build

lint: install
	$(BIN)/ruff check openai_api scripts tests examples
	$(BIN)/ruff format --check openai_api scripts tests examples

typecheck: install
	$(BIN)/pyright

# The browser test drives Debian's Chromium (never a browser download); installed here when missing.
chromium:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "the browser test needs /usr/bin/chromium: sudo apt-get install chromium" >&2; exit 1; fi; }

pytest: install chromium
	$(BIN)/python -m pytest -q

test: lint typecheck pytest

bench: install
	$(BIN)/python scripts/bench_docs_build.py

clean:
	rm -rf site .cache $(VENV)
