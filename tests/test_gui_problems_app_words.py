"""File ▸ Problems listed a photo whose keywords could not be written (read-only) with the way
out in command-line words: "...(Settings ▸ Keywords in files, or `metadata write` without
--embed)"; the app has no --embed. It now says where in the app the sidecar choice is; the
command line keeps its words."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.cli_helpers import read_only_unwritten, run
from tests.gui_helpers import open_window

DET = Path("/work/shared/data/det-photos")
SOURCES = sorted(DET.glob("*.jpg"))[100:105]


def test_problems_say_the_way_out_in_the_apps_words(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photos = read_only_unwritten(capsys, tmp_path / "pics", SOURCES)
    listed = run(capsys, "problems")[1]
    # The command line says it in its own words.
    assert "`metadata write` without --embed" in listed, listed
    window = open_window(qtbot, None, tmp_path)
    dialog = window.open_problems()
    qtbot.waitExposed(dialog)
    paths = [str(photo) for photo in photos]
    assert dialog.listed_paths() == paths
    said = dialog.table.item(dialog.row_of(paths[0]), 1).text()
    assert said == (
        "the file is read-only; its keywords were not written. Make it writable, or write them "
        "to sidecars instead (File ▸ Settings ▸ Keywords in files ▸ Write to: XMP sidecar files)"
    )
    dialog.close()
