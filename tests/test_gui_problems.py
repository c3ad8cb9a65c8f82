"""File ▸ Problems lists the files a scan could not read, with the reason."""

from __future__ import annotations

from pathlib import Path

from tests.gui_helpers import open_window, scan
from tests.photo_factory import real_photo, truncated_jpeg


def test_unreadable_files_are_listed_with_a_reason(qtbot, engine, tmp_path: Path) -> None:
    pics = tmp_path / "card"
    real_photo(pics / "fine.jpg", "coffee")
    truncated_jpeg(pics / "half copied.jpg")
    window = open_window(qtbot, engine, tmp_path)
    scan(qtbot, window, pics)
    assert "1 could not be read" in window.status.currentMessage()
    dialog = window.open_problems()
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 0).text().endswith("half copied.jpg")
    assert "truncated" in dialog.table.item(0, 1).text()
    dialog.close()
