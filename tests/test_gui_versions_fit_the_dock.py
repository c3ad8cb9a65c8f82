"""Model ▸ Versions in the dock at its usual width: its two long text columns ("Compared with its
parent", "How your tags were learned") scrolled the table sideways however they were cut, so a
version's record was half out of view behind a scroll bar. The table now fits the dock: the
version, its parent, date and tag count whole, and one Summary column taking what they leave,
wrapped and cut with '…'; a row's tooltip and the details under the table give the whole record."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QTableWidgetItem
from pytestqt.qtbot import QtBot

from tests.gui_helpers import versions_page
from tests.switch_helpers import save_version_record

HERPS = "like WordNet 'reptile' + 'amphibian' + your examples' classes and their WordNet neighbours"
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


def test_the_versions_table_fits_the_dock_without_scrolling_sideways(
    qtbot: QtBot, tmp_path: Path
) -> None:
    _save("v2", "v1", "learned herps; nothing to compare old and new on yet")
    _save("v3", "v2", SUMMARY)
    window, page = versions_page(qtbot, tmp_path, "v3", 3)
    window.resize(1440, 900)  # as on the screen the app opens on
    qtbot.waitUntil(lambda: window.width() == 1440)
    qtbot.wait(50)
    table = page.table
    assert window.retrain_dock.width() < 400  # the dock's usual width

    assert not table.horizontalScrollBar().isVisible()
    header = table.horizontalHeader()
    assert header.length() <= table.viewport().width()
    for column in range(4):  # Version, From, Created, Tags: whole
        assert table.columnWidth(column) >= table.sizeHintForColumn(column), column

    def item(row: int, column: int) -> QTableWidgetItem:
        found = table.item(row, column)
        assert found is not None
        return found

    rows = {item(r, 0).text(): r for r in range(table.rowCount())}
    v3 = rows["v3  ● active"]
    summary = item(v3, 4)
    # The tags it learned lead the narrow column, then its comparison with its parent.
    assert summary.text() == (
        "herps, people at home, animals/wild and dangerous; "
        "on 1 tag, out of 1.00: how well its yes and no match your answers 0.86 -> 1.00, how well "
        "it ranks the photos you said yes to above those you said no to 1.00 -> 1.00"
    )
    assert table.columnWidth(4) >= 8 * table.fontMetrics().averageCharWidth()  # words, not 'm…'
    tip = table._tip(summary)  # what hovering shows: the summary whole, then how tags were learned
    assert tip.startswith(summary.text()) and f"• herps: {HERPS}" in tip
    # Both made that day: the time tells them apart, the date is in the tooltip.
    assert item(v3, 2).text() == "13:24" and "2026-12-03 13:24" in item(v3, 2).toolTip()
    table.selectRow(rows["v2"])
    assert f"• herps: {HERPS}" in page.details.text()  # the selected one's record, whole


def test_the_summary_column_leads_with_the_tags_each_version_learned(
    qtbot: QtBot, tmp_path: Path
) -> None:
    # Two versions trained in one sitting: the narrow column read "learned pets; nothing t…"
    # and "learned brass; nothing…", the words that tell them apart cut or on a third line.
    _save("v2", "v1", "learned pets; nothing to compare old and new on yet")
    _save("v3", "v2", "learned brass; nothing to compare old and new on yet")
    window, page = versions_page(qtbot, tmp_path, "v3", 3)
    window.resize(1440, 900)
    qtbot.waitUntil(lambda: window.width() == 1440)
    table = page.table
    texts = {}
    for row in range(table.rowCount()):
        version, summary = table.item(row, 0), table.item(row, 4)
        assert version is not None and summary is not None
        texts[version.text().split()[0]] = summary.text()
    assert texts["v2"].startswith("pets; ")
    assert texts["v3"].startswith("brass; ")
    # The first words fit the column's first line.
    width = table.columnWidth(4)
    assert table.fontMetrics().horizontalAdvance("brass;") < width
