"""The Train page lists first the tags the next training learns from, then the learned ones,
then new tags by how close they are to being learned; not all of them by name, where a tag
the user just taught sat under a hundred one-photo keywords read from the files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QTableWidgetItem
from pytestqt.qtbot import QtBot

from phototagger.core import labels
from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library


def test_the_tags_to_learn_come_first(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 30)
        edits = [
            e
            for i, photo in enumerate(ids[:20])
            for e in labels.decision_edits([photo], f"a keyword {i:02d}", "add")
        ]
        edits += labels.decision_edits(ids[20:23], "grandma", "add")  # 3 of the 5 it needs
        edits += labels.decision_edits(ids[:10], "zoo monkeys", "add")  # learnable now
        labels.apply_edits(lib.db, edits)
    window = open_window(qtbot, None, tmp_path)
    window._show_retrain("train")
    page = window.retrain.train_page
    page.reload()
    settle(qtbot, window)

    def text(row: int, column: int) -> str:
        item: QTableWidgetItem | None = page.labels.item(row, column)
        assert item is not None
        return item.text()

    names = [text(r, 0) for r in range(page.labels.rowCount())]
    assert len(names) == 22
    assert names[:2] == ["zoo monkeys", "grandma"]
    assert (text(0, 3), text(1, 3)) == ("yes", "needs 2 more yes")
    assert names[2:] == [f"a keyword {i:02d}" for i in range(20)]
    assert page.train_button.isEnabled()
