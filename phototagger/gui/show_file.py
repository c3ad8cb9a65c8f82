"""Show in Folder (File ▸ Problems) and Show in File Manager (the photo's menu): the file's folder
opened in the file manager with the file selected, where the file manager lets a program ask:

- Linux and the BSDs: the freedesktop file manager interface on the session bus (ShowItems of
  org.freedesktop.FileManager1), which GNOME Files, Dolphin, Nemo, Thunar and Caja answer (the
  bus starts the one installed). Where none answers (no session bus, a file manager without
  it), the folder is opened as before (the desktop's opener, xdg-open), the file not selected.
- macOS: `open -R PATH` (the Finder, the file selected).
- Windows: `explorer /select, PATH` (File Explorer, the file selected).

Opening only the folder left the user to find the file among hundreds, by a name a photographer
may not even see (a copy a keyword write left behind is hidden).
"""

from __future__ import annotations

import os
import sys
import urllib.parse
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QProcess, QUrl

from phototagger.core.names import os_path, storable

if TYPE_CHECKING:
    from PySide6.QtDBus import QDBusConnection, QDBusPendingCallWatcher

FILE_MANAGER = "org.freedesktop.FileManager1"  # the bus name and its interface
FILE_MANAGER_OBJECT = "/org/freedesktop/FileManager1"


def select_command(path: str, platform: str = sys.platform) -> tuple[str, list[str]] | None:
    """The program and arguments that open `path`'s folder with it selected, on macOS and
    Windows (None elsewhere: the file manager is asked over the session bus)."""
    if platform == "darwin":
        return "open", ["-R", path]
    if platform.startswith("win"):
        # As Qt Creator runs it: "/select," its own argument, the path quoted by QProcess.
        return "explorer.exe", ["/select,", os.path.normpath(path)]
    return None


def file_uri(path: str) -> str:
    """A file:// URI for `path` as file managers take it: every byte of its name that is not
    plain ASCII percent-encoded (a name that is not UTF-8 too), a '#' or '%' in it as well."""
    return "file://" + urllib.parse.quote(os.fsencode(os.path.abspath(path)))


class FileShower(QObject):
    """Shows a file in its folder in the file manager, selected there."""

    def __init__(self, parent: QObject, open_url: Callable[[QUrl], Any]) -> None:
        super().__init__(parent)
        self._open_url = open_url  # the desktop's opener, for a folder (a test sees it)
        self.platform = sys.platform
        # The session bus the file manager answers on; None: the desktop's (a test its own).
        self.bus: QDBusConnection | None = None
        self._asking: set[QDBusPendingCallWatcher] = set()

    def show(self, stored_path: str, failed: Callable[[str], None]) -> None:
        """The file at `stored_path` (as the library stores it) in its folder, selected; a
        folder opened to look inside; a file no longer there, its folder. `failed(folder)`, the
        folder as the library stores names, where no app would open even the folder (said by
        the caller: it seemed to do nothing)."""
        path = os_path(stored_path)
        if os.path.isdir(path) or not os.path.lexists(path):
            self._open_folder(path if os.path.isdir(path) else os.path.dirname(path), failed)
            return
        command = select_command(path, self.platform)
        if command is None:
            self._ask_file_manager(path, failed)
        elif not QProcess.startDetached(*command)[0]:
            self._open_folder(os.path.dirname(path), failed)

    def _ask_file_manager(self, path: str, failed: Callable[[str], None]) -> None:
        # Imported here: the window's start does not load Qt's D-Bus module for a menu entry.
        from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusPendingCallWatcher

        bus = self.bus if self.bus is not None else QDBusConnection.sessionBus()
        if not bus.isConnected():
            self._open_folder(os.path.dirname(path), failed)
            return
        call = QDBusMessage.createMethodCall(
            FILE_MANAGER, FILE_MANAGER_OBJECT, FILE_MANAGER, "ShowItems"
        )
        call.setArguments([[file_uri(path)], ""])  # the files, and no startup notification
        # Asked without waiting: a file manager the bus starts takes seconds to answer.
        watcher = QDBusPendingCallWatcher(bus.asyncCall(call), self)
        self._asking.add(watcher)

        def answered(done: QDBusPendingCallWatcher) -> None:
            self._asking.discard(done)
            done.deleteLater()
            if done.isError():  # none on the bus (ServiceUnknown), or it would not
                self._open_folder(os.path.dirname(path), failed)

        watcher.finished.connect(answered)

    def _open_folder(self, folder: str, failed: Callable[[str], None]) -> None:
        # From its bytes: QUrl.fromLocalFile drops those of a name that is not UTF-8.
        if self._open_url(QUrl.fromEncoded(file_uri(folder).encode("ascii"))) is False:
            failed(storable(folder))
