"""The review list's thumbnails come in from the top: the rows in view before the rows below.

The list asked the shared thumbnail cache for its 50 rows from the top down, and the cache
serves the newest request first (the grid's cells as they are painted), so the rows in view
were loaded last, after every row out of view: where each thumbnail had to be made again from
its photo, the rows the photographer looks at stayed blank until the whole queue was made."""

from __future__ import annotations

import shutil
from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.gui.main_window import MainWindow
from tests.gui_helpers import open_window, settle
from tests.retrain_helpers import library_from


def _grid_thumbnails_in(window: MainWindow) -> bool:
    grid, model = window.grid, window.model
    shown = [
        model.photo(row)
        for row in range(model.rowCount())
        if grid.visualRect(model.index(row, 0)).intersects(grid.viewport().rect())
    ]
    return bool(shown) and all(
        p is not None and window.thumbnails.image(p.content_hash, p.path) is not None for p in shown
    )


def test_the_rows_in_view_get_their_thumbnails_first(
    qtbot: QtBot, engine, template: Path, tmp_path: Path
) -> None:
    library, _pics = library_from(template)
    thumbnails = library.thumbnails_dir
    library.close()
    # The thumbnails the scan made are gone (a cleaned ~/.cache): each is made from its photo.
    shutil.rmtree(thumbnails)
    window = open_window(qtbot, engine, tmp_path)
    window.resize(1440, 900)
    qtbot.waitUntil(lambda: _grid_thumbnails_in(window), timeout=20_000)

    arrived: list[str] = []
    window.thumbnails.ready.connect(arrived.append)
    window._show_retrain("review")
    page = window.retrain.review_page
    page.load("animal")
    settle(qtbot, window)
    rows = [str(page._photos[item.photo_id].content_hash) for item in page.items]
    assert len(rows) >= 30
    view = page.list.viewport().rect()
    in_view = {
        content_hash
        for row, content_hash in enumerate(rows)
        if page.list.visualItemRect(page.list.item(row)).intersects(view)
    }
    # Those the grid had loaded were shown at once; the others are made now.
    queued = set(rows)
    waiting = queued - set(window.thumbnails._images) | queued & set(arrived)
    in_view_waiting = in_view & waiting
    below_waiting = waiting - in_view
    assert len(in_view_waiting) >= 3 and len(below_waiting) >= 20
    qtbot.waitUntil(lambda: in_view_waiting <= set(arrived), timeout=20_000)

    last_in_view = max(arrived.index(h) for h in in_view_waiting)
    below_before = [h for h in arrived[:last_in_view] if h in below_waiting]
    # Two threads take the first requests at once: a row or two out of view may come first.
    assert len(below_before) <= 4, (len(below_before), len(below_waiting))
