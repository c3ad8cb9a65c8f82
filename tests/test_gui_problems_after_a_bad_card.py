"""File ▸ Problems after a scan of a folder of bad files, as a photographer's card may hold
them: a JPEG cut short (too little there; most there), a text file named .jpg, an empty .heic,
a 0-byte .jpg, a folder named x.jpg, a link that loops, an animated GIF cut after its first
frame, and the hidden copy a keyword write left behind that cannot be removed.

What was wrong: the looping link was listed as "1 photo in the grid could not be read" (it is
no photo of the grid) with "too many levels of symbolic links"; the copy left behind is hidden,
and nothing said how to see it in the folder Show in Folder opens; Enter on a row pressed Close
(the dialog's default button), so a row could be seen in the grid only by a double-click."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from pytestqt.qtbot import QtBot

from phototagger.core.errors import LINK_LOOP
from phototagger.core.library import open_library
from phototagger.core.scan import scan as scan_of
from phototagger.core.states import PhotoStatus
from phototagger.gui.problems_dialog import ProblemsDialog
from phototagger.paths import default_home
from phototagger.store.photos import get_photo_by_path, update_photo
from phototagger.store.problems import list_problems, record_problem
from tests.gui_helpers import open_window, scan, settle
from tests.scan_helpers import never_load, walk_only
from tests.test_animation_cut_after_first_frame import _animation, _second_frame

DET = sorted(Path("/work/shared/data/det-photos").glob("*.jpg"))
KEYS = "Ctrl+H in GNOME Files and Dolphin, or the file manager's View menu"  # on Linux


@pytest.fixture
def card(tmp_path: Path) -> Iterator[Path]:
    pics = tmp_path / "card"
    pics.mkdir()
    shutil.copyfile(DET[0], pics / "IMG_0001.jpg")
    data = DET[2].read_bytes()
    (pics / "IMG_0003.jpg").write_bytes(data[: len(data) * 3 // 10])  # too little there
    (pics / "IMG_0004.jpg").write_bytes(data[: len(data) * 8 // 10])  # most of it there
    (pics / "notes.jpg").write_text("Shopping list: film, batteries\n")
    (pics / "IMG_0005.heic").write_bytes(b"")
    (pics / "IMG_0006.jpg").write_bytes(b"")
    (pics / "x.jpg").mkdir()
    (pics / "loop.jpg").symlink_to(pics / "loop.jpg")
    gif = _animation("GIF")
    (pics / "party.gif").write_bytes(gif[: _second_frame(gif) + 500])
    # The copy a write killed before its rename left, two hours old, that cannot be removed:
    # immutable (which stops root too).
    copy = pics / ".IMG_0001.jpg.abcdefgh.phototagger-tmp"
    shutil.copyfile(DET[0], copy)
    then = time.time() - 7200
    os.utime(copy, (then, then))
    made = subprocess.run(["chattr", "+i", str(copy)], capture_output=True, check=False)
    if made.returncode != 0:
        pytest.skip("chattr +i is not available here: the copy would be removed")
    try:
        yield pics
    finally:
        subprocess.run(["chattr", "-i", str(copy)], check=True)


def _sections(dialog: ProblemsDialog) -> list[str | list[str]]:
    rows: list[str | list[str]] = []
    for r in range(dialog.table.rowCount()):
        first, second = dialog.table.item(r, 0), dialog.table.item(r, 1)
        assert first is not None
        rows.append(first.text() if second is None else [os.path.basename(first.text())])
    return rows


def test_problems_after_a_scan_of_a_bad_card(
    qtbot: QtBot, engine, tmp_path: Path, card: Path
) -> None:
    window = open_window(qtbot, engine, tmp_path)
    scan(qtbot, window, card)
    dialog = window.open_problems()
    assert isinstance(dialog, ProblemsDialog)
    settle(qtbot, window)
    copy = card / ".IMG_0001.jpg.abcdefgh.phototagger-tmp"
    assert _sections(dialog) == [
        "5 files could not be read: they are not among your photos",
        ["IMG_0003.jpg"],
        ["IMG_0005.heic"],
        ["IMG_0006.jpg"],
        ["loop.jpg"],
        ["notes.jpg"],
        "1 photo cut short: its lower part is missing (it is shown grey there and tagged from "
        "the part there is)",
        ["IMG_0004.jpg"],
        "1 animation cut short: frames after its first are missing (it is tagged from its "
        "first frame, which is whole)",
        ["party.gif"],
        "1 copy left behind by a keyword write could not be removed (it is hidden; each row "
        "says what to do)",
        [copy.name],
    ]
    loop = dialog.table.item(dialog.row_of(str(card / "loop.jpg")), 1)
    assert loop is not None and loop.text() == LINK_LOOP
    assert dialog.summary.text().endswith(
        "Double-click one (or press Enter) to see it in the grid, or in its folder.\n"
        "A copy left behind is hidden (its name starts with a dot): to see it in its folder, "
        f"show hidden files ({KEYS}). Try Again removes it once you have made its folder writable."
    )

    opened: list[str] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url.toLocalFile())
        return True

    dialog.open_url = open_url
    # Show in Folder on the hidden copy: its folder, and how to see it there.
    dialog.table.setFocus()
    dialog.table.setCurrentCell(dialog.row_of(str(copy)), 0)
    qtbot.mouseClick(dialog.show_in_folder, Qt.MouseButton.LeftButton)
    assert opened == [str(card)]
    assert dialog.outcome.isVisible()
    assert dialog.outcome.toPlainText() == (
        f"{copy.name} is hidden: in its folder, show hidden files to see it ({KEYS})"
    )

    # Enter on a row no photo of the grid: its folder, as a double-click; the dialog stays.
    dialog.table.setCurrentCell(dialog.row_of(str(card / "notes.jpg")), 0)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert opened == [str(card), str(card)] and dialog.isVisible()
    # Enter on a photo of the grid: shown there, the dialog closed.
    dialog.table.setCurrentCell(dialog.row_of(str(card / "IMG_0004.jpg")), 0)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert not dialog.isVisible()
    current = window.model.photo(window.grid.currentIndex().row())
    assert current is not None and current.name == "IMG_0004.jpg"


def test_a_folder_not_there_is_no_photo_in_the_grid(qtbot: QtBot, tmp_path: Path) -> None:
    """A library folder gone (a drive unplugged) was "1 photo in the grid could not be read"."""
    gone = tmp_path / "card"
    with open_library(default_home()) as library:
        summary = scan_of(library, [str(gone)], never_load)
        assert summary.problems == 1
        dialog = ProblemsDialog(library.db)
        qtbot.addWidget(dialog)
        assert dialog.summary.text().startswith(
            "1 folder could not be opened (the photos in it were not looked at)."
        )
        assert dialog.listed_paths() == [str(gone)]


def test_forget_on_a_link_that_loops_says_a_scan_lists_it_again(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Forget's promise (not listed again until the file changes) holds for a file the library
    holds; a link that loops is none, and the next scan listed it again without a word."""
    pics = tmp_path / "card"
    pics.mkdir()
    shutil.copyfile(DET[0], pics / "IMG_0001.jpg")
    (pics / "loop.jpg").symlink_to(pics / "loop.jpg")
    (pics / "notes.jpg").write_text("Shopping list\n")
    walk_only(pics)
    with open_library(default_home()) as library:
        # The text file: held by the library, never read (as a scan with the model leaves it).
        notes = get_photo_by_path(library.db, str(pics / "notes.jpg"))
        assert notes is not None
        update_photo(library.db, notes.id, status=PhotoStatus.PROBLEM)
        record_problem(library.db, str(pics / "notes.jpg"), "NOT_AN_IMAGE", "not a picture")
        library.db.conn.commit()
        dialog = ProblemsDialog(library.db)
        qtbot.addWidget(dialog)
        dialog.show()
        loop = str(pics / "loop.jpg")
        assert dialog.listed_paths() == [loop, str(pics / "notes.jpg")]
        dialog.table.setCurrentCell(dialog.row_of(loop), 0)
        qtbot.mouseClick(dialog.forget, Qt.MouseButton.LeftButton)
        assert dialog.listed_paths() == [str(pics / "notes.jpg")]
        assert dialog.outcome.isVisible() and dialog.outcome.toPlainText() == (
            "loop.jpg is off the list until the next scan of its folder lists it again: Forget "
            "keeps out only files the library holds. Delete it, or put it right, to be rid of it"
        )
        # A file the library holds: forgotten for good, nothing more to say.
        dialog.table.setCurrentCell(dialog.row_of(str(pics / "notes.jpg")), 0)
        qtbot.mouseClick(dialog.forget, Qt.MouseButton.LeftButton)
        assert dialog.listed_paths() == [] and not dialog.outcome.isVisible()
    walk_only(pics)  # as said: the link is back, the text file is not
    with open_library(default_home()) as library:
        assert [problem.path for problem in list_problems(library.db)] == [loop]
