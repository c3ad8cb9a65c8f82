"""A person named on a face (digiKam, Lightroom) is the tag a `People|Anna` keyword gives, so the
sidebar's tags list her once under 'People (keywords)', with the photos of both, and a search for
her ('People (keywords)/Anna', in the app's search box and with `phototagger search`) finds the
photos named on a face with those whose keyword names her, as "Anna" alone does (search35).
Files made with exiftool, read by the metadata sync into a real SQLite library, the real main
window (offscreen) and the real CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from phototagger.gui.sidebar_trees import all_items
from tests.cli_helpers import run
from tests.gui_helpers import open_window, settle, shown_names
from tests.people_photos import REGIONS, library_of_det_photos

pytestmark = pytest.mark.skipif(shutil.which("exiftool") is None, reason="exiftool makes files")


def _library(pics: Path) -> list[str]:
    """Three det-photos: Anna and Bea named on faces (digiKam's mwg-rs), Anna as Lightroom's
    keyword 'People|Anna', Carl as one: their names."""
    photos = library_of_det_photos(
        pics,
        [
            [REGIONS],
            ["-XMP-lr:HierarchicalSubject=People|Anna", "-XMP-dc:Subject=Anna"],
            ["-XMP-lr:HierarchicalSubject=People|Carl", "-XMP-dc:Subject=Carl"],
        ],
    )
    return [photo.name for photo in photos]


def test_search_command_finds_the_named_faces(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    named, keyword, _ = _library(tmp_path / "pics")
    code, out, _ = run(capsys, "search", "People (keywords)/Anna")
    assert code == 0
    assert sorted(Path(line.strip()).name for line in out.splitlines() if ".jpg" in line) == sorted(
        [named, keyword]
    )
    code, out, _ = run(capsys, "search", "People (keywords)/Bea")
    assert [Path(line.strip()).name for line in out.splitlines() if ".jpg" in line] == [named]


def test_sidebar_and_search_box_hold_a_face_name_with_the_keywords(
    qtbot, engine, tmp_path: Path
) -> None:
    named, keyword, carl = _library(tmp_path / "pics")
    window = open_window(qtbot, engine, tmp_path)
    settle(qtbot, window)
    items = all_items(window.sidebar.tags_section)
    people = [i for i in items if i.text(0) == "People (keywords)"]
    assert len(people) == 1  # one People tree, the faces' names and the keywords' together
    under = sorted(item.text(0) for item in all_items(people[0]))
    assert under == ["Anna", "Bea", "Carl"]  # Anna once: her face and her keyword
    assert sum(1 for i in items if i.text(0) == "Anna") == 1
    search = window.sidebar.search
    search.setFocus()
    qtbot.keyClicks(search, "People (keywords)/Anna")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert sorted(shown_names(window)) == sorted([named, keyword])
    search.setFocus()  # Enter gave the keys to the photos found
    search.clear()
    qtbot.keyClicks(search, "Anna")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    settle(qtbot, window)
    # Her name alone is no tag, but the last level of one: it means her (search35).
    assert sorted(shown_names(window)) == sorted([named, keyword])
    assert "People (keywords)/Anna" in window.header.text()
    search.setFocus()  # Enter gave the keys to the photos found
    search.clear()
    qtbot.keyClicks(search, "People (keywords)/Bea")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert shown_names(window) == [named]
    assert carl not in shown_names(window)
