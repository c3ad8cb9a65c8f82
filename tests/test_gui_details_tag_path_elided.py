"""A tag's name cut to the details panel's width keeps its last level readable. Cut in the
middle, a keyword tree kept apart from the face detector's tag ('People (keywords)/Anna') read
"People (…ds)/Anna", and 'Places/France/Paris/Louvre' "Places/Fr…is/Louvre": the parent cut into
a word that is none. Now the levels above the last give way first, by whole levels, then the
first level cut at its end ('People (k…/Anna'); the full name is in the tooltip."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import click_photo, open_window, settle, shown_names
from tests.switch_helpers import synthetic_library

KEPT_APART = "People (keywords)/Anna"
DEEP = "Places/France/Paris/Louvre"
FLAT = "Soldier military army recruit enlisted war fatigues uniform troop hat"


def _readable(shown: str, full: str) -> bool:
    """Whether each level shown is one of the name's levels whole, the levels left out ('…'),
    or its first level's beginning and '…'; and its last level is there whole."""
    levels, parts = full.split("/"), shown.split("/")
    first, *middle, last = parts
    return (
        last == levels[-1]
        and (first in levels[:1] or (first.endswith("…") and levels[0].startswith(first[:-1])))
        and all(p == "…" or p in levels[1:-1] for p in middle)
    )


def test_the_last_level_of_a_long_tag_stays_readable(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 2)
    window = open_window(qtbot, None, tmp_path)
    window.resize(1280, 800)
    click_photo(qtbot, window, shown_names(window)[0])
    for tag in (KEPT_APART, DEEP, FLAT):
        window.decide(window.details.photo_ids, tag, "add")
    settle(qtbot, window)
    # The panel narrowed as far as the user can drag it: every name has to give way.
    window.resizeDocks([window.details_dock], [200], Qt.Orientation.Horizontal)
    rows = {r.entry.name: r.name_label for r in window.details.tags.rows}
    qtbot.waitUntil(lambda: all("…" in rows[t].text() for t in (KEPT_APART, DEEP, FLAT)))
    for tag in (KEPT_APART, DEEP):
        label = rows[tag]
        assert _readable(label.text(), tag), label.text()
        assert label.toolTip() == tag
        assert label.fontMetrics().horizontalAdvance(label.text()) <= label.contentsRect().width()
    assert rows[KEPT_APART].text().endswith("/Anna")
    assert rows[KEPT_APART].text().startswith("People (")
    assert rows[DEEP].text().startswith("Places/…/")
    # One level: cut in the middle as before, both ends in view.
    flat = rows[FLAT].text()
    assert flat.startswith("Soldier") and flat.endswith("hat")

    # Wide enough again, the names are whole.
    window.resizeDocks([window.details_dock], [700], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: rows[KEPT_APART].text() == KEPT_APART)
    assert rows[KEPT_APART].toolTip() == ""
