"""Accept, Reject and the other deciding commands need a photo: on an empty library the
toolbar's Accept and Reject looked ready and did nothing (found by the GUI QA pass)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import click_photo, open_window, settle, shown_names
from tests.switch_helpers import synthetic_library


def _deciding(window) -> list[bool]:  # noqa: ANN001 - the MainWindow
    a = window.commands
    return [
        action.isEnabled()
        for action in (a.accept_tag, a.reject_tag, a.reject_named, a.accept_all, a.add_tag)
    ]


def test_deciding_waits_for_a_photo(qtbot: QtBot, tmp_path: Path) -> None:
    window = open_window(qtbot, None, tmp_path)
    assert window.model.rowCount() == 0
    assert _deciding(window) == [False] * 5

    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 3)
    window.refresh()
    settle(qtbot, window)
    click_photo(qtbot, window, shown_names(window)[0])
    assert _deciding(window) == [True] * 5
