"""The Model dock's page and the Review page's tag were not remembered across a restart, where
the filter, the current photo and the window are: Versions came back as Train, and the tag
under review as an empty box. Both now come back, the tag's queue read again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui.main_window import MainWindow
from phototagger.gui.reader import LibraryReader
from phototagger.paths import default_home
from tests.gui_helpers import open_window, prescanned, settle
from tests.switch_helpers import synthetic_library


def _reopen(qtbot: QtBot, window: MainWindow, tmp_path: Path, engine: Any = None) -> MainWindow:
    window.close()
    again = open_window(qtbot, engine, tmp_path)
    settle(qtbot, again)
    return again


def test_the_model_docks_page_comes_back(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 10)
    window = open_window(qtbot, None, tmp_path)
    assert window.retrain.currentWidget() is window.retrain.train_page  # a first start
    window._show_retrain("versions")
    settle(qtbot, window)
    window = _reopen(qtbot, window, tmp_path)
    assert window.retrain.currentWidget() is window.retrain.versions_page
    window._show_retrain("train")
    window = _reopen(qtbot, window, tmp_path)
    assert window.retrain.currentWidget() is window.retrain.train_page


def test_the_tag_under_review_comes_back(qtbot: QtBot, engine: Any, tmp_path: Path) -> None:
    prescanned(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    window._show_retrain("review")
    page = window.retrain.review_page
    page.load("cat")
    settle(qtbot, window)
    assert len(page.items) == 4
    window = _reopen(qtbot, window, tmp_path, engine)
    page = window.retrain.review_page
    assert window.retrain.currentWidget() is page
    qtbot.waitUntil(lambda: len(page.items) == 4)  # its queue, read again
    assert page.tag == "cat" and page.tag_box.currentText() == "cat"
    # Left on another page, the tag waits for the Review page to show.
    window._show_retrain("train")
    window = _reopen(qtbot, window, tmp_path, engine)
    assert window.retrain.currentWidget() is window.retrain.train_page
    assert window.retrain.review_page.tag == ""
    window._show_retrain("review")
    page = window.retrain.review_page
    qtbot.waitUntil(lambda: len(page.items) == 4)
    assert page.tag == "cat"


def test_the_window_reads_its_photos_before_the_review_queue(
    qtbot: QtBot, engine: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Closed on the Review page, the window read the tag's queue as it was made: the queue (the
    model's scores of every photo, the model loaded for them) went first on the reader, and the
    window's photo counts and sidebar waited behind it. The window reads the library first now,
    the tag's name in the box meanwhile, and the queue after."""
    prescanned(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    window._show_retrain("review")
    window.retrain.review_page.load("cat")
    settle(qtbot, window)
    window.close()
    asked: list[str] = []
    submit = LibraryReader.submit

    def noted(reader: LibraryReader, channel: str, *args: Any, **kwargs: Any) -> None:
        asked.append(channel)
        submit(reader, channel, *args, **kwargs)

    monkeypatch.setattr(LibraryReader, "submit", noted)
    shown: list[tuple[str, str]] = []

    def made(again: MainWindow) -> None:  # before it has read anything
        page = again.retrain.review_page
        shown.append((page.tag_box.currentText(), page.question.text()))

    again = open_window(qtbot, engine, tmp_path, made)
    page = again.retrain.review_page
    qtbot.waitUntil(lambda: len(page.items) == 4)
    assert "review" in asked and asked.index("overview") < asked.index("review"), asked
    assert shown == [("cat", "Finding the photos the model is least sure are “cat”…")]
