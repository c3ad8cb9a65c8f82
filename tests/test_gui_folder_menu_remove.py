"""Right-clicking a folder inside a library folder does not offer to remove it: seen under X,
"Remove Folder from Library…" on 'Exports' (inside the added 'lib') did nothing but put a
refusal in the status bar, after the menu had offered it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tests.gui_helpers import click_sidebar, open_window, settle
from tests.photo_factory import real_photo
from tests.scan_helpers import new_library, run_scan
from tests.test_gui_sidebar_right_click_keeps_view import right_click


def _right_click(qtbot, window, label: str):
    tree = window.sidebar.tree
    item = tree.findItems(label, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive, 0)[0]
    tree.scrollToItem(item)
    window.tools._sidebar_menu(tree.visualItemRect(item).center())
    menu = window.tools.menu
    assert window.tools.remove_folder in menu.actions()
    menu.close()
    return window.tools.remove_folder


def _two_folders(qtbot, engine, tmp_path):
    """A window on a library folder 'lib' holding 'Camera' and 'Exports', a photo in each."""
    lib = tmp_path / "lib"
    real_photo(lib / "Camera" / "chelsea.jpg", "chelsea")
    real_photo(lib / "Exports" / "coffee.jpg", "coffee")
    with new_library() as library:
        run_scan(library, [lib], engine)
    return open_window(qtbot, engine, tmp_path), lib


def test_only_a_library_folder_can_be_removed_from_its_menu(qtbot, engine, tmp_path) -> None:
    window, lib = _two_folders(qtbot, engine, tmp_path)

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


def test_a_folders_menu_rescans_it_and_leaves_the_view_alone(qtbot, engine, tmp_path) -> None:
    """Right-clicking a folder selected it, filtering the grid by it (see
    tests/test_gui_sidebar_right_click_keeps_view.py): now the menu is for it, the view stays."""
    window, lib = _two_folders(qtbot, engine, tmp_path)
    click_sidebar(qtbot, window, "Camera")
    tree = window.sidebar.tree
    shown = list(window.model.ids)
    header = window.header.text()
    assert len(shown) == 1
    asked: list[list[str]] = []
    window.tools.rescan_requested.connect(asked.append)

    menu = right_click(window, "lib")
    settle(qtbot, window)
    assert [i.text(0) for i in tree.selectedItems()] == ["Camera"]
    assert list(window.model.ids) == shown and window.header.text() == header
    remove = window.tools.remove_folder
    assert remove.isEnabled()  # 'lib' was added to the library: it can be removed
    next(a for a in menu.actions() if a.text().startswith("Rescan")).trigger()
    menu.close()
    settle(qtbot, window)
    assert asked == [[str(lib)]]
    assert [i.text(0) for i in tree.selectedItems()] == ["Camera"]
    assert not remove.isEnabled()  # the Folder menu speaks of the selected 'Camera' again
