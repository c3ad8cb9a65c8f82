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

Several files (Problems' Show in Folder on a selection): one call per folder (`by_folder`), each
folder's files selected together where the file manager takes a list (ShowItems); `open -R` and
`explorer /select,` select one file, the first of that folder's. At most MOST_FOLDERS folders
at once (`at_once`), the rest said: Problems' Show in Folder and the grid's Show in File Manager.
"""

from __future__ import annotations

import os
import sys
import urllib.parse
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QProcess, QUrl

from phototagger.core.names import os_path, storable
from phototagger.core.wording import counted

if TYPE_CHECKING:
    from PySide6.QtDBus import QDBusConnection, QDBusPendingCallWatcher

FILE_MANAGER = "org.freedesktop.FileManager1"  # the bus name and its interface
FILE_MANAGER_OBJECT = "/org/freedesktop/FileManager1"
# One file-manager window per folder: at most this many at once (a selection over a whole
# card's folders would bury the desktop in windows).
MOST_FOLDERS = 10


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


def folder_of(stored_path: str) -> str:
    """The folder Show in Folder opens for `stored_path`: a folder itself (to look inside), else
    the folder the file is (or was) in; as the library stores names."""
    path = os_path(stored_path)
    return stored_path if os.path.isdir(path) else storable(os.path.dirname(path))


def by_folder(stored_paths: list[str]) -> list[tuple[str, list[str]]]:
    """`stored_paths` by the folder Show in Folder opens for each (folder_of), the folders in
    the order their first file comes, the files in theirs."""
    groups: dict[str, list[str]] = {}
    for path in stored_paths:
        groups.setdefault(folder_of(path), []).append(path)
    return list(groups.items())


def at_once(stored_paths: list[str]) -> tuple[list[tuple[str, list[str]]], str]:
    """`stored_paths` by folder (by_folder), the first MOST_FOLDERS of them, and what is said of
    the folders left out ('' when none is)."""
    groups = by_folder(stored_paths)
    shown_now, left = groups[:MOST_FOLDERS], groups[MOST_FOLDERS:]
    if not left:
        return shown_now, ""
    unseen = sum(len(files) for _, files in left)
    return shown_now, (
        f"Opened the first {MOST_FOLDERS} folders of {len(groups)}: "
        f"{counted(unseen, 'file')} selected in {counted(len(left), 'other folder')} "
        "not shown. Select fewer to see them"
    )


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
        self.show_together([stored_path], failed)

    def show_together(self, stored_paths: list[str], failed: Callable[[str], None]) -> None:
        """Files of one folder (by_folder) shown in it, selected together where the file manager
        takes several (the first of them on macOS and Windows); a folder among them, or files
        no longer there, only open it."""
        paths = [os_path(p) for p in stored_paths]
        folder = os_path(folder_of(stored_paths[0]))
        files = [p for p in paths if not os.path.isdir(p) and os.path.lexists(p)]
        if not files:
            self._open_folder(folder, failed)
            return
        command = select_command(files[0], self.platform)
        if command is None:
            self._ask_file_manager(files, folder, failed)
        elif not QProcess.startDetached(*command)[0]:
            self._open_folder(folder, failed)

    def _ask_file_manager(
        self, files: list[str], folder: str, failed: Callable[[str], None]
    ) -> None:
        # Imported here: the window's start does not load Qt's D-Bus module for a menu entry.
        from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusPendingCallWatcher

        bus = self.bus if self.bus is not None else QDBusConnection.sessionBus()
        if not bus.isConnected():
            self._open_folder(folder, failed)
            return
        call = QDBusMessage.createMethodCall(
            FILE_MANAGER, FILE_MANAGER_OBJECT, FILE_MANAGER, "ShowItems"
        )
        # The files, and no startup notification.
        call.setArguments([[file_uri(path) for path in files], ""])
        # Asked without waiting: a file manager the bus starts takes seconds to answer.
        watcher = QDBusPendingCallWatcher(bus.asyncCall(call), self)
        self._asking.add(watcher)

        def answered(done: QDBusPendingCallWatcher) -> None:
            self._asking.discard(done)
            done.deleteLater()
            if done.isError():  # none on the bus (ServiceUnknown), or it would not
                self._open_folder(folder, failed)

        watcher.finished.connect(answered)

    def _open_folder(self, folder: str, failed: Callable[[str], None]) -> None:
        # From its bytes: QUrl.fromLocalFile drops those of a name that is not UTF-8.
        if self._open_url(QUrl.fromEncoded(file_uri(folder).encode("ascii"))) is False:
            failed(storable(folder))
