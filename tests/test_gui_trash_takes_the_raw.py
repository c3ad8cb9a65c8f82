"""Moving a RAW+JPEG photo to the trash takes its RAW too, and Undo brings both back. The RAW was
left behind: the next rescan found it alone and the trashed picture came back as a new, untagged
photo."""

from __future__ import annotations

import os
from pathlib import Path

from tests import media_factory as mf
from tests import photo_factory as pf
from tests.gui_helpers import open_window, row_of, scan, settle, shown_names, trash_in_folder


def test_trash_takes_the_raw_and_undo_brings_it_back(qtbot, engine, tmp_path: Path) -> None:
    card = tmp_path / "card"
    pf.real_photo(card / "IMG_2001.JPG", "rocket")
    mf.raw_photo(card / "IMG_2001.DNG")
    pf.real_photo(card / "other.jpg", "coffee")
    window = open_window(qtbot, engine, tmp_path)
    trash = tmp_path / "trash"
    trash_in_folder(window, trash)
    scan(qtbot, window, card)
    assert sorted(shown_names(window)) == ["IMG_2001.JPG", "other.jpg"]

    pair = window.model.photo_id(row_of(window, "IMG_2001.JPG"))
    assert window.tools.move_photos_to_trash([pair])
    settle(qtbot, window)
    assert sorted(os.listdir(trash)) == ["IMG_2001.DNG", "IMG_2001.JPG"]
    scan(qtbot, window, card)
    assert shown_names(window) == ["other.jpg"]  # the picture does not come back as its RAW

    window.undo_stack.undo()
    settle(qtbot, window)
    assert sorted(os.listdir(card)) == ["IMG_2001.DNG", "IMG_2001.JPG", "other.jpg"]
    assert os.listdir(trash) == []
    assert sorted(shown_names(window)) == ["IMG_2001.JPG", "other.jpg"]
