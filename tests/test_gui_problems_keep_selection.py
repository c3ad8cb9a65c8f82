"""After Try Again in File ▸ Problems (or Forget) the selection jumped to the first row, so a
Forget right after acted on another file: it now stays on the same file, or, where that left
the list, on the row that took its place."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.cli_helpers import read_only_unwritten
from tests.gui_helpers import open_window, settle

SOURCES = sorted(Path("/work/shared/data/det-photos").glob("*.jpg"))[100:105]


def test_try_again_and_forget_keep_the_selection_on_the_file(
    qtbot: QtBot, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photos = read_only_unwritten(capsys, tmp_path / "pics", SOURCES)
    window = open_window(qtbot, None, tmp_path)
    dialog = window.open_problems()
    qtbot.waitExposed(dialog)
    paths = [str(photo) for photo in photos]

    # IMG_2 made writable and tried again: it leaves the list; the row in its place is chosen.
    photos[2].chmod(0o644)
    dialog.table.selectRow(dialog.row_of(paths[2]))
    assert dialog.selected_paths() == [paths[2]]
    with qtbot.waitSignal(window.jobs.idle, timeout=60_000):
        dialog.try_again.click()
    settle(qtbot, window)
    assert dialog.outcome.toPlainText() == "IMG_2.jpg: its keywords are written now"
    assert dialog.listed_paths() == paths[:2] + paths[3:]
    assert dialog.selected_paths() == [paths[3]]

    # IMG_1, still read-only, tried again: still listed, and still the one chosen.
    dialog.table.selectRow(dialog.row_of(paths[1]))
    with qtbot.waitSignal(window.jobs.idle, timeout=60_000):
        dialog.try_again.click()
    settle(qtbot, window)
    assert dialog.selected_paths() == [paths[1]]

    # Forget acts on the row chosen, and then the one in its place is.
    dialog.forget.click()
    assert dialog.listed_paths() == [paths[0], paths[3], paths[4]]
    assert dialog.selected_paths() == [paths[3]]
    # The last row forgotten: the one before it takes the selection.
    dialog.table.selectRow(dialog.row_of(paths[4]))
    dialog.forget.click()
    assert dialog.selected_paths() == [paths[3]]
    dialog.close()
