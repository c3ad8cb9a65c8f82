"""File ▸ Problems' headers did nothing when clicked: the list kept the sections' order, folder by
folder, and a photographer looking for one file among a card's could not sort by name, or by
what is wrong. A click on a header now sorts each section's files by that column (names in
natural order, 'IMG_2' before 'IMG_10'), again the other way; the sections keep their order,
each under its heading, as a file manager sorts within folders. The sort is kept in the window's
settings and comes back at the next start, as the window's other choices do."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.metadata.sync import PROBLEM_CODE as READ_CODE
from phototagger.gui.main_window import MainWindow
from phototagger.gui.problems_dialog import ProblemsDialog
from phototagger.paths import default_home
from phototagger.store.photos import add_folder, update_photo
from phototagger.store.problems import record_problem
from tests.child_process import run_gui_child
from tests.gui_helpers import open_window, settle, sort_on_disk
from tests.store_helpers import add_photo

NOT_PHOTOS = {  # name -> (folder, what is wrong)
    "zebra.jpg": ("a", "this is not a picture"),
    "IMG_10.jpg": ("b", "the file is empty (0 bytes)"),
    "IMG_2.jpg": ("a", "the file is empty (0 bytes)"),
    "apple.jpg": ("b", "this is not a picture"),
}
UNREAD_KEYWORDS = {"dusk.jpg": "b", "Beach.jpg": "a"}  # photos whose sidecar could not be read


def _library(root: Path) -> None:
    with open_library(default_home()) as library:
        add_folder(library.db, str(root))
        for folder in ("a", "b"):
            (root / folder).mkdir(parents=True)
        for name, (folder, words) in NOT_PHOTOS.items():
            path = root / folder / name
            path.write_text("not a photo")
            add_photo(library.db, str(path), status="problem")
            record_problem(library.db, str(path), "NOT_AN_IMAGE", words)
        for name, folder in UNREAD_KEYWORDS.items():
            path = root / folder / name
            path.write_text("a photo")
            update_photo(library.db, add_photo(library.db, str(path)), model_version="v1")
            record_problem(library.db, str(path), READ_CODE, "its XMP sidecar could not be read")
        library.db.conn.commit()


def _listed(dialog: ProblemsDialog) -> list[str]:
    """The list as shown: a heading as '#', a file as its folder/name."""
    rows = []
    for row in range(dialog.table.rowCount()):
        item = dialog.table.item(row, 0)
        assert item is not None
        path = item.data(Qt.ItemDataRole.UserRole)
        rows.append("#" if not path else "/".join(Path(path).parts[-2:]))
    return rows


def _click_header(qtbot: QtBot, dialog: ProblemsDialog, column: int) -> None:
    header = dialog.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )


def _problems(qtbot: QtBot, window: MainWindow) -> ProblemsDialog:
    dialog = window.open_problems()
    qtbot.waitExposed(dialog)
    return dialog


def test_a_header_sorts_each_section_and_is_kept(qtbot: QtBot, tmp_path: Path) -> None:
    _library(tmp_path / "pics")
    window = open_window(qtbot, None, tmp_path)
    dialog = _problems(qtbot, window)
    # As the sections list them, folder by folder.
    folders = ["#", "a/IMG_2.jpg", "a/zebra.jpg", "b/apple.jpg", "b/IMG_10.jpg"]
    assert _listed(dialog) == [*folders, "#", "a/Beach.jpg", "b/dusk.jpg"]
    header = dialog.table.horizontalHeader()
    dialog.table.selectRow(dialog.row_of(str(tmp_path / "pics" / "b" / "IMG_10.jpg")))

    _click_header(qtbot, dialog, 0)  # File: by name
    by_name = ["#", "b/apple.jpg", "a/IMG_2.jpg", "b/IMG_10.jpg", "a/zebra.jpg"]
    assert _listed(dialog) == [*by_name, "#", "a/Beach.jpg", "b/dusk.jpg"]
    assert header.sortIndicatorSection() == 0
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    # The file chosen stays chosen where it has gone.
    assert dialog.selected_paths() == [str(tmp_path / "pics" / "b" / "IMG_10.jpg")]
    headings = [dialog.table.item(row, 0) for row in (0, 5)]
    assert dialog.headings == [item.text() for item in headings if item is not None]

    _click_header(qtbot, dialog, 0)  # again: the other way
    assert _listed(dialog) == [*["#", *by_name[:0:-1]], "#", "b/dusk.jpg", "a/Beach.jpg"]
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder

    _click_header(qtbot, dialog, 1)  # What is wrong: the empty files first
    assert _listed(dialog)[:5] == ["#", "a/IMG_2.jpg", "b/IMG_10.jpg", "b/apple.jpg", "a/zebra.jpg"]
    _click_header(qtbot, dialog, 1)
    _click_header(qtbot, dialog, 2)  # Folder, then name
    assert _listed(dialog) == [*folders, "#", "a/Beach.jpg", "b/dusk.jpg"]
    _click_header(qtbot, dialog, 2)
    by_folder_down = ["#", "b/apple.jpg", "b/IMG_10.jpg", "a/IMG_2.jpg", "a/zebra.jpg"]
    assert _listed(dialog) == [*by_folder_down, "#", "b/dusk.jpg", "a/Beach.jpg"]
    dialog.close()

    # Kept: the next start's Problems is sorted so, its header saying it.
    window.close()
    window = open_window(qtbot, None, tmp_path)
    settle(qtbot, window)
    dialog = _problems(qtbot, window)
    header = dialog.table.horizontalHeader()
    assert header.sortIndicatorSection() == 2
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert _listed(dialog) == [*by_folder_down, "#", "b/dusk.jpg", "a/Beach.jpg"]
    dialog.close()


def test_files_alike_in_the_column_keep_their_order_either_way(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Sorted the other way, the files alike in the column clicked came in reverse too: by
    folder the other way, folder b's files came IMG_10.jpg before apple.jpg; by what is wrong,
    the empty files IMG_10.jpg before IMG_2.jpg. A file manager keeps them in name order
    whichever way the column sorts, and so does Problems now."""
    _library(tmp_path / "pics")
    window = open_window(qtbot, None, tmp_path)
    dialog = _problems(qtbot, window)
    _click_header(qtbot, dialog, 2)  # Folder
    up = ["#", "a/IMG_2.jpg", "a/zebra.jpg", "b/apple.jpg", "b/IMG_10.jpg"]
    assert _listed(dialog)[:5] == up
    _click_header(qtbot, dialog, 2)  # the other way: the folders swap, their files do not
    assert _listed(dialog)[:5] == ["#", "b/apple.jpg", "b/IMG_10.jpg", "a/IMG_2.jpg", "a/zebra.jpg"]
    assert _listed(dialog)[5:] == ["#", "b/dusk.jpg", "a/Beach.jpg"]

    _click_header(qtbot, dialog, 1)  # What is wrong: the empty files first, by name
    empty_first = ["#", "a/IMG_2.jpg", "b/IMG_10.jpg", "b/apple.jpg", "a/zebra.jpg"]
    assert _listed(dialog)[:5] == empty_first
    _click_header(qtbot, dialog, 1)  # the other way: the kinds swap, each by name as before
    assert _listed(dialog)[:5] == ["#", "b/apple.jpg", "a/zebra.jpg", "a/IMG_2.jpg", "b/IMG_10.jpg"]
    # One kind in the second section: its files by name whichever way.
    assert _listed(dialog)[5:] == ["#", "a/Beach.jpg", "b/dusk.jpg"]
    dialog.close()


CHILD = """
import sys
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from phototagger.gui import app
from phototagger.gui.main_window import MainWindow
from phototagger.paths import default_home

def problems():
    w = next((w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)), None)
    if w is None or w.busy or not w.controller.loaded_once:
        QTimer.singleShot(50, problems)
        return
    dialog = w.open_problems()
    header = dialog.table.horizontalHeader()
    down = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    print("sort", header.sortIndicatorSection(), "descending" if down else "ascending")
    for row in range(dialog.table.rowCount()):
        path = dialog.table.item(row, 0).data(Qt.ItemDataRole.UserRole)
        print("row", "#" if not path else "/".join(path.split("/")[-2:]))
    sys.stdout.flush()
    dialog.close()
    w.close()

QTimer.singleShot(0, problems)
sys.exit(app.run(home=default_home()))
"""


def test_the_sort_is_in_the_settings_file_and_a_new_process_reads_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The test above reopens the window in its own process, where the settings object could
    keep the sort in memory; here the sort is read back from the settings file on disk, and by
    the app started afresh in a process of its own, as the next start reads it."""
    _library(tmp_path / "pics")
    window = open_window(qtbot, None, tmp_path)
    dialog = _problems(qtbot, window)
    _click_header(qtbot, dialog, 1)  # What is wrong, then the other way
    _click_header(qtbot, dialog, 1)
    dialog.close()
    window.close()
    settle(qtbot, window)

    assert sort_on_disk("problems") == ("1", "descending")

    done = run_gui_child(CHILD)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert "sort 1 descending" in lines, done.stdout
    listed = [line.removeprefix("row ") for line in lines if line.startswith("row ")]
    # What is wrong the other way ("this is not a picture" first), each kind's names in order.
    assert listed[:5] == ["#", "b/apple.jpg", "a/zebra.jpg", "a/IMG_2.jpg", "b/IMG_10.jpg"]
