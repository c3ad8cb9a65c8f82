"""The details panel's picture comes back when the photo's folder does (a drive plugged in
again). qa26: the app started with a library folder's drive gone, a photo of it shown read "The
file is no longer there … this is the library's small copy of it"; the drive back and File >
Rescan Folders run, the panel still said so 20 s later, its file back where it was, until
another photo was shown. (A rescan that finds the photo elsewhere was already followed:
test_gui_details_picture_after_move.)"""

from __future__ import annotations

import os
from pathlib import Path

from tests.gui_helpers import click_photo, open_window, prescanned, scan


def test_the_picture_comes_back_when_the_folder_is_back_where_it_was(
    qtbot, engine, tmp_path: Path
) -> None:
    pics = prescanned(tmp_path / "pics" / "Stick", engine)
    away = tmp_path / "unplugged"
    os.rename(pics, away)  # the drive is gone when the app starts
    window = open_window(qtbot, engine, tmp_path)
    details = window.details
    click_photo(qtbot, window, "coffee.jpg")
    qtbot.waitUntil(lambda: details.preview_note.isVisible(), timeout=10_000)
    assert "no longer there" in details.preview_note.text()

    os.rename(away, pics)  # plugged in again, at the same place
    scan(qtbot, window, tmp_path / "pics")

    assert details.title.text() == "coffee.jpg"
    qtbot.waitUntil(lambda: not details.preview_note.isVisible(), timeout=10_000)
    assert not details.preview.pixmap().isNull()
