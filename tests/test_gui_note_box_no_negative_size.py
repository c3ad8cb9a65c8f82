"""walk52: during a scan in the app Qt said "QWidget::setMinimumSize: (/NoteBox) Negative sizes
(0,-1) are not possible" (and setMaximumSize the same): a NoteBox (gui/note_box.py) resized
before its label was given any words fitted its height to the label's height for the width,
which a label never given words has none of (-1). Such a box is now 0 tall until it has words."""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot

from phototagger.gui.note_box import NoteBox

NEGATIVE = "Negative sizes"


def _negative(qtlog: Any) -> list[str]:
    return [r.message for r in qtlog.records if NEGATIVE in r.message]


def test_a_note_box_resized_before_its_words_asks_no_negative_size(
    qtbot: QtBot, qtlog: Any
) -> None:
    box = NoteBox(keys=False)
    qtbot.addWidget(box)
    box.resize(300, 40)
    box.show()
    qtbot.waitExposed(box)
    box.resize(200, 40)
    qtbot.wait(20)
    assert _negative(qtlog) == []
    assert box.height() == 0  # no words: no room taken
    box.setText("Nothing likely left to find.")
    assert box.height() > 0 and _negative(qtlog) == []
