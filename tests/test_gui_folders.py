"""The Folders section is a tree of subfolders with photo counts; a folder can be shown in the
file manager, a photo opened in the default viewer, and a folder removed from the library (asked;
files on disk and the user's tags kept)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl

from phototagger.core.folders import build_tree
from phototagger.gui.context_menus import sidebar_menu
from tests.gui_helpers import (
    JOB_TIMEOUT_MS,
    click_photo,
    click_sidebar,
    open_window,
    settle,
    shown_names,
    states,
)
from tests.modal_helpers import answer_next_modal, say_yes
from tests.photo_factory import real_photo
from tests.scan_helpers import new_library, run_scan


def test_tree_counts_add_up_along_the_path() -> None:
    root = "/p/Pictures"
    tree = build_tree(
        [root],
        {
            root: 2,
            f"{root}/2024/summer": 3,
            f"{root}/2024": 1,
            f"{root}/2023/x/y": 4,
            "/elsewhere": 9,
        },
    )
    (pictures,) = tree
    assert pictures.count == 10 and pictures.label == "Pictures"
    assert [(c.label, c.count) for c in pictures.children] == [("2023", 4), ("2024", 4)]
    y = pictures.children[0].children[0].children[0]
    assert (y.path, y.count) == (f"{root}/2023/x/y", 4)


def test_folders_are_listed_in_name_order_as_file_managers_list_them() -> None:
    # Byte order put '/p/Zoo' before '/p/apple' and 'Trip 10' before 'Trip 9'.
    roots = ["/p/Zoo", "/p/apple", "/disk2/Pictures", "/disk1/Pictures"]
    counts = {
        "/p/Zoo/Trip 10": 1,
        "/p/Zoo/Trip 9": 1,
        "/p/Zoo/trip 2": 1,
        "/p/Zoo/Édition": 1,
        "/p/Zoo/Europe": 1,
        "/p/apple": 1,
        "/disk1/Pictures": 1,
        "/disk2/Pictures": 1,
    }
    tree = build_tree(roots, counts)
    assert [(n.label, n.path) for n in tree] == [
        ("apple", "/p/apple"),
        ("Pictures", "/disk1/Pictures"),
        ("Pictures", "/disk2/Pictures"),
        ("Zoo", "/p/Zoo"),
    ]
    assert [c.label for c in tree[3].children] == [
        "Édition",
        "Europe",
        "trip 2",
        "Trip 9",
        "Trip 10",
    ]


def test_folder_tree_open_elsewhere_and_remove(qtbot, engine, tmp_path: Path) -> None:
    pics = tmp_path / "Pictures"
    real_photo(pics / "chelsea.jpg", "chelsea")
    real_photo(pics / "2024" / "coffee.jpg", "coffee")
    real_photo(pics / "2024" / "summer" / "rocket.jpg", "rocket")
    with new_library() as library:
        run_scan(library, [pics], engine)
    window = open_window(qtbot, engine, tmp_path)
    opened: list[QUrl] = []
    window.tools.open_url = opened.append  # the desktop's opener is outside the test's reach

    tree = window.sidebar.tree
    root = tree.findItems("Pictures", Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)[0]
    assert root.text(1) == "3"
    year = root.child(0)
    assert year is not None and (year.text(0), year.text(1)) == ("2024", "2")
    summer = year.child(0)
    assert summer is not None and (summer.text(0), summer.text(1)) == ("summer", "1")
    click_sidebar(qtbot, window, "2024")
    assert sorted(shown_names(window)) == ["coffee.jpg", "rocket.jpg"]

    window.tools._offer_removal(str(pics / "2024"))  # as the right-click does, for its folder
    menu = sidebar_menu(window, window.tools, "folder")
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts == [
        "Show Folder in File Manager",
        "Rescan “Pictures”",
        "&Remove Folder from Library…",
    ]
    window.tools.show_folder.trigger()
    assert opened[-1] == QUrl.fromLocalFile(str(pics / "2024"))
    # Rescan on a folder's menu walks the library folder that holds it, not every folder of
    # the library (File ▸ Rescan Folders does that); '2024' alone would become a folder of its own.
    rescans: list[list[str]] = []
    window.tools.rescan_requested.connect(lambda folders: rescans.append(list(folders)))
    window.tools.rescan_folder.trigger()
    qtbot.waitUntil(lambda: bool(rescans))
    assert rescans == [[str(pics)]]
    qtbot.waitUntil(lambda: not window.jobs.busy, timeout=JOB_TIMEOUT_MS)  # the rescan itself
    settle(qtbot, window)

    click_sidebar(qtbot, window, "All photos")
    click_photo(qtbot, window, "rocket.jpg")
    qtbot.keyClick(
        window.grid,
        Qt.Key.Key_O,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert opened[-1] == QUrl.fromLocalFile(str(pics / "2024" / "summer" / "rocket.jpg"))
    qtbot.keyClick(
        window.grid,
        Qt.Key.Key_E,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert opened[-1] == QUrl.fromLocalFile(str(pics / "2024" / "summer"))

    rocket = window.current_photo_id()
    assert rocket is not None
    window.decide([rocket], "launch", "add")  # a decision to keep
    click_sidebar(qtbot, window, "2024")
    assert not window.tools.ask_remove_folder(str(pics / "2024"))  # inside a library folder
    click_sidebar(qtbot, window, "Pictures")
    window.tools._offer_removal(str(pics))  # as the right-click on 'Pictures' does
    asked = answer_next_modal(say_yes)
    window.tools.remove_folder.trigger()
    settle(qtbot, window)
    assert asked and "the files stay on disk" in asked[0]
    assert shown_names(window) == [] and window.overview.photos == 0
    assert (pics / "2024" / "summer" / "rocket.jpg").exists()

    with new_library() as library:  # added again: the photos and the user's tags come back
        run_scan(library, [pics], engine)
    window.refresh()
    settle(qtbot, window)
    assert len(shown_names(window)) == 3
    assert states(window, pics / "2024" / "summer" / "rocket.jpg")["launch"][0] == "added"
