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
from phototagger.gui.elided_label import ELLIPSIS
from phototagger.gui.main_window import MainWindow
from phototagger.gui.retrain_changes import _PATH, CAPTION_MARGIN, PreviewGrid
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


def _gig_preview(qtbot: QtBot, tmp_path: Path) -> tuple[MainWindow, PreviewGrid]:
    """The Train page in an 856 x 600 window after a run that tags NAMES 'gig': the window
    and its preview of those photos."""
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
    return window, preview


def test_each_caption_has_room_for_its_two_lines(
    font_points: int | None, qtbot: QtBot, tmp_path: Path
) -> None:
    window, preview = _gig_preview(qtbot, tmp_path)
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


def test_each_caption_shows_as_much_of_its_name_as_fits(
    at_13_points: None, qtbot: QtBot, tmp_path: Path
) -> None:
    """walk48, after the cells had room for two lines: in the dock's 80-px cells at 13 points
    a name whose end ('harmonica.jpg') fits no line read "+ n….jpg", and "+ …a.jpg" (one
    letter of it): each caption now takes its two lines, its photo's number's end on the first
    and the name's end on the second ("+ …0771" over "…ica.jpg")."""
    window, preview = _gig_preview(qtbot, tmp_path)
    metrics = preview.fontMetrics()
    width = preview.gridSize().width() - CAPTION_MARGIN
    shown = {}
    for row in range(preview.count()):
        text = preview.item(row).text()
        name = Path(str(preview.item(row).data(_PATH))).stem
        shown[name] = text
        lines = text.split("\n")
        assert len(lines) == 2, (name, text, width)
        assert all(metrics.horizontalAdvance(line) <= width for line in lines), (text, width)
        assert name.endswith(lines[1].lstrip(ELLIPSIS).removesuffix(".jpg")), text
        letters = text[2:].replace("\n", "").replace(ELLIPSIS, "")
        assert len(letters) >= 8, (name, text)  # "+ n….jpg": 5
    # The photo told from its kind's others by its number's end, where its name's end is too
    # long for a line ('harmonica.jpg'); one whose end fits keeps it ("+ n…harp" over ".jpg").
    first, second = shown["n03494278_30771_harmonica"].split("\n")
    # Its extension left out for more of its name ('…rmonica', not '…ica.jpg': caption_lines).
    assert first.endswith("771") and second == f"{ELLIPSIS}rmonica", shown
    window.close()
