"""A photographer checking "beach" wants its doubtful photos (the tagger 40-70 % sure) or the sure
ones, and the grid had no way to show a tag's photos by how sure the tagger is (`scores TAG` in a
terminal only). The sidebar's "Sure" choice (Any, Sure 70 % or more, Doubtful 40-70 %, Unsure
under 40 %, or a range typed in) narrows a tag filter, or a search, to the photos whose tag the
tagger is that sure of; the header and the status line say it, and it comes back with the
remembered view. Real widgets offscreen on a real SQLite library."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.queries import GridFilter, OrderedIds, photo_ids
from phototagger.gui.main_window import MainWindow
from phototagger.gui.sure_box import RangeDialog
from phototagger.paths import default_home
from phototagger.store.photos import add_folder
from phototagger.store.tags import set_user_state, write_model_tags
from tests.gui_helpers import click_sidebar, open_window, search_for, settle, shown_names
from tests.modal_helpers import answer_next_modal
from tests.store_helpers import add_photo

# File name -> the tagger's confidence in 'beach' (suggested), 'sunset' on the last three.
BEACH = {
    "IMG_35.jpg": 0.35,
    "IMG_45.jpg": 0.45,
    "IMG_55.jpg": 0.55,
    "IMG_69.jpg": 0.695,
    "IMG_70.jpg": 0.70,
    "IMG_85.jpg": 0.85,
    "IMG_99.jpg": 0.99,
}
DOUBTFUL = ["IMG_45.jpg", "IMG_55.jpg", "IMG_69.jpg"]
SURE = ["IMG_70.jpg", "IMG_85.jpg", "IMG_99.jpg"]


def _library() -> dict[str, int]:
    """The photos of BEACH, one the user tagged 'beach' that the tagger never scored, and two
    without 'beach'."""
    ids = {}
    with open_library(default_home()) as library:
        db = library.db
        add_folder(db, "/pics")
        for name, score in BEACH.items():
            ids[name] = add_photo(db, f"/pics/{name}")
            sunset = {"sunset": 0.6} if score >= 0.7 else {}
            write_model_tags(db, ids[name], {"beach": score, **sunset}, {"beach", *sunset}, "v1")
        ids["mine.jpg"] = add_photo(db, "/pics/mine.jpg")
        set_user_state(db, ids["mine.jpg"], "beach", "added")
        for name in ("dog.jpg", "cat.jpg"):
            ids[name] = add_photo(db, f"/pics/{name}")
    return ids


def _names(window: MainWindow) -> list[str]:
    return sorted(shown_names(window))


def test_the_grid_shows_a_tags_photos_by_how_sure_the_tagger_is() -> None:
    ids = _library()
    named = {v: k for k, v in ids.items()}
    with open_library(default_home()) as library:
        db = library.db
        for cache in (None, OrderedIds()):
            doubtful = GridFilter(all_of=("beach",), sure=(40, 70))
            assert sorted(named[i] for i in photo_ids(db, doubtful, "name", cache)) == DOUBTFUL
            sure = GridFilter(all_of=("beach",), sure=(70, 100))
            assert sorted(named[i] for i in photo_ids(db, sure, "name", cache)) == SURE
            both = GridFilter(all_of=("beach", "sunset"), sure=(60, 100))
            assert sorted(named[i] for i in photo_ids(db, both, "name", cache)) == SURE
            either = GridFilter(any_of=("beach", "sunset"), sure=(0, 40))
            assert [named[i] for i in photo_ids(db, either, "name", cache)] == ["IMG_35.jpg"]
    assert GridFilter(all_of=("beach",), sure=(40, 70)).describe() == (
        "Photos tagged beach, 40–70 % sure"
    )
    assert GridFilter(all_of=("beach",), sure=(70, 100)).describe() == (
        "Photos tagged beach, at least 70 % sure"
    )


def test_the_sidebar_narrows_a_tag_to_how_sure_and_keeps_it(qtbot: QtBot, tmp_path: Path) -> None:
    _library()
    window = open_window(qtbot, None, tmp_path)
    sure = window.sidebar.sure
    assert not sure.isEnabled()  # all photos: no tag to be sure of
    click_sidebar(qtbot, window, "beach")
    assert sure.isEnabled() and sure.currentText() == "Any"
    assert len(shown_names(window)) == 8
    sure.setCurrentIndex(sure.findText("Doubtful (40–70 %)"))
    sure.activated.emit(sure.currentIndex())
    settle(qtbot, window)
    assert _names(window) == DOUBTFUL
    assert window.header.text() == "Photos tagged beach, 40–70 % sure  ·  3 of 10"
    assert "3 of 10 photos shown" in window.status.library.text()

    # Kept for the next tag chosen, greyed (and not applied) where no tag is.
    click_sidebar(qtbot, window, "sunset")
    assert _names(window) == SURE  # the tagger is 60 % sure of each sunset: doubtful
    assert window.header.text().startswith("Photos tagged sunset, 40–70 % sure")
    click_sidebar(qtbot, window, "All photos")
    assert not sure.isEnabled() and len(shown_names(window)) == 10
    click_sidebar(qtbot, window, "beach")
    assert _names(window) == DOUBTFUL

    # A range of one's own, typed in; a search keeps it too.
    def type_range(dialog: object) -> None:
        assert isinstance(dialog, RangeDialog)
        dialog.low.setValue(50)
        dialog.high.setValue(90)
        dialog.accept()

    answer_next_modal(type_range)
    sure.setCurrentIndex(sure.findText("Range…"))
    sure.activated.emit(sure.currentIndex())
    settle(qtbot, window)
    assert sure.currentText() == "50–90 %"
    assert _names(window) == ["IMG_55.jpg", "IMG_69.jpg", "IMG_70.jpg", "IMG_85.jpg"]
    search_for(qtbot, window, "beach, sunset")
    assert _names(window) == ["IMG_70.jpg", "IMG_85.jpg"]
    assert window.header.text().startswith("Photos tagged beach and sunset, 50–90 % sure")

    # Back after a restart, in the grid, the header and the box.
    click_sidebar(qtbot, window, "beach")
    window.close()
    again = open_window(qtbot, None, tmp_path)
    settle(qtbot, again)
    assert _names(again) == ["IMG_55.jpg", "IMG_69.jpg", "IMG_70.jpg", "IMG_85.jpg"]
    assert again.header.text().startswith("Photos tagged beach, 50–90 % sure")
    assert again.sidebar.sure.currentText() == "50–90 %" and again.sidebar.sure.isEnabled()
    # Any again: every photo tagged beach, the user's own among them.
    box = again.sidebar.sure
    box.setCurrentIndex(box.findText("Any"))
    box.activated.emit(box.currentIndex())
    settle(qtbot, again)
    assert len(shown_names(again)) == 8
    assert again.header.text().startswith("Photos tagged beach  ·  ")


def test_cancelling_the_range_keeps_the_choice(qtbot: QtBot, tmp_path: Path) -> None:
    _library()
    window = open_window(qtbot, None, tmp_path)
    click_sidebar(qtbot, window, "beach")
    sure = window.sidebar.sure
    sure.setCurrentIndex(sure.findText("Sure (70 % or more)"))
    sure.activated.emit(sure.currentIndex())
    settle(qtbot, window)
    assert _names(window) == SURE
    answer_next_modal(lambda dialog: dialog.reject() if isinstance(dialog, QDialog) else None)
    sure.setCurrentIndex(sure.findText("Range…"))
    sure.activated.emit(sure.currentIndex())
    settle(qtbot, window)
    assert sure.currentText() == "Sure (70 % or more)" and _names(window) == SURE
    # Back after a restart, the box showing it (a choice of the list, not a range typed in).
    window.close()
    again = open_window(qtbot, None, tmp_path)
    settle(qtbot, again)
    assert _names(again) == SURE
    assert again.sidebar.sure.currentText() == "Sure (70 % or more)"


def test_sort_by_confidence_puts_the_surest_first(qtbot: QtBot, tmp_path: Path) -> None:
    ids = _library()
    named = {v: k for k, v in ids.items()}
    surest = ["IMG_99.jpg", "IMG_85.jpg", "IMG_70.jpg", "IMG_69.jpg", "IMG_55.jpg"]
    with open_library(default_home()) as library:
        db = library.db
        for cache in (None, OrderedIds()):
            beach = GridFilter(all_of=("beach",))
            ranked = [named[i] for i in photo_ids(db, beach, "confidence", cache)]
            # The user's own tag, never scored, last.
            assert ranked == [*surest, "IMG_45.jpg", "IMG_35.jpg", "mine.jpg"]
            doubtful = GridFilter(all_of=("beach",), sure=(40, 70))
            ranked = [named[i] for i in photo_ids(db, doubtful, "confidence", cache)]
            assert ranked == ["IMG_69.jpg", "IMG_55.jpg", "IMG_45.jpg"]
            # No tag to be sure of: by date taken.
            everything = photo_ids(db, GridFilter(), "confidence", cache)
            assert everything == photo_ids(db, GridFilter(), "taken", cache)
    window = open_window(qtbot, None, tmp_path)
    click_sidebar(qtbot, window, "beach")
    window.commands.sort["confidence"].trigger()
    settle(qtbot, window)
    assert shown_names(window)[:5] == surest
    window.close()
    again = open_window(qtbot, None, tmp_path)  # the sort comes back too
    settle(qtbot, again)
    assert again.commands.sort["confidence"].isChecked()
    assert shown_names(again)[:5] == surest
