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

from phototagger.gui.main_window import MainWindow
from phototagger.gui.retrain_versions import VersionsPage
from tests.gui_helpers import JOB_TIMEOUT_MS, settle, two_versions
from tests.modal_helpers import answer_next_modal, say_yes


def test_model_versions_gives_the_keys_to_the_versions_and_keeps_them(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window, version = two_versions(qtbot, tmp_path, 20)
    window.sidebar.tree.setFocus()
    qtbot.waitUntil(window.sidebar.tree.hasFocus, timeout=3000)
    page = _model_versions(qtbot, window)

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


def test_enter_on_a_version_makes_it_active_as_a_double_click_does(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Model ▸ Model Versions, an older version chosen with the arrows, Enter: nothing (a
    double-click makes it active, and Make Active was a Tab away). Enter does what the
    double-click does; on the active version, or while a job runs, nothing."""
    window, version = two_versions(qtbot, tmp_path, 20)
    page = _model_versions(qtbot, window)
    page.select(version)
    with qtbot.waitSignal(window.retrain.activated, timeout=JOB_TIMEOUT_MS):
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert [v.version for v in page.versions if v.active] == [version]
    asked: list[str] = []
    page.activate_requested.connect(asked.append)
    qtbot.keyClick(page.table, Qt.Key.Key_Enter)  # the active one: nothing to do
    settle(qtbot, window)
    assert asked == []


def _model_versions(qtbot: QtBot, window: MainWindow) -> VersionsPage:
    """Model ▸ Model Versions, its two versions listed: the page, the keys on its table."""
    window.commands.versions.trigger()
    settle(qtbot, window)
    page = window.retrain.versions_page
    qtbot.waitUntil(lambda: page.table.rowCount() == 2)
    assert QApplication.focusWidget() is page.table
    return page
