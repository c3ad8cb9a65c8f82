"""walk48: at a 13-point font in an 856 x 600 window, Model ▸ Versions with v1, v2 and v3 (the
active one) showed v1's row half scrolled out at the top of the table: the table and the
details under it shared the page's height half and half: 86 px for rows of 108 (v1's long
summary), 28 and 48, scrolled to the active last one, which the view puts at its bottom. The
table is now as tall as the whole rows it shows at its end, the rest going to the details:
v2 and v3 whole, v1 a scroll up."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.model.activation import activate_version
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import save_version_record, synthetic_library


@pytest.mark.usefixtures("at_13_points")
def test_every_version_whole_at_13_points(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 10)
    save_version_record(
        "v2", {"parent": "v1", "created_at": "2026-12-06T17:32:00", "summary": "gig"}
    )
    save_version_record(
        "v3", {"parent": "v2", "created_at": "2026-12-06T17:32:30", "summary": "retrained gig"}
    )
    with open_library(default_home()) as lib:
        activate_version(lib, "v3")
    window = open_window(qtbot, None, tmp_path)
    window.resize(856, 600)
    window._show_retrain("versions")
    page = window.retrain.versions_page
    qtbot.waitUntil(lambda: page.table.rowCount() == 3)
    settle(qtbot, window)
    qtbot.wait(50)
    table = page.table
    view = table.viewport().rect()
    rects = [table.visualRect(table.model().index(row, 0)) for row in range(3)]
    # The active v3 whole, and no row cut at the top or the bottom: whole or out of view.
    assert view.contains(rects[2]), (rects, view)
    cut = [
        row for row, rect in enumerate(rects) if rect.intersects(view) and not view.contains(rect)
    ]
    assert not cut, ([rect.getRect() for rect in rects], view.height())
    assert view.contains(rects[1])  # v2 over it: two versions to compare
    window.close()
