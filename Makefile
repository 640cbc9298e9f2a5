# SoilGW — the two set-up commands: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
PYTEST_WORKERS ?= 2

PIP    := $(BIN)/python -m pip --quiet --disable-pip-version-check
# pip-tools is not a project dependency: point this at any pip-compile to regenerate the locks (not named
# PIP_…: pip reads every PIP_* variable in its environment as one of its own options).
LOCK_COMPILER ?= pip-compile
# --strip-extras writes psycopg[binary] as psycopg + psycopg-binary; --allow-unsafe pins setuptools/pip too if
# anything ever needs them (a --require-hashes install refuses an unpinned one); index and find-links options
# stay in pip's own config, not in the lock.
LOCK_FLAGS := --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links

.PHONY: run test install install-test lock lint messages bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

# Runtime only: what `make run` and a deployment need.
$(BIN)/.installed: requirements.lock pyproject.toml | $(BIN)/python
	$(PIP) install --require-hashes -r requirements.lock
	$(PIP) install --no-deps -e .
	@touch $@

# Runtime plus the test extra, resolved together so the two locks must agree wherever they share a package.
$(BIN)/.installed-test: requirements.lock requirements-test.lock pyproject.toml | $(BIN)/python
	$(PIP) install --require-hashes -r requirements.lock -r requirements-test.lock
	$(PIP) install --no-deps -e .
	@touch $@

install: $(BIN)/.installed

install-test: $(BIN)/.installed-test

# requirements.lock: the closure of pyproject's dependencies; requirements-test.lock: the closure of its test
# extra, constrained to the runtime pins. Both keep the pins already in them (pip-compile reads its output
# file first); to move one, pass LOCK_COMPILER='pip-compile --upgrade-package NAME'.
lock:
	CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_COMPILER) $(LOCK_FLAGS) -o requirements.lock pyproject.toml
	$(PYTHON) -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["test"], sep="\n")' \
	  | CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_COMPILER) $(LOCK_FLAGS) -c requirements.lock -o requirements-test.lock -
	sed -i 's/-r -$$/soilgw[test] (pyproject.toml)/' requirements-test.lock  # name the extra, not stdin

run: install
	$(BIN)/soilgw migrate --noinput
	$(BIN)/soilgw load-county-data
	$(BIN)/soilgw ensure-admin
	$(BIN)/soilgw serve --port $(PORT)

test: install-test
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) -q

lint: install-test
	$(BIN)/ruff check src tests bench

messages: install
	cd src/soilgw && ../../$(BIN)/soilgw makemessages -l zh_Hans --no-obsolete && ../../$(BIN)/soilgw compilemessages

bench: install-test
	for f in bench/bench_*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) var .pytest_cache
