"""The details panel's hint read "A accept · R reject · J/K next/previous tag": R rejects the
highlighted tag only, and saying a photo does not show a tag it does not have (the new user's
"not monkeys") needs Shift+R, which the hint never named. It names both, and both stay in view
in the panel's first-start width (340 px), where the least needed part gives way first."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import click_photo, open_window, settle, shown_names
from tests.switch_helpers import synthetic_library


def test_the_hint_names_r_and_shift_r_in_a_340_px_panel(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 4)
    window = open_window(qtbot, None, tmp_path)
    click_photo(qtbot, window, shown_names(window)[0])
    hint = window.details.key_hint
    assert hint.isVisible()
    qtbot.waitUntil(lambda: window.details_dock.width() == 340)
    settle(qtbot, window)
    shown = hint.text()
    assert "R reject" in shown and "Shift+R" in shown, shown
    assert "…" not in shown, shown
    assert shown.startswith("A accept · R reject · Shift+R reject any tag"), shown
    if "J/K" not in shown:  # left out to fit: the tooltip reads whole
        assert "J/K next/previous tag" in hint.toolTip()
