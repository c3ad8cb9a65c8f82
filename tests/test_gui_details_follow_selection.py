"""Click a photo, Ctrl-click a second and Ctrl-click it again: the first is the one selected,
and the details panel (where A and R decide) shows it. It showed the second, the current one
though no longer selected, so R rejected a tag on a photo the user had just deselected while
Delete, Shift+A and Write Keywords acted on the selected one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.gui_helpers import click_photo, two_selected

CTRL = Qt.KeyboardModifier.ControlModifier


def test_details_show_the_one_selected_photo(qtbot: QtBot, tmp_path: Path) -> None:
    window, first, second = two_selected(qtbot, tmp_path, 4)
    click_photo(qtbot, window, second, CTRL)  # deselected again; it stays the current one
    assert window.grid.selected_ids() == [window.model.photo_id(0)]
    assert window.current_photo_id() == window.model.photo_id(1)
    assert window.details.photo_ids == window.chosen_photo_ids() == [window.model.photo_id(0)]
    assert window.details.title.text() == first
