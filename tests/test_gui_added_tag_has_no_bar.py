"""A tag the user added has no confidence, yet its row drew an empty grey bar, which read as
"0 %" beside the model's tags (seen in the details panel). Now nothing is drawn there; the bar
keeps its room, so every row's ✓ and ✕ stay in line."""

from __future__ import annotations

from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from phototagger.core.states import TagState
from phototagger.gui.tag_list import ConfidenceBar, TagEntry, TagRow


def _colours(qtbot: QtBot, entry: TagEntry) -> tuple[set[int], int]:
    row = TagRow(entry)
    qtbot.addWidget(row)
    row.resize(320, 40)
    row.show()
    qtbot.waitExposed(row)
    bar = row.findChild(ConfidenceBar)
    assert bar is not None
    image = bar.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    colours = {image.pixel(x, y) for x in range(image.width()) for y in range(image.height())}
    return colours, bar.mapTo(row, bar.rect().topLeft()).x()


def test_an_added_tag_draws_no_bar_and_keeps_the_buttons_in_line(qtbot: QtBot) -> None:
    added, added_x = _colours(
        qtbot, TagEntry("holiday", None, TagState.ADDED, "you added it", False, True)
    )
    model, model_x = _colours(qtbot, TagEntry("cat", 0.87, None, "model v1 · 87%", True, True))
    assert len(added) == 1  # the panel's background only
    assert len(model) > 2  # the track and the filled part
    assert added_x == model_x
