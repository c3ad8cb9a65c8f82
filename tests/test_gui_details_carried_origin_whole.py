"""A tag Find Duplicates carried from a trashed copy says which copy it came from, and the
photographer can read it: in the app's 1440x900 window the details panel's source line read
"you added it · from n025…", cut beside the figure and the buttons, so neither the copy's name
nor "(moved to the trash)" showed. The copy it came from now has a line of its own under the
tag, the row's whole width, wrapped where it must (also inside a long file name)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pillow_heif
from PIL import Image
from PySide6.QtWidgets import QLabel, QScrollArea
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.trash import mark_trashed
from phototagger.paths import default_home
from phototagger.store.photos import set_model_version
from phototagger.store.tags import add_user_tag
from tests.gui_helpers import click_photo, open_window, settle
from tests.store_helpers import add_photo
from tests.test_similar_figure_means_something import det_photos

KEPT = "n02509815_1443_red_panda.jpg"
COPY = "n02509815_1443_red_panda.heic"  # the phone's copy, in a folder of its own


def _shown_whole(label: QLabel) -> bool:
    """The label's whole text is drawn in the room it has (not cut, not spilling out)."""
    room = label.contentsRect()
    if label.wordWrap():
        return label.heightForWidth(room.width()) <= room.height() + 1
    return label.fontMetrics().horizontalAdvance(label.text()) <= room.width()


def test_the_copy_a_carried_tag_came_from_reads_whole(qtbot: QtBot, tmp_path: Path) -> None:
    pics = tmp_path / "pics"
    (pics / "phone").mkdir(parents=True)
    kept_path = Path(shutil.copy(det_photos() / KEPT, pics / KEPT))
    copy_path = pics / "phone" / COPY
    with Image.open(kept_path) as img:
        pillow_heif.from_pillow(img.convert("RGB")).save(copy_path)
    with open_library(default_home()) as library:
        kept = add_photo(library.db, str(kept_path))
        copy = add_photo(library.db, str(copy_path))
        set_model_version(library.db, [kept, copy], "v1")
        add_user_tag(library.db, copy, "red panda")
        copy_path.unlink()  # what the trash does to the file
        mark_trashed(library.db, [copy], {copy: kept})

    window = open_window(qtbot, None, tmp_path)
    window.resize(1440, 900)
    click_photo(qtbot, window, KEPT)
    settle(qtbot, window)
    assert window.details.photo_ids == [kept]
    row = next(r for r in window.details.tags.rows if r.entry.name == "red panda")
    qtbot.waitUntil(lambda: row.isVisible() and row.width() > 0)
    said = f"from {COPY} (moved to the trash)"
    labels = [
        label
        for label in row.findChildren(QLabel)
        if said in label.text().replace("\u200b", "") and label.isVisible()
    ]
    assert labels, [label.text() for label in row.findChildren(QLabel)]
    label = labels[0]
    assert _shown_whole(label), (label.text(), label.size())
    scroll = window.details.findChild(QScrollArea)
    assert scroll is not None
    right = label.mapTo(scroll.viewport(), label.rect().topRight()).x()
    assert right <= scroll.viewport().width()
