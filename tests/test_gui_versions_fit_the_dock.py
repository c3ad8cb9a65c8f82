"""Model ▸ Versions in the dock at its usual width: its two long text columns ("Compared with its
parent", "How your tags were learned") scrolled the table sideways however they were cut, so a
version's record was half out of view behind a scroll bar. The table now fits the dock: the
version, its parent, date and tag count whole, and one Summary column taking what they leave,
wrapped and cut with '…'; a row's tooltip and the details under the table give the whole record."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyle, QTableWidgetItem
from pytestqt.qtbot import QtBot

from phototagger.gui.retrain_versions import VersionsPage
from tests.gui_helpers import versions_page
from tests.switch_helpers import save_version_record

HERPS = "like WordNet 'reptile' + 'amphibian' + your examples' classes and their WordNet neighbours"
HERPS_SAID = "like “reptile”, “amphibian” and your examples"  # plain words, the app's quotes
SUMMARY = (
    "mean F1 0.86 -> 1.00, AP 1.00 -> 1.00 on 1 tag; learned herps, people at home, "
    "animals/wild and dangerous"
)


def _save(version: str, parent: str, summary: str) -> None:
    learned = {
        "herps": {"how": "concept", "label": HERPS},
        "people at home": {"how": "examples", "label": "from your examples"},
    }
    save_version_record(
        version,
        {
            "parent": parent,
            "created_at": "2026-12-03T13:24:11",
            "summary": summary,
            "learned": learned,
        },
    )


def _at_usual_width(qtbot: QtBot, tmp_path: Path, active: str) -> VersionsPage:
    """The Versions page of the three versions saved, `active` made active, in the dock at the
    width it has on the screen the app opens on."""
    window, page = versions_page(qtbot, tmp_path, active, 3)
    window.resize(1440, 900)
    qtbot.waitUntil(lambda: window.width() == 1440)
    qtbot.wait(50)
    assert window.retrain_dock.width() < 400  # the dock's usual width
    return page


def test_the_versions_table_fits_the_dock_without_scrolling_sideways(
    qtbot: QtBot, tmp_path: Path
) -> None:
    _save("v2", "v1", "learned herps; nothing to compare old and new on yet")
    _save("v3", "v2", SUMMARY)
    page = _at_usual_width(qtbot, tmp_path, "v3")
    table = page.table

    assert not table.horizontalScrollBar().isVisible()
    header = table.horizontalHeader()
    assert header.length() <= table.viewport().width()
    for column in range(3):  # Version, Created, Tags: whole
        assert table.columnWidth(column) >= table.sizeHintForColumn(column), column

    def item(row: int, column: int) -> QTableWidgetItem:
        found = table.item(row, column)
        assert found is not None
        return found

    rows = {item(r, 0).text(): r for r in range(table.rowCount())}
    v3 = rows["v3 ●"]
    summary = item(v3, 3)
    # The tags it learned; its comparison with its parent is in the tooltip and details.
    assert summary.text() == "herps, people at home, animals/wild and dangerous"
    assert table.columnWidth(3) >= 8 * table.fontMetrics().averageCharWidth()  # words, not 'm…'
    tip = table._tip(summary)  # what hovering shows: the whole record, how tags were learned
    assert "how well its yes and no match your answers) 86 → 100" in tip
    assert f"• herps: {HERPS_SAID}" in tip
    # Both made that day: the time tells them apart, the date is in the tooltip.
    assert item(v3, 1).text() == "13:24" and "2026-12-03 13:24" in item(v3, 1).toolTip()
    table.selectRow(rows["v2"])
    assert f"• herps: {HERPS_SAID}" in page.details.text()  # the selected one's record, whole


def test_the_summary_column_leads_with_the_tags_each_version_learned(
    qtbot: QtBot, tmp_path: Path
) -> None:
    # Two versions trained in one sitting: the narrow column read "learned pets; nothing t…"
    # and "learned brass; nothing…", the words that tell them apart cut or on a third line.
    _save("v2", "v1", "learned pets; nothing to compare old and new on yet")
    _save("v3", "v2", "learned brass; nothing to compare old and new on yet")
    table = _at_usual_width(qtbot, tmp_path, "v3").table
    texts = {}
    for row in range(table.rowCount()):
        version, summary = table.item(row, 0), table.item(row, 3)
        assert version is not None and summary is not None
        texts[version.text().split()[0]] = summary.text()
    assert texts["v2"] == "pets"
    assert texts["v3"] == "brass"
    # The first words fit the column's first line.
    width = table.columnWidth(3)
    assert table.fontMetrics().horizontalAdvance("brass;") < width


COMPARED = "mean F1 0.86 -> 1.00, AP 1.00 -> 1.00 on 1 tag"


def test_each_versions_summary_reads_whole_at_the_docks_usual_width(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """The Version, From, Created and Tags columns left the Summary 77 px, and each version's
    point was cut even on three lines ("ImageNet classes summe…", "monkeys; never made …"): a
    photographer could not tell the versions apart without hovering. Each row's summary now
    reads whole in its cell, measured as Qt lays it out."""
    learned = {"monkeys": {"how": "examples", "label": "from your examples"}}
    save_version_record(
        "v2",
        {
            "parent": "v1",
            "created_at": "2026-12-03T22:10:05",
            "summary": f"learned monkeys, reptiles, kitchenware; {COMPARED}",
            "learned": learned,
        },
    )
    save_version_record(  # retrained on the same tag: only a comparison to go by
        "v3",
        {"parent": "v2", "created_at": "2026-12-03T22:40:05", "summary": COMPARED},
    )
    table = _at_usual_width(qtbot, tmp_path, "v2").table
    assert not table.horizontalScrollBar().isVisible()
    style = table.style()
    margins = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1)
    column = table.columnCount() - 1
    assert table.horizontalHeaderItem(column).text() == "Summary"  # type: ignore[union-attr]
    room = table.columnWidth(column) - margins
    for row in range(table.rowCount()):
        item = table.item(row, column)
        assert item is not None and item.text() not in ("", "—")
        box = QFontMetrics(item.font()).boundingRect(
            QRect(0, 0, room, 1 << 20), Qt.TextFlag.TextWordWrap, item.text()
        )
        version = table.item(row, 0).text()  # type: ignore[union-attr]
        assert box.width() <= room, (version, item.text())  # no word cut at the edge
        # Every line of it in the row: none left under a '…'.
        assert box.height() <= table.visualItemRect(item).height(), (version, item.text())
