"""Clips play in the system's own video player: it has the codecs, the controls and the sound."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from phototagger.core.names import os_path


def clip_url(stored_path: str) -> QUrl:
    """A file URL for the clip; a name that is not UTF-8 is turned back into its real bytes."""
    return QUrl.fromLocalFile(os_path(stored_path))


def play_in_system_player(stored_path: str) -> bool:
    """Open the clip with the desktop's default player; False if no player would take it."""
    return QDesktopServices.openUrl(clip_url(stored_path))
