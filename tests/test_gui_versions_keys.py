"""polish28, rolling back in a real X session: Model ▸ Model Versions left the keys in the
sidebar (Train puts them on Train New Model, Review in its Tag box), so the arrows moved through
the tags instead of the versions; and Make Active, greyed out while the switch runs, dropped the
keys onto the dock's tab bar, where they stayed: the next arrow switched the Model dock's tabs.
Model Versions now gives the keys to the versions, and they stay there through Make Active and
Discard."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.gui_helpers import JOB_TIMEOUT_MS, settle, two_versions
from tests.modal_helpers import answer_next_modal, say_yes


def test_model_versions_gives_the_keys_to_the_versions_and_keeps_them(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window, version = two_versions(qtbot, tmp_path, 20)
    window.sidebar.tree.setFocus()
    qtbot.waitUntil(window.sidebar.tree.hasFocus, timeout=3000)
    window.commands.versions.trigger()
    settle(qtbot, window)
    page = window.retrain.versions_page
    qtbot.waitUntil(lambda: page.table.rowCount() == 2)
    assert QApplication.focusWidget() is page.table

    page.select(version)
    page.activate_button.setFocus()  # as a click on it leaves it
    with qtbot.waitSignal(window.retrain.activated, timeout=JOB_TIMEOUT_MS):
        qtbot.keyClick(page.activate_button, Qt.Key.Key_Space)
    settle(qtbot, window)
    assert QApplication.focusWidget() is page.table

    page.select("v1")
    with qtbot.waitSignal(window.retrain.activated, timeout=JOB_TIMEOUT_MS):
        qtbot.keyClick(page.activate_button, Qt.Key.Key_Space)
    settle(qtbot, window)
    page.select(version)
    page.discard_button.setFocus()
    asked = answer_next_modal(say_yes)
    qtbot.keyClick(page.discard_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    assert asked
    assert QApplication.focusWidget() is page.table
