"""File ▸ Problems showed a file's stored name: a name that is not UTF-8 (an old camera's,
a zip's Latin-1 'café.jpg') as 'caf' and a box, where the grid shows 'café.jpg'; a name with a
line break as its first line only ("new" for "new⏎line.jpg"). The list, its tooltips and what
Try Again and Forget say now show names as the grid does, a line break as \\n; Show in Folder
hands the file manager the file's own bytes."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.names import storable
from phototagger.core.try_again import STILL, Tried
from phototagger.gui.problems_dialog import ProblemsDialog
from phototagger.paths import default_home
from phototagger.store.photos import add_folder
from phototagger.store.problems import record_problem
from tests.file_manager_bus import FileManager, connect
from tests.store_helpers import add_photo


def _odd_files(tmp_path: Path) -> tuple[str, str]:
    """Two files no photo, in a folder whose name is Latin-1 bytes: one named in Latin-1, one
    with a line break; listed in Problems as a scan lists them (their stored paths)."""
    folder = os.fsencode(tmp_path) + b"/Reise-\xe9t\xe9"
    os.mkdir(folder)
    stored = []
    for name in (b"caf\xe9.jpg", b"new\nline.jpg"):
        path = folder + b"/" + name
        with open(path, "w") as out:
            out.write("a shopping list")
        stored.append(storable(os.fsdecode(path)))
    with open_library(default_home()) as library:
        add_folder(library.db, str(tmp_path))
        for listed in stored:
            add_photo(library.db, listed, status="problem")
            record_problem(library.db, listed, "NOT_AN_IMAGE", "this is not a picture")
        library.db.conn.commit()
    return stored[0], stored[1]


def test_odd_names_are_shown_as_the_grid_shows_them(
    qtbot: QtBot, tmp_path: Path, bus_address: str, file_manager: FileManager
) -> None:
    cafe, new_line = _odd_files(tmp_path)
    library = open_library(default_home())
    dialog = ProblemsDialog(library.db)
    qtbot.addWidget(dialog)
    dialog.destroyed.connect(library.close)
    table = dialog.table
    shown = {
        path: (table.item(dialog.row_of(path), 0), table.item(dialog.row_of(path), 2))
        for path in (cafe, new_line)
    }
    name, folder = shown[cafe]
    assert name is not None and folder is not None
    assert (name.text(), folder.text()) == ("café.jpg", f"{tmp_path}/Reise-été")
    assert name.toolTip() == folder.toolTip() == f"{tmp_path}/Reise-été/café.jpg"
    name, _ = shown[new_line]
    assert name is not None and name.text() == "new\\nline.jpg"

    # What Try Again says of one names it so too.
    assert Tried(cafe, STILL).words().startswith("café.jpg still cannot be read")
    dialog.shower.bus = connect(bus_address)
    dialog.table.setCurrentCell(dialog.row_of(cafe), 0)
    qtbot.mouseClick(dialog.show_in_folder, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(file_manager.shown))
    assert file_manager.shown == [[f"file://{tmp_path}/Reise-%E9t%E9/caf%E9.jpg"]]
