"""A tag added while training ran was counted on the Train page as "+1 newly tagged (5 → 6)",
and Apply then said "no photo's tags changed": the photo shows the user's answer whichever
version is active, so it is not the new version's change. The page counts as Apply changes:
photos answered while training ran, and those answered after (before Apply), are left out."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QTableWidgetItem
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.retrain import TrainingResult
from phototagger.core.version_diff import TagChange
from phototagger.paths import default_home
from phototagger.store.tags import set_user_state
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library


def test_answers_since_the_run_are_not_counted_as_its_changes(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 20)
        for pid in ids[:5]:
            set_user_state(lib.db, pid, "monkeys", "added")
    window = open_window(qtbot, None, tmp_path)
    # As the run counted them: two photos it would newly tag, one it would untag.
    changes = [
        TagChange(
            "monkeys",
            6,
            7,
            added=2,
            removed=1,
            added_ids=ids[5:7],
            removed_ids=ids[7:8],
            answered=dict.fromkeys(ids[:5], (True, False, False)),  # the five tagged before
        )
    ]
    result = TrainingResult("v2", "v1", [], True, "learned monkeys", {}, 1.0, changes)
    # Meanwhile (training ran) the user tagged one of the two themselves.
    with open_library(default_home()) as lib:
        set_user_state(lib.db, ids[5], "monkeys", "added")
    view = window.retrain.train_page.changes
    view.show_result(result)
    settle(qtbot, window)

    def row() -> tuple[str, ...]:
        items: list[QTableWidgetItem | None] = [view.table.item(0, c) for c in range(5)]
        return tuple(item.text() if item else "" for item in items)

    qtbot.waitUntil(lambda: row()[2] == "+1", timeout=5000)
    assert row() == ("monkeys", "kept from the active version", "+1", "-1", "7 → 7")
    assert view.caption.text().startswith("“monkeys”: 1 photo newly tagged, 1 untagged")
    qtbot.waitUntil(lambda: view.preview.count() == 2)

    # After the run, before Apply: no on the other photo it would tag, yes on the one it
    # would untag, in the window (undoable) as anywhere else.
    window.decide([ids[6]], "monkeys", "reject")
    window.decide([ids[7]], "monkeys", "add")
    settle(qtbot, window)
    qtbot.waitUntil(lambda: row()[2] == "0", timeout=5000)
    assert row() == ("monkeys", "kept from the active version", "0", "0", "unchanged")
    assert view.caption.text() == "“monkeys”: no photo you have not answered would change."
    assert not view.preview.isVisible()
    window.undo_stack.undo()  # the yes undone: the version untags that photo again
    settle(qtbot, window)
    qtbot.waitUntil(lambda: row()[3] == "-1", timeout=5000)
    assert row()[2:] == ("0", "-1", "7 → 6")
