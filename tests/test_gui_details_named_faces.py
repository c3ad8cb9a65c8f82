"""A file's named faces (digiKam's Anna and Bea regions) were drawn only by the viewer's B: the
details panel's picture of the selected photo showed no name on any face, so seeing who is where
took opening the viewer. The panel's picture now outlines each named face in the viewer's colour
with its name, and follows a name taken off (and Ctrl+Z giving it back). A real det-photo whose
face the real detector finds, its regions written by exiftool, a real scan with the real model,
a real SQLite library, the real window offscreen."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from phototagger.core.face_marks import face_marks
from phototagger.core.library import open_library
from phototagger.gui.face_colours import NAMED_COLOUR
from phototagger.paths import default_home
from phototagger.store.photos import get_photo_by_path
from tests.gui_helpers import click_photo, open_window, settle
from tests.people_photos import PERSON, named_photo, scanned_copy

pytestmark = pytest.mark.skipif(shutil.which("exiftool") is None, reason="exiftool makes files")


def _on_edge(details: Any, box: tuple[float, float, float, float], colour: Any) -> bool:
    """Whether the preview is `colour` about the middle of the face box's left edge (within a
    pixel: the 2-pixel outline)."""
    image = details.preview.pixmap().toImage()
    x, y, _, h = box
    left, middle = round(x * image.width()), round((y + h / 2) * image.height())
    return any(image.pixelColor(left + dx, middle).rgb() == colour.rgb() for dx in (-1, 0, 1))


def test_the_details_panel_draws_the_named_faces(
    engine: Any, face_finder: Any, qtbot: QtBot, tmp_path: Path
) -> None:
    named = named_photo(tmp_path / "named")  # PERSON with Anna on its face, Bea elsewhere
    photo = scanned_copy(named, engine, face_finder, tmp_path / "pics")
    with open_library(default_home()) as lib:
        found = get_photo_by_path(lib.db, str(photo))
        assert found is not None
        marks = face_marks(lib.db, found.id)
    assert [(m.name, m.found) for m in marks] == [("Anna", True), ("Bea", False)]
    window = open_window(qtbot, engine, tmp_path)
    settle(qtbot, window)
    details = window.details
    click_photo(qtbot, window, PERSON.name)
    qtbot.waitUntil(lambda: not details.preview.pixmap().isNull(), timeout=10_000)
    anna, bea = (m.box for m in marks)
    qtbot.waitUntil(lambda: _on_edge(details, anna, NAMED_COLOUR), timeout=10_000)
    assert _on_edge(details, bea, NAMED_COLOUR)
    assert [name for _, name in details.named_faces] == ["Anna", "Bea"]
    # Anna's name taken off (as the viewer's N does): her face is no longer drawn; Ctrl+Z.
    window.name_face(found.id, anna, "Anna", "")
    assert [name for _, name in details.named_faces] == ["Bea"]
    assert not _on_edge(details, anna, NAMED_COLOUR) and _on_edge(details, bea, NAMED_COLOUR)
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: [name for _, name in details.named_faces] == ["Anna", "Bea"])
    assert _on_edge(details, anna, NAMED_COLOUR)
