"""The viewer's bar at 13 points read "1 face; named by you: Ana Mari" (its last letter cut) and
"People (keywords)/An.." (the '…' cut to two dots) (walk50): its labels have a style sheet's
padding, which Qt counts as a frame and indents the text by half an 'x' more, so a text cut to
fit the label's contents was drawn past their end and cut again. A cut label's text now ends
inside its contents."""

from __future__ import annotations

from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from phototagger.gui.elided_label import ElidedLabel

TEXT = "1 face; named by you: Ana Maria, Bob, Carla"


def _inked_columns(label: ElidedLabel) -> tuple[int, int]:
    """The first and last columns the label's text is drawn in."""
    image = label.grab().toImage()
    white = QColor("white").rgb()
    inked = [
        x
        for x in range(image.width())
        if any(image.pixel(x, y) != white for y in range(image.height()))
    ]
    return inked[0], inked[-1]


def test_a_padded_label_cut_to_fit_ends_inside_its_contents(
    qtbot: QtBot, at_13_points: None
) -> None:
    label = ElidedLabel("")
    label.setStyleSheet("color: black; background: white; padding: 4px 10px;")
    qtbot.addWidget(label)
    label.setText(TEXT)
    label.show()
    whole = label.sizeHint().width()
    for width in (whole, whole - 40, whole - 120):
        label.setFixedWidth(width)
        qtbot.waitUntil(lambda: label.width() == label.minimumWidth())
        shown = label.text()
        assert shown == TEXT if width == whole else shown.endswith("…"), shown
        first, last = _inked_columns(label)
        contents = label.contentsRect()
        # Drawn from the contents' start (a letter's own side bearing aside), not 4-6 px in,
        # which left the text's end past the contents, cut off there.
        assert first - contents.left() <= 2, (width, first, contents)
        assert last <= contents.right(), (width, last, contents)
