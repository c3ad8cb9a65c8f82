"""Add Folder on a folder already in the library, or inside one, only rescans it: the status
line said "Scan finished: 4 photos found, 0 new", as if its photos had been missed. It now says
the folder is already in the library and was rescanned. New photos added while a tag filter is
on are out of view: the status line says the filter is on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from phototagger.gui.main_window import MainWindow
from tests.gui_helpers import JOB_TIMEOUT_MS, click_sidebar, open_window, prescanned, settle
from tests.photo_factory import big_jpeg


def _add(qtbot: QtBot, window: MainWindow, folder: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    with qtbot.waitSignal(window.jobs.finished, timeout=JOB_TIMEOUT_MS):
        window.commands.add_folder.trigger()
    settle(qtbot, window)
    return window.status.currentMessage()


def test_a_folder_already_in_the_library_says_so(
    qtbot: QtBot, engine: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pics = prescanned(tmp_path / "Pictures", engine)
    (pics / "trip").mkdir()
    window = open_window(qtbot, engine, tmp_path)
    said = _add(qtbot, window, pics, monkeypatch)
    assert said.startswith(
        "Pictures is already in the library, rescanned: 4 photos found, 0 new"
    ), said
    said = _add(qtbot, window, pics / "trip", monkeypatch)
    assert said.startswith(f"trip is already in the library (in {pics}), rescanned: "), said


def test_new_photos_behind_a_tag_filter_are_said_to_be_out_of_view(
    qtbot: QtBot, engine: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prescanned(tmp_path / "Pictures", engine)
    more = tmp_path / "More"
    more.mkdir()
    for seed, name in enumerate(("a.jpg", "b.jpg")):
        big_jpeg(more / name, 1, seed)
    window = open_window(qtbot, engine, tmp_path)
    click_sidebar(qtbot, window, "cat")
    settle(qtbot, window)
    said = _add(qtbot, window, more, monkeypatch)
    assert said.startswith("Scan finished: 2 photos found, 2 new"), said
    assert "Filter on (Photos tagged cat): Show All Photos to see every new one" in said, said


def test_a_folder_queued_behind_a_job_keeps_its_note(
    qtbot: QtBot, engine: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Added while another scan ran, a folder already in the library was queued, and its note
    was lost: its rescan ended with "Scan finished: 4 photos found, 0 new" after all. The note
    is said when it is queued and when its scan ends."""
    pics = prescanned(tmp_path / "Pictures", engine)
    more = tmp_path / "More"
    more.mkdir()
    for seed, name in enumerate(("a.jpg", "b.jpg")):
        big_jpeg(more / name, 1, seed)
    window = open_window(qtbot, engine, tmp_path)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(pics))
    with qtbot.waitSignal(window.jobs.started, timeout=JOB_TIMEOUT_MS):
        assert window.start_scan([str(more)])
    window.commands.add_folder.trigger()  # while More is scanned
    assert window.job_control.queued == [str(pics)]
    assert window.status.currentMessage() == (
        "Pictures is already in the library, rescanned when the running job ends"
    )
    qtbot.waitUntil(
        lambda: not window.jobs.busy and not window.job_control.queued, timeout=JOB_TIMEOUT_MS
    )
    settle(qtbot, window)
    said = window.status.currentMessage()
    assert said.startswith(
        "Pictures is already in the library, rescanned: 4 photos found, 0 new"
    ), said
