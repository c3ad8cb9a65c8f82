"""The Model dock's page and the Review page's tag were not remembered across a restart, where
the filter, the current photo and the window are: Versions came back as Train, and the tag
under review as an empty box. Both now come back, the tag's queue read again."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.gui import main_window
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


def _closed_on_review(qtbot: QtBot, engine: Any, tmp_path: Path) -> None:
    """The four photos scanned, and the window closed on the Review page's queue for 'cat'."""
    prescanned(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    window._show_retrain("review")
    window.retrain.review_page.load("cat")
    settle(qtbot, window)
    window.close()


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
    _closed_on_review(qtbot, engine, tmp_path)
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


def test_a_failed_first_read_is_said_on_the_review_page_with_try_again(
    qtbot: QtBot, engine: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Closed on the Review page, the window reads the tag's queue once it has read the library
    (99d642a). When that first read failed, the page said "Finding the photos the model is least
    sure are “cat”…" until a later read went through, and nothing brought one. It now says
    what went wrong, with Try Again; the tag is kept if the window is closed meanwhile.

    The failure is SQLite's own error, raised by the window's first reads of the library's
    overview (the real query once the test lets it through)."""
    _closed_on_review(qtbot, engine, tmp_path)
    real = main_window.overview
    broken = [True]  # the disk fails until the test says

    def overview(db: Any) -> Any:
        if broken[0]:
            raise sqlite3.OperationalError("disk I/O error")
        return real(db)

    monkeypatch.setattr(main_window, "overview", overview)
    said = (
        "The library could not be read, so the photos to review for “cat” are not found yet: "
        "Disk I/O error"
    )
    for _start in range(2):  # closed while it waits, it comes back on the tag, and says so
        window = open_window(qtbot, engine, tmp_path)
        page = window.retrain.review_page
        qtbot.waitUntil(lambda: page.question.text() == said)  # noqa: B023 (this start's page)
        assert page.tag_box.currentText() == "cat" and page.try_again.isVisible()
        assert window.status.currentMessage() == "Query failed: disk I/O error"
        assert page.items == []
        if _start == 0:
            window.close()

    broken[0] = False  # the disk is back: Try Again reads the library, then the queue
    qtbot.mouseClick(page.try_again, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(page.items) == 4)
    assert page.tag == "cat" and not page.try_again.isVisible()
    assert window.overview.photos == 4
