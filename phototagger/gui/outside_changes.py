"""Noticing what another process writes to the library (`phototagger scan` on the command line,
a second copy of the app) while the window is open: SQLite's `PRAGMA data_version`, read on the
window's own connection every two seconds, changes when another connection commits and never
for this connection's own writes, which refresh the views as they are made. The read is a
counter in memory: no query, no file read, whatever the library's size."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit

from phototagger.core.queries import data_version

POLL_MS = 2000


def user_mid_edit(search: QLineEdit, add_field: QLineEdit) -> bool:
    """The user is in the middle of something a refresh could disturb: a menu, a completer or a
    dialog open, a mouse button held (a drag across the grid), words typed in a field and not
    yet entered (a tag to add, focused or not; a tag renamed in place). The search box's words
    are not disturbed: the grid refreshed leaves them as they are."""
    if QApplication.activePopupWidget() is not None or QApplication.activeModalWidget():
        return True
    if add_field.text().strip():
        return True
    if QApplication.mouseButtons() != Qt.MouseButton.NoButton:
        return True
    focus = QApplication.focusWidget()
    if isinstance(focus, QLineEdit) and focus is not search:
        return bool(focus.text()) or isinstance(focus.parent(), QAbstractItemView)
    return False


class OutsideChanges(QObject):
    """Calls `refresh()` (False: not now, try again) once another connection has committed,
    unless `wait()` says to wait (a job of this window refreshes the views itself, the user is
    mid-edit): then at the next poll after it no longer does."""

    def __init__(
        self,
        db: Any,  # the window's connection (sqlite_utils.Database)
        refresh: Callable[[], bool],
        wait: Callable[[], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._db, self._refresh, self._wait = db, refresh, wait
        self._seen = self._version()
        self._timer = QTimer(self, interval=POLL_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def _version(self) -> int | None:
        try:
            return data_version(self._db)
        except sqlite3.Error:
            return None  # the library closed: nothing more to notice

    def seen(self) -> None:
        """The views were refreshed meanwhile (F5, a job's end): what is committed is shown."""
        self._seen = self._version()

    def check(self) -> None:
        version = self._version()
        if version is None or version == self._seen or self._wait():
            return
        if self._refresh():
            self._seen = version

    def stop(self) -> None:
        self._timer.stop()
