"""walk48: at a 13-point font (an 856 x 600 window, the Train page after training a new tag
'gig') the preview of the photos a version adds read "+ n....jpg", "+ n…ha…", "+ …555…": each
caption is cut onto two lines for its cell (caption_lines), but the cell kept 36 px for them
whatever the font, and two lines of 13 points take 40: Qt showed one, cut again. The cell now
has room for the caption's two lines at the font in use."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.retrain import TrainingResult
from phototagger.core.version_diff import TagChange
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.store_helpers import DET, add_photo

pytestmark = pytest.mark.skipif(not DET.is_dir(), reason="needs /work/shared/data/det-photos")

NAMES = [
    "n03494278_30771_harmonica",
    "n03495258_16334_harp",
    "n03720891_5553_maraca",
    "n03838899_31925_oboe",
    "n03928116_17073_piano",
    "n04487394_23210_trombone",
]


@pytest.fixture(params=[None, 13])
def font_points(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[int | None]:
    before = qapp.font()
    if request.param is not None:
        font = qapp.font()
        font.setPointSize(request.param)
        qapp.setFont(font)
    yield request.param
    qapp.setFont(before)


def test_each_caption_has_room_for_its_two_lines(
    font_points: int | None, qtbot: QtBot, tmp_path: Path
) -> None:
    pics = tmp_path / "pics"
    pics.mkdir()
    with open_library(default_home()) as lib:
        ids = [
            add_photo(lib.db, str(shutil.copy(DET / f"{name}.jpg", pics / f"{name}.jpg")))
            for name in NAMES
        ]
    window = open_window(qtbot, None, tmp_path)
    window.resize(856, 600)
    window._show_retrain("train")
    settle(qtbot, window)
    page = window.retrain.train_page
    changes = [TagChange("gig", 10, 16, added=6, removed=0, added_ids=ids, removed_ids=[])]
    page.show_result(TrainingResult("v2", "v1", [], True, "learned gig", {}, 1.0, changes))
    preview = page.changes.preview
    qtbot.waitUntil(lambda: preview.count() == len(NAMES))
    settle(qtbot, window)
    delegate = preview.itemDelegate()
    cell = preview.gridSize().height()
    two_lines = 0
    for row in range(preview.count()):
        item = preview.item(row)
        two_lines += "\n" in item.text()
        option = QStyleOptionViewItem()
        option.initFrom(preview)
        option.decorationSize = preview.iconSize()
        option.decorationPosition = QStyleOptionViewItem.Position.Top
        option.displayAlignment = Qt.AlignmentFlag.AlignHCenter
        option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        needed = delegate.sizeHint(option, preview.model().index(row, 0)).height()
        assert needed <= cell, (font_points, item.text(), needed, cell)
    assert two_lines, "the names are expected to take two lines in the dock's width"
    window.close()
