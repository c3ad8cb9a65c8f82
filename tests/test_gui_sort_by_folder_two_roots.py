"""View ▸ Sort by Folder shows the folders in the order the sidebar lists them, also with library
folders under different parents: the sidebar lists the library folders by name ('Photos' before
'Pictures') while the grid sorted by whole path, so /a/x/Pictures came before /b/Photos and the
grid's folders ran in another order than the tree beside it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QTreeWidgetItem

from phototagger.gui.sidebar import _KIND, _VALUE
from tests.gui_helpers import open_window, settle
from tests.photo_factory import real_photo
from tests.scan_helpers import new_library, run_scan


def _sidebar_folders(item: QTreeWidgetItem) -> list[str]:
    """The folder rows under `item`, top to bottom as the tree shows them expanded."""
    found: list[str] = []
    for i in range(item.childCount()):
        child = item.child(i)
        assert child is not None
        if child.data(0, _KIND) == "folder":
            found.append(str(child.data(0, _VALUE)))
        found += _sidebar_folders(child)
    return found


def test_sort_by_folder_follows_the_sidebar_across_library_folders(
    qtbot, engine, tmp_path: Path
) -> None:
    pictures = tmp_path / "a" / "x" / "Pictures"
    photos = tmp_path / "b" / "Photos"
    real_photo(pictures / "chelsea.jpg", "chelsea")
    real_photo(pictures / "2024" / "coffee.jpg", "coffee")
    real_photo(photos / "rocket.jpg", "rocket")
    real_photo(photos / "Trip 10" / "astronaut.jpg", "astronaut")
    real_photo(photos / "Trip 9" / "chelsea.jpg", "chelsea")
    with new_library() as library:
        run_scan(library, [pictures, photos], engine)
    window = open_window(qtbot, engine, tmp_path)

    window.commands.sort["folder"].trigger()
    settle(qtbot, window)

    tree = window.sidebar.tree
    sidebar = _sidebar_folders(tree.invisibleRootItem())
    assert sidebar == [
        str(photos),
        str(photos / "Trip 9"),
        str(photos / "Trip 10"),
        str(pictures),
        str(pictures / "2024"),
    ]
    shown = [window.model.photo(r) for r in range(window.model.rowCount())]
    assert [p.folder for p in shown if p is not None] == sidebar
