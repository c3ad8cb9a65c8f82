"""Show in File Manager (Ctrl+Shift+E, and the photo's menu) showed only the current photo with
several selected. It now shows every selected photo as File ▸ Problems' Show in Folder does: one
file manager window per folder, that folder's photos selected in it, at most 10 folders, the
rest said in the status bar.

The bus is a real one (dbus-daemon, private to the test) and the file manager on it a real
D-Bus service (tests/file_manager_bus.py); the photos are real JPEG files in a real library."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.main_window import MainWindow
from phototagger.paths import default_home
from phototagger.store.photos import add_folder, update_photo
from tests.file_manager_bus import FileManager, connect
from tests.gui_helpers import click_photo, open_window
from tests.store_helpers import add_photo

SOURCE = sorted(Path("/work/shared/data/det-photos").glob("*.jpg"))[0]
KEYS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _photos(root: Path, layout: dict[str, list[str]]) -> None:
    """Real JPEGs in the folders of `layout` below `root`, in the library as read."""
    with open_library(default_home()) as library:
        add_folder(library.db, str(root))
        for folder, names in layout.items():
            (root / folder).mkdir(parents=True)
            for name in names:
                photo = Path(shutil.copy(SOURCE, root / folder / name))
                st = photo.stat()
                pid = add_photo(library.db, str(photo), size=st.st_size, mtime=st.st_mtime)
                update_photo(library.db, pid, model_version="v1")
        library.db.conn.commit()


def _window(qtbot: QtBot, tmp_path: Path, address: str) -> tuple[MainWindow, list[QUrl]]:
    window = open_window(qtbot, None, tmp_path)
    window.tools.shower.bus = connect(address)
    opened: list[QUrl] = []
    window.tools.open_url = opened.append
    return window, opened


def test_every_selected_photo_is_shown_one_window_a_folder(
    qtbot: QtBot, tmp_path: Path, bus_address: str, file_manager: FileManager
) -> None:
    root = tmp_path / "pics"
    _photos(root, {"card A": ["a1.jpg", "a2.jpg"], "card B": ["b1.jpg"], "trip": ["t1.jpg"]})
    window, opened = _window(qtbot, tmp_path, bus_address)
    click_photo(qtbot, window, "a1.jpg")
    qtbot.keyClick(window.grid, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert len(window.grid.selected_ids()) == 4
    qtbot.keyClick(window.grid, Qt.Key.Key_E, KEYS)
    qtbot.waitUntil(lambda: len(file_manager.shown) == 3)
    qtbot.wait(200)
    uri = f"file://{root}"
    assert sorted(file_manager.shown) == [
        [f"{uri}/card%20A/a1.jpg", f"{uri}/card%20A/a2.jpg"],
        [f"{uri}/card%20B/b1.jpg"],
        [f"{uri}/trip/t1.jpg"],
    ]
    assert opened == [] and window.status.currentMessage() == ""

    # The photo's menu's entry is the same action: the same three windows again.
    file_manager.shown.clear()
    window.tools.show_in_folder.trigger()
    qtbot.waitUntil(lambda: len(file_manager.shown) == 3)

    # One photo selected: that photo alone, as before.
    file_manager.shown.clear()
    click_photo(qtbot, window, "b1.jpg")
    qtbot.keyClick(window.grid, Qt.Key.Key_E, KEYS)
    qtbot.waitUntil(lambda: bool(file_manager.shown))
    qtbot.wait(200)
    assert file_manager.shown == [[f"{uri}/card%20B/b1.jpg"]]


def test_at_most_ten_folders_at_once_the_rest_said(
    qtbot: QtBot, tmp_path: Path, bus_address: str, file_manager: FileManager
) -> None:
    layout = {f"day {i:02}": ["x.jpg"] for i in range(12)}
    layout["day 11"].append("y.jpg")
    _photos(tmp_path / "pics", layout)
    window, opened = _window(qtbot, tmp_path, bus_address)
    click_photo(qtbot, window, "x.jpg")
    qtbot.keyClick(window.grid, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.grid, Qt.Key.Key_E, KEYS)
    qtbot.waitUntil(lambda: len(file_manager.shown) == 10)
    qtbot.wait(300)
    assert len(file_manager.shown) == 10
    assert window.status.currentMessage() == (
        "Opened the first 10 folders of 12: 3 files selected in 2 other folders not shown. "
        "Select fewer to see them"
    )
    assert opened == []


def test_nothing_to_open_the_folders_with_is_said_once(qtbot: QtBot, tmp_path: Path) -> None:
    """No file manager on a bus and no app to open a folder with: one line in the status bar,
    the first folder and how many more (seen in an X session: ten paths ran off the bar)."""
    root = tmp_path / "pics"
    _photos(root, {"card A": ["a1.jpg", "a2.jpg"], "card B": ["b1.jpg"], "trip": ["t1.jpg"]})
    window = open_window(qtbot, None, tmp_path)  # no session bus (tests/conftest.py)
    opened: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return False  # as the desktop's opener answers with nothing to open a folder

    window.tools.open_url = open_url
    click_photo(qtbot, window, "a1.jpg")
    qtbot.keyClick(window.grid, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.grid, Qt.Key.Key_E, KEYS)
    assert len(opened) == 3
    first = opened[0].toLocalFile()
    assert window.status.currentMessage() == (
        f"No app on this computer would open 3 folders ({first} and 2 more)"
    )


def test_the_current_photos_file_gone_the_others_are_still_shown(
    qtbot: QtBot, tmp_path: Path, bus_address: str, file_manager: FileManager
) -> None:
    """With several selected, Show in File Manager was grey when the current photo's file was
    gone, though the other selected files were there. It is offered while any of them is
    there, shows those, and says how many were gone; grey only when every one is gone."""
    root = tmp_path / "pics"
    _photos(root, {"card A": ["a1.jpg", "a2.jpg"], "card B": ["b1.jpg"], "trip": ["t1.jpg"]})
    (root / "card A" / "a1.jpg").unlink()  # deleted since the scan: the grid still lists it
    window, opened = _window(qtbot, tmp_path, bus_address)
    tools = window.tools
    click_photo(qtbot, window, "a1.jpg")
    assert not tools.show_in_folder.isEnabled()  # the one photo chosen is gone
    qtbot.keyClick(window.grid, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert len(window.grid.selected_ids()) == 4
    current = window.model.photo(window.grid.current_row() or 0)
    assert current is not None and current.name == "a1.jpg"  # still the current photo
    assert tools.show_in_folder.isEnabled()
    assert "no longer" not in tools.show_in_folder.toolTip()
    assert not tools.open_default.isEnabled()  # it opens the current photo alone
    qtbot.keyClick(window.grid, Qt.Key.Key_E, KEYS)
    qtbot.waitUntil(lambda: len(file_manager.shown) == 3)
    qtbot.wait(200)
    uri = f"file://{root}"
    assert sorted(file_manager.shown) == [
        [f"{uri}/card%20A/a2.jpg"],
        [f"{uri}/card%20B/b1.jpg"],
        [f"{uri}/trip/t1.jpg"],
    ]
    assert opened == []
    assert window.status.currentMessage() == (
        "Not shown: 1 of the 4 files is no longer there (rescan)"
    )

    # Every selected file gone: grey, saying why, and the key says so too.
    (root / "card A" / "a2.jpg").unlink()
    click_photo(qtbot, window, "a2.jpg")
    click_photo(qtbot, window, "a1.jpg", Qt.KeyboardModifier.ControlModifier)
    assert len(window.grid.selected_ids()) == 2
    assert not tools.show_in_folder.isEnabled()
    assert tools.show_in_folder.toolTip() == (
        "The selected photos' files are no longer there (they were moved or deleted): rescan "
        "to bring the library up to date"
    )
    file_manager.shown.clear()
    tools.show_photo_folder()  # asked anyway
    assert window.status.currentMessage() == (
        "The 2 selected files are no longer there (they were moved or deleted): rescan to "
        "bring the library up to date"
    )
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.status.clearMessage()
    qtbot.keyClick(window.grid, Qt.Key.Key_E, KEYS)  # the keys say why
    assert window.status.currentMessage() == tools.show_in_folder.toolTip()
    qtbot.wait(200)
    assert file_manager.shown == [] and opened == []
