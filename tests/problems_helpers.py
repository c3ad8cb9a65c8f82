"""File ▸ Problems on the test's library: files listed there as no photo, and the dialog open on
them, its file manager on a bus of the test's own (tests/file_manager_bus.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.problems_dialog import ProblemsDialog
from phototagger.paths import default_home
from phototagger.store.photos import add_folder
from phototagger.store.problems import record_problem
from tests.file_manager_bus import connect
from tests.store_helpers import add_photo


def not_photos(root: Path, layout: dict[str, list[str]]) -> list[Path]:
    """Text files named as photos, in the folders of `layout` below `root` (a folder of the
    library), listed in Problems as no photo: their paths, folder by folder."""
    made = []
    with open_library(default_home()) as library:
        add_folder(library.db, str(root))
        for folder, names in layout.items():
            (root / folder).mkdir(parents=True, exist_ok=True)
            for name in names:
                path = root / folder / name
                path.write_text("not a photo")
                add_photo(library.db, str(path), status="problem")
                record_problem(library.db, str(path), "NOT_AN_IMAGE", "this is not a picture")
                made.append(path)
        library.db.conn.commit()
    return made


def problems_dialog(qtbot: QtBot, address: str | None) -> tuple[ProblemsDialog, list[str]]:
    """Problems, its first file chosen, its file manager on the bus at `address`: the dialog
    and the folders it handed the desktop's opener."""
    library = open_library(default_home())
    dialog = ProblemsDialog(library.db)
    qtbot.addWidget(dialog)
    dialog.destroyed.connect(library.close)
    if address is not None:
        dialog.shower.bus = connect(address)
    opened: list[str] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url.toLocalFile())
        return True

    dialog.open_url = open_url
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog, opened
