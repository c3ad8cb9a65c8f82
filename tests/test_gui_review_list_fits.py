"""The Review tab's queue fits its width: in a window 826 px wide (walk41's, under X) each row was
as wide as its text on one line ("n06359193_web_site.JPEG" over "0% · a kind not asked about
yet"), ran on behind the list's edge, and a sideways scroll bar hid the ends of the rows. Rows now
wrap (then elide) at the list's width, at any window width."""

from __future__ import annotations

import shutil
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.cli_helpers import scan_with
from tests.gui_helpers import open_window, settle
from tests.store_helpers import DET

pytestmark = pytest.mark.skipif(not DET.is_dir(), reason="needs /work/shared/data/det-photos")


def _overflow(page: object) -> list[str]:
    """What does not fit in the list: a sideways scroll bar, rows wider than its viewport."""
    queue = page.list  # type: ignore[attr-defined]
    wrong = []
    if queue.horizontalScrollBar().maximum() > 0:
        wrong.append(f"a scroll bar of {queue.horizontalScrollBar().maximum()} px")
    width = queue.viewport().width()
    for row in range(queue.count()):
        rect = queue.visualItemRect(queue.item(row))
        if rect.right() >= width:
            wrong.append(f"{queue.item(row).text()!r}: {rect.width()} px in {width}")
    return wrong


def _fits(page: object, said: str) -> None:
    assert _overflow(page) == [], said


def test_the_queue_wraps_its_rows_at_any_window_width(
    qtbot: QtBot,
    engine: object,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Named as a phone names them, then what they show: "PXL_20240614_183512_n01…_snake.jpg"
    # runs on past the queue's width at 826 px under X, and in the offscreen test's font.
    pics = tmp_path / "pics"
    pics.mkdir()
    for n, photo in enumerate(sorted(DET.glob("*.jpg"))[::40]):
        shutil.copy(photo, pics / f"PXL_20240614_{183512 + n}_{photo.name}")
    assert scan_with(engine, pics, monkeypatch, capsys) == 0
    window = open_window(qtbot, engine, tmp_path)
    qtbot.keyClick(window.grid, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    page = window.retrain.review_page
    page.load("animal")
    settle(qtbot, window)
    assert page.list.count() >= 10
    for width, height in ((1400, 880), (1024, 768), (826, 578), (640, 480), (560, 420)):
        window.resize(width, height)
        # The Model panel as wide as it is, then as narrow as a user may drag it.
        for panel in (0, 360, 300, 260):
            if panel:
                window.resizeDocks([window.retrain_dock], [panel], Qt.Orientation.Horizontal)
            settle(qtbot, window)
            said = f"window {width} x {height}, panel {panel or 'as it was'}"
            qtbot.waitUntil(partial(_fits, page, said), timeout=2_000)  # laid out again
            # No row cut shorter than its thumbnail by the wrapping.
            queue = page.list
            for row in range(queue.count()):
                rect = queue.visualItemRect(queue.item(row))
                assert rect.height() >= queue.iconSize().height()
