"""The Train page's answers table listed every tag that only the photos' files' keywords give
(det-photos carry IPTC keywords: 37 rows of "needs 4 more yes" under the one tag the user
taught), and they hid it in the dock. Under the user's own tags they are now one line, "▸ 37
tags from your files' keywords", which a click (or Enter) opens and closes; a library with no
tag of the user's own lists its keywords as before."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from phototagger.core import labels
from phototagger.core.library import open_library
from phototagger.paths import default_home
from phototagger.store.connection import transaction
from phototagger.store.file_metadata import apply_file_keywords
from tests.gui_helpers import settle, train_page
from tests.switch_helpers import synthetic_library

KEYWORDS = [f"stock {i:02d}" for i in range(12)]


def _shown(table) -> list[str]:  # noqa: ANN001 - the labels table
    return [
        table.item(row, 0).text() for row in range(table.rowCount()) if not table.isRowHidden(row)
    ]


def test_keyword_only_tags_fold_under_the_users_own(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 20)
        with transaction(lib.db):
            for photo, keyword in zip(ids, KEYWORDS, strict=False):
                apply_file_keywords(lib.db, photo, [keyword], [])
        labels.apply_edits(lib.db, labels.decision_edits(ids[14:17], "grandma", "add"))
    window, page = train_page(qtbot, tmp_path)
    table = page.labels
    fold = "12 tags from your files' keywords"
    assert _shown(table) == ["grandma", f"▸ {fold}"]
    assert table.rowCount() == 2 + len(KEYWORDS)  # each still there, folded
    height = table.maximumHeight()
    # A click opens the fold: every keyword's row under it, the table taller.
    table.setCurrentCell(1, 0)
    rect = table.visualRect(table.model().index(1, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    settle(qtbot, window)
    assert _shown(table) == ["grandma", f"▾ {fold}", *KEYWORDS]
    assert table.maximumHeight() > height
    # It stays open as the page is read again (after an answer), and Enter closes it.
    page.reload()
    settle(qtbot, window)
    assert _shown(table)[1] == f"▾ {fold}" and len(_shown(table)) == 2 + len(KEYWORDS)
    table.setFocus()
    table.setCurrentCell(1, 0)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert _shown(table) == ["grandma", f"▸ {fold}"]
    assert table.maximumHeight() == height


def test_keywords_alone_are_not_folded(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 12)
        with transaction(lib.db):
            for photo, keyword in zip(ids, KEYWORDS[:3], strict=False):
                apply_file_keywords(lib.db, photo, [keyword], [])
    _window, page = train_page(qtbot, tmp_path)
    assert sorted(_shown(page.labels)) == KEYWORDS[:3]
