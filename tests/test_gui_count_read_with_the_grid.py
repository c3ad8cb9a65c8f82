"""The status bar could read "305 of 300 photos shown" during a scan, and a folder's header
"· 305 of 300": the grid's photos and the library's count beside them were read apart, on two
threads (the grid's query, then the sidebar's counts), and a scan committed photos in between;
the grid's arrived first and was shown against the count from before. Now the count is read with
the grid's photos, from one snapshot of the library: the grid never shows more than "of" says.

A real library file, a second connection committing as a scan does, real Qt widgets."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.queries import GridFilter
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.store_helpers import add_photo

PHOTOS = 300


def _library() -> None:
    with open_library(default_home()) as library:
        for i in range(PHOTOS):
            add_photo(library.db, f"/pics/IMG_{i:03d}.jpg", taken_at="2020-01-01T00:00:00")


def _a_scan_commits(count: int) -> None:
    """A scan's walk commits photos it found (another connection, as the scan's thread has)."""
    with open_library(default_home()) as library:
        for i in range(count):
            add_photo(library.db, f"/pics/IMG_new_{i:02d}.jpg", taken_at="2030-01-01T00:00:00")


def test_the_grid_never_shows_more_than_its_count(qtbot: QtBot, tmp_path) -> None:  # noqa: ANN001
    _library()
    window = open_window(qtbot, None, tmp_path)
    settle(qtbot, window)
    assert window.status.library.text() == f"{PHOTOS} photos"
    _a_scan_commits(5)
    # The grid's refresh lands before the sidebar's counts are read again (as during a scan).
    with qtbot.waitSignal(window.controller.applied, timeout=10_000):
        window.controller.reload()
    assert window.model.rowCount() == PHOTOS + 5
    assert window.status.library.text() == f"{PHOTOS + 5} photos"
    settle(qtbot, window)
    window.controller.set_filter(GridFilter(folder="/pics"))
    settle(qtbot, window)
    with open_library(default_home()) as library:
        add_photo(library.db, "/pics/IMG_late.jpg", taken_at="2031-01-01T00:00:00")
    with qtbot.waitSignal(window.controller.applied, timeout=10_000):
        window.controller.reload()
    assert window.model.rowCount() == PHOTOS + 6
    assert window.header.text().endswith(f"  ·  {PHOTOS + 6:,} of {PHOTOS + 6:,}")
    assert window.status.library.text() == f"{PHOTOS + 6} photos"
