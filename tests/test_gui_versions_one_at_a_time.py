"""The Versions page selects one version at a time: Make Active and Discard act on one version,
and with two rows selected (Ctrl- or Shift-click) they silently took the upper one, so Discard
with v3 and v5 selected deleted v3 only, and Make Active after Ctrl-clicking v5 made v1 active.
Found when the QA pass's own keyboard left Ctrl down between steps."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import save_second_version, synthetic_library


def test_one_version_is_selected_at_a_time(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 10)
    save_second_version("v2")
    save_second_version("v3")
    window = open_window(qtbot, None, tmp_path)
    window.commands.versions.trigger()
    page = window.retrain.versions_page
    page.reload()
    settle(qtbot, window)
    table = page.table

    def click(version: str, modifier: Qt.KeyboardModifier) -> None:
        row = [v.version for v in page.versions].index(version)
        item = table.item(row, 0)
        assert item is not None
        point = table.visualItemRect(item).center()
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, point)

    click("v2", Qt.KeyboardModifier.NoModifier)
    for modifier in (Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier):
        click("v3", modifier)
        rows = {index.row() for index in table.selectedIndexes()}
        assert len(rows) == 1
        selected = page.selected()
        assert selected is not None and selected.version == "v3"
        click("v2", Qt.KeyboardModifier.NoModifier)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton)  # no key left down
