"""A decided tag's source line ("you accepted it · model 87%", "you rejected it · model 91%",
"from the file's keywords · model 64%") shared the row with the tag's name, figure, bar and
buttons, and in the details dock's default 340 px it was cut ("you rejected it · mod…"): the
model's figure it names was the part gone. It now has the row's whole width under the name,
wrapping if it must, and reads whole at the default width and in a narrower window's dock."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from phototagger.store.photos import set_model_version
from phototagger.store.tags import write_model_tags
from tests.gui_helpers import open_window, settle
from tests.store_helpers import add_photo


def _text(label: QLabel) -> str:
    return label.text().replace("\u200b", "")


def _shown_whole(label: QLabel) -> bool:
    """The label's whole text is drawn in the room it has (not cut, not spilling out)."""
    room = label.contentsRect()
    if label.wordWrap():
        return label.heightForWidth(room.width()) <= room.height() + 1
    return label.fontMetrics().horizontalAdvance(_text(label)) <= room.width()


def test_a_decided_tags_source_line_reads_whole(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        photo = add_photo(lib.db, "/pics/IMG_0001.jpg")
        set_model_version(lib.db, [photo], "v1")
        scores = {"seashore": 0.87, "sandbar": 0.91}
        write_model_tags(lib.db, photo, scores, list(scores), "v1")
    names = list(scores)
    window = open_window(qtbot, None, tmp_path)
    window.resize(1440, 900)
    window.grid.go_to_row(0)  # the only photo
    settle(qtbot, window)
    window.decide([photo], names[0], "accept")
    window.decide([photo], names[1], "reject")
    settle(qtbot, window)
    scroll = window.details.findChild(QScrollArea)
    assert scroll is not None
    for dock in (340, 280, 250):
        window.resizeDocks([window.details_dock], [dock], Qt.Orientation.Horizontal)
        settle(qtbot, window)
        qtbot.wait(50)
        said = ("you accepted it · model 87%", "you rejected it · model 91%")
        for name, source in zip(names, said, strict=True):
            row = next(r for r in window.details.tags.rows if r.entry.name == name)
            qtbot.waitUntil(row.isVisible)
            (label,) = [
                label
                for label in row.findChildren(QLabel)
                if label.isVisible() and source in label.toolTip() + _text(label)
            ]
            assert _text(label) == source, dock
            assert _shown_whole(label), (dock, label.text(), label.size())
            right = label.mapTo(scroll.viewport(), label.rect().topRight()).x()
            assert right <= scroll.viewport().width()
