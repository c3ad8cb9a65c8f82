"""Find Duplicates with nothing found says so in place of the list: a large empty table with its
headers and a greyed Move button left the user unable to tell whether the search found nothing
or failed. The list and the button come back when a search finds copies."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.gui_helpers import open_window, prescanned, settle
from tests.scan_helpers import run_scan


def test_nothing_found_says_so_in_place_of_the_list(qtbot, engine, tmp_path: Path) -> None:
    folder = prescanned(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    dialog = window.tools.open_duplicates()
    with qtbot.waitExposed(dialog):
        dialog.show()
    qtbot.waitUntil(lambda: dialog.search_button.isEnabled(), timeout=20_000)
    assert not dialog.groups
    assert dialog.summary.text() == (
        "No duplicates among 4 photos: each was compared with every other, by its file and by "
        "how it looks, and every one is different."
    )
    assert dialog.summary.isVisible()
    assert not dialog.tree.isVisible()  # no empty table
    assert not dialog.trash_button.isVisible()  # nothing to move
    assert dialog.search_button.isVisible() and dialog.search_button.isEnabled()

    # A copy added: Search Again shows the list and the button again.
    shutil.copy(folder / "chelsea.jpg", folder / "chelsea-copy.jpg")
    run_scan(window.library, [folder], engine)
    settle(qtbot, window)
    dialog.search_button.click()
    qtbot.waitUntil(lambda: bool(dialog.groups), timeout=20_000)
    assert dialog.summary.text().startswith("1 group of duplicates (1 spare copy).")
    assert dialog.tree.isVisible() and len(dialog.photo_items()) == 2
    assert dialog.trash_button.isVisible() and dialog.trash_button.isEnabled()
