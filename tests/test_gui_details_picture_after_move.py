"""The details panel's picture follows a photo that a rescan found moved. Shown while its folder
had just been renamed on disk, it read "the file is no longer there" (now under the library's
thumbnail); after File > Rescan Folders the panel gave the new path but kept that message in
place of the picture until another photo was shown."""

from __future__ import annotations

import os
from pathlib import Path

from tests.gui_helpers import click_photo, open_window, prescanned, scan


def test_the_picture_comes_back_when_a_rescan_finds_the_photo_moved(
    qtbot, engine, tmp_path: Path
) -> None:
    pics = prescanned(tmp_path / "pics" / "Zoo", engine)
    window = open_window(qtbot, engine, tmp_path)
    details = window.details
    click_photo(qtbot, window, "coffee.jpg")
    os.rename(pics, pics.with_name("Tierpark"))  # renamed in the file manager
    click_photo(qtbot, window, "chelsea.jpg")
    click_photo(qtbot, window, "coffee.jpg")  # its picture is read from where it was
    # The library's thumbnail, said to be its small copy (the file is not where it was).
    qtbot.waitUntil(lambda: details.preview_note.isVisible(), timeout=10_000)
    assert "no longer there" in details.preview_note.text()

    scan(qtbot, window, tmp_path / "pics")

    assert details.title.text() == "coffee.jpg"
    assert "Tierpark" in details.facts.text()
    qtbot.waitUntil(lambda: not details.preview.pixmap().isNull(), timeout=10_000)
    assert "no longer there" not in details.preview.text()
    assert not details.preview_note.isVisible()
