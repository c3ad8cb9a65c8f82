"""Find Duplicates shows each copy's thumbnail whole, so that the user can see which copy to keep.
The list's rows all took the height of a group's one-line heading, so every thumbnail was cut to
a strip 64 pixels wide and a text line high."""

from __future__ import annotations

from pathlib import Path

from tests.gui_helpers import open_window
from tests.test_similar_and_duplicates import library_with_copies


def test_each_copy_shows_its_whole_thumbnail(qtbot, engine, tmp_path: Path) -> None:
    library_with_copies(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    dialog = window.tools.open_duplicates()
    qtbot.waitUntil(lambda: bool(dialog.groups), timeout=20_000)
    with qtbot.waitExposed(dialog):
        dialog.show()
    items = dialog.photo_items()
    assert len(items) == 4
    qtbot.waitUntil(lambda: all(not i.icon(0).isNull() for i in items), timeout=20_000)
    assert dialog.tree.iconSize().height() >= 48
    for item in items:
        # As drawn: fitted into the list's icon size (64 x 42 for the 3:2 cat).
        thumbnail = item.icon(0).actualSize(dialog.tree.iconSize()).height()
        row = dialog.tree.visualItemRect(item)
        assert row.height() >= thumbnail >= 40, f"{item.text(0)}: a {row.height()}-pixel row"
    heading = dialog.tree.visualItemRect(dialog.tree.topLevelItem(0))
    assert heading.height() < 40  # a group's heading stays a line of text
