"""The details panel fits its dock however long a tag's name or its source line: a photo whose
file carried a 300-character keyword made the panel 2,300 px wide inside a 340 px dock, so the
photo, every confidence and every tag's accept and reject buttons were out of sight (found in
the app on an ImageNet photo). Long names are cut with '…' and read whole in the tooltip; cut
in the middle, so that two keywords with the same first words read apart (both showed as
"Soldier military ar…")."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QScrollArea
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import click_photo, open_window, settle, shown_names
from tests.switch_helpers import synthetic_library

KEYWORD = (
    "Soldier military army recruit enlisted war fatigues uniform front view contemporary life "
    "current affairs political America Caucasian man male young adult teen teenager boy war "
    "portrait horizontal head shoulders face day afternoon dimples strong pride troop hat"
)


def test_a_long_tag_leaves_every_button_in_view(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 6)
    window = open_window(qtbot, None, tmp_path)
    window.resize(1280, 800)
    first, second = shown_names(window)[:2]
    click_photo(qtbot, window, first)
    window.decide(window.details.photo_ids, KEYWORD, "add")
    window.decide(window.details.photo_ids, "animal", "reject")
    settle(qtbot, window)
    scroll = window.details.findChild(QScrollArea)
    assert scroll is not None
    viewport, body = scroll.viewport(), scroll.widget()
    assert body is not None

    def in_view() -> None:
        qtbot.waitUntil(lambda: body.width() <= viewport.width())
        view = QRect(0, 0, viewport.width(), viewport.height())
        rows = window.details.tags.rows
        assert rows
        for row in rows:
            for button in (row.accept_button, row.reject_button):
                top_left = button.mapTo(viewport, button.rect().topLeft())
                assert view.contains(QRect(top_left, button.size())), row.entry.name
        field = window.details.add_field
        assert field.mapTo(viewport, field.rect().topRight()).x() < viewport.width()

    in_view()
    long_row = next(r for r in window.details.tags.rows if r.entry.name == KEYWORD)
    assert long_row.name_label.toolTip() == KEYWORD  # cut in the row, whole in the tooltip
    assert "…" in long_row.name_label.text()

    click_photo(qtbot, window, second, Qt.KeyboardModifier.ControlModifier)
    assert window.details.title.text() == "2 photos selected"
    in_view()  # "on some of them · 1 rejected", and the keyword across the selection


def test_keywords_starting_alike_read_apart(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 2)
    window = open_window(qtbot, None, tmp_path)
    window.resize(1280, 800)
    click_photo(qtbot, window, shown_names(window)[0])
    other = KEYWORD.replace("troop hat", "parade ground salute")
    for keyword in (KEYWORD, other):
        window.decide(window.details.photo_ids, keyword, "add")
    settle(qtbot, window)
    rows = {r.entry.name: r.name_label for r in window.details.tags.rows}
    qtbot.waitUntil(lambda: all("…" in rows[k].text() for k in (KEYWORD, other)))
    first, second = rows[KEYWORD], rows[other]
    assert first.text() != second.text()  # not both "Soldier military ar…"
    assert first.text().startswith("Soldier") and second.text().startswith("Soldier")
    assert first.text().endswith("hat") and second.text().endswith("salute")
    assert (first.toolTip(), second.toolTip()) == (KEYWORD, other)
