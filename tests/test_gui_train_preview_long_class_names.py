"""The Train page's preview captioned n02497673_Madagascar_cat.JPEG '+ n0249…cat' over
'.JPEG': the name's words cut to a fragment while a whole line went to the extension (and at
13 points '+ n02…' over 'cat.JPEG'). Where leaving the extension out shows more of the name,
it is left out, and the name's start and end both show ('+ n02497673_' over '…agascar_cat',
'+ n0249…' over '…scar_cat')."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication

from phototagger.gui.elided_label import ELLIPSIS
from phototagger.gui.retrain_changes import CAPTION_MARGIN, ICON, SMALLEST_ICON, caption_lines

# Every width a preview's cell gives its caption (its photos 72 to 96 px wide).
WIDTHS = range(SMALLEST_ICON + 16 - CAPTION_MARGIN, ICON + 16 - CAPTION_MARGIN + 1)
NAME = "n02497673_Madagascar_cat.JPEG"


@pytest.mark.parametrize("points", [None, 13])
def test_a_long_class_name_shows_its_start_and_end_not_its_extension(
    qapp: QApplication, points: int | None
) -> None:
    font = QFont(qapp.font())
    if points is not None:
        font.setPointSize(points)
    metrics = QFontMetrics(font)
    for width in WIDTHS:
        for sign in ("+ ", "✕ "):
            caption = caption_lines(sign + NAME, metrics, width)
            lines = caption.splitlines()
            assert len(lines) <= 2 and all(
                metrics.horizontalAdvance(line) <= width for line in lines
            ), (width, caption)
            assert ".JPEG" not in lines, (width, caption)  # no line spent on the extension
            read = caption[2:].replace("\n", "")
            assert read.startswith("n02"), (width, caption)  # the start
            end = read.rpartition(ELLIPSIS)[2].removesuffix(".JPEG")
            # The end: the name's last word and more of its words than 'cat' ('car_cat').
            assert len(end) >= len("car_cat") and NAME[:-5].endswith(end), (width, caption)
