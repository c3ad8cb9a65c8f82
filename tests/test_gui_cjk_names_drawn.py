"""A phone's album named '東京 2024' or a file '서울_가족.jpg' showed as rows of empty boxes in the
folder list, the grid's captions and the tags: the fonts `make run` and `make test` install
(DejaVu, Noto Color Emoji) have no Chinese, Japanese or Korean glyphs, and Qt's fallback had nothing
to fall back on. The Makefile now installs a CJK font (WenQuanYi Micro Hei, 1.6 MB) with Qt's
other system packages, and the names are drawn with real glyphs."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextLayout
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

NAMES = ["東京 2024", "とうきょう_0012.jpg", "서울_가족.jpg", "北京烤鸭.heic"]


@pytest.mark.parametrize("name", NAMES)
def test_cjk_names_are_drawn_with_glyphs_not_boxes(qtbot: QtBot, name: str) -> None:
    layout = QTextLayout(name, QApplication.font())
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    runs = layout.glyphRuns()
    assert runs
    missing = []
    for run in runs:
        font = run.rawFont()
        # Glyph 0 is a font's "missing glyph" box: what the user saw for each character.
        missing += [font.familyName() for index in run.glyphIndexes() if index == 0]
    assert not missing, f"{name!r}: {len(missing)} characters drawn as boxes ({set(missing)})"
