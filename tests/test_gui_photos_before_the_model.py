"""A first scan shows the photos it found before the model is ready, as Lightroom and digiKam
show thumbnails at import and the tags later. The scan had committed every photo found (waiting
to be tagged) and the folder within a second, but the grid and the sidebar were read again only
when a progress report came, at most once a second: the walk's and "loading the model" came
within that second, and the next one only after the first batch was tagged. For the minute the
model took to load, a tester saw an empty grid under an empty FOLDERS heading. Shown that early,
the photo in the details panel (the first, chosen for the user) said "Waiting to be tagged" until
the scan ended, though the grid beside it showed its tags."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import numpy as np
from pytestqt.qtbot import QtBot

from phototagger.core.jobs import Cancelled
from phototagger.core.library import Library, open_library
from phototagger.core.scan import Tagger
from phototagger.core.states import PhotoStatus
from phototagger.gui.grid_delegate import placeholder_words
from phototagger.gui.location import LibraryLocation
from phototagger.gui.main_window import MainWindow
from phototagger.ml.runtimes.deferred import DeferredCheckEngine
from phototagger.paths import default_home
from tests.gui_helpers import JOB_TIMEOUT_MS, four_photos, row_of, settle, shown_names

# Well past the one-second refresh: on the old code nothing came in this time, or in a minute.
SHOWN_WITHIN_MS = 5_000
NAMES = ["astronaut.jpg", "chelsea.jpg", "coffee.jpg", "rocket.jpg"]


def _nothing(_window: MainWindow) -> None:
    pass


def _scan_held(
    qtbot: QtBot,
    tmp_path: Path,
    loaded: Callable[[], Tagger],
    before_load: Callable[[MainWindow], None] = _nothing,
    after_load: Callable[[MainWindow], None] = _nothing,
) -> tuple[MainWindow, Path]:
    """Scan four photos with a model that is ready only once the test has seen them shown,
    waiting (as a first start's TensorFlow import and model load hold a scan for a minute);
    `loaded()` is what the load then gives. `before_load` and `after_load` are what the user
    does before it is ready, and while the scan goes on after."""
    folder = four_photos(tmp_path / "Pictures")
    release = threading.Event()

    def load(_library: Library) -> Tagger:
        release.wait(JOB_TIMEOUT_MS / 1000)
        return loaded()

    window = MainWindow(
        open_library(default_home()), load_tagger=load, location=LibraryLocation(tmp_path / "l")
    )
    qtbot.addWidget(window)
    window.show()
    settle(qtbot, window)
    with qtbot.waitSignal(window.jobs.idle, timeout=JOB_TIMEOUT_MS):
        assert window.start_scan([str(folder)])
        try:
            _found_and_waiting(qtbot, window, folder)
            before_load(window)
        finally:
            release.set()
        after_load(window)
    settle(qtbot, window)
    return window, folder


def _found_and_waiting(qtbot: QtBot, window: MainWindow, folder: Path) -> None:
    """The photos and their folder are shown, waiting to be tagged, while the model loads."""
    qtbot.waitUntil(
        lambda: window.model.rowCount() == 4 and window.sidebar.has_folder(str(folder)),
        timeout=SHOWN_WITHIN_MS,
    )
    assert window.jobs.busy  # still loading the model: nothing is tagged yet
    assert sorted(shown_names(window)) == NAMES
    photos = [window.model.photo(row) for row in range(4)]
    assert all(p is not None and p.status == PhotoStatus.PENDING for p in photos)
    # Found, not read yet: no photos until read (a file named .jpg may be none), said apart.
    qtbot.waitUntil(
        lambda: window.status.library.text() == "0 photos · 4 files found, waiting to be tagged"
    )
    assert window.centre.showing_grid


def test_photos_found_show_while_the_model_loads(qtbot: QtBot, tmp_path: Path) -> None:
    def cancelled() -> Tagger:
        raise Cancelled  # the load stops at the user's cancel

    def look_then_cancel(window: MainWindow) -> None:
        window.grid.go_to_row(0)
        qtbot.waitUntil(lambda: window.details.title.text() == shown_names(window)[0])
        # Said once (it was said twice, in the facts and in place of the tags), and what next.
        assert "Waiting to be tagged" in window.details.facts.text()
        empty = window.details.tags._empty
        assert empty.isVisible() and "Waiting" not in empty.text()
        assert "add your own" in empty.text()
        # In the same words on its tile and in the header (they said "not read yet" and
        # "waiting to be read" of it).
        assert placeholder_words(window.model.photo(0), failed=False) == "waiting to be tagged"
        assert window.header.text().endswith("  ·  +4 waiting to be tagged")
        window.cancel_job()

    window, folder = _scan_held(qtbot, tmp_path, cancelled, look_then_cancel)
    # Cancelled before any was tagged: they stay, waiting, for the next scan to tag.
    assert window.model.rowCount() == 4 and window.sidebar.has_folder(str(folder))
    assert window.status.library.text() == "0 photos · 4 files found, waiting to be tagged"


def test_found_photos_show_then_get_their_tags(qtbot: QtBot, engine, tmp_path: Path) -> None:
    looked = threading.Event()

    def held_after_tagging() -> np.ndarray:
        looked.wait(JOB_TIMEOUT_MS / 1000)  # the scan's last step waits until the test has looked
        return np.zeros((0, 224, 224, 3), np.uint8)

    held = DeferredCheckEngine(engine, [], tmp_path / "choice.json", held_after_tagging)

    def choose_chelsea(window: MainWindow) -> None:
        window.grid.go_to_row(row_of(window, "chelsea.jpg"))
        qtbot.waitUntil(lambda: window.details.title.text() == "chelsea.jpg")
        assert "Waiting to be tagged" in window.details.facts.text()

    def tags_arrive(window: MainWindow) -> None:
        try:
            qtbot.waitUntil(
                lambda: "cat" in [row.entry.name for row in window.details.tags.rows],
                # four photos, the model loaded: the default wait (tests/conftest.py)
            )
            assert window.jobs.busy  # shown as the scan tagged it, not when the scan ended
            assert "Waiting to be tagged" not in window.details.facts.text()
        finally:
            looked.set()

    window, _ = _scan_held(qtbot, tmp_path, lambda: held, choose_chelsea, tags_arrive)
    assert sorted(shown_names(window)) == NAMES
    assert "waiting" not in window.status.library.text()
    assert window.sidebar.tag_count("cat") == 1
    assert window.details.title.text() == "chelsea.jpg"
