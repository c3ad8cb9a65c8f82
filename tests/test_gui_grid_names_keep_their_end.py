"""The grid cut a long file name evenly in the middle, extension and all, so a photo and its
copies read alike under their thumbnails: 'IMG_12…py.jpg' and 'IMG_12… 2.jpg' at the smallest
size, where the end ('copy', 'copy 2', '-Edit') is what tells them apart. The name is now cut
inside its stem: the extension whole, the stem's end from a word's start ('…copy 2.jpg'), the
start with what room is left ('IMG_123…'), as macOS's Finder cuts names."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QFontMetrics
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.main_window import MainWindow
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.store_helpers import add_photo

STEM = "IMG_1234 a very long holiday name"
ENDS = {
    f"{STEM}.jpg": "name.jpg",
    f"{STEM} copy.jpg": "copy.jpg",
    f"{STEM} copy 2.jpg": "copy 2.jpg",
}


def names_under_thumbnails(
    qtbot: QtBot, tmp_path: Path, side: int, names: list[str]
) -> dict[str, str]:
    """Each of `names`, a photo of the library, as the grid shows it at thumbnail size `side`
    (checked to fit the thumbnail's width)."""
    return names_at(qtbot, grid_of(qtbot, tmp_path, names), side)


def grid_of(qtbot: QtBot, tmp_path: Path, names: list[str]) -> MainWindow:
    """The main window on a library of `names` (photos of no file)."""
    with open_library(default_home()) as library:
        for name in names:
            add_photo(library.db, f"/pics/{name}")
    return open_window(qtbot, None, tmp_path)


def names_at(qtbot: QtBot, window: MainWindow, side: int) -> dict[str, str]:
    """Each photo's name as the grid shows it at thumbnail size `side`, set with the size
    slider (checked to fit the thumbnail's width)."""
    window.status.size_slider.setValue(side)
    settle(qtbot, window)
    grid = window.grid
    metrics = QFontMetrics(grid.font())
    shown = {}
    for row in range(window.model.rowCount()):
        photo = window.model.photo(row)
        assert photo is not None
        text = grid._delegate.shown_name(photo, metrics)  # noqa: SLF001
        assert grid._delegate.side == side  # noqa: SLF001
        assert metrics.horizontalAdvance(text) <= side
        shown[photo.name] = text
    return shown


@pytest.mark.parametrize("side", [96, 128, 160, 224])
def test_copies_read_apart_under_their_thumbnails(qtbot: QtBot, tmp_path: Path, side: int) -> None:
    shown = names_under_thumbnails(
        qtbot, tmp_path, side, [*ENDS, "DSC_0042-Edit.tif", "DSC_0042-Edit-2.tif"]
    )
    for name, end in ENDS.items():
        text = shown[name]
        assert text.startswith("IM") and text.endswith(end), (name, text)
        assert "…" in text
    assert len({shown[name] for name in ENDS}) == len(ENDS)
    edit = shown["DSC_0042-Edit.tif"]
    assert edit == "DSC_0042-Edit.tif" if side > 96 else edit.endswith("-Edit.tif")
    assert shown["DSC_0042-Edit-2.tif"].endswith("-2.tif")
