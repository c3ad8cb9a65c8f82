"""The details panel of a photo the scan can no longer read says why, and does not blame the
model. (A file never read, a text file named .jpg, is not among the photos at all: Problems
lists it, test_unreadable_files_not_photos.py.)"""

from __future__ import annotations

import os
from pathlib import Path

from tests.gui_helpers import click_photo, open_window, scan
from tests.photo_factory import real_photo


def test_a_photo_damaged_since_shows_its_reason(qtbot, engine, tmp_path: Path) -> None:
    pics = tmp_path / "phone"
    real_photo(pics / "fine.jpg", "coffee")
    notes = real_photo(pics / "notes.jpg", "chelsea")
    window = open_window(qtbot, engine, tmp_path)
    scan(qtbot, window, pics)
    # Overwritten with text later (a sync tool gone wrong): the photo keeps its tags, so it
    # stays in the grid, marked, with the reason.
    notes.write_text("shopping list\n", encoding="utf-8")
    os.utime(notes, (1, 1))
    scan(qtbot, window, pics)

    click_photo(qtbot, window, "notes.jpg")
    facts = window.details.facts.text()
    assert "could not be read" in facts
    assert "not a picture" in facts  # the Problems dialog's reason, where the user looks
    assert window.details.tags._rows  # the tags it had stay

    click_photo(qtbot, window, "fine.jpg")
    assert "could not be read" not in window.details.facts.text()
