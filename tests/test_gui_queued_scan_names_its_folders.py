"""Three folders added one after another: the first is scanned, the other two are queued and
scanned together once it ends, and the status line that scan ends with said "Scan finished: 8
photos found, 8 new, 8 tagged" with 12 photos added in all, over the first scan's own line
(walk39: three folders of 150, 200 and 20 photos ended "Scan finished: 220 photos found" with
370 in the library). It names the folders it scanned now: "home and phone scanned: 8 photos
found, ...", as a queued folder already in the library had its note said."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from tests.dated_photos import DET_PHOTOS
from tests.gui_helpers import JOB_TIMEOUT_MS, open_window, settle


def _copies(folder: Path, names: list[Path]) -> Path:
    folder.mkdir()
    for source in names:
        shutil.copy(source, folder / source.name)
    return folder


def test_the_queued_folders_scan_names_them(
    qtbot: QtBot, engine: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    photos = sorted(DET_PHOTOS.glob("*.jpg"))[:12]
    crete = _copies(tmp_path / "Crete", photos[:4])
    home = _copies(tmp_path / "home", photos[4:9])
    phone = _copies(tmp_path / "phone", photos[9:])
    window = open_window(qtbot, engine, tmp_path)
    with qtbot.waitSignal(window.jobs.started, timeout=JOB_TIMEOUT_MS):
        assert window.start_scan([str(crete)])
    for folder in (home, phone):  # Add Folder while Crete is scanned
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, f=folder, **k: str(f))
        window.commands.add_folder.trigger()
    assert window.job_control.queued == [str(home), str(phone)]
    assert window.status.currentMessage() == "2 folders queued: scanned when the running job ends"
    qtbot.waitUntil(
        lambda: not window.jobs.busy and not window.job_control.queued, timeout=JOB_TIMEOUT_MS
    )
    settle(qtbot, window)
    said = window.status.currentMessage()
    assert said.startswith("home and phone scanned: 8 photos found, 8 new, 8 tagged"), said
    assert window.db.execute("select count(*) from photos").fetchone()[0] == 12
