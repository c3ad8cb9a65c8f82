"""The app's scan end line with one file still unreadable on a rescan: "1 could not be read,
none of them new" read as if several were; it now says "listed before", as `scan` does. And
once that line's 15 s are over, the status bar still says "⚠ 1 problem" (nothing on screen
told of the file after, walk61), and a click on it opens File ▸ Problems."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt

from phototagger.gui.problems_dialog import ProblemsDialog
from tests.gui_helpers import open_window, scan, settle

DET = Path("/work/shared/data/det-photos")


def test_one_file_unreadable_again_is_said_listed_before(qtbot, engine, tmp_path: Path) -> None:
    pics = tmp_path / "card"
    pics.mkdir()
    names = sorted(p.name for p in DET.glob("*.jpg"))[:3]
    for name in names:
        shutil.copy(DET / name, pics / name)
    (pics / "cut short.jpg").write_bytes((DET / names[0]).read_bytes()[:3000])
    window = open_window(qtbot, engine, tmp_path)
    said = []
    for _ in range(2):  # the first scan, then a rescan finding the same file unread
        scan(qtbot, window, pics)
        said.append(window.status.currentMessage())
    assert "1 could not be read (File ▸ Problems says why)" in said[0], said
    assert "1 could not be read, listed before (File ▸ Problems says why)" in said[1], said
    assert "none of them new" not in said[1]

    window.status.clearMessage()  # the scan's line, its time over
    settle(qtbot, window)
    problems = window.status.problems
    assert problems.isVisible() and problems.text() == "⚠ 1 problem"
    assert window.status.library.text() == "3 photos"  # the count as it was
    qtbot.mouseClick(problems, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(ProblemsDialog)))
    # The file forgotten there, the count goes as the list closes.
    (dialog,) = [d for d in window.findChildren(ProblemsDialog) if d.isVisible()]
    dialog.table.selectAll()
    qtbot.mouseClick(dialog.forget, Qt.MouseButton.LeftButton)
    dialog.close()
    qtbot.waitUntil(lambda: not window.status.problems.isVisible())
