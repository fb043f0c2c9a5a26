# Two entry points: `make demo` and `make test`. Both set up everything from nothing
# and reuse an existing .venv.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
QA := $(VENV)/bin/qa-app
STAMP := $(VENV)/.installed
DEMO_STORE ?= .qa-app/demo
export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False

.PHONY: install system-deps test demo bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip wheel

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Browser tests use Debian's Chromium; install it when it is missing.
system-deps:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
		echo "Installing Debian packages chromium and chromium-driver"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver >/dev/null; \
	fi

test: install system-deps
	$(PY) -m pytest $(PYTEST_ARGS)

demo: install
	$(QA) ingest eval/articles --store $(DEMO_STORE)

bench: install
	$(PY) eval/bench_ingest.py

clean:
	rm -rf .qa-app test-artifacts
