# phototagger: `make run` installs and starts the app, `make test` installs and runs every check.
# Both work on a fresh Debian machine: system packages, the virtualenv and Python packages included.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Qt offscreen (tests) and a real window (the app). Chinese, Japanese and Korean names (phones name
# albums and files so) need a CJK font: DejaVu has none and they read as boxes.
APT_QT := libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 fonts-dejavu-core \
	fonts-wqy-microhei
# Independent keyword readers for the metadata round-trip tests; a session bus of the tests' own
# for Show in Folder's file-manager call (tests/file_manager_bus.py).
APT_TEST := exiv2 libimage-exiftool-perl dbus-daemon
# Emoji in folder and file names (phones name albums so) read as boxes without an emoji font.
APT_WINDOW := libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 \
	libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 fonts-noto-color-emoji

.PHONY: run test check install system-deps system-deps-window lint typecheck unit bench clean

run: system-deps system-deps-window install
	$(BIN)/phototagger gui

test: system-deps install lint typecheck unit

# The developer's loop: lint, import contracts, mypy, and every test that does not run the real
# network (TensorFlow is refused in this tier; see tests/conftest.py), in make test's workers
# (TEST_JOBS, below): about 6 minutes on 2 cores, 1,700 tests; no longer the minute it once was.
check: install lint typecheck
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q --fast $(if $(filter-out 1,$(TEST_JOBS)),-n $(TEST_JOBS) --dist loadfile --no-loadscope-reorder)

system-deps:
	@sh packaging/apt-ensure.sh "$(SUDO)" $(APT_QT) $(APT_TEST)

system-deps-window:
	@sh packaging/apt-ensure.sh "$(SUDO)" $(APT_WINDOW)

install: $(STAMP)

# No copy of the downloads kept in ~/.cache/pip: the virtualenv is made once, and the wheels
# (TensorFlow's, Qt's, Ray's: hundreds of MB) would stay there, on a CI machine's small disk.
#
# No stamp but a virtualenv there: an install was interrupted (Ctrl-C, a full disk), and pip
# trusted the half-unpacked packages it left ("No module named 'tensorflow.python'" at the next
# start): the virtualenv starts empty again (--clear). With the stamp, pyproject.toml changed
# since: the virtualenv is kept and upgraded, its stamp taken off meanwhile, so that an upgrade
# interrupted in turn starts from an empty one the next time.

$(STAMP): pyproject.toml
	@$(PYTHON) -c "import ensurepip, venv" 2>/dev/null || sh packaging/apt-ensure.sh "$(SUDO)" python3-venv
	$(PYTHON) -m venv $(if $(wildcard $(STAMP)),,--clear )$(VENV)
	rm -f $(STAMP)
	$(BIN)/python -m pip install --quiet --no-cache-dir --upgrade pip
	$(BIN)/python -m pip install --quiet --no-cache-dir -e '.[dev,cluster]'
	touch $(STAMP)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: install
	$(BIN)/mypy

# The full tier in parallel workers (pytest-xdist, each test file on one worker; the count from
# packaging/test_workers.py: one per CPU, up to 4, 3 GB of memory each; 1 runs plain pytest in
# one process). The tests that send Ctrl-C to their own process run in a child pytest of their
# own (tests/test_own_ctrl_c_children.py): such a Ctrl-C once ended a worker. A worker lost all
# the same fails the run at once, naming its test (--max-worker-restart=0): with a replacement
# worker pytest-xdist's --dist loadfile can hang. `make test TEST_JOBS=1` runs one process.
# --no-loadscope-reorder keeps the order tests/conftest.py gives the files: the longest first, by
# tests/file_seconds.json (tests/file_order.py), so no worker is left alone with a long one at the end.
TEST_JOBS ?= auto
ifeq ($(TEST_JOBS),auto)
override TEST_JOBS := $(shell $(PYTHON) packaging/test_workers.py)
endif

unit: install
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q $(if $(filter-out 1,$(TEST_JOBS)),-n $(TEST_JOBS) --dist loadfile --no-loadscope-reorder --max-worker-restart=0)

bench: install
	for b in benchmarks/[a-z]*.py; do echo "== $$b"; QT_QPA_PLATFORM=offscreen $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache *.egg-info
