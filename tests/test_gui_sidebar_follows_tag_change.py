"""A tag selected in the sidebar and renamed (F2), merged or deleted: the sidebar keeps showing
what the grid shows. The grid's filter followed the new name, but the sidebar dropped its
selection, so the next Ctrl-click filtered without the renamed tag and a deleted tag left the
grid on all photos with nothing selected."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import click_sidebar, delete_sidebar_tag, open_window, settle
from tests.modal_helpers import answer_next_modal, type_text
from tests.switch_helpers import synthetic_library

CTRL = Qt.KeyboardModifier.ControlModifier


def _selected(window) -> list[str]:
    return sorted(item.text(0) for item in window.sidebar.tree.selectedItems())


def test_sidebar_selection_follows_rename_merge_delete(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 6)
    window = open_window(qtbot, None, tmp_path)
    ids = list(window.model.ids)
    window.decide(ids[:4], "holiday", "add")
    window.decide(ids[2:], "beach", "add")
    window.decide(ids[:1], "sunset", "add")
    settle(qtbot, window)

    click_sidebar(qtbot, window, "holiday")
    asked = answer_next_modal(type_text("trips/summer"))
    qtbot.keyClick(window.sidebar.tree, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: bool(asked))
    settle(qtbot, window)
    assert window.header.text().startswith("Photos tagged trips/summer")
    assert _selected(window) == ["summer"]  # the renamed tag, under its group

    click_sidebar(qtbot, window, "beach", CTRL)  # both: the renamed one is still in the filter
    assert set(window.controller.filter.all_of) == {"trips/summer", "beach"}
    assert window.model.rowCount() == 2

    window.tools.merge_into("beach", "sunset")
    settle(qtbot, window)
    assert _selected(window) == ["summer", "sunset"]
    assert window.model.rowCount() == 3  # sunset now has the beach photos too

    click_sidebar(qtbot, window, "sunset")
    asked = delete_sidebar_tag(qtbot, window)
    assert window.header.text().startswith("All photos")
    assert _selected(window) == ["All photos"]
