"""Right-clicking a folder inside a library folder does not offer to remove it: seen under X,
"Remove Folder from Library…" on 'Exports' (inside the added 'lib') did nothing but put a
refusal in the status bar, after the menu had offered it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tests.gui_helpers import click_sidebar, open_window
from tests.photo_factory import real_photo
from tests.scan_helpers import new_library, run_scan


def _right_click(qtbot, window, label: str):
    tree = window.sidebar.tree
    item = tree.findItems(label, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive, 0)[0]
    tree.scrollToItem(item)
    window.tools._sidebar_menu(tree.visualItemRect(item).center())
    menu = window.tools.menu
    assert window.tools.remove_folder in menu.actions()
    menu.close()
    return window.tools.remove_folder


def test_only_a_library_folder_can_be_removed_from_its_menu(qtbot, engine, tmp_path) -> None:
    lib = tmp_path / "lib"
    real_photo(lib / "Camera" / "chelsea.jpg", "chelsea")
    real_photo(lib / "Exports" / "coffee.jpg", "coffee")
    with new_library() as library:
        run_scan(library, [lib], engine)
    window = open_window(qtbot, engine, tmp_path)

    remove = _right_click(qtbot, window, "Exports")
    assert not remove.isEnabled()
    assert "lib" in remove.toolTip() and "inside" in remove.toolTip()
    assert window.tools.menu.toolTipsVisible()

    remove = _right_click(qtbot, window, "lib")
    assert remove.isEnabled()
    assert "files stay on disk" in remove.toolTip()

    click_sidebar(qtbot, window, "Exports")  # the library's own folder is offered again after
    remove = _right_click(qtbot, window, "lib")
    assert remove.isEnabled()
    assert Path(lib / "Exports" / "coffee.jpg").exists()
