"""After a training run on the Train page the keys sat on the window's dock tabs (the Train
button greyed out and Qt dropped them there): the arrows switched Details and Model, and N/P/J/K
did not move in the grid. They go back to where the user is: waiting on the page, to the
result (the tags whose photos would change); gone to the grid meanwhile, they stay there; after
Apply or Discard, with nothing left to read, to the grid."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from phototagger.core import labels
from phototagger.core.library import open_library
from phototagger.gui.main_window import MainWindow
from phototagger.gui.retrain_train import TrainPage
from phototagger.paths import default_home
from tests.gui_helpers import JOB_TIMEOUT_MS, settle, train_page
from tests.switch_helpers import synthetic_library


def monkeys_taught(qtbot: QtBot, tmp_path: Path) -> tuple[MainWindow, TrainPage]:
    """60 synthetic photos, 'monkeys' added to 10 and rejected on 30; the window on them, its
    Train page shown with the keys on Train New Model (as Ctrl+T leaves them)."""
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 60)
        labels.apply_edits(lib.db, labels.decision_edits(ids[:10], "monkeys", "add"))
        labels.apply_edits(lib.db, labels.decision_edits(ids[10:40], "monkeys", "reject"))
    window, page = train_page(qtbot, tmp_path)
    qtbot.waitUntil(page.train_button.isEnabled)
    window._show_retrain("train")
    assert QApplication.focusWidget() is page.train_button
    return window, page


def press_on_focus(qtbot: QtBot, key: Qt.Key) -> QWidget:
    """Press `key` where the keys are, as the user does: the widget that had them."""
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, key)
    return focus


def tab_to(qtbot: QtBot, widget: QWidget) -> None:
    """Press Tab until `widget` has the keys, as a user does to reach a button."""
    for _ in range(6):
        if QApplication.focusWidget() is widget:
            return
        press_on_focus(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is widget, QApplication.focusWidget()


def train_by_keys(qtbot: QtBot, window: MainWindow, page: TrainPage) -> None:
    with qtbot.waitSignal(page.trained, timeout=JOB_TIMEOUT_MS):
        assert press_on_focus(qtbot, Qt.Key.Key_Space) is page.train_button
    settle(qtbot, window)
    qtbot.wait(50)  # the result is scrolled to on the next turn


def test_keys_go_to_the_result_or_stay_in_the_grid(qtbot: QtBot, tmp_path: Path) -> None:
    window, page = monkeys_taught(qtbot, tmp_path)
    train_by_keys(qtbot, window, page)
    focus = QApplication.focusWidget()
    assert focus is page.changes.table, focus  # the tags whose photos would change
    assert page.changes.table.currentRow() == 0  # its photos previewed
    press_on_focus(qtbot, Qt.Key.Key_Left)  # on the dock's tabs, this showed another dock
    assert window.retrain.isVisible() and QApplication.focusWidget() is page.changes.table

    # Trained again, and back to the photos meanwhile: the keys stay with them.
    page.train_button.setFocus()
    with qtbot.waitSignal(page.trained, timeout=JOB_TIMEOUT_MS):
        press_on_focus(qtbot, Qt.Key.Key_Space)
        window.grid.setFocus(Qt.FocusReason.MouseFocusReason)
    settle(qtbot, window)
    qtbot.wait(50)
    assert QApplication.focusWidget() is window.grid


def test_apply_gives_the_keys_to_the_grid(qtbot: QtBot, tmp_path: Path) -> None:
    window, page = monkeys_taught(qtbot, tmp_path)
    train_by_keys(qtbot, window, page)
    tab_to(qtbot, page.apply_button)
    press_on_focus(qtbot, Qt.Key.Key_Space)
    assert QApplication.focusWidget() is window.grid
    settle(qtbot, window)  # the library re-tagged by the new version
    assert QApplication.focusWidget() is window.grid
    before = window.current_photo_id()
    press_on_focus(qtbot, Qt.Key.Key_Right)
    assert window.current_photo_id() not in (None, before)
