"""With the grid filtered on a tag, a photo answered yes for that tag on the Review page did not
join the grid until the next job finished (found in the app: the header stayed at "monkeys · 20",
then read 22 after training). It joins at once, where the filter orders it, as a photo tagged in
the grid itself stays there; undo leaves it in view until F5, as a rejection in the grid does."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from phototagger.store.tags import set_user_state
from tests.gui_helpers import click_sidebar, open_window, settle
from tests.switch_helpers import synthetic_library


def test_a_yes_on_the_review_page_joins_the_grid_filtered_on_its_tag(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with open_library(default_home()) as library:
        for photo_id in synthetic_library(library.db, 40)[:5]:
            set_user_state(library.db, photo_id, "animal", "added")
    window = open_window(qtbot, None, tmp_path)
    window._show_retrain("review")
    page = window.retrain.review_page
    page.load("animal")
    settle(qtbot, window)
    click_sidebar(qtbot, window, "animal")
    shown = list(window.model.ids)
    header = window.header.text()
    assert header.endswith(f"·  {len(shown)} of 40"), header
    outside = [item for item in page.items if item.photo_id not in shown]
    assert outside, "every queued photo is in the grid already"
    page.list.setCurrentRow(page.items.index(outside[0]))
    window._show_retrain("review")
    qtbot.keyClick(page.list, Qt.Key.Key_A)  # yes: it shows an animal
    settle(qtbot, window)
    qtbot.waitUntil(lambda: outside[0].photo_id in window.model.ids, timeout=5000)
    settle(qtbot, window)
    assert len(window.model.ids) == len(shown) + 1
    assert [i for i in window.model.ids if i != outside[0].photo_id] == shown  # the rest stay
    assert window.header.text() == header.replace(f"{len(shown)} of", f"{len(shown) + 1} of")
    assert window.status.library.text() == f"{len(shown) + 1} of 40 photos shown"

    window.undo_stack.undo()  # it no longer matches: kept in view until F5, and said so
    settle(qtbot, window)
    qtbot.waitUntil(lambda: "+1 no longer matching" in window.header.text(), timeout=5000)
    assert len(window.model.ids) == len(shown) + 1
    window.refresh()
    settle(qtbot, window)
    assert window.model.ids == shown
