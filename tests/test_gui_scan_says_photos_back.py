"""A folder removed from the library (Folder ▸ Remove Folder from Library: "your tags come back
if you add it again") and added again, in the app (polish34: an external drive's 150 photos):
the status bar said "Scan finished: 150 photos found, 0 new, 0 tagged", as if nothing had come
of it, where `phototagger scan` says "150 back again". It says so now: "..., 0 new, 0 tagged,
150 back in the library, their tags kept"."""

from __future__ import annotations

from tests.gui_helpers import open_window, scan, search_for, settle
from tests.photo_factory import real_photo
from tests.scan_helpers import new_library, run_scan


def test_a_folder_added_again_is_said_back(qtbot, engine, tmp_path) -> None:
    drive = tmp_path / "usb" / "Archive 2019"
    real_photo(drive / "P1010001.JPG", "chelsea")
    real_photo(drive / "P1010002.JPG", "coffee")
    with new_library() as library:
        run_scan(library, [drive], engine)
    window = open_window(qtbot, engine, tmp_path)
    window.decide(list(window.model.ids)[:1], "Uncle Bob", "add")
    settle(qtbot, window)
    window.tools.confirm = lambda *_: True  # "Remove ... from the library?": Yes
    assert window.tools.ask_remove_folder(str(drive))
    settle(qtbot, window)
    assert window.model.rowCount() == 0

    scan(qtbot, window, drive)
    said = window.status.currentMessage()
    # Before: "Scan finished: 2 photos found, 0 new, 0 tagged".
    assert said.startswith(
        "Scan finished: 2 photos found, 0 new, 0 tagged, 2 back in the library, their tags kept"
    ), said
    search_for(qtbot, window, "Uncle Bob")
    assert window.model.rowCount() == 1
