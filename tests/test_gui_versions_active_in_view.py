"""The Versions page in a small window (1,024 x 640): the table has room for about four rows,
and with eight versions it showed v1 to v5, the active one (the newest, its last row, in bold
with '●') out of sight under them, while the details below described it. The active version's
row is now scrolled into view, or the selected one's."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.model.activation import activate_version
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import save_version_record, synthetic_library

VERSIONS = [f"v{n}" for n in range(2, 16)]


def _row_in_view(table, row: int) -> bool:  # noqa: ANN001 - a QTableWidget
    item = table.item(row, 0)
    return item is not None and table.viewport().rect().contains(table.visualItemRect(item))


def test_the_active_version_is_in_view_in_a_small_window(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 10)
    for n, version in enumerate(VERSIONS):
        record = {
            "parent": "v1",
            "created_at": f"2026-12-04T16:{n:02d}:00",
            "summary": f"retrained monkeys, seaside and the tags of round {n}",
        }
        save_version_record(version, record)
    with open_library(default_home()) as lib:
        activate_version(lib, VERSIONS[-1])
    window = open_window(qtbot, None, tmp_path)
    window.resize(1024, 640)
    window._show_retrain("train")
    settle(qtbot, window)
    window.commands.versions.trigger()  # Model ▸ Versions, the keys on the Train button
    page = window.retrain.versions_page
    qtbot.waitUntil(lambda: page.table.rowCount() == 1 + len(VERSIONS))
    settle(qtbot, window)
    qtbot.wait(50)
    table = page.table
    last = table.rowCount() - 1
    assert table.verticalScrollBar().maximum() > 0  # a small window: not all of them fit
    assert _row_in_view(table, last)
    # Described below it, nothing selected: Make Active has nothing to do.
    assert page.details.text().startswith(f"{VERSIONS[-1]} (active)")
    assert not table.selectedIndexes() and not page.activate_button.isEnabled()

    # One the user selected stays in view as the page is shown again.
    table.selectRow(2)
    window.retrain.show_page("train")
    window.retrain.show_page("versions")
    settle(qtbot, window)
    qtbot.wait(50)
    assert _row_in_view(table, 2)
