"""The grid holds ids only and reads photo rows a page at a time, for the pages shown; sorting
and refreshing keep the user's selection."""

from __future__ import annotations

from pathlib import Path

from phototagger.gui import grid_model
from phototagger.store.connection import transaction
from phototagger.store.photos import insert_photo
from tests.gui_helpers import open_window, settle

PHOTOS = 3000


def _fill(window) -> None:
    with transaction(window.db):
        for i in range(PHOTOS):
            insert_photo(
                window.db,
                path=f"/lib/{i % 7}/IMG_{PHOTOS - i:05d}.jpg",
                size=1,
                mtime=1.0,
                content_hash=f"{i:032x}",
                width=40,
                height=30,
                taken_at=f"20{10 + i % 10}-01-01T00:00:00",
                orientation=1,
                status="tagged",
            )


def test_only_shown_pages_are_read(qtbot, engine, tmp_path: Path) -> None:
    window = open_window(qtbot, engine, tmp_path)
    _fill(window)
    window.refresh()
    settle(qtbot, window)
    model = window.model
    assert model.rowCount() == PHOTOS
    window.grab()  # paint once
    assert 1 <= len(model._pages) <= 2  # noqa: SLF001 - the point of the test
    window.grid.scrollToBottom()
    window.grab()
    assert max(model._pages) == (PHOTOS - 1) // grid_model.PAGE  # noqa: SLF001
    assert len(model._pages) <= 4  # noqa: SLF001


def test_sorting_keeps_the_selection(qtbot, engine, tmp_path: Path) -> None:
    window = open_window(qtbot, engine, tmp_path)
    _fill(window)
    window.refresh()
    settle(qtbot, window)
    window.grid.go_to_row(10)
    chosen = window.grid.selected_ids()
    window.commands.sort["name"].trigger()
    settle(qtbot, window)
    names = [window.model.photo(r).name for r in range(5)]  # type: ignore[union-attr]
    assert names == sorted(names) and names[0] == "IMG_00001.jpg"
    assert window.grid.selected_ids() == chosen
    current = window.grid.current_row()
    assert current is not None and window.model.photo_id(current) == chosen[0]
    window.commands.sort["folder"].trigger()
    settle(qtbot, window)
    first = window.model.photo(0)
    assert first is not None and first.folder == "/lib/0"
    assert window.grid.selected_ids() == chosen
