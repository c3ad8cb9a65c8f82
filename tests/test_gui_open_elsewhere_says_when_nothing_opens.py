"""Open in Default App (Ctrl+Shift+O) and Show in File Manager (Ctrl+Shift+E) say so in the status
bar when the desktop has nothing to open the photo with (no xdg-open, no default viewer or file
manager): the keys had seemed to do nothing at all."""

from __future__ import annotations

from pathlib import Path

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import click_photo, open_window, shown_names
from tests.switch_helpers import synthetic_library


def test_nothing_to_open_with_is_said(qtbot, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))  # no xdg-open to hand it to
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 4)
    window = open_window(qtbot, None, tmp_path)
    name = shown_names(window)[0]
    click_photo(qtbot, window, name)

    window.tools.open_default.trigger()
    said = window.status.currentMessage()
    assert said.startswith(f"No app on this computer would open {name}"), said

    window.tools.show_in_folder.trigger()
    said = window.status.currentMessage()
    assert said.startswith("No app on this computer would open its folder (/synthetic)"), said
