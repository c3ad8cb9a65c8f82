"""B in the viewer on a photo where no face was found (a man seen from behind, tagged 'people'
from his file's keywords) drew nothing and said nothing: the same as B not working, or turned
off. While B is on, the viewer's bar says what it shows: how many faces, none found, or not
looked for yet (a photo scanned before faces were looked for)."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.people import load_rules, record_people
from phototagger.gui.elided_label import ElidedLabel
from phototagger.paths import default_home
from phototagger.store.connection import transaction
from tests.gui_helpers import open_active_viewer, open_window, row_of, settle
from tests.people_photos import FoundFace
from tests.photo_factory import real_photo
from tests.store_helpers import add_photo


def test_b_says_what_it_shows(qtbot: QtBot, tmp_path: Path) -> None:
    pics = tmp_path / "pics"
    with open_library(default_home()) as lib:
        two = add_photo(lib.db, str(real_photo(pics / "a_two.jpg", "astronaut")))
        none = add_photo(lib.db, str(real_photo(pics / "b_none.jpg", "coffee")))
        add_photo(lib.db, str(real_photo(pics / "c_not_yet.jpg", "rocket")))
        rules = load_rules()
        with transaction(lib.db):  # as the scan stores what the detector found
            record_people(lib.db, two, [FoundFace(), FoundFace(x=0.6)], "mtcnn-1.1.1", rules)
            record_people(lib.db, none, [], "mtcnn-1.1.1", rules)
    window = open_window(qtbot, None, tmp_path)
    settle(qtbot, window)
    viewer = open_active_viewer(qtbot, window, row_of(window, "a_two.jpg"))
    qtbot.waitUntil(lambda: not viewer.canvas.item.pixmap().isNull(), timeout=5000)
    note = viewer.faces_note
    assert not note.isVisible()  # B is off
    qtbot.keyClick(viewer, Qt.Key.Key_B)
    assert len(viewer.canvas.boxes) == 2
    assert note.isVisible() and note.full_text() == "2 faces"
    for name, said in (
        ("b_none.jpg", "No faces found"),
        ("c_not_yet.jpg", "Faces not looked for yet"),
    ):
        viewer.show_row(row_of(window, name))
        qtbot.waitUntil(partial(_says, note, said), timeout=5000)  # once the photo is shown
        assert viewer.canvas.boxes == [] and note.isVisible()
    qtbot.keyClick(viewer, Qt.Key.Key_B)  # off: no boxes, no note
    assert not viewer.show_faces and not note.isVisible()


def _says(label: ElidedLabel, text: str) -> bool:
    return label.full_text() == text
