"""A tag the user added has no confidence, yet its row drew an empty grey bar, which read as
"0 %" beside the model's tags (seen in the details panel). Now nothing is drawn there (its name
takes the room: tests/test_gui_keyword_name_whole.py), and every row's ✓ and ✕ stay in line."""

from __future__ import annotations

from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from phototagger.core.states import TagState
from phototagger.gui.tag_list import ConfidenceBar, TagEntry, TagRow


def _row(qtbot: QtBot, entry: TagEntry) -> TagRow:
    row = TagRow(entry)
    qtbot.addWidget(row)
    row.resize(320, 40)
    row.show()
    qtbot.waitExposed(row)
    return row


def _colours(row: TagRow) -> set[int]:
    image = row.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    left = row.name_label.geometry().right() + 1
    right = row.accept_button.geometry().left()
    return {image.pixel(x, y) for x in range(left, right) for y in range(image.height())}


def test_an_added_tag_draws_no_bar_and_keeps_the_buttons_in_line(qtbot: QtBot) -> None:
    added = _row(qtbot, TagEntry("holiday", None, TagState.ADDED, "you added it", False, True))
    model = _row(qtbot, TagEntry("cat", 0.87, None, "model v1 · 87%", True, True))
    assert added.findChild(ConfidenceBar) is None
    assert model.findChild(ConfidenceBar) is not None
    assert len(_colours(added)) == 1  # the panel's background only, between name and ✓
    assert len(_colours(model)) > 2  # the figure, the track and the filled part
    assert added.accept_button.x() == model.accept_button.x()
    assert added.reject_button.x() == model.reject_button.x()
