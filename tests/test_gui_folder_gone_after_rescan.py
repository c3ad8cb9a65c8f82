"""The grid showing a folder that was renamed on disk: after File > Rescan Folders it showed
"No photos match: photos in …/Zoo" over an empty grid, filtered on a folder the sidebar no longer
listed. Now it shows all photos again and says why (as a restart does with last time's folder)."""

from __future__ import annotations

import os
from pathlib import Path

from tests.gui_helpers import click_sidebar, open_window, prescanned, scan, settle, shown_names


def test_a_renamed_folder_leaves_the_grid_on_all_photos(qtbot, engine, tmp_path: Path) -> None:
    zoo = prescanned(tmp_path / "pics" / "Zoo", engine)
    window = open_window(qtbot, engine, tmp_path)
    click_sidebar(qtbot, window, "Zoo")
    assert window.header.text().startswith(f"Photos in {zoo}")
    os.rename(zoo, zoo.with_name("Tierpark"))

    scan(qtbot, window, tmp_path / "pics")
    qtbot.waitUntil(lambda: window.controller.filter.folder is None, timeout=10_000)
    settle(qtbot, window)

    assert window.header.text().startswith("All photos")
    assert len(shown_names(window)) == 4
    said = window.status.currentMessage()
    assert said.startswith(f"{zoo} holds no photos any more"), said
    assert window.sidebar.has_folder(str(zoo.with_name("Tierpark")))
