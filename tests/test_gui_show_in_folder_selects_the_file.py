"""Show in Folder (File ▸ Problems) and Show in File Manager (Ctrl+Shift+E) opened the file's
folder only: the user was left to find the file among the others, a hidden copy not even in
view. They now ask the file manager to show the file selected: on Linux over the session bus
(org.freedesktop.FileManager1's ShowItems, which GNOME Files, Dolphin, Nemo and Thunar answer),
on macOS with `open -R`, on Windows with `explorer /select,`; where no file manager answers, the
folder opens as before.

The bus is a real one (dbus-daemon, private to the test), and the file manager on it a real
D-Bus service that takes ShowItems by its signature (as s), as GNOME Files does; the macOS and
Windows programs are real programs of those names the test puts on PATH, which write down the
arguments they were started with."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.problems_dialog import ProblemsDialog
from phototagger.paths import default_home
from phototagger.store.photos import add_folder, update_photo
from phototagger.store.problems import record_problem
from tests.file_manager_bus import FileManager, connect
from tests.gui_helpers import click_photo, open_window
from tests.problems_helpers import problems_dialog
from tests.store_helpers import add_photo

MV = shutil.which("mv")  # by its full path: the test's PATH holds only the program
SOURCE = sorted(Path("/work/shared/data/det-photos").glob("*.jpg"))[0]


def _problem_file(tmp_path: Path) -> Path:
    """A text file named as a photo, in a folder with a space and a '#' in its name, listed in
    Problems as no photo."""
    folder = tmp_path / "Trip #2"
    folder.mkdir()
    notes = folder / "notes é.jpg"
    notes.write_text("shopping list")
    with open_library(default_home()) as library:
        add_folder(library.db, str(tmp_path))
        add_photo(library.db, str(notes), status="problem")
        record_problem(library.db, str(notes), "NOT_AN_IMAGE", "this is not a picture")
        library.db.conn.commit()
    return notes


def test_show_in_folder_asks_the_file_manager_to_select_the_file(
    qtbot: QtBot, tmp_path: Path, bus_address: str, file_manager: FileManager
) -> None:
    notes = _problem_file(tmp_path)
    dialog, opened = problems_dialog(qtbot, bus_address)
    assert dialog.selected_paths() == [str(notes)]
    qtbot.mouseClick(dialog.show_in_folder, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(file_manager.shown))
    # The file's URI, every character a URI cannot hold as it is encoded (é as UTF-8 bytes).
    assert file_manager.shown == [[f"file://{tmp_path}/Trip%20%232/notes%20%C3%A9.jpg"]]
    qtbot.wait(200)
    assert opened == []  # the folder was not opened besides

    # Enter on the row, as a double-click, for a file that is no photo in the grid: the same.
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(file_manager.shown) == 2)
    assert opened == [] and dialog.isVisible()


def test_with_no_file_manager_on_the_bus_the_folder_opens(
    qtbot: QtBot, tmp_path: Path, bus_address: str
) -> None:
    notes = _problem_file(tmp_path)
    dialog, opened = problems_dialog(qtbot, bus_address)  # a bus, and no file manager on it
    qtbot.mouseClick(dialog.show_in_folder, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: opened == [str(notes.parent)])

    dialog, opened = problems_dialog(qtbot, None)  # no session bus at all (tests/conftest.py)
    qtbot.mouseClick(dialog.show_in_folder, Qt.MouseButton.LeftButton)
    assert opened == [str(notes.parent)]


def test_show_in_file_manager_selects_the_photo(
    qtbot: QtBot, tmp_path: Path, bus_address: str, file_manager: FileManager
) -> None:
    folder = tmp_path / "card"
    folder.mkdir()
    photo = Path(shutil.copy(SOURCE, folder / "IMG_7.jpg"))
    with open_library(default_home()) as library:
        add_folder(library.db, str(folder))
        st = photo.stat()
        pid = add_photo(library.db, str(photo), size=st.st_size, mtime=st.st_mtime)
        update_photo(library.db, pid, model_version="v1")
    window = open_window(qtbot, None, tmp_path)
    window.tools.shower.bus = connect(bus_address)
    opened: list[QUrl] = []
    window.tools.open_url = opened.append
    click_photo(qtbot, window, "IMG_7.jpg")
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.grid, Qt.Key.Key_E, keys)
    qtbot.waitUntil(lambda: bool(file_manager.shown))
    assert file_manager.shown == [[f"file://{folder}/IMG_7.jpg"]]
    assert opened == [] and window.status.currentMessage() == ""


def _recording_program(bin_dir: Path, name: str) -> Path:
    """A program called `name` that writes down its arguments, one a line."""
    bin_dir.mkdir(exist_ok=True)
    program = bin_dir / name
    said = bin_dir / f"{name}.args"
    program.write_text(
        f'#!/bin/sh\nprintf "%s\\n" "$@" > "{said}.part"\n{MV} "{said}.part" "{said}"\n'
    )
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return said


@pytest.mark.parametrize(
    ("platform", "program", "wanted"),
    [("darwin", "open", ["-R"]), ("win32", "explorer.exe", ["/select,"])],
)
def test_macos_and_windows_start_their_file_managers_own_way(
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    platform: str,
    program: str,
    wanted: list[str],
) -> None:
    notes = _problem_file(tmp_path)
    said = _recording_program(tmp_path / "bin", program)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    dialog, opened = problems_dialog(qtbot, None)
    dialog.shower.platform = platform
    qtbot.mouseClick(dialog.show_in_folder, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(said.exists)
    assert said.read_text(encoding="utf-8").splitlines() == [*wanted, os.path.normpath(notes)]
    assert opened == []

    # Not there to start (a stripped-down system): the folder opens, as elsewhere.
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    qtbot.mouseClick(dialog.show_in_folder, Qt.MouseButton.LeftButton)
    assert opened == [str(notes.parent)]


def test_nothing_to_open_the_folder_with_is_said_under_the_list(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No file manager on a bus, nothing to open a folder with (no xdg-open): said under the
    list. It took the place of the line over the list (its count, what a double-click does)."""
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))
    notes = _problem_file(tmp_path)
    library = open_library(default_home())
    dialog = ProblemsDialog(library.db)  # the desktop's own opener, which finds nothing
    qtbot.addWidget(dialog)
    dialog.destroyed.connect(library.close)
    dialog.show()
    qtbot.waitExposed(dialog)
    over = dialog.summary.text()
    qtbot.mouseClick(dialog.show_in_folder, Qt.MouseButton.LeftButton)
    assert dialog.summary.text() == over
    assert dialog.outcome.isVisible() and dialog.outcome.toPlainText() == (
        f"No app on this computer would open the folder {notes.parent} (Ctrl+C copies the "
        "file's full path)"
    )
