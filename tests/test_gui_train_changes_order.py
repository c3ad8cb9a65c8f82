"""The Train page's per-tag changes list the biggest first, and preview that one: a tag the user
just taught (+14 photos) is not row 8, under default tags that gain a photo or two."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QTableWidgetItem
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.retrain import TrainingResult
from phototagger.core.version_diff import TagChange
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library


def test_the_biggest_change_comes_first(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 20)
    window = open_window(qtbot, None, tmp_path)
    # In the head's order, as train_candidate reports them: default tags first, the new last.
    changes = [
        TagChange("boat", 17, 19, added=2, added_ids=ids[:2]),
        TagChange("food", 43, 48, added=7, removed=2, added_ids=ids[2:9], removed_ids=ids[9:11]),
        TagChange("monkeys", 0, 14, added=14, added_ids=ids[:14]),
    ]
    learned = {"monkeys": {"how": "concept", "label": "like WordNet 'monkey'"}}
    result = TrainingResult(
        "v2", "v1", [], True, "learned monkeys", {"learned": learned}, 1.0, changes
    )
    view = window.retrain.train_page.changes
    view.show_result(result)
    settle(qtbot, window)

    def text(row: int, column: int) -> str:
        item: QTableWidgetItem | None = view.table.item(row, column)
        assert item is not None
        return item.text()

    assert [text(r, 0) for r in range(view.table.rowCount())] == ["monkeys", "food", "boat"]
    assert (text(0, 1), text(0, 2), text(0, 4)) == ("like WordNet 'monkey'", "+14", "0 → 14")
    assert view.caption.text().startswith("“monkeys”: 14 photos newly tagged")
    qtbot.waitUntil(lambda: view.preview.count() == 14)  # the selected first row's photos
