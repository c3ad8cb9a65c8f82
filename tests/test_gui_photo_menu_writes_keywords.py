"""A photographer who had tagged a photo and right-clicked it to put the tags into its file
found no way there: Write Keywords to Files was only in the Tags menu. The photo's right-click
menu now offers it, and it writes the right-clicked photo's tags."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core.labels import label_paths
from phototagger.core.library import open_library
from phototagger.core.metadata.settings import load_settings, save_settings
from phototagger.gui.context_menus import photo_menu
from phototagger.paths import default_home
from tests.gui_helpers import JOB_TIMEOUT_MS, click_photo, open_window, settle
from tests.keyword_readers import exiftool_keywords
from tests.store_helpers import det_photos_added


def test_the_photo_menu_writes_its_keywords(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as library:
        photos = [photo for _, photo in det_photos_added(library.db, tmp_path / "pics", 2)]
        label_paths(library.db, [str(p) for p in photos], add=["Trips/Wien"])
        save_settings(library.db, replace(load_settings(library.db), enabled=True, asked=True))
    window = open_window(qtbot, None, tmp_path)
    click_photo(qtbot, window, photos[1].name)
    menu = photo_menu(window, window.tools)
    entry = next(a for a in menu.actions() if a.text() == "&Write Keywords to Files…")
    with qtbot.waitSignal(window.jobs.idle, timeout=JOB_TIMEOUT_MS):
        entry.trigger()
    settle(qtbot, window)
    sidecar = Path(f"{photos[1]}.xmp")
    assert exiftool_keywords(sidecar)["Xmp.digiKam.TagsList"] == ["Trips/Wien"]
    assert not Path(f"{photos[0]}.xmp").exists()  # only the photo right-clicked
