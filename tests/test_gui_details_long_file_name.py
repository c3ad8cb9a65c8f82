"""The details panel fits its dock however long the photo's file name: a name of 150 characters
with no space in it ("n02084071_19639_dog_très_long_nom_de_fichier_…_91.JPG") made the panel as
wide as the name, so its picture, every confidence and every tag's accept and reject buttons were
out of sight to the right (found in the app on a library of 4,000 photos). The name now wraps
onto more lines, at its _ - and . where it has them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QScrollArea
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import click_photo, open_window, settle, shown_names
from tests.store_helpers import DET, add_photo
from tests.switch_helpers import synthetic_library

LONG = "n02084071_19639_dog_" + "très_long_nom_de_fichier_" * 6 + "91.JPG"
UNBROKEN = "IMG" + "0123456789" * 15 + ".jpg"


@pytest.mark.parametrize("name", [LONG, UNBROKEN])
def test_a_long_file_name_leaves_the_panel_in_view(qtbot: QtBot, tmp_path: Path, name: str) -> None:
    photo = tmp_path / "Pictures" / name
    photo.parent.mkdir()
    shutil.copy(sorted(DET.glob("*dog.jpg"))[0], photo)
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 2)
        add_photo(lib.db, str(photo))
    window = open_window(qtbot, None, tmp_path)
    window.resize(1280, 800)
    assert name in shown_names(window)
    click_photo(qtbot, window, name)
    window.decide(window.details.photo_ids, "dog", "add")
    settle(qtbot, window)
    details = window.details
    scroll = details.findChild(QScrollArea)
    assert scroll is not None
    viewport, body = scroll.viewport(), scroll.widget()
    assert body is not None
    qtbot.waitUntil(lambda: not details.preview.pixmap().isNull())  # the picture read
    view = QRect(0, 0, viewport.width(), viewport.height())
    assert body.width() <= viewport.width()
    for widget in (details.title, details.preview, details.add_field):
        top_left = widget.mapTo(viewport, widget.rect().topLeft())
        assert view.contains(QRect(top_left, widget.size())), widget
    (row,) = details.tags.rows
    for button in (row.accept_button, row.reject_button):
        top_left = button.mapTo(viewport, button.rect().topLeft())
        assert view.contains(QRect(top_left, button.size()))
    assert details.preview.pixmap().width() <= viewport.width()
