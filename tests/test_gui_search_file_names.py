"""walk60: a photographer typed "VID" in the grid's search box to find their clips
(VID_20240101_1200.mp4) and "IMG_20" for a day's phone photos; the box found tags only and said
"No photos match: no tag is called “portraitVID”": the box had kept "portrait", the search
before, which found nothing, and "VID" was typed after it. As digiKam's and Lightroom's quick
search, a word that is no tag now finds the photos whose file name contains it (a clip, a RAW, a
HEIC alike; the folder's name aside), a tag's name still means the tag, and after a search that
finds nothing the words stay chosen in the box, so the next ones typed replace them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.main_window import MainWindow
from phototagger.paths import default_home
from tests import media_factory as mf
from tests import photo_factory as pf
from tests.gui_helpers import open_window, row_of, search_for, settle, shown_names
from tests.scan_helpers import run_scan

CLIP = "VID_20240101_1200.mp4"
HEIC = "IMG_20240101_0900.HEIC"
RAW = "IMG_20240102_0815.dng"
HARBOUR = "harbour.jpg"  # in the folder "Trip 2024": its name has no 2024


def _window(qtbot: QtBot, engine: object, tmp_path: Path) -> MainWindow:
    pics = tmp_path / "pics"
    trip = pics / "Trip 2024"
    trip.mkdir(parents=True)
    mf.photo_clip(pics / CLIP, ("chelsea",), seconds_each=1)
    mf.heic_photo(pics / HEIC)
    mf.raw_photo(pics / RAW)
    pf.real_photo(trip / HARBOUR, "rocket")
    with open_library(default_home()) as library:
        run_scan(library, [pics], engine)
    window = open_window(qtbot, engine, tmp_path)
    window.activateWindow()
    settle(qtbot, window)
    assert sorted(shown_names(window)) == sorted([CLIP, HEIC, RAW, HARBOUR])
    return window


def _pick(window: MainWindow, name: str) -> int:
    return window.model.ids[row_of(window, name)]


def test_a_word_that_is_no_tag_finds_file_names(qtbot: QtBot, engine, tmp_path: Path) -> None:
    window = _window(qtbot, engine, tmp_path)
    # A tag called "img" on the harbour photo: the word means the tag, not the IMG_ files.
    window.decide([_pick(window, HARBOUR)], "img", "add")
    window.decide([_pick(window, HEIC), _pick(window, HARBOUR)], "holidays", "add")
    settle(qtbot, window)

    search_for(qtbot, window, "vid")  # without case
    assert shown_names(window) == [CLIP]
    assert window.header.text().startswith("Photos whose name contains “vid”")

    search_for(qtbot, window, "IMG_20")  # '_' is no wildcard
    assert sorted(shown_names(window)) == [HEIC, RAW]
    assert window.header.text().startswith("Photos whose name contains “IMG_20”")
    # "2024" is in three names and in the folder "Trip 2024": the names alone count.
    search_for(qtbot, window, "2024")
    assert sorted(shown_names(window)) == sorted([CLIP, HEIC, RAW])

    search_for(qtbot, window, "img")  # a tag's name: the tag
    assert shown_names(window) == [HARBOUR]
    assert window.header.text().startswith("Photos tagged img")

    # Each part narrows; a name left out leaves those photos out.
    search_for(qtbot, window, "holidays, IMG_20")
    assert shown_names(window) == [HEIC]
    assert window.header.text().startswith("Photos tagged holidays, whose name contains “IMG_20”")
    search_for(qtbot, window, "-IMG_")
    assert sorted(shown_names(window)) == sorted([CLIP, HARBOUR])
    assert window.header.text().startswith("Photos whose name does not contain “IMG_”")
    search_for(qtbot, window, "VID | holidays")
    assert sorted(shown_names(window)) == sorted([CLIP, HEIC, HARBOUR])


def test_nothing_found_says_so_and_the_next_words_replace_the_box(
    qtbot: QtBot, engine, tmp_path: Path
) -> None:
    window = _window(qtbot, engine, tmp_path)
    qtbot.keyClick(window.grid, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search_for(qtbot, window, "portrait")  # the face finder's tag: no photo here has it
    assert window.model.rowCount() == 0
    assert window.header.text() == "No photos match: photos tagged portrait"
    assert window.focusWidget() is window.sidebar.search  # kept, to type again
    # "VID" typed next, as the photographer did: the box searches "VID", not "portraitVID".
    qtbot.keyClicks(window.sidebar.search, "VID")
    qtbot.keyClick(window.sidebar.search, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert window.sidebar.search.text() == "VID"
    assert shown_names(window) == [CLIP]

    # Neither a tag nor a file name: said so. A part found ("VID") is not named.
    search_for(qtbot, window, "zzq")
    assert window.header.text() == ("No photos match: no tag or file name matches “zzq”")
    search_for(qtbot, window, "VID, zzq, qqz")
    assert window.header.text() == ("No photos match: no tag or file name matches “zzq” or “qqz”")
    assert window.sidebar.search.selectedText() == "VID, zzq, qqz"  # replaced by what is typed


def test_a_name_search_comes_back_after_a_restart(qtbot: QtBot, engine, tmp_path: Path) -> None:
    window = _window(qtbot, engine, tmp_path)
    search_for(qtbot, window, "IMG_20, -dng")
    assert shown_names(window) == [HEIC]
    window.close()

    again = open_window(qtbot, engine, tmp_path)
    settle(qtbot, again)
    assert shown_names(again) == [HEIC]
    assert again.sidebar.search.text() == "IMG_20, -dng"
    assert again.header.text().startswith(
        "Photos whose name contains “IMG_20”, whose name does not contain “dng”"
    )
    assert again.status.currentMessage() == ""  # no "no longer a tag"
