"""A face named in the viewer (B, then N or Enter) gives the photo the person's tag, and the
details panel said of it "you added it", as of a tag typed in the field (walk60: "People
(keywords)/Marie Dupont · you added it"), where `tags` and the viewer's bar say "named by you".
It now says "you named a face"; a tag typed is still "you added it", and once the naming is
undone the tag is gone with it. The real face detector and model on a real det-photo, a real
library, the real window offscreen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from phototagger.core.face_marks import face_marks
from phototagger.core.library import open_library
from phototagger.paths import default_home
from phototagger.store.photos import get_photo_by_path
from phototagger.store.tags import add_user_tag
from tests.gui_helpers import click_photo, open_window, settle
from tests.people_photos import SANTA, scanned_santa


def _sources(window: Any) -> dict[str, str]:
    return {row.entry.name: row.entry.source for row in window.details.tags.rows}


def test_a_tag_a_named_face_gives_says_so(
    engine: Any, face_finder: Any, qtbot: QtBot, tmp_path: Path
) -> None:
    photo = scanned_santa(engine, face_finder, tmp_path / "pics")
    with open_library(default_home()) as lib:
        found = get_photo_by_path(lib.db, str(photo))
        assert found is not None
        add_user_tag(lib.db, found.id, "christmas")
        (face,) = face_marks(lib.db, found.id)
    window = open_window(qtbot, engine, tmp_path)
    settle(qtbot, window)
    click_photo(qtbot, window, SANTA.name)
    window.name_face(found.id, face.box, face.name, "Marie Dupont")
    settle(qtbot, window)
    qtbot.waitUntil(lambda: "People (keywords)/Marie Dupont" in _sources(window))
    sources = _sources(window)
    assert sources["People (keywords)/Marie Dupont"] == "you named a face", sources
    assert sources["christmas"] == "you added it", sources
    window.undo_stack.undo()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: "People (keywords)/Marie Dupont" not in _sources(window))
    assert _sources(window)["christmas"] == "you added it"
