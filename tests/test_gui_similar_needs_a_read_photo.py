"""Find Similar on a photo that could not be read (or is still waiting to be tagged) says there
is nothing to compare it with. It switched the grid to 'Photos like broken.jpg, most similar
first' holding that one photo, as if the library had nothing like it."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from phototagger.store.photos import update_photo
from tests.gui_helpers import open_window, row_of, settle
from tests.store_helpers import add_photo
from tests.switch_helpers import synthetic_library


def test_similar_to_an_unread_photo_is_explained(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 5)
        # Read once (a model version), damaged since: it stays in the grid, marked. A file
        # never read is not among the photos at all (test_unreadable_files_not_photos.py).
        broken = add_photo(lib.db, "/synthetic/broken.jpg", status="problem")
        update_photo(lib.db, broken, model_version="v1")
        add_photo(lib.db, "/synthetic/new.jpg", status="pending")
    window = open_window(qtbot, None, tmp_path)
    for name, why in (("broken.jpg", "could not be read"), ("new.jpg", "waiting to be tagged")):
        window.grid.go_to_row(row_of(window, name))
        settle(qtbot, window)
        window.tools.find_similar.trigger()
        settle(qtbot, window)
        assert window.controller.filter.similar_to is None  # the grid stays as it was
        assert window.model.rowCount() == 7
        assert name in window.status.currentMessage() and why in window.status.currentMessage()

    window.grid.go_to_row(row_of(window, "000001.jpg"))
    window.tools.find_similar.trigger()
    settle(qtbot, window)
    assert window.model.rowCount() == 5  # the read photos, most similar first
