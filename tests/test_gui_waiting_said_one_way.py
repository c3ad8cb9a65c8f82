"""The photos a scan has yet to tag were said to wait three ways: "not read yet" on a tile,
"waiting to be read" in the grid's header and the status bar, "Waiting to be tagged" in the
details panel (left61). The status bar says it once now, with the files found and the photos
read before both waiting; tests/test_gui_photos_before_the_model.py sees the tile and header."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from phototagger.gui.status import StatusBar


@pytest.mark.parametrize(
    ("pending", "found", "said"),
    [
        (233, 233, "120 photos · 233 more files found, waiting to be tagged"),
        (5, 0, "120 photos · 5 waiting to be tagged"),
        (238, 233, "120 photos · 233 more files found and 5 photos waiting to be tagged"),
        (234, 233, "120 photos · 233 more files found and 1 photo waiting to be tagged"),
    ],
)
def test_the_status_bar_says_waiting_to_be_tagged_once(
    qtbot: QtBot, pending: int, found: int, said: str
) -> None:
    status = StatusBar()
    qtbot.addWidget(status)
    status.set_library(120, 120, pending, found=found)
    assert status.library.text() == said
