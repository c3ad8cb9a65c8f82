"""Open in Default App (Ctrl+Shift+O) and Show in File Manager (Ctrl+Shift+E) say so in the status
bar when the desktop has nothing to open the photo with (no xdg-open, no default viewer or file
manager): the keys had seemed to do nothing at all. Real files: for a photo whose file is gone
they are grey (test_gui_open_elsewhere_file_gone)."""

from __future__ import annotations

from pathlib import Path

from tests.gui_helpers import click_photo, open_window, prescanned


def test_nothing_to_open_with_is_said(qtbot, engine, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))  # no xdg-open to hand it to
    pics = prescanned(tmp_path / "card", engine)
    window = open_window(qtbot, engine, tmp_path)
    name = "coffee.jpg"
    click_photo(qtbot, window, name)

    window.tools.open_default.trigger()
    said = window.status.currentMessage()
    assert said.startswith(f"No app on this computer would open {name}"), said

    window.tools.show_in_folder.trigger()
    said = window.status.currentMessage()
    assert said.startswith(f"No app on this computer would open its folder ({pics})"), said
