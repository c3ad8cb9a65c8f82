"""The window's layout and view choices, remembered between runs in a QSettings file kept with
the library's data (so each library, and each test, has its own)."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt

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


def read_sort(
    settings: QSettings, key: str, default: int, low: int, high: int
) -> tuple[int, Qt.SortOrder]:
    """The column a view was last sorted by (`key`/sort-column, between low and high) and which
    way (`key`/sort-order): a header the user clicked, kept across restarts."""
    column = read_int(settings, f"{key}/sort-column", default, low, high)
    order = read_str(settings, f"{key}/sort-order", "ascending", {"ascending", "descending"})
    down = order == "descending"
    return column, Qt.SortOrder.DescendingOrder if down else Qt.SortOrder.AscendingOrder


def save_sort(settings: QSettings, key: str, column: int, order: Qt.SortOrder) -> None:
    settings.setValue(f"{key}/sort-column", column)
    down = order == Qt.SortOrder.DescendingOrder
    settings.setValue(f"{key}/sort-order", "descending" if down else "ascending")
