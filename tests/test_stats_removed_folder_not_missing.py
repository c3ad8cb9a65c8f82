"""A folder removed from the library (the folder menu's Remove Folder from Library: "Its 2
photos leave the grid; the files stay on disk, and your tags come back if you add it again")
left its photos counted by `stats` among the missing, "files gone, their tags kept", as if a
drive were unplugged, though their files are where they were and the user took them out on
purpose. `stats` now says them apart ("2 taken out of the library with their folder"), as it
says a copy trashed from the app; `--json` counts them (removed, of by_status's missing); a file
deleted from a folder still in the library is still missing, and the folder added again brings
its photos back into the count."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests import photo_factory as pf
from tests.cli_helpers import run
from tests.gui_helpers import open_window, row_of, scan, settle, trash_in_folder
from tests.scan_helpers import new_library, run_scan


def _photos_line(capsys: pytest.CaptureFixture[str]) -> str:
    code, out, _ = run(capsys, "stats")
    assert code == 0
    return next(line for line in out.splitlines() if line.startswith("photos:"))


def _json(capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    code, out, _ = run(capsys, "stats", "--json")
    assert code == 0
    return dict(json.loads(out))


def _two_folders(qtbot, engine, tmp_path: Path, on_card: dict[str, str], on_usb: dict[str, str]):
    """The main window on a library of two folders, card and usb, of real photos (name: which
    picture), both scanned; every question the app asks is answered yes, and the trash is a
    plain folder."""
    card, usb = tmp_path / "card", tmp_path / "usb"
    for folder, photos in ((card, on_card), (usb, on_usb)):
        for name, picture in photos.items():
            pf.real_photo(folder / name, picture)
    window = open_window(qtbot, engine, tmp_path)
    trash_in_folder(window, tmp_path / "trash")
    scan(qtbot, window, card)
    scan(qtbot, window, usb)
    return window, card, usb


def test_a_removed_folders_photos_are_not_missing_files(
    qtbot, engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    window, card, usb = _two_folders(
        qtbot,
        engine,
        tmp_path,
        {"cat.jpg": "chelsea", "rocket.jpg": "rocket", "spare.jpg": "astronaut"},
        {"coffee.jpg": "coffee", "cat again.jpg": "chelsea"},
    )
    # A file deleted in the file manager, found gone by the next scan; a photo trashed in the app.
    (card / "rocket.jpg").unlink()
    scan(qtbot, window, card)
    assert window.tools.move_photos_to_trash([window.model.photo_id(row_of(window, "spare.jpg"))])
    settle(qtbot, window)

    assert window.tools.ask_remove_folder(str(usb))
    settle(qtbot, window)
    assert (usb / "coffee.jpg").exists()
    line = _photos_line(capsys)
    assert line == (
        "photos: 1 (1 tagged); 1 more missing (files gone, their tags kept)"
        "; 1 you moved to the trash (its tags kept, should you restore it)"
        "; 2 taken out of the library with their folder (their tags kept, should you add it again)"
    ), line
    stats = _json(capsys)
    assert stats["by_status"]["missing"] == 4  # type: ignore[index]
    assert (stats["trashed"], stats["removed"]) == (1, 2)

    # Added again, its photos are back; the file gone is still missing.
    scan(qtbot, window, usb)
    assert _photos_line(capsys) == (
        "photos: 3 (3 tagged); 1 more missing (files gone, their tags kept)"
        "; 1 you moved to the trash (its tags kept, should you restore it)"
    )
    assert _json(capsys)["removed"] == 0


def test_one_photo_of_a_removed_folder(
    qtbot, engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    window, _, usb = _two_folders(
        qtbot, engine, tmp_path, {"cat.jpg": "chelsea"}, {"coffee.jpg": "coffee"}
    )
    assert window.tools.ask_remove_folder(str(usb))
    settle(qtbot, window)
    assert _photos_line(capsys) == (
        "photos: 1 (1 tagged)"
        "; 1 taken out of the library with its folder (its tags kept, should you add it again)"
    )


def test_a_photo_scanned_alone_and_deleted_is_a_file_gone(
    engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A photo scanned on its own (`scan PHOTO`) is in no folder of the library: deleted, it is
    a file gone, not one of a folder removed."""
    alone = pf.real_photo(tmp_path / "downloads" / "cat.jpg", "chelsea")
    with new_library() as lib:
        run_scan(lib, [alone], engine)
        alone.unlink()
        run_scan(lib, [alone], engine)
    assert _photos_line(capsys) == "photos: 0; 1 more missing (files gone, their tags kept)"
    assert _json(capsys)["removed"] == 0


def test_files_that_could_not_be_read_are_not_counted_taken_out(
    qtbot, engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Found in a first week's library (polish36): Remove Folder said "Removed … (407 photos)"
    and the empty window "407 photos left it", but `stats` then said "410 taken out of the
    library with their folder": its empty file, its text file named .jpg and its 0-byte .heic
    counted in. Those were never among the photos: `stats` counts as the app does."""
    window, _, usb = _two_folders(
        qtbot, engine, tmp_path, {"cat.jpg": "chelsea"}, {"coffee.jpg": "coffee"}
    )
    (usb / "empty.jpg").write_bytes(b"")
    (usb / "notes.jpg").write_text("this is not a picture\n")
    scan(qtbot, window, usb)
    assert window.tools.ask_remove_folder(str(usb))
    settle(qtbot, window)
    assert "(1 photo)" in window.status.currentMessage()
    assert _photos_line(capsys) == (
        "photos: 1 (1 tagged)"
        "; 1 taken out of the library with its folder (its tags kept, should you add it again)"
    )
    stats = _json(capsys)
    assert (stats["removed"], stats["removed_unread"]) == (1, 2)
