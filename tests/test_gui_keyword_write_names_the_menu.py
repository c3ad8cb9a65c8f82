"""The status line of a keyword write that failed on a photo sent the user to "File > Problems",
where every other line of the app (a scan's, Try Again's) says "File ▸ Problems", as the menus
are written."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.gui_helpers import open_window, write_keywords
from tests.test_keyword_write_tells_of_left_copies import _tagged_photo


def test_a_failed_write_names_file_problems_as_the_app_does(qtbot: QtBot, tmp_path: Path) -> None:
    photo = _tagged_photo(tmp_path / "pics")
    photo.chmod(0o444)  # read-only: phototagger leaves it as it is, root or not
    window = open_window(qtbot, None, tmp_path)
    window.grid.selectAll()
    assert write_keywords(qtbot, window) == (
        "Keywords written into 0 photos, 0 already up to date, 1 could not be written "
        "(File ▸ Problems)"
    )
