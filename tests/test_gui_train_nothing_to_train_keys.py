"""Ctrl+T with nothing to train: Train New Model is greyed out, and the keys stayed where they
were, on a page the Train tab now hid (the Versions table, the Details panel's tag box), or
went to the Train page's scroll area when the button greyed out in their hands (polish28),
where no key did anything. They now go to the photos (or stay there, or on the sidebar), and
the page says why there is nothing to train."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.main_window import MainWindow
from phototagger.gui.retrain_train import WAIT_FOR_JOB
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library


def _ctrl_t(qtbot: QtBot, window: MainWindow) -> None:
    focus = QApplication.focusWidget()
    assert focus is not None
    qtbot.keyClick(focus, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)


def _window(qtbot: QtBot, tmp_path: Path) -> tuple[MainWindow, list[int]]:
    """The window on 6 synthetic photos (their ids), nothing decided."""
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 6)
    window = open_window(qtbot, None, tmp_path)
    settle(qtbot, window)
    return window, ids


def _keys_on(qtbot: QtBot, widget: QWidget) -> None:
    """`widget` gets the keys (placed once the Model dock is raised: the next turn of the
    event loop)."""
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def test_ctrl_t_with_nothing_to_train_gives_the_keys_to_the_photos(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window, _ = _window(qtbot, tmp_path)
    versions = window.retrain.versions_page.table
    window._show_retrain("versions")  # Model ▸ Model Versions: the keys on the versions
    qtbot.waitUntil(versions.hasFocus)
    _ctrl_t(qtbot, window)
    page = window.retrain.train_page
    assert page.isVisible() and not page.train_button.isEnabled()
    assert not versions.isVisible()  # behind the Train tab
    _keys_on(qtbot, window.grid)
    assert "Nothing new to learn yet: accept, reject or add tags, then train." in (
        page.summary.text()
    )
    # From the grid, Ctrl+T leaves the keys on the photos.
    _ctrl_t(qtbot, window)
    _keys_on(qtbot, window.grid)


def test_train_greyed_out_in_the_keys_hands_gives_them_to_the_photos(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window, ids = _window(qtbot, tmp_path)
    window.decide(ids[:5], "herps", "add")  # a new tag on 5 photos: something to train
    settle(qtbot, window)
    window.grid.setFocus()
    _ctrl_t(qtbot, window)
    page = window.retrain.train_page
    assert page.train_button.isEnabled() and page.train_button.hasFocus()
    window.decide(ids[:1], "herps", "remove")  # 4 photos: nothing to train any more
    settle(qtbot, window)
    qtbot.waitUntil(lambda: not page.train_button.isEnabled())
    _keys_on(qtbot, window.grid)
    assert "Nothing new to learn yet: add “herps” to 1 more photo." in page.summary.text()


def test_a_job_started_while_train_has_the_keys_says_to_wait(qtbot: QtBot, tmp_path: Path) -> None:
    """A job started (a rescan from the menu) while Train New Model had the keys greyed it out
    in their hands, and the page said nothing of why: it says to wait until the job ends, and
    the keys go to the photos. (Ctrl+T itself is greyed out while a job runs.)"""
    window, ids = _window(qtbot, tmp_path)
    window.decide(ids[:5], "herps", "add")
    settle(qtbot, window)
    window.grid.setFocus()
    _ctrl_t(qtbot, window)
    page = window.retrain.train_page
    assert page.train_button.hasFocus()
    release = threading.Event()
    assert window.jobs.start("Waiting", lambda *_: release.wait(30))
    assert not page.train_button.isEnabled()
    assert page.progress_text.isVisible() and page.progress_text.text() == WAIT_FOR_JOB
    _keys_on(qtbot, window.grid)
    release.set()
    settle(qtbot, window)
    qtbot.waitUntil(page.train_button.isEnabled)
    assert not page.progress_text.isVisible()
