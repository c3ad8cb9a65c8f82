"""A photo whose file was deleted since the scan (the grid lists it until a rescan), selected:
the details panel's preview showed only "the file is no longer there (it was moved or
deleted)", in words, though the library still has the photo's thumbnail (the viewer shows it).
The panel shows that thumbnail too, with the same line under it; the next photo, whose file is
there, is shown with nothing under it."""

from __future__ import annotations

from pathlib import Path

from tests.gui_helpers import click_photo, open_window, prescanned
from tests.test_gui_viewer_file_gone_shows_thumbnail import SAID


def test_the_details_panel_shows_the_thumbnail_of_a_file_gone(
    qtbot, engine, tmp_path: Path
) -> None:
    pics = prescanned(tmp_path / "card", engine)
    (pics / "rocket.jpg").unlink()  # deleted in the file manager: the grid still lists it
    window = open_window(qtbot, engine, tmp_path)
    details = window.details
    click_photo(qtbot, window, "rocket.jpg")
    qtbot.waitUntil(lambda: details.preview_note.isVisible(), timeout=5000)
    assert details.preview_note.text() == SAID
    shown = details.preview.pixmap()
    assert not shown.isNull() and shown.width() > 0 and details.preview.text() == ""

    # The next photo, whose file is there: its picture, nothing said under it.
    click_photo(qtbot, window, "astronaut.jpg")
    qtbot.waitUntil(lambda: not details.preview.pixmap().isNull(), timeout=10_000)
    assert not details.preview_note.isVisible()
