"""The sidebar filters the grid: one tag, several (all / any / without), the search box with
completion, untagged photos and the ones to review."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tests.gui_helpers import click_sidebar, open_window, prescanned, scan, settle, shown_names
from tests.photo_factory import real_photo

CTRL = Qt.KeyboardModifier.ControlModifier


def test_clicking_tags_filters_the_grid(qtbot, engine, tmp_path: Path) -> None:
    prescanned(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    assert len(shown_names(window)) == 4
    click_sidebar(qtbot, window, "cat")
    assert shown_names(window) == ["chelsea.jpg"]
    assert window.header.text().startswith("Photos tagged cat")

    click_sidebar(qtbot, window, "coffee", CTRL)  # both selected, mode "all of them"
    assert shown_names(window) == []
    window.sidebar.set_mode("any_of")
    settle(qtbot, window)
    assert sorted(shown_names(window)) == ["chelsea.jpg", "coffee.jpg"]
    window.sidebar.set_mode("none_of")
    settle(qtbot, window)
    assert sorted(shown_names(window)) == ["astronaut.jpg", "rocket.jpg"]
    assert "2 of 4 photos shown" in window.status.library.text()

    click_sidebar(qtbot, window, "All photos")
    assert len(shown_names(window)) == 4


def test_clicking_a_folder_shows_its_photos(qtbot, engine, tmp_path: Path) -> None:
    prescanned(tmp_path / "pics", engine)
    (tmp_path / "more").mkdir()
    real_photo(tmp_path / "more" / "another cat.jpg", "chelsea")
    window = open_window(qtbot, engine, tmp_path)
    scan(qtbot, window, tmp_path / "more")
    assert len(shown_names(window)) == 5
    click_sidebar(qtbot, window, "more")
    assert shown_names(window) == ["another cat.jpg"]
    assert window.header.text().startswith("Photos in " + str(tmp_path / "more"))
    click_sidebar(qtbot, window, "pics")
    assert len(shown_names(window)) == 4


def test_untagged_and_needs_review(qtbot, engine, tmp_path: Path) -> None:
    prescanned(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    click_sidebar(qtbot, window, "Untagged")
    assert shown_names(window) == ["rocket.jpg"]  # the model has no tag for a rocket launch
    click_sidebar(qtbot, window, "Needs review")
    review = shown_names(window)
    assert review and set(review) <= {"astronaut.jpg", "chelsea.jpg", "coffee.jpg"}


def test_search_box_completes_and_filters(qtbot, engine, tmp_path: Path) -> None:
    prescanned(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    search = window.sidebar.search
    search.setFocus()
    qtbot.keyClicks(search, "cof")
    completer = window.sidebar.completer
    assert completer.completionCount() >= 1 and completer.currentCompletion() == "coffee"
    search.clear()
    qtbot.keyClicks(search, "animal, -coffee")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert shown_names(window) == ["chelsea.jpg"]
    search.setFocus()  # Enter gave the keys to the photos found
    search.clear()
    qtbot.keyClicks(search, "cat | coffee")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert sorted(shown_names(window)) == ["chelsea.jpg", "coffee.jpg"]
    assert not window.sidebar.tree.selectedItems()  # the search is the filter
    search.clear()  # as its clear button does: every photo, and the sidebar says so
    settle(qtbot, window)
    assert len(shown_names(window)) == 4
    assert [i.text(0) for i in window.sidebar.tree.selectedItems()] == ["All photos"]
