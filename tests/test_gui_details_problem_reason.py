"""The details panel of a file the scan could not read says why, and does not blame the model."""

from __future__ import annotations

from pathlib import Path

from tests.gui_helpers import click_photo, open_window, scan
from tests.photo_factory import empty_file, real_photo, text_as_jpg


def test_an_unreadable_file_shows_its_reason(qtbot, engine, tmp_path: Path) -> None:
    pics = tmp_path / "phone"
    real_photo(pics / "fine.jpg", "coffee")
    text_as_jpg(pics / "notes.jpg")
    empty_file(pics / "zero.jpg")
    window = open_window(qtbot, engine, tmp_path)
    scan(qtbot, window, pics)

    click_photo(qtbot, window, "notes.jpg")
    facts = window.details.facts.text()
    assert "could not be read" in facts
    assert "not a picture" in facts  # the Problems dialog's reason, where the user looks
    empty = window.details.tags._empty
    assert not empty.isHidden()
    assert "model suggested no tags" not in empty.text()  # the model never saw it
    assert "add your own" in empty.text()
    # Seen under X: the note ran past the panel's right edge, cut off mid-word; it wraps.
    assert empty.minimumSizeHint().width() <= window.details.width()

    click_photo(qtbot, window, "zero.jpg")
    assert "empty (0 bytes)" in window.details.facts.text()

    click_photo(qtbot, window, "fine.jpg")
    assert "could not be read" not in window.details.facts.text()
