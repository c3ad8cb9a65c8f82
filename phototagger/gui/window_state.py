"""The window's layout and view choices, remembered between runs in a QSettings file kept with
the library's data (so each library, and each test, has its own)."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from phototagger.paths import LibraryHome


def window_settings(home: LibraryHome) -> QSettings:
    return QSettings(str(home.window_settings), QSettings.Format.IniFormat)


def read_int(settings: QSettings, key: str, default: int, low: int, high: int) -> int:
    try:
        value = int(str(settings.value(key, default)))
    except ValueError:
        return default
    return max(low, min(high, value))


def read_str(settings: QSettings, key: str, default: str, allowed: set[str] | None = None) -> str:
    value = str(settings.value(key, default))
    return value if allowed is None or value in allowed else default
