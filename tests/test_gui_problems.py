"""File ▸ Problems lists the files a scan could not read, with the reason."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt, QUrl

from tests.gui_helpers import click_photo, click_sidebar, open_window, scan, settle
from tests.photo_factory import real_photo, text_as_jpg, truncated_jpeg


def test_unreadable_files_are_listed_with_a_reason(qtbot, engine, tmp_path: Path) -> None:
    pics = tmp_path / "card"
    real_photo(pics / "fine.jpg", "coffee")
    truncated_jpeg(pics / "half copied.jpg")
    window = open_window(qtbot, engine, tmp_path)
    scan(qtbot, window, pics)
    # Where to see which file and why: a file never read is not in the grid.
    assert "1 could not be read (File ▸ Problems says why)" in window.status.currentMessage()
    dialog = window.open_problems()
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 0).text().endswith("half copied.jpg")
    assert "truncated" in dialog.table.item(0, 1).text()
    dialog.close()
    # A rescan said "2 could not be read" when one was new: it counted again the files listed
    # by earlier scans, as if it found them. It now says how many of them are new.
    text_as_jpg(pics / "notes.jpg")
    scan(qtbot, window, pics)
    again = window.status.currentMessage()
    assert "2 could not be read, 1 of them new (File ▸ Problems says why)" in again, again
    scan(qtbot, window, pics)
    third = window.status.currentMessage()
    assert "2 could not be read, none of them new (File ▸ Problems says why)" in third, third
    assert window.open_problems().table.rowCount() == 2  # the count and the list agree


def test_double_click_shows_the_file_in_the_grid(qtbot, engine, tmp_path: Path) -> None:
    """Seen under X: the dialog named notes.jpg but gave no way to find it among the photos;
    a double-click now shows it in the grid, even from a folder or tag that hides it. A file
    never read is no photo: a double-click shows it in its folder instead."""
    pics = tmp_path / "phone"
    for i in range(12):
        real_photo(pics / "camera" / f"IMG_{i:02}.jpg", ("chelsea", "coffee", "rocket")[i % 3])
    notes = real_photo(pics / "junk" / "notes.jpg", "coffee")
    text_as_jpg(pics / "junk" / "todo.jpg")
    window = open_window(qtbot, engine, tmp_path)
    scan(qtbot, window, pics)
    notes.write_text("damaged since it was tagged\n", encoding="utf-8")
    os.utime(notes, (1, 1))
    scan(qtbot, window, pics)
    click_sidebar(qtbot, window, "camera")  # a folder: notes.jpg is not in the grid
    click_photo(qtbot, window, "IMG_11.jpg")
    dialog = window.open_problems()
    qtbot.waitExposed(dialog)
    opened: list[str] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url.toLocalFile())
        return True

    dialog.open_url = open_url
    paths = dialog.listed_paths()  # by what went wrong: the file that is no photo first
    assert [os.path.basename(p) for p in paths] == ["todo.jpg", "notes.jpg"]

    todo = dialog.table.visualItemRect(dialog.table.item(dialog.row_of(paths[0]), 0))
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=todo.center())
    qtbot.mouseDClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=todo.center())
    assert opened == [str(pics / "junk")] and dialog.isVisible()

    row_rect = dialog.table.visualItemRect(dialog.table.item(dialog.row_of(paths[1]), 0))
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=row_rect.center())
    qtbot.mouseDClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=row_rect.center())
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.details.title.text() == "notes.jpg")
    assert not dialog.isVisible()
