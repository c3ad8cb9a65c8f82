"""Every test gets a fresh, private library home; Qt runs offscreen."""

from __future__ import annotations

import importlib.abc
import os
import signal
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
# One BLAS thread (set before numpy loads): tests multiply small matrices, and OpenBLAS threads
# spinning on a busy 2-core machine made a 340-photo duplicate search take 9.9 s, not 0.34 s.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
# No test reaches the desktop's session bus: Show in Folder would open a real file manager
# window there (gui/show_file.py). A test that wants a file manager on a bus starts its own.
os.environ["DBUS_SESSION_BUS_ADDRESS"] = "unix:path=/nonexistent/phototagger-tests-have-no-bus"

# A session bus of a test's own with a file manager on it (the fixtures bus_address, file_manager).
pytest_plugins = ["tests.file_manager_bus"]

# Tests that run the real network: the full tier (`make test`, CI) runs them, the fast tier
# (`make check`) leaves them out. A test is "model" when it asks for a model fixture or says so.
MODEL_FIXTURES = frozenset({"engine", "template", "face_finder"})
# Pillow's own bomb limit (89 MP), read before any test runs the CLI (which raises it).
PILLOW_OWN_LIMIT = Image.MAX_IMAGE_PIXELS


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--fast",
        action="store_true",
        help="the fast tier: no test that runs the real model; importing TensorFlow is an error",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "model: runs the real network (full tier only)")
    config.addinivalue_line("markers", "large: builds a library of many thousands (full tier)")
    # A run started in the background by a shell or script (`make test &`) has Ctrl-C ignored,
    # and so has every command a test starts from it: the Ctrl-C tests, in this process and in
    # the CLI they start, then saw their Ctrl-C dropped (a CLI waiting a minute for nothing,
    # "DID NOT RAISE KeyboardInterrupt"). They press it as a terminal would: Python's own.
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    _qtbot_waits_default_to(QT_WAIT_MS)
    if config.getoption("--fast"):
        sys.meta_path.insert(0, _NoTensorFlow())


# How long a qtbot wait with no timeout of its own waits (pytest-qt's default: 5 s) before the
# test fails. A wait ends as soon as its condition holds or its signal comes, and no test waits
# for one to give up: a longer deadline slows only a failing test. 5 s is little for what a
# background thread brings about (a decode, a read of the library) on a machine that other runs
# load to 10-24, as this one was.
QT_WAIT_MS = 60_000
_QT_WAITS = ("waitUntil", "waitSignal", "waitSignals", "waitExposed", "waitActive", "waitCallback")


def _qtbot_waits_default_to(timeout_ms: int) -> None:
    from pytestqt.qtbot import QtBot

    for name in _QT_WAITS:
        defaults = getattr(QtBot, name).__kwdefaults__
        assert defaults is not None and "timeout" in defaults, name  # pytest-qt's own, changed
        defaults["timeout"] = timeout_ms


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    # A module marked as a whole may import the model at its top: not even collected when fast.
    if config.getoption("--fast") and collection_path.suffix == ".py":
        text = collection_path.read_text(encoding="utf-8", errors="replace")
        if "pytestmark = pytest.mark.model" in text:
            return True
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_pycollect_makemodule(
    module_path: Path, parent: pytest.Collector
) -> pytest.Module | None:
    # The same module named on the command line (`pytest --fast tests/test_x.py`), which
    # pytest_ignore_collect is not asked about: skipped as the full tier's, not an ImportError
    # "the fast tier imported keras" from its imports.
    if parent.config.getoption("--fast") and pytest_ignore_collect(module_path, parent.config):
        return _FullTierModule.from_parent(parent, path=module_path)
    return None


class _FullTierModule(pytest.Module):
    """A module marked as a whole to run the real model, given by name to the fast tier."""

    def collect(self) -> list[pytest.Item | pytest.Collector]:
        pytest.skip(f"{self.path.name} runs the real model: full tier (make test)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if MODEL_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.model)
    if config.getoption("--fast"):
        skip = pytest.mark.skip(reason="runs the real model: full tier (make test)")
        large = pytest.mark.skip(reason="a large library: full tier (make test)")
        for item in items:
            if item.get_closest_marker("model"):
                item.add_marker(skip)
            elif item.get_closest_marker("large"):
                item.add_marker(large)
    if os.environ.get("PYTEST_XDIST_WORKER"):
        # `make test`'s workers take the longest files first (tests/file_order.py); every
        # worker sorts alike, so they still collect the same list. A plain run keeps its order.
        from tests.file_order import file_of, load_seconds, longest_first

        files = longest_first((file_of(item.nodeid) for item in items), load_seconds())
        rank = {name: i for i, name in enumerate(files)}
        items.sort(key=lambda item: rank[file_of(item.nodeid)])


class _NoTensorFlow(importlib.abc.MetaPathFinder):
    """In the fast tier a test that reaches TensorFlow is mislabelled: say so, loudly."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name.split(".")[0] in ("tensorflow", "keras"):
            raise ImportError(f"the fast tier imported {name}: mark this test @pytest.mark.model")
        return None


@pytest.fixture(autouse=True)
def pillow_limit() -> Iterator[None]:
    """The CLI raises Pillow's process-wide pixel limit; each test starts from Pillow's own.
    Set, not saved: a module or session fixture that ran the CLI raised it before a test
    began, and a 100 MP PNG in a later file of that worker no longer met Pillow's bomb warning
    (tests/test_imaging_errors.py after test_train_tag_answers_all_taken_back.py)."""
    Image.MAX_IMAGE_PIXELS = PILLOW_OWN_LIMIT
    yield
    Image.MAX_IMAGE_PIXELS = PILLOW_OWN_LIMIT


@pytest.fixture(autouse=True)
def no_unwritten_copy_left() -> Iterator[None]:
    """Why the embeddings' copy could not be saved is kept process-wide until said
    (core/embedding_matrix.unwritten_note): each test starts with none."""
    yield
    matrix = sys.modules.get("phototagger.core.embedding_matrix")
    if matrix is not None:
        matrix.unwritten_note()


@pytest.fixture(autouse=True)
def no_key_held() -> Iterator[None]:
    """No key and no mouse button held after a test. A test's last key click with Ctrl or Shift
    leaves Qt reading that key as held (offscreen, the release carries the modifiers): the next
    test's selectRow then extends or toggles the selection instead of choosing the row. Each test
    starts with no key held."""
    yield
    widgets = sys.modules.get("PySide6.QtWidgets")
    if widgets is None or widgets.QApplication.instance() is None:
        return
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest

    if QGuiApplication.keyboardModifiers() != Qt.KeyboardModifier.NoModifier:
        releaser = widgets.QWidget()
        QTest.keyRelease(releaser, Qt.Key.Key_Shift)  # a release with no modifier held
        releaser.deleteLater()
    # QTest's double click (mouseDClick) ends on its double-click event, not a release: Qt then
    # reads the button as held, and a window's refresh from another process's commits waits for
    # "a mouse button held" (gui/outside_changes.user_mid_edit) until some later click releases
    # it. In parallel workers a test of that refresh ran after a double click and waited 90 s
    # in vain (tests/test_gui_sees_other_process.py, 2026-12-06).
    held = QGuiApplication.mouseButtons()
    if held != Qt.MouseButton.NoButton:
        releaser = widgets.QWidget()
        for button in (
            Qt.MouseButton.LeftButton,
            Qt.MouseButton.RightButton,
            Qt.MouseButton.MiddleButton,
        ):
            if held & button:
                QTest.mouseRelease(releaser, button)
        releaser.deleteLater()


@pytest.fixture(autouse=True)
def library_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The test's private library folder. PHOTOTAGGER_HOME names it for the CLI, which the tests
    run as a user would; core code gets the LibraryHome (`home`) passed in."""
    home = tmp_path / "phototagger-home"
    monkeypatch.setenv("PHOTOTAGGER_HOME", str(home))
    yield home


@pytest.fixture
def home(library_home: Path) -> Any:  # LibraryHome: paths is imported lazily, as the CLI does
    from phototagger.paths import LibraryHome

    return LibraryHome.under(library_home)


@pytest.fixture
def at_13_points(qapp: Any) -> Iterator[None]:
    """The application's font at 13 points, as a desktop font setting gives it (walk48: the
    Review tab and the Train page at 856 x 600); set back after."""
    before = qapp.font()
    font = qapp.font()
    font.setPointSize(13)
    qapp.setFont(font)
    yield
    qapp.setFont(before)


@pytest.fixture(scope="session")
def engine(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201 - TaggingEngine, imported lazily
    """The real tagging engine (EfficientNet-Lite0 + default vocabulary), loaded once per run,
    its converted weights cached in a folder of the session's own."""
    from phototagger.ml.engine import load_engine
    from phototagger.paths import LibraryHome

    caches = LibraryHome.under(tmp_path_factory.mktemp("engine-home"))
    return load_engine("auto", weights_cache=caches.weights_cache)


@pytest.fixture
def marked_det_photos(
    engine: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Callable[[Mapping[str, Sequence[str]]], Path]:
    """Called with {det-photo name: exiv2 -M commands}: copies of those det-photos in the test's
    pics/ folder, the commands written into each (as digiKam or Lightroom would), scanned with
    the session's engine into the test's library; the folder."""
    from tests.cli_helpers import det_photos_scanned

    def scanned(marks: Mapping[str, Sequence[str]]) -> Path:
        folder = tmp_path / "pics"
        return det_photos_scanned(engine, folder, list(marks), monkeypatch, capsys, marks)

    return scanned


@pytest.fixture
def scans_with_engine(engine: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """`phototagger scan` run by a test tags with the session's engine (the CLI would load its
    own again, for seconds); the engine."""
    monkeypatch.setattr(
        "phototagger.commands.library.tagger_loader", lambda library, args: lambda: engine
    )
    return engine


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Any]:
    """A fresh, migrated library database (a sqlite_utils.Database) in the test's folder."""
    from phototagger.store.connection import open_database

    database = open_database(tmp_path / "library.db")
    yield database
    database.close()


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory, engine: Any) -> Path:
    """A scanned library of real faces, patches and photos; tests copy it (retrain_helpers)."""
    from tests.retrain_helpers import build_template

    return build_template(tmp_path_factory.mktemp("faces"), engine)


@pytest.fixture(scope="session")
def folders_scanned(
    tmp_path_factory: pytest.TempPathFactory, engine: Any
) -> tuple[Path, dict[str, list[Path]]]:
    """tests/test_train_folder_taught_tag.py's folders of det-photos (its _library: Crete,
    WhatsApp, Music, Kitchen, Home) in root/pics, scanned into a library in root/home once per
    run, in batches of 32 as `phototagger scan`, by one worker where pytest-xdist runs several
    (tests/built_once.py: its files lie on both, and each scanned its own 165 photos, 10-13 s):
    (root, the copies per folder). Tests answer a copy (retrain_helpers.library_from) and never
    change root/pics."""
    from phototagger.core.library import open_library
    from phototagger.paths import LibraryHome
    from tests.built_once import built_once
    from tests.scan_helpers import run_scan
    from tests.test_train_folder_taught_tag import _library

    def build(root: Path) -> tuple[Path, dict[str, list[Path]]]:
        folders = _library(root / "pics")
        with open_library(LibraryHome.under(root / "home")) as lib:
            run_scan(lib, [root / "pics"], engine, batch_size=32)
        return root, folders

    def saved(built: tuple[Path, dict[str, list[Path]]]) -> dict[str, Any]:
        root, folders = built
        return {"root": str(root), "folders": {k: [str(p) for p in v] for k, v in folders.items()}}

    def read(saved: dict[str, Any]) -> tuple[Path, dict[str, list[Path]]]:
        folders = {k: [Path(p) for p in v] for k, v in saved["folders"].items()}
        return Path(saved["root"]), folders

    return built_once("folders", tmp_path_factory.mktemp("folders"), build, saved, read)


@pytest.fixture(scope="session")
def face_finder():  # noqa: ANN201 - FaceDetector, imported lazily
    """The real packaged face detector, configured from models/people.json, loaded once per run."""
    from phototagger.core.people import load_finder

    return load_finder()


@pytest.fixture(scope="session")
def hoofed_scanned(tmp_path_factory: pytest.TempPathFactory, engine: Any) -> Any:
    """tests/hoofed_helpers.hoofed_answered's library ("hoofed animals" answered, trained,
    answered again) built once per run, for the deep-training tests that start from it:
    hoofed_libraries.Built. Tests answer a copy (retrain_helpers.library_from)."""
    from tests.hoofed_libraries import hoofed_built

    return hoofed_built(engine, tmp_path_factory.mktemp("hoofed"))


@pytest.fixture(scope="session")
def hoofed_deep(tmp_path_factory: pytest.TempPathFactory, hoofed_scanned: Any) -> Any:
    """hoofed_scanned's library trained once per run with `train --deep --force`, as
    tests/test_deep_named_cover.py and tests/test_deep_holds_no_answers.py each trained it:
    hoofed_libraries.Built, with what the command printed. Tests answer a copy."""
    from tests.hoofed_libraries import deep_trained

    return deep_trained(hoofed_scanned, tmp_path_factory.mktemp("hoofed-deep"))


@pytest.fixture(scope="session")
def synthetic_12k(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A library home of 12,000 synthetic photos on v1 (tests/synthetic_homes.py), built once
    per run, for the killed-switch tests that each built the same one: they copy it
    (synthetic_homes.on_synthetic_home) before adding their own photos and answers."""
    from tests.built_once import built_once
    from tests.synthetic_homes import build_synthetic_home

    return built_once("synthetic-12k", tmp_path_factory.mktemp("synthetic"), build_synthetic_home)
