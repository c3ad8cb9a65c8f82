"""The viewer on a photo deep in a folder tree, with several tags: its bar (the photo's path
and tags, the zoom, the keys) was as wide as all its text, 2,592 px here, so on a 1440-px
screen the window was wider than the screen and the keys' hint ran off its right edge ("P play
clip · B"), in full screen too. The folder gives way to fit ('…'), then the tags, never the
file's name; the hint its end, and the caption reads whole in its tooltip."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.viewer import PhotoViewer
from phototagger.paths import default_home
from tests.gui_helpers import open_active_viewer, open_window, settle
from tests.photo_factory import real_photo
from tests.store_helpers import add_photo

FOLDER = "Holidays 2024/Côte d'Azur/day 2 – the long walk along the coast from Nice to Menton"
TAGS = ["people", "garden wren", "book", "coldish sunday round walk plus", "Exercise"]


def viewer_with_tags(qtbot: QtBot, tmp_path: Path, photo: Path, tags: list[str]) -> PhotoViewer:
    """The viewer on `photo`, a library's only photo, given `tags` by the user."""
    with open_library(default_home()) as lib:
        photo_id = add_photo(lib.db, str(photo))
    window = open_window(qtbot, None, tmp_path)
    for tag in tags:
        window.decide([photo_id], tag, "add")
    settle(qtbot, window)
    viewer = open_active_viewer(qtbot, window, 0)
    settle(qtbot, window)
    return viewer


def test_the_viewer_fits_a_screen_whatever_the_caption(qtbot: QtBot, tmp_path: Path) -> None:
    photo = real_photo(tmp_path / "Pictures" / FOLDER / "n07697100_9282_hamburger.jpg")
    viewer = viewer_with_tags(qtbot, tmp_path, photo, TAGS)
    assert viewer.minimumSizeHint().width() <= 1100  # it opens 1100 px wide
    assert viewer.width() <= 1440
    bar = viewer.caption.parentWidget()
    assert bar is not None
    assert bar.childrenRect().right() <= viewer.width()  # the keys' hint in view
    caption = viewer.caption.full_text()
    assert str(photo) in caption and all(tag in caption for tag in TAGS)
    assert viewer.caption.toolTip() == caption  # cut, and whole when hovered
    # What gives way is the folder, then the tags from their end (the file's name stays,
    # test_gui_viewer_caption_keeps_name), and it has more of the bar than the keys' hint.
    shown = viewer.caption.text()
    assert shown.startswith("…" + photo.name), shown
    assert viewer.caption.width() > 1.5 * viewer.hint.width()
