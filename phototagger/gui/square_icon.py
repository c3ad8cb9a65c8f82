"""Thumbnails as icons of one fixed size, for lists in icon mode.

A list item's layout follows its icon's size. A thumbnail that arrives after the item was laid
out with a blank square (a landscape photo: 128 x 96) moves the caption up, and under X11 the
caption's old place was not repainted: every photo showed its confidence twice. A thumbnail
drawn into a transparent square of the blank's size keeps the layout still.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap


def blank_icon(side: int) -> QIcon:
    """A transparent square: the place a thumbnail will take."""
    blank = QPixmap(side, side)
    blank.fill(Qt.GlobalColor.transparent)
    return QIcon(blank)


def square_icon(image: QImage, side: int) -> QIcon:
    """`image` scaled to fit a side x side square, centred across and resting on its bottom
    edge (so captions line up under photos of any shape)."""
    scaled = image.scaled(
        side, side, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )
    square = QPixmap(side, side)
    square.fill(Qt.GlobalColor.transparent)
    painter = QPainter(square)
    try:
        x = (side - scaled.width()) // 2
        painter.drawImage(QRect(x, side - scaled.height(), scaled.width(), scaled.height()), scaled)
    finally:
        painter.end()
    return QIcon(square)
