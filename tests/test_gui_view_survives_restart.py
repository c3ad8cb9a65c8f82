"""The grid's filter was lost on every restart: the tag chosen in the sidebar, the search box's
words, Untagged, a folder. It now comes back with the sort order, is plain to see ('12 of 40' and
a Show All Photos button in the header), and a tag renamed, merged or deleted meanwhile (from the
command line) is followed or left out with a message, never an error; so is a folder removed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.folders import remove_folder
from phototagger.core.library import open_library
from phototagger.core.tag_admin import delete_tag, rename_tag
from phototagger.gui.main_window import MainWindow
from phototagger.gui.remembered_view import ViewKeeper, read_view
from phototagger.paths import default_home
from phototagger.store.photos import add_folder
from phototagger.store.tags import set_user_state
from tests.gui_helpers import click_sidebar, open_window, search_for, settle, shown_names
from tests.store_helpers import add_photo

PHOTOS = 40


def _library() -> None:
    """40 photos in two folders: 3 tagged 'Pets/cat' (one of them 'dog' too), 2 'dog' only."""
    with open_library(default_home()) as library:
        db = library.db
        for folder in ("/pics/home", "/pics/trips"):
            add_folder(db, folder)
        ids = [
            add_photo(db, f"/pics/{'home' if i < 30 else 'trips'}/IMG_{i:02d}.jpg")
            for i in range(PHOTOS)
        ]
        for pid in ids[:3]:
            set_user_state(db, pid, "Pets/cat", "added")
        for pid in (ids[2], ids[31], ids[32]):
            set_user_state(db, pid, "dog", "added")


def _reopen(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> MainWindow:
    window.close()
    again = open_window(qtbot, None, tmp_path)
    settle(qtbot, again)
    return again


def _chosen(window: MainWindow) -> list[str]:
    return [item.text(0) for item in window.sidebar.tree.selectedItems()]


def test_a_tag_chosen_in_the_sidebar_comes_back_plainly_shown(qtbot, tmp_path: Path) -> None:
    _library()
    window = open_window(qtbot, None, tmp_path)
    assert not window.centre.show_all.isVisible()
    click_sidebar(qtbot, window, "cat")
    window.commands.sort["name"].trigger()
    settle(qtbot, window)
    assert len(shown_names(window)) == 3

    again = _reopen(qtbot, window, tmp_path)
    assert again.controller.filter.all_of == ("Pets/cat",)
    assert shown_names(again) == ["IMG_00.jpg", "IMG_01.jpg", "IMG_02.jpg"]
    assert again.header.text() == f"Photos tagged Pets/cat  ·  3 of {PHOTOS}"
    assert _chosen(again) == ["cat"]
    assert again.status.library.text() == f"3 of {PHOTOS} photos shown"
    assert again.centre.show_all.isVisible()

    qtbot.mouseClick(again.centre.show_all, Qt.MouseButton.LeftButton)  # one click: all again
    settle(qtbot, again)
    assert len(shown_names(again)) == PHOTOS and not again.centre.show_all.isVisible()
    assert _chosen(again) == ["All photos"]
    third = _reopen(qtbot, again, tmp_path)
    assert third.controller.filter.is_everything and len(shown_names(third)) == PHOTOS


def test_search_words_untagged_folder_and_mode_come_back(qtbot, tmp_path: Path) -> None:
    _library()
    window = open_window(qtbot, None, tmp_path)
    search_for(qtbot, window, "pets/cat, -dog")
    assert len(shown_names(window)) == 2

    again = _reopen(qtbot, window, tmp_path)
    assert again.sidebar.search.text() == "Pets/cat, -dog"  # as the library spells it
    assert again.status.currentMessage() == ""
    assert len(shown_names(again)) == 2 and _chosen(again) == []

    again.sidebar.set_mode("any_of")
    click_sidebar(qtbot, again, "cat")
    click_sidebar(qtbot, again, "dog", Qt.KeyboardModifier.ControlModifier)
    assert len(shown_names(again)) == 5
    third = _reopen(qtbot, again, tmp_path)
    assert third.sidebar.mode.currentData() == "any_of" and third.sidebar.search.text() == ""
    assert sorted(_chosen(third)) == ["cat", "dog"] and len(shown_names(third)) == 5

    click_sidebar(qtbot, third, "Untagged")
    fourth = _reopen(qtbot, third, tmp_path)
    assert fourth.controller.filter.special == "untagged" and _chosen(fourth) == ["Untagged"]
    assert len(shown_names(fourth)) == PHOTOS - 5

    click_sidebar(qtbot, fourth, "trips")
    fifth = _reopen(qtbot, fourth, tmp_path)
    assert fifth.controller.filter.folder == "/pics/trips" and _chosen(fifth) == ["trips"]
    assert len(shown_names(fifth)) == 10


def test_a_tag_renamed_or_deleted_meanwhile_is_followed_or_left_out(qtbot, tmp_path: Path) -> None:
    _library()
    window = open_window(qtbot, None, tmp_path)
    click_sidebar(qtbot, window, "cat")
    click_sidebar(qtbot, window, "dog", Qt.KeyboardModifier.ControlModifier)  # cat and dog
    assert len(shown_names(window)) == 1
    window.close()
    with open_library(default_home()) as library:  # as `phototagger tag rename` would
        rename_tag(library.db, "Pets", "Animals")

    again = open_window(qtbot, None, tmp_path)
    settle(qtbot, again)
    assert again.controller.filter.all_of == ("Animals/cat", "dog")
    assert len(shown_names(again)) == 1 and sorted(_chosen(again)) == ["cat", "dog"]
    assert "“Pets/cat” is now “Animals/cat”" in again.status.currentMessage()
    again.close()
    with open_library(default_home()) as library:
        delete_tag(library.db, "dog")

    third = open_window(qtbot, None, tmp_path)
    settle(qtbot, third)
    assert third.controller.filter.all_of == ("Animals/cat",)
    assert len(shown_names(third)) == 3 and _chosen(third) == ["cat"]
    assert third.status.currentMessage() == (
        "The filter from last time changed: “dog” is no longer a tag; "
        "showing photos tagged Animals/cat."
    )
    # Nothing to say the next time.
    fourth = _reopen(qtbot, third, tmp_path)
    assert fourth.status.currentMessage() == "" and len(shown_names(fourth)) == 3


def test_a_removed_folder_or_a_tag_gone_shows_all_photos_with_a_message(
    qtbot, tmp_path: Path
) -> None:
    _library()
    window = open_window(qtbot, None, tmp_path)
    click_sidebar(qtbot, window, "trips")
    window.close()
    with open_library(default_home()) as library:
        remove_folder(library.db, "/pics/trips")

    again = open_window(qtbot, None, tmp_path)
    settle(qtbot, again)
    assert again.controller.filter.is_everything and len(shown_names(again)) == 30
    assert _chosen(again) == ["All photos"] and not again.centre.show_all.isVisible()
    assert again.status.currentMessage() == (
        "The filter from last time changed: the folder /pics/trips is no longer in the "
        "library; all photos are shown."
    )
    search_for(qtbot, again, "dog")
    third = _reopen(qtbot, again, tmp_path)
    third.close()
    with open_library(default_home()) as library:
        delete_tag(library.db, "dog")
    fourth = open_window(qtbot, None, tmp_path)
    settle(qtbot, fourth)
    assert fourth.controller.filter.is_everything and fourth.sidebar.search.text() == ""
    assert "“dog” is no longer a tag" in fourth.status.currentMessage()


def test_a_search_for_a_word_that_is_no_tag_comes_back_as_it_was(qtbot, tmp_path: Path) -> None:
    """Searching 'unicorn' (no tag) and starting again said "“unicorn” is no longer a tag;
    all photos are shown", though it never was one. The search comes back as it was, quietly."""
    _library()
    window = open_window(qtbot, None, tmp_path)
    search_for(qtbot, window, "unicorn")
    assert shown_names(window) == []
    again = _reopen(qtbot, window, tmp_path)
    assert again.sidebar.search.text() == "unicorn" and again.sidebar.searching
    # A word that is no tag is looked for in the file names (test_gui_search_file_names.py).
    assert again.controller.filter.names == ("unicorn",) and shown_names(again) == []
    assert again.status.currentMessage() == ""

    search_for(qtbot, again, "zebra | dog")  # one word a tag, one not
    third = _reopen(qtbot, again, tmp_path)
    assert third.controller.filter.any_of == ("dog",)
    assert third.controller.filter.names_any == ("zebra",)
    # The tags first, then the words of file names.
    assert third.sidebar.search.text() == "dog | zebra" and len(shown_names(third)) == 3
    assert third.status.currentMessage() == ""
    # Still the same search the time after, and a word made a tag meanwhile is searched for.
    third.close()
    with open_library(default_home()) as library:
        set_user_state(
            library.db,
            library.db.execute("SELECT min(id) FROM photos").fetchone()[0],
            "Zebra",
            "added",
        )
    fourth = open_window(qtbot, None, tmp_path)
    settle(qtbot, fourth)
    assert fourth.sidebar.search.text() == "dog | Zebra" and len(shown_names(fourth)) == 4
    assert fourth.status.currentMessage() == ""


def test_an_unreadable_remembered_view_is_all_photos(qtbot, tmp_path: Path) -> None:
    _library()
    settings = default_home().window_settings
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text('[view]\nfilter="{\\"all_of\\": 3, \\"special\\": \\"odd\\"}"\n')
    window = open_window(qtbot, None, tmp_path)
    assert window.controller.filter.is_everything and len(shown_names(window)) == PHOTOS


def test_a_window_closed_before_the_library_answered_keeps_the_view(
    qtbot: QtBot, tmp_path: Path
) -> None:
    # `phototagger gui` closed at once: the library was closed when the overview's answer came,
    # and checking the remembered view against it raised "Cannot operate on a closed database"
    # inside Qt's event loop.
    _library()
    window = open_window(qtbot, None, tmp_path)
    click_sidebar(qtbot, window, "cat")
    again = _reopen(qtbot, window, tmp_path)
    closed = open_library(default_home())
    closed.db.close()  # as `phototagger gui` closes it once the app's loop has ended
    keeper = ViewKeeper(
        again.settings, closed.db, again.controller, again.sidebar, again.header, again.status
    )
    keeper.library_known()  # the overview's answer, arriving after that
    keeper.save()
    assert read_view(again.settings).grid_filter.all_of == ("Pets/cat",)  # kept for next time


def test_the_current_photo_comes_back_current_and_in_view(qtbot, tmp_path: Path) -> None:
    """A restart started at the top of the grid with no photo current: the photo being looked
    at (and its details) had to be found again. Now it is current again, scrolled to; a photo
    gone meanwhile (deleted from the library) leaves the grid as a first start does."""
    _library()
    window = open_window(qtbot, None, tmp_path)
    names = shown_names(window)
    row = names.index("IMG_37.jpg")
    window.grid.go_to_row(row)
    settle(qtbot, window)

    again = _reopen(qtbot, window, tmp_path)
    qtbot.waitUntil(lambda: again.grid.current_row() is not None)
    assert shown_names(again)[again.grid.current_row() or 0] == "IMG_37.jpg"
    assert again.details.title.text() == "IMG_37.jpg"
    index = again.model.index(again.grid.current_row() or 0)
    assert again.grid.viewport().rect().intersects(again.grid.visualRect(index))

    with open_library(default_home()) as library:  # meanwhile, from the command line
        remove_folder(library.db, "/pics/trips")
    third = _reopen(qtbot, again, tmp_path)
    assert third.grid.current_row() in (None, 0)  # as on a first start
    assert "IMG_37.jpg" not in shown_names(third)
