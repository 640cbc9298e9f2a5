# SoilGW — the two set-up commands: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
PYTEST_WORKERS ?= 2

.PHONY: run test install lint messages bench clean

$(BIN)/.installed: requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

install: $(BIN)/.installed

run: install
	$(BIN)/soilgw migrate --noinput
	$(BIN)/soilgw load-county-data
	$(BIN)/soilgw ensure-admin
	$(BIN)/soilgw serve --port $(PORT)

test: install
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) -q

lint: install
	$(BIN)/ruff check src tests bench

messages: install
	cd src/soilgw && ../../$(BIN)/soilgw makemessages -l zh_Hans --no-obsolete && ../../$(BIN)/soilgw compilemessages

bench: install
	for f in bench/bench_*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) var .pytest_cache
