"""With several photos selected, a tag the model suggests on all of them can be accepted on all
of them (A, or the row's ✓): its accept was off whenever every photo had the tag, suggested or
not, so confirming the model's new 'monkeys' on the photos it got right meant Shift+A, which
also accepts every other suggestion on them (found in the app)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.photos_view import tags_of_photos
from phototagger.gui.tag_list import ConfidenceBar
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
    assert window.details.title.text() == "2 photos selected"
    rows = {r.entry.name: r for r in window.details.tags.rows}
    assert rows["cat"].entry.source == "on all of them"
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


def test_a_selections_tags_read_as_counts_and_say_what_a_click_changes(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Seen in the app with 10 photos selected: 'reptile · 2 of 10 photos · 20%' with the same
    bar as a model's confidence, and a ✓ that said 'Accept: the photo has this tag' and added
    it to all ten. Now the figure is the count ('2/10') and the buttons say whom they change."""
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 6)
        write_model_tags(lib.db, ids[0], {"cat": 0.9}, ["cat"], "v1")
    window = open_window(qtbot, None, tmp_path)
    window.decide(ids[:3], "animal", "add")
    window.decide(ids[3:4], "animal", "reject")
    settle(qtbot, window)
    shown = [window.model.photo(r) for r in range(window.model.rowCount())]
    names = {p.id: p.name for p in shown if p is not None}
    click_photo(qtbot, window, names[ids[0]])
    for photo_id in ids[1:4]:
        click_photo(qtbot, window, names[photo_id], Qt.KeyboardModifier.ControlModifier)
    assert window.details.title.text() == "4 photos selected"
    rows = {r.entry.name: r for r in window.details.tags.rows}

    def figure(name: str) -> str:
        labels = rows[name].findChildren(QLabel)
        return next(label.text() for label in labels if "/" in label.text() or "%" in label.text())

    assert figure("animal") == "3/4" and figure("cat") == "1/4"
    assert rows["animal"].accept_button.toolTip() == "Add it to all 4 selected photos (A)"
    assert rows["animal"].reject_button.toolTip() == "Remove it from the 3 photos that have it (R)"
    assert rows["cat"].reject_button.toolTip() == "Remove it from the photo that has it (R)"
    bar = rows["animal"].findChild(ConfidenceBar)
    assert bar is not None and bar.toolTip() == "On 3 of the 4 selected photos"

    click_photo(qtbot, window, names[ids[0]])  # one photo: its confidence, as before
    rows = {r.entry.name: r for r in window.details.tags.rows}
    assert any(label.text() == "90%" for label in rows["cat"].findChildren(QLabel))
    assert rows["cat"].accept_button.toolTip() == "Accept: the photo has this tag (A)"
