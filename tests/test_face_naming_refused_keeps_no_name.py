"""A naming the database refused (LabelsNotSaved: another program holding the write lock) left
the face its name: the face_names row was written before the person tag, so with the lock gone
the face was "Carl" in the files' next region write and in named_here's history, though the user
was told nothing was saved (and on a lock the row's own write failed first, unexplained). The row
is written only once the tag edit is, in the viewer (MainWindow.name_face) and in `phototagger
face` (core.face_naming.name_face). A real det-photo with a real region (exiftool), a real SQLite
library locked by a second connection, the real main window offscreen."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from phototagger.core.face_marks import face_marks
from phototagger.core.face_naming import name_face
from phototagger.core.labels import LabelsNotSaved
from phototagger.core.library import open_library
from phototagger.paths import default_home
from phototagger.store.connection import open_database, transaction
from phototagger.store.faces import face_names_of
from tests.gui_helpers import open_window
from tests.people_photos import FOUND, library_with_named_photo


def test_a_refused_naming_keeps_no_name_on_the_face(tmp_path: Path) -> None:
    pid = library_with_named_photo(tmp_path / "pics", [FOUND])
    with open_library(default_home()) as lib:
        lib.db.execute("PRAGMA busy_timeout = 100")
        blocker = open_database(lib.database_path)
        with transaction(blocker):
            blocker.execute("UPDATE photos SET size = size")  # another program holds the lock
            with pytest.raises(LabelsNotSaved):
                name_face(lib.db, pid, 1, "Carl")
        blocker.conn.close()
        assert face_names_of(lib.db, pid) == []
        name_face(lib.db, pid, 1, "Carl")  # once the lock is gone it simply works
        assert [row[1] for row in face_names_of(lib.db, pid)] == ["Carl"]


def test_a_naming_refused_in_the_viewer_keeps_no_name_on_the_face(
    qtbot: QtBot, tmp_path: Path
) -> None:
    pid = library_with_named_photo(tmp_path / "pics", [FOUND])
    window = open_window(qtbot, None, tmp_path)
    window.db.execute("PRAGMA busy_timeout = 100")
    mark = face_marks(window.db, pid)[0]
    blocker = open_database(open_library(default_home()).database_path)
    with transaction(blocker):
        blocker.execute("UPDATE photos SET size = size")
        window.name_face(pid, mark.box, mark.name, "Carl")
    blocker.conn.close()
    box = window.label_failure
    assert box is not None and "not saved" in box.text()
    assert face_names_of(window.db, pid) == []
    assert not window.undo_stack.canUndo()
    assert face_marks(window.db, pid)[0].name == mark.name
