"""The Review tab in a laptop's window: at 856 x 600 (under X) the current photo (up to 220 px)
and the question took the tab's height and the queue showed one row and a half, at 1366 x 768
three; a photographer working down the queue saw one or two photos at a time. The queue now
keeps ROWS rows in view first, the photo over it the rest (folded away where it would be no
larger than a queued thumbnail), and a handle between them that the user drags, kept for the
next start."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from phototagger.gui.review_split import ROWS
from tests.cli_helpers import det_photos_scanned
from tests.gui_helpers import open_window, review_tab, settle
from tests.store_helpers import DET

pytestmark = pytest.mark.skipif(not DET.is_dir(), reason="needs /work/shared/data/det-photos")


def rows_in_view(page: Any) -> int:
    """How many of the queue's rows are wholly in view."""
    queue = page.list
    view = queue.viewport().rect()
    return sum(
        1 for row in range(queue.count()) if view.contains(queue.visualItemRect(queue.item(row)))
    )


def _photo_shown(page: Any) -> bool:
    pixmap = page.preview.pixmap()
    return page.preview.isVisible() and not pixmap.isNull() and pixmap.height() > 0


def animal_queue(
    qtbot: QtBot,
    engine: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> tuple[Any, Any]:
    """A library of 25 det-photos (every 40th), and the window with its Review tab on the
    queue of 'animal' (25 photos)."""
    names = [path.stem for path in sorted(DET.glob("*.jpg"))[::40]]
    det_photos_scanned(engine, tmp_path / "pics", names, monkeypatch, capsys)
    return review_tab(qtbot, engine, tmp_path, "animal")


def test_the_queue_keeps_its_rows_in_a_laptop_s_window(
    qtbot: QtBot,
    engine: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    window, page = animal_queue(qtbot, engine, tmp_path, monkeypatch, capsys)
    assert page.list.count() >= 10
    window.resize(856, 600)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: rows_in_view(page) >= ROWS, timeout=2_000)
    # The window stays the size the user gave it: the tab asks no more height than it has.
    assert (window.width(), window.height()) == (856, 600)
    icon = page.list.iconSize().height()
    # What is left over the rows would show the photo no larger than its thumbnail: folded.
    preview, queue = page.split.sizes()
    assert preview == 0 or preview > icon, (preview, queue)

    # At 1366 x 768 both: the rows, and the photo larger than its thumbnail.
    window.resize(1366, 768)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: rows_in_view(page) >= ROWS, timeout=2_000)
    qtbot.waitUntil(lambda: _photo_shown(page), timeout=20_000)
    assert page.preview.pixmap().height() > 2 * icon

    # The handle between them, dragged: the photo as tall as the user made it, at 856 x 600
    # too (the queue keeps a row), and again at the next start.
    window.resize(856, 600)
    settle(qtbot, window)
    page.split.moveSplitter(150, 1)
    qtbot.waitUntil(lambda: page.split.sizes()[0] == 150, timeout=2_000)
    qtbot.waitUntil(lambda: _photo_shown(page), timeout=20_000)
    assert page.preview.pixmap().height() > 100
    assert rows_in_view(page) >= 1
    window.close()
    again = open_window(qtbot, engine, tmp_path)
    again.resize(856, 600)
    again._show_retrain("review")
    settle(qtbot, again)
    assert again.retrain.review_page.split.sizes()[0] == 150
