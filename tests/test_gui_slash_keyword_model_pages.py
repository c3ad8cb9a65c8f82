"""The Model dock names a keyword with a slash in it ('AC/DC', 'B/W') as the grid and the details
panel do: with its '/'. The Review tab's tag box and question, the Train page's tables, result
and preview caption, and Model ▸ Versions (its summaries and how each tag was learned) showed
the library's stored lookalike slash (U+2215), and so did the grid's tooltip. A name chosen from
the Review tab's list is still the tag it names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QLabel, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from phototagger.core import labels
from phototagger.core.library import open_library
from phototagger.gui.main_window import MainWindow
from phototagger.paths import default_home
from tests.gui_helpers import JOB_TIMEOUT_MS, open_window, settle
from tests.slash_helpers import AC_DC
from tests.switch_helpers import two_taught_tags

B_W = "Bands/B\u2215W"
STORED = "\u2215"
ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)


def _texts(root: QWidget) -> list[str]:
    """Every text `root` and the widgets in it show: labels, tooltips, list entries, cells."""
    found: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        found.append(widget.toolTip())
        if isinstance(widget, QLabel):
            found.append(widget.text())
        if isinstance(widget, QComboBox):
            found += [widget.itemText(i) for i in range(widget.count())]
            found.append(widget.currentText())
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for row in range(model.rowCount(QModelIndex())):
                column = 0
                while (index := model.index(row, column)).isValid():  # a list model has one
                    found += [v for role in ROLES if isinstance(v := model.data(index, role), str)]
                    column += 1
    return found


def _name(table: QTableWidget, row: int) -> str:
    item = table.item(row, 0)
    assert item is not None
    return item.text()


def _stored_shown(root: QWidget) -> list[str]:
    return [text for text in _texts(root) if STORED in text]


def _window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    """60 synthetic photos; AC/DC and Bands/B/W taught, learned by the active version, and
    answered on more photos since; the window on them."""
    with open_library(default_home()) as lib:
        ids, _version = two_taught_tags(lib, AC_DC, B_W)
        labels.apply_edits(lib.db, labels.decision_edits(ids[40:46], AC_DC, "add"))
        labels.apply_edits(lib.db, labels.decision_edits(ids[46:50], B_W, "add"))
    window = open_window(qtbot, None, tmp_path)
    window.resize(1400, 880)
    return window


def _page(qtbot: QtBot, window: MainWindow, name: str) -> Any:
    """The Model dock's page `name` ("train", "versions"), shown and loaded."""
    window._show_retrain(name)
    page = getattr(window.retrain, f"{name}_page")
    page.reload()
    settle(qtbot, window)
    return page


def test_the_grids_tooltip(qtbot: QtBot, tmp_path: Path) -> None:
    window = _window(qtbot, tmp_path)
    assert _stored_shown(window.grid) == []
    assert "/synthetic/000000.jpg\nTags: AC/DC, Bands/B/W" in _texts(window.grid)


def test_the_review_tab(qtbot: QtBot, tmp_path: Path) -> None:
    """The tag box lists the names as they read; one chosen is the tag it names."""
    window = _window(qtbot, tmp_path)
    window._show_retrain("review")
    review = window.retrain.review_page
    box = review.tag_box
    assert {"AC/DC", "Bands/B/W"} <= {box.itemText(i) for i in range(box.count())}
    box.activated.emit(box.findText("AC/DC"))
    settle(qtbot, window)
    assert review.tag == AC_DC and review.items
    assert box.currentText() == "AC/DC"
    assert "Does this photo show <b>AC/DC</b>?" in review.question.text()
    assert _stored_shown(window.retrain) == []


def test_the_train_page(qtbot: QtBot, tmp_path: Path) -> None:
    """The tags' answers, then a run's result and what it would change."""
    window = _window(qtbot, tmp_path)
    train = _page(qtbot, window, "train")
    assert _stored_shown(window.retrain) == []
    names = {_name(train.labels, r) for r in range(train.labels.rowCount())}
    assert {"AC/DC", "Bands/B/W"} <= names
    with qtbot.waitSignal(train.trained, timeout=JOB_TIMEOUT_MS):
        assert train.train()
    settle(qtbot, window)
    changes = train.changes
    rows = {_name(changes.table, r): r for r in range(changes.table.rowCount())}
    assert set(rows) == {"AC/DC", "Bands/B/W"}
    for name, row in rows.items():  # each row previews its own tag's photos
        changes.table.clearSelection()
        changes.table.selectRow(row)
        assert changes.caption.text().startswith(f"“{name}”: ")
    assert _stored_shown(window.retrain) == []


def test_the_versions_page(qtbot: QtBot, tmp_path: Path) -> None:
    """Each version's summary and how it learned each tag."""
    window = _window(qtbot, tmp_path)
    versions = _page(qtbot, window, "versions")
    for row in range(versions.table.rowCount()):
        versions.table.selectRow(row)
        settle(qtbot, window)
        assert _stored_shown(window.retrain) == []
    assert any("Learned AC/DC, Bands/B/W" in text for text in _texts(versions))
