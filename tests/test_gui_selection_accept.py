"""With several photos selected, a tag the model suggests on all of them can be accepted on all
of them (A, or the row's ✓): its accept was off whenever every photo had the tag, suggested or
not, so confirming the model's new 'monkeys' on the photos it got right meant Shift+A, which
also accepts every other suggestion on them (found in the app)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.photos_view import tags_of_photos
from phototagger.paths import default_home
from phototagger.store.tags import write_model_tags
from tests.gui_helpers import click_photo, open_window, settle
from tests.switch_helpers import synthetic_library


def test_accepting_a_suggestion_on_a_selection(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 6)
        for photo_id in ids[:2]:
            write_model_tags(lib.db, photo_id, {"cat": 0.9, "dog": 0.8}, ["cat", "dog"], "v1")
    window = open_window(qtbot, None, tmp_path)
    shown = [window.model.photo(r) for r in range(window.model.rowCount())]
    names = {p.id: p.name for p in shown if p is not None}
    click_photo(qtbot, window, names[ids[0]])
    click_photo(qtbot, window, names[ids[1]], Qt.KeyboardModifier.ControlModifier)
    assert window.details.title.text() == "2 photos"
    rows = {r.entry.name: r for r in window.details.tags.rows}
    assert rows["cat"].entry.source == "2 of 2 photos"
    assert rows["cat"].accept_button.isEnabled()

    qtbot.mouseClick(rows["cat"].accept_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    with open_library(default_home()) as lib:
        found = tags_of_photos(lib.db, ids[:2])
    for photo_id in ids[:2]:
        states = {t.name: t.state for t in found[photo_id]}
        assert states["cat"] == "accepted" and states["dog"] is None  # only the tag chosen
    rows = {r.entry.name: r for r in window.details.tags.rows}
    assert not rows["cat"].accept_button.isEnabled()  # nothing left to accept
    assert rows["dog"].accept_button.isEnabled()
