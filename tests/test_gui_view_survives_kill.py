"""The grid's filter, the search box's words and the current photo were written only when the
window closed normally: an app ended by SIGTERM (a logout, a shutdown, `kill`) came back on all
photos at the top of the grid, while the sort order, saved at once, came back. They are now
written a moment after they change, and SIGTERM closes the window as its close button does."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.main_window import LAST_PHOTO_KEY
from phototagger.gui.remembered_view import read_view
from phototagger.paths import default_home
from phototagger.store.tags import set_user_state
from tests.child_process import REPO
from tests.gui_helpers import open_window, search_for
from tests.store_helpers import add_photo


def _library() -> None:
    """12 photos, IMG_03 to IMG_06 tagged 'dog'."""
    with open_library(default_home()) as library:
        ids = [add_photo(library.db, f"/pics/IMG_{i:02d}.jpg") for i in range(12)]
        for pid in ids[3:7]:
            set_user_state(library.db, pid, "dog", "added")


def _on_disk() -> QSettings:
    """The window's settings as another process (the next start) reads them."""
    return QSettings(str(default_home().window_settings), QSettings.Format.IniFormat)


def test_the_view_is_on_disk_while_the_window_is_still_open(qtbot: QtBot, tmp_path: Path) -> None:
    _library()
    window = open_window(qtbot, None, tmp_path)
    search_for(qtbot, window, "dog")
    assert window.model.rowCount() == 4
    window.grid.go_to_row(2)
    photo = window.model.photo(2)
    assert photo is not None
    current = photo.path

    def saved() -> None:
        view = read_view(_on_disk())
        assert view.grid_filter.all_of == ("dog",) and view.search
        assert _on_disk().value(LAST_PHOTO_KEY) == current

    qtbot.waitUntil(saved, timeout=20_000)
    assert window.isVisible()


CHILD = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from phototagger.gui import app
from phototagger.gui.main_window import MainWindow
from phototagger.paths import default_home

def window():
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))

def search():
    w = window()
    if w.busy or not w.controller.loaded_once:
        QTimer.singleShot(50, search)
        return
    timer = getattr(w, "_save_timer", None)  # (the app before it wrote the view as it changed)
    if timer is not None:
        timer.setInterval(3_600_000)  # nothing is written on its own: only SIGTERM can
    w.sidebar.search.setText("dog")
    w.sidebar.search.returnPressed.emit()
    QTimer.singleShot(50, current)

def current():
    w = window()
    if w.busy or w.model.rowCount() != 4:
        QTimer.singleShot(50, current)
        return
    w.grid.go_to_row(2)
    print("ready", w.model.photo(2).path, flush=True)

QTimer.singleShot(0, search)
sys.exit(app.run(home=default_home()))
"""


def test_sigterm_keeps_the_view(tmp_path: Path) -> None:
    _library()
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD], env=env, stdout=subprocess.PIPE, text=True
    )
    stuck = threading.Timer(90, child.kill)  # a child that never says it is ready
    stuck.start()
    try:
        assert child.stdout is not None
        line = child.stdout.readline().split()
        assert line[:1] == ["ready"], line
        child.send_signal(signal.SIGTERM)
        assert child.wait(timeout=60) == 0
    finally:
        stuck.cancel()
        child.kill()
        child.wait()
    view = read_view(_on_disk())
    assert view.grid_filter.all_of == ("dog",) and view.search
    assert _on_disk().value(LAST_PHOTO_KEY) == line[1]
