"""A copy a keyword write left behind that a scan could not remove stayed silently. The app now
says so once, at the end of the scan that first finds it, with its path, and File ▸ Problems
lists it under a heading of its own, its row saying what to do."""

from __future__ import annotations

import os
import time
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from pytestqt.qtbot import QtBot

from phototagger.gui.problems_dialog import ProblemsDialog
from tests.gui_helpers import open_window, scan, settle
from tests.photo_factory import real_photo


def test_the_scan_says_once_and_problems_lists_it(qtbot: QtBot, engine, tmp_path: Path) -> None:
    pics = tmp_path / "pics"
    pics.mkdir()
    real_photo(pics / "coffee.jpg", "coffee")
    # Named as a keyword write names its copy, two hours old; a folder, so that it stays for
    # root too (a read-only folder does not stop root).
    odd = pics / ".coffee.jpg.abcdefgh.phototagger-tmp"
    odd.mkdir()
    (odd / "notes.txt").write_text("mine")
    then = time.time() - 7200
    os.utime(odd, (then, then))

    window = open_window(qtbot, engine, tmp_path)
    scan(qtbot, window, pics)
    assert window.status.currentMessage() == (
        "Scan finished: 1 photo found, 1 new, 1 tagged. A copy phototagger left behind could "
        f"not be removed: {odd} (see File ▸ Problems)"
    )
    scan(qtbot, window, pics)
    assert window.status.currentMessage() == "Scan finished: 1 photo found, 0 new, 0 tagged"

    dialog = window.open_problems()
    assert isinstance(dialog, ProblemsDialog)
    settle(qtbot, window)
    heading = (
        "1 copy left behind by a keyword write could not be removed (it is hidden; each row says "
        "what to do)"
    )
    assert dialog.summary.text().startswith(f"{heading}.")
    assert dialog.listed_paths() == [str(odd)]
    what = dialog.table.item(dialog.row_of(str(odd)), 1)
    assert what is not None and what.text().startswith(
        "a folder named like the copy phototagger makes of coffee.jpg while writing its keywords"
    )
    # "Double-click one to see it … in its folder": it is no photo in the grid, so its folder
    # opens (a folder of that name: itself, to look inside).
    opened: list[str] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url.toLocalFile())
        return True

    dialog.open_url = open_url
    row = dialog.table.item(dialog.row_of(str(odd)), 0)
    assert row is not None
    cell = dialog.table.visualItemRect(row).center()
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    qtbot.mouseDClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert opened == [str(odd)] and dialog.isVisible()
    dialog.close()
    assert (odd / "notes.txt").read_text() == "mine"
