"""The Versions page at the dock's width: each version's name and which one is active stay
readable however long the other columns' text is, and that text is in the cells' tooltips."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QTableWidgetItem
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.model.activation import activate_version
from phototagger.gui.main_window import MainWindow
from phototagger.gui.retrain_versions import VersionsPage
from phototagger.ml.heads import load_default_head
from phototagger.ml.registry import ModelVersions
from phototagger.ml.trained_head import from_default
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library

SUMMARY = (
    "mean F1 0.86 -> 1.00, AP 1.00 -> 1.00 on 1 tag; learned monkeys, reptiles, kitchenware; "
    "monkeys would be on 150 photos, more than its labels suggest (at most ~90: 10 yes / 30 no)"
)


def _save_version(version: str) -> None:
    """A saved version with a long record, as several rounds of training leave one."""
    default = load_default_head()
    base = from_default(default, np.zeros(1280, np.float32), np.ones(1280, np.float32))
    head = dataclasses.replace(base, version=version)
    learned = {
        tag: {"how": "corrected", "label": "the default tagger, corrected by your decisions"}
        for tag in ("bird", "boat", "food", "fruit", "vegetable", "drink")
    }
    learned["monkeys"] = {"how": "concept", "label": "like WordNet 'monkey' + your examples"}
    ModelVersions(default_home().model_versions).save(
        head,
        {
            "parent": "v1",
            "created_at": "2026-01-01T00:00:00",
            "summary": SUMMARY,
            "learned": learned,
        },
    )


def test_the_active_version_stays_readable(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 10)
    window = open_window(qtbot, None, tmp_path)
    window._show_retrain("versions")  # open while only v1 exists, as after a first start
    page = window.retrain.versions_page
    settle(qtbot, window)
    _save_version("v2")  # trained and applied meanwhile
    activate_version(window.library, "v2")
    page.reload()
    settle(qtbot, window)
    table = page.table

    def item(row: int, column: int) -> QTableWidgetItem:
        found = table.item(row, column)
        assert found is not None
        return found

    rows = {item(r, 0).text(): r for r in range(table.rowCount())}
    assert set(rows) == {"v1", "v2 ●"}
    name = item(rows["v2 ●"], 0)
    needed = QFontMetrics(name.font()).horizontalAdvance(name.text())
    assert table.columnWidth(0) >= needed  # not "v2 ● …"
    # The tags it learned in the cell; its comparison with its parent in the tooltip.
    assert item(rows["v2 ●"], 3).text() == "monkeys, reptiles, kitchenware"
    tip = item(rows["v2 ●"], 3).toolTip()
    # Stored out of 1.00 ("0.86 -> 1.00"), shown as the Train page gives scores: out of 100.
    assert (
        "On 1 tag, out of 100: match (how well its yes and no match your answers) 86 → 100, "
        "yes first (how well it puts the photos you said yes to before the others) 100 → 100" in tip
    )
    assert "1.00" not in tip and "->" not in tip


def test_each_versions_date_reads_whole(qtbot: QtBot, tmp_path: Path) -> None:
    """After a first training in the dock at its usual width, the Versions page read
    "2026-12-03 ..." for when the new version was made, "Tags" was half out of view, and the
    columns never followed the text: none was fitted. The version, its parent, its date and
    tag count now read whole in view; the long columns take what is left, cut with '…'."""
    window, page = _with_v2(qtbot, tmp_path, 1440)
    table = page.table
    assert window.retrain_dock.width() < 400  # the dock's usual width
    created = [table.item(r, 1).text() for r in range(2)]  # type: ignore[union-attr]
    assert "2026-01-01" in created
    for column in range(3):  # Version, Created, Tags
        assert table.columnWidth(column) >= table.sizeHintForColumn(column), column
        right = table.horizontalHeader().sectionViewportPosition(column) + table.columnWidth(column)
        assert right <= table.viewport().width(), column


def test_versions_say_what_v1_is_and_how_tags_were_learned(qtbot: QtBot, tmp_path: Path) -> None:
    """v1's summary read "ImageNet classes summed into tags" and each way of learning "like
    WordNet 'monkey' + …": words a photographer does not read. v1 is the tagger as installed,
    and a tag was learned "like 'monkey' and your examples"."""
    _window, page = _with_v2(qtbot, tmp_path)
    summaries = {
        page.table.item(r, 0).text(): page.table.item(r, 3).text()  # type: ignore[union-attr]
        for r in range(2)
    }
    assert summaries["v1 ●"] == "as installed, before learning from you"
    page.select("v1")
    assert page.details.text() == "v1 (active): built in\nAs installed, before learning from you"
    page.select("v2")
    assert "• monkeys: like “monkey” and your examples" in page.details.text()
    assert "WordNet" not in page.details.text() and "ImageNet" not in page.details.text()


def _with_v2(qtbot: QtBot, tmp_path: Path, width: int = 0) -> tuple[MainWindow, VersionsPage]:
    """The window (`width` wide, if given) on its Versions page, v1 and a saved v2 listed."""
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 10)
    window = open_window(qtbot, None, tmp_path)
    if width:
        window.resize(width, 900)
    window._show_retrain("versions")
    page = window.retrain.versions_page
    _save_version("v2")
    page.reload()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: page.table.rowCount() == 2)
    qtbot.wait(50)
    return window, page
