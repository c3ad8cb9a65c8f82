"""The app's scan end line with one file still unreadable on a rescan: "1 could not be read,
none of them new" read as if several were; it now says "listed before", as `scan` does."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.gui_helpers import open_window, scan

DET = Path("/work/shared/data/det-photos")


def test_one_file_unreadable_again_is_said_listed_before(qtbot, engine, tmp_path: Path) -> None:
    pics = tmp_path / "card"
    pics.mkdir()
    names = sorted(p.name for p in DET.glob("*.jpg"))[:3]
    for name in names:
        shutil.copy(DET / name, pics / name)
    (pics / "cut short.jpg").write_bytes((DET / names[0]).read_bytes()[:3000])
    window = open_window(qtbot, engine, tmp_path)
    said = []
    for _ in range(2):  # the first scan, then a rescan finding the same file unread
        scan(qtbot, window, pics)
        said.append(window.status.currentMessage())
    assert "1 could not be read (File ▸ Problems says why)" in said[0], said
    assert "1 could not be read, listed before (File ▸ Problems says why)" in said[1], said
    assert "none of them new" not in said[1]
