"""The app shows a keyword with a slash in it as the one keyword it is: 'AC/DC' in the sidebar's
tree (one entry, nothing below it; a real tree 'Places/Paris' still opens onto Paris), in the
details panel and the completion lists; searching 'AC/DC' finds its photos, and typing 'AC/DC'
into the add field gives a photo that keyword, not a new tree AC > DC. Before, the sidebar
listed 'AC' with 'DC' under it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.gui_helpers import click_photo, open_window, search_for, settle, shown_names
from tests.slash_helpers import AC_DC, tagged_and_other
from tests.store_helpers import tag_states


def _sidebar_tags(window) -> dict[str, list[str]]:
    """Each top-level tag's label in the sidebar -> its children's labels."""
    section = window.sidebar._tags
    tops = [section.child(i) for i in range(section.childCount())]
    return {t.text(0): [t.child(j).text(0) for j in range(t.childCount())] for t in tops}


def test_the_app_shows_finds_and_adds_the_keyword(qtbot: QtBot, tmp_path: Path) -> None:
    tagged, other = tagged_and_other(
        tmp_path / "gigs", "-XMP-dc:Subject=AC/DC", "-XMP-digiKam:TagsList=Places/Paris"
    )
    window = open_window(qtbot, None, tmp_path)

    sidebar = _sidebar_tags(window)
    assert sidebar["AC/DC"] == [] and sidebar["Places"] == ["Paris"]
    assert "AC" not in sidebar
    assert "AC/DC" in window.sidebar.completer.offered()

    click_photo(qtbot, window, "tagged.jpg")
    labels = {row.name_label.text() for row in window.details.tags.rows}
    assert {"AC/DC", "Places/Paris"} <= labels

    search_for(qtbot, window, "AC/DC")
    assert shown_names(window) == ["tagged.jpg"]
    window.sidebar.search.clear()
    settle(qtbot, window)

    click_photo(qtbot, window, "other.jpg")
    qtbot.keyClick(window.grid, Qt.Key.Key_T)
    field = window.details.add_field
    qtbot.keyClicks(field, "AC/DC")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert tag_states(window.db, other) == {AC_DC: "added"}
    assert _sidebar_tags(window)["AC/DC"] == []
    assert window.status.currentMessage().startswith("Added “AC/DC”")
