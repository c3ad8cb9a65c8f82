"""With several photos selected the details panel showed no title or caption, even where all of
them had the same (a series digiKam or Lightroom captioned at once). It now shows the title and
the caption they share, and where they differ says so, as digiKam and Lightroom mark a mixed
value: "Title: (titles differ: 2 different, 1 of 3 photos has none)". Real det-photos whose
XMP and IPTC exiv2 wrote, scanned by the real model into a real library; the real window
offscreen, photos selected with Ctrl-clicks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.gui.main_window import MainWindow
from tests.gui_helpers import click_photo, open_window, settle

SUNSET = "n01662784_2198_turtle"
SUNSET_TOO = "n02062744_3014_whale"
HARBOUR = "n02129604_20374_tiger"
UNTITLED = "n02391049_2847_zebra"
UNTITLED_TOO = "n04442312_12329_toaster"
MARKS: dict[str, tuple[str, ...]] = {
    SUNSET: (
        "set Xmp.dc.title lang=x-default Sunset at Nice",
        "set Xmp.dc.description lang=x-default The last evening of the trip",
    ),
    # An older program's IPTC: the same words, read alike.
    SUNSET_TOO: (
        "set Iptc.Application2.ObjectName Sunset at Nice",
        "set Iptc.Application2.Caption The last evening of the trip",
    ),
    HARBOUR: ("set Xmp.dc.title lang=x-default The old harbour",),
    UNTITLED: ("set Xmp.xmp.Rating 2",),
    UNTITLED_TOO: (),
}


@pytest.fixture
def titled(marked_det_photos: Callable[[dict[str, tuple[str, ...]]], Path]) -> Path:
    return marked_det_photos(MARKS)


def _selected(qtbot: QtBot, window: MainWindow, *names: str) -> tuple[str, str]:
    """The title and caption lines shown with `names` selected ('' for a line hidden)."""
    click_photo(qtbot, window, f"{names[0]}.jpg")
    for name in names[1:]:
        click_photo(qtbot, window, f"{name}.jpg", Qt.KeyboardModifier.ControlModifier)
    details = window.details
    qtbot.waitUntil(lambda: details.title.text() == f"{len(names)} photos selected")
    settle(qtbot, window)
    return tuple(  # type: ignore[return-value]
        line.full_text() if line.isVisible() else ""
        for line in (details.file_title, details.file_caption)
    )


def test_several_photos_show_the_title_they_share_or_that_titles_differ(
    titled: Path, engine: Any, qtbot: QtBot, tmp_path: Path
) -> None:
    window = open_window(qtbot, engine, tmp_path)
    settle(qtbot, window)
    assert _selected(qtbot, window, SUNSET, SUNSET_TOO) == (
        "Title: Sunset at Nice",
        "Caption: The last evening of the trip",
    )
    assert _selected(qtbot, window, SUNSET, SUNSET_TOO, HARBOUR) == (
        "Title: (titles differ: 2 different)",
        "Caption: (captions differ: 1 of 3 photos has none)",
    )
    assert _selected(qtbot, window, SUNSET, HARBOUR, UNTITLED) == (
        "Title: (titles differ: 2 different, 1 of 3 photos has none)",
        "Caption: (captions differ: 2 of 3 photos have none)",
    )
    assert _selected(qtbot, window, UNTITLED, UNTITLED_TOO) == ("", "")
    assert not window.details.file_title.isVisible()
    # One photo again: its own title, as before.
    click_photo(qtbot, window, f"{HARBOUR}.jpg")
    assert window.details.file_title.full_text() == "Title: The old harbour"
    assert not window.details.file_caption.isVisible()
