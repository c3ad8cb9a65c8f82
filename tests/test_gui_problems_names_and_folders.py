"""File ▸ Problems showed each file's full path in its File column, so the folder repeated on
every row and the name, at its end, wrapped; the files came in path order ('Trip 2/' before
'Trip/', 'IMG_10' before 'IMG_2'); the lines above the table repeated every section heading the
table shows in bold (seven lines for four kinds). Now the File column shows the name, a Folder
column its folder (the full path in both tooltips), folder by folder and by name as the grid
sorts them; Ctrl+C and the row's menu copy the full path; the line above counts the kinds."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.problems_dialog import ProblemsDialog
from phototagger.paths import default_home
from tests.cli_helpers import read_only_unwritten
from tests.scan_helpers import walk_only

DET = sorted(Path("/work/shared/data/det-photos").glob("*.jpg"))


def _library(capsys: pytest.CaptureFixture[str], root: Path) -> tuple[Path, Path]:
    """'Trip': IMG_10.jpg and IMG_2.jpg, read-only, whose keywords could not be written, and a
    link that loops; 'Trip 2': another link that loops, named IMG_2.jpg (a name in both)."""
    trip, trip2 = root / "Trip", root / "Trip 2"
    read_only_unwritten(capsys, trip, DET[:2], ["IMG_10.jpg", "IMG_2.jpg"])
    trip2.mkdir()
    for link in (trip / "loop.jpg", trip2 / "IMG_2.jpg"):
        link.symlink_to(link)
    walk_only(trip)
    walk_only(trip2)
    return trip, trip2


def test_problems_show_names_with_their_folders_apart(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    trip, trip2 = _library(capsys, tmp_path)
    with open_library(default_home()) as library:
        dialog = ProblemsDialog(library.db)
        qtbot.addWidget(dialog)
        dialog.show()
        table = dialog.table
        assert [table.model().headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == [
            "File",
            "What is wrong",
            "Folder",
        ]
        shown: list[str | tuple[str, str]] = []
        for r in range(table.rowCount()):
            name, folder = table.item(r, 0), table.item(r, 2)
            assert name is not None
            if folder is None:  # a section's heading, over the three columns
                assert table.columnSpan(r, 0) == 3 and name.font().bold()
                shown.append(name.text())
                continue
            path = name.data(Qt.ItemDataRole.UserRole)
            assert name.toolTip() == folder.toolTip() == path
            shown.append((name.text(), folder.text()))
        assert shown == [
            "2 files could not be read: they are not among your photos",
            ("loop.jpg", str(trip)),  # 'Trip' before 'Trip 2'
            ("IMG_2.jpg", str(trip2)),
            "2 photos could not be written: read-only (their keywords were not saved; they were "
            "read and tagged fine)",
            ("IMG_2.jpg", str(trip)),  # 'IMG_2' before 'IMG_10', as the grid sorts them
            ("IMG_10.jpg", str(trip)),
        ]
        # Each heading said once (bold, in the table); the line above counts them.
        assert dialog.summary.text().splitlines() == [
            "4 problems of 2 kinds, each under its heading.",
            "Double-click one (or press Enter) to see it in the grid, or in its folder.",
        ]

        # The full path is still to hand: Ctrl+C, the row's menu, Show in Folder.
        table.setFocus()
        table.setCurrentCell(dialog.row_of(str(trip2 / "IMG_2.jpg")), 0)
        QGuiApplication.clipboard().clear()
        qtbot.keyPress(table, Qt.Key.Key_Control)
        qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyRelease(table, Qt.Key.Key_Control)  # held, it would reach the tests after
        assert QGuiApplication.clipboard().text() == str(trip2 / "IMG_2.jpg")
        table.clearSelection()
        table.setCurrentCell(dialog.row_of(str(trip / "IMG_10.jpg")), 1)
        menu = {action.text(): action for action in table.actions()}
        menu["Copy &Path"].trigger()
        assert QGuiApplication.clipboard().text() == str(trip / "IMG_10.jpg")
        opened: list[str] = []

        def open_url(url: QUrl) -> bool:
            opened.append(url.toLocalFile())
            return True

        dialog.open_url = open_url
        menu["Show in &Folder"].trigger()
        assert opened == [str(trip)]
