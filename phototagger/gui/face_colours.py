"""The colours faces are drawn in: the viewer's B boxes and the details panel's picture."""

from __future__ import annotations

from PySide6.QtGui import QColor

FACE_COLOUR = QColor(255, 200, 0)  # a face the detector found, no one named
NAMED_COLOUR = QColor(80, 190, 255)  # a face named in the file (digiKam's, Lightroom's regions)
SELECTED_COLOUR = QColor(255, 255, 255)  # the face Enter or N names (a click, Tab)
