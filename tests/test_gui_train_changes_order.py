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
    assert (text(0, 1), text(0, 2), text(0, 4)) == ("like “monkey”", "+14", "0 → 14")
    assert view.caption.text().startswith("“monkeys”: 14 photos newly tagged")
    qtbot.waitUntil(lambda: view.preview.count() == 14)  # the selected first row's photos


def test_a_second_run_previews_its_own_first_row(qtbot: QtBot, tmp_path: Path) -> None:
    # Train, then train again in the same session: the new table's first row was selected
    # already (the previous run's), so its caption said "Select a tag to preview…" over an
    # empty preview while the row showed as selected.
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 20)
    window = open_window(qtbot, None, tmp_path)
    view = window.retrain.train_page.changes
    first = [TagChange("kitchen stuff", 7, 18, added=11, added_ids=ids[:11])]
    view.show_result(TrainingResult("v6", "v4", [], True, "", {}, 1.0, first))
    qtbot.waitUntil(lambda: view.preview.count() == 11)
    second = [TagChange("kitchen stuff", 16, 15, removed=1, removed_ids=ids[11:12])]
    view.show_result(TrainingResult("v7", "v6", [], False, "", {}, 1.0, second))
    assert view.caption.text().startswith("“kitchen stuff”: 0 photos newly tagged, 1 untagged")
    qtbot.waitUntil(lambda: view.preview.count() == 1)
    item = view.preview.item(0)
    assert item is not None and item.text().startswith("✕ ")


def test_the_caption_says_how_the_selected_tag_was_learned(qtbot: QtBot, tmp_path: Path) -> None:
    # The Learned column is a few letters wide in the dock ("like …"); a first run that taught
    # 'herps' but tagged no photo the user had not answered said only "No photo would change."
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 20)
    window = open_window(qtbot, None, tmp_path)
    view = window.retrain.train_page.changes
    how = "like WordNet 'amphibian' + 'turtle' + your examples' classes (14 classes)"
    learned = {"herps": {"how": "concept", "label": how}}
    said = "like “amphibian”, “turtle” and your examples"  # `how` in plain words
    view.show_result(TrainingResult("v2", "v1", [], True, "", {"learned": learned}, 1.0, []))
    assert view.caption.text() == (
        f"“herps”: no photo you have not answered would change. Learned {said}."
    )
    changes = [TagChange("herps", 18, 20, added=2, added_ids=ids[:2])]
    view.show_result(TrainingResult("v3", "v2", [], True, "", {"learned": learned}, 1.0, changes))
    said = f"“herps”: 2 photos newly tagged, 0 untagged. Learned {said}."
    assert view.caption.text() == said


def test_one_photo_is_one_photo(qtbot: QtBot, tmp_path: Path) -> None:
    # The caption read "“pets”: 1 photos newly tagged" where the rest of the app counts in words.
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 20)
    window = open_window(qtbot, None, tmp_path)
    view = window.retrain.train_page.changes
    changes = [TagChange("pets", 6, 7, added=1, added_ids=ids[:1])]
    view.show_result(TrainingResult("v4", "v2", [], True, "", {}, 1.0, changes))
    assert view.caption.text().startswith("“pets”: 1 photo newly tagged, 0 untagged")
