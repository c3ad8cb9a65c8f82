"""The search box's clear button goes when a click in the sidebar clears its words. Typed words,
then a tag, folder or Untagged clicked: the box was empty but kept its clear button, as if a
search still held, because the words were cleared with the box's signals blocked."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QToolButton

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import click_sidebar, open_window, search_for
from tests.switch_helpers import synthetic_library


def _clear_button_shown(window) -> bool:  # noqa: ANN001 - MainWindow
    buttons = window.sidebar.search.findChildren(QToolButton)
    assert buttons, "the search box has no clear button"
    return any(b.isVisible() for b in buttons)


def test_a_sidebar_click_clears_the_search_and_its_clear_button(qtbot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 20)
    window = open_window(qtbot, None, tmp_path)
    search_for(qtbot, window, "unicorn")
    search = window.sidebar.search
    qtbot.waitUntil(lambda: _clear_button_shown(window))

    click_sidebar(qtbot, window, "Untagged")

    assert search.text() == ""
    assert window.header.text().startswith("Photos with no tags")
    qtbot.waitUntil(lambda: not _clear_button_shown(window), timeout=3_000)
