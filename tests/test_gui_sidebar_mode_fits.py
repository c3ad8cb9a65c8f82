"""The sidebar's "Photos with all of them" box was clipped in a 1,024 px window to "Photos with
all of the", its last letter half cut so that it read "…all of then". The box now shows the
choice short after "Tags:" ("all of them"), whole at that width, and cut with '…' where even
that does not fit; its list gives each choice whole."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library


def _field(box: QComboBox) -> int:
    option = QStyleOptionComboBox()
    box.initStyleOption(option)
    return (
        box.style()
        .subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, box
        )
        .width()
    )


def test_the_tag_mode_box_reads_whole_at_1024_px(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 4)
    window = open_window(qtbot, None, tmp_path)
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024)
    # The sidebar as wide as a 1,024 px window's first start gives it (its box 114 px wide).
    window.resizeDocks([window.sidebar_dock], [150], Qt.Orientation.Horizontal)
    box = window.sidebar.mode
    qtbot.waitUntil(lambda: box.width() <= 120)
    settle(qtbot, window)
    said = []
    for index in range(box.count()):
        box.setCurrentIndex(index)
        shown = box.shown_text()
        said.append(shown)
        assert box.fontMetrics().horizontalAdvance(shown) <= _field(box), (shown, _field(box))
    assert said == ["all of them", "any of them", "none of them"]
    assert [box.itemText(i) for i in range(box.count())] == [
        "Photos with all of them",
        "Photos with any of them",
        "Photos without them",
    ]
    # The whole choice did not fit: that is what was cut.
    assert box.fontMetrics().horizontalAdvance(box.itemText(0)) > _field(box)
    # Narrower still, the words end in '…', never in a cut letter.
    box.setFixedWidth(70)
    qtbot.waitUntil(lambda: box.width() == 70)
    settle(qtbot, window)
    box.setCurrentIndex(0)
    assert box.shown_text().endswith("…"), box.shown_text()
