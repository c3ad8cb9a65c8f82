"""Remove Folder cleared the whole undo history without a word (polish35): Ctrl+Z after it did
nothing, though the answers given on photos of the folders kept were still there to undo. The
history stays now: the steps about photos elsewhere still undo, and those about the folder's
photos stay in it, refused with the reason, as the status bar says at the removal. After the
last folder went, the window said "Your library is empty ... Add a folder of photos", as to a
new user, with no word of the photos taken out with it: it says how many, and that adding the
folder again brings them back with their tags."""

from __future__ import annotations

from pathlib import Path

from phototagger.core.library import open_library
from phototagger.gui.centre import plain_words
from phototagger.gui.main_window import MainWindow
from phototagger.paths import default_home
from phototagger.store.photos import get_photo_by_path
from phototagger.store.tags import tags_of_photo
from tests.gui_helpers import open_window, row_of, settle, trash_in_folder
from tests.photo_factory import real_photo
from tests.scan_helpers import new_library, run_scan


def _tags(path: Path) -> set[str]:
    with open_library(default_home()) as lib:
        photo = get_photo_by_path(lib.db, str(path))
        assert photo is not None
        return {t.name for t in tags_of_photo(lib.db, photo.id) if t.source == "user"}


def _trip_and_home(qtbot, engine, tmp_path: Path) -> tuple[Path, Path, MainWindow]:
    """Two library folders, 'Trip' and 'Home', a photo in each, and the window on them."""
    trip, home = tmp_path / "Trip", tmp_path / "Home"
    real_photo(trip / "beach.jpg", "chelsea")
    real_photo(home / "kitchen.jpg", "coffee")
    with new_library() as library:
        run_scan(library, [trip, home], engine)
    return trip, home, open_window(qtbot, engine, tmp_path)


def _shown(window: MainWindow) -> list[str]:
    return [p.path for r in range(window.model.rowCount()) if (p := window.model.photo(r))]


def test_remove_folder_keeps_the_undo_history_it_can(qtbot, engine, tmp_path) -> None:
    trip, home, window = _trip_and_home(qtbot, engine, tmp_path)
    ids = dict(zip(_shown(window), window.model.ids, strict=True))
    window.decide([ids[str(home / "kitchen.jpg")]], "Uncle Bob", "add")
    window.decide([ids[str(trip / "beach.jpg")]], "Nice", "add")
    settle(qtbot, window)
    window.tools.confirm = lambda *_: True  # "Remove ... from the library?": Yes

    assert window.tools.ask_remove_folder(str(trip))
    settle(qtbot, window)
    said = window.status.currentMessage()
    assert said == (
        f"Removed {trip} (1 photo) from the library; 1 earlier change to its photos can no "
        "longer be undone"
    ), said
    stack = window.undo_stack
    assert stack.count() == 2 and stack.canUndo()  # it was cleared: Ctrl+Z did nothing
    assert stack.undoText() == "Add “Nice” (folder removed)"
    stack.undo()  # the step on the photo taken out: refused, saying why
    settle(qtbot, window)
    assert "can no longer be undone or redone; its photos left the library with" in (
        window.status.currentMessage()
    )
    assert _tags(trip / "beach.jpg") == {"Nice"}  # kept should the folder come back
    stack.undo()  # the step on the photo still in the library undoes
    settle(qtbot, window)
    assert _tags(home / "kitchen.jpg") == set()

    assert window.tools.ask_remove_folder(str(home))
    settle(qtbot, window)
    assert not window.centre.showing_grid
    welcome = plain_words(window.centre.welcome.text())  # as read, the paths' glue left out
    assert "Your library is empty" in welcome
    assert f"2 photos left it when you removed the folders {trip}, {home}" in welcome, welcome
    assert "Add the folder again (Add Folder…) to bring them back" in welcome


def test_a_photo_trashed_from_a_removed_folder_stays_in_the_trash(qtbot, engine, tmp_path) -> None:
    """Brought back by Undo, it would come back to the grid out of a folder no longer in the
    library: that step is refused, saying where the file is; the other photo's still undoes."""
    trip, home, window = _trip_and_home(qtbot, engine, tmp_path)
    trash = tmp_path / "trash"
    trash_in_folder(window, trash)
    for name in ("kitchen.jpg", "beach.jpg"):
        assert window.tools.move_photos_to_trash([window.model.photo_id(row_of(window, name))])
        settle(qtbot, window)

    assert window.tools.ask_remove_folder(str(trip))  # holding no photo in the grid now
    settle(qtbot, window)
    assert window.status.currentMessage().endswith(
        "; 1 earlier change to its photos can no longer be undone"
    )
    stack = window.undo_stack
    assert stack.undoText() == "Move 1 photo to the trash (folder removed)"
    stack.undo()
    settle(qtbot, window)
    assert "the files are in the system trash" in window.status.currentMessage()
    assert (trash / "beach.jpg").exists() and not (trip / "beach.jpg").exists()
    stack.undo()
    settle(qtbot, window)
    assert (home / "kitchen.jpg").exists()
    assert _shown(window) == [str(home / "kitchen.jpg")]


def test_files_that_are_no_photos_are_not_counted_as_photos_removed(
    qtbot, engine, tmp_path
) -> None:
    """polish35's library: Phone, 156 photos in the sidebar, and two files there that are no
    pictures (an empty .jpg, a .jpg of text). Remove Folder asked "Its 158 photos leave the
    grid", said "Removed .../Phone (158 photos)", and the emptied library's page counted 400
    photos for 397: the files that could not be read were counted as photos."""
    phone = tmp_path / "Phone"
    real_photo(phone / "IMG_0001.jpg", "chelsea")
    (phone / "notes.jpg").write_text("this is a text file, not a photo\n")
    (phone / "empty.jpg").write_bytes(b"")
    with new_library() as library:
        run_scan(library, [phone], engine)
    window = open_window(qtbot, engine, tmp_path)
    assert window.model.rowCount() == 1
    asked: list[str] = []

    def confirm(_parent: object, _title: str, text: str) -> bool:
        asked.append(text)
        return True

    window.tools.confirm = confirm

    assert window.tools.ask_remove_folder(str(phone))
    settle(qtbot, window)
    assert "Its 1 photo leaves the grid" in asked[0], asked
    assert window.status.currentMessage() == f"Removed {phone} (1 photo) from the library"
    assert not window.centre.showing_grid
    welcome = plain_words(window.centre.welcome.text())
    assert f"1 photo left it when you removed the folder {phone}" in welcome
