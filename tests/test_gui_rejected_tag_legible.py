"""A tag the user rejected stays listed in the details panel, struck through: its name was drawn
disabled, light grey on the row's highlight (R leaves the row highlighted), and could hardly be
read ('fish' at about 1.6:1 against its background). It is now muted as its source line is, and
reads at 3:1 or more, the least WCAG asks of large or secondary text."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import click_photo, open_window, settle, shown_names
from tests.switch_helpers import synthetic_library


def _luminance(colour: QColor) -> float:
    def part(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * part(colour.redF())
        + 0.7152 * part(colour.greenF())
        + 0.0722 * part(colour.blueF())
    )


def _contrast(image: QImage) -> float:
    """The darkest pixel of `image` against its commonest one (the background)."""
    counts: dict[int, int] = {}
    for y in range(image.height()):
        for x in range(image.width()):
            rgb = image.pixel(x, y)
            counts[rgb] = counts.get(rgb, 0) + 1
    background = _luminance(QColor(max(counts, key=lambda c: counts[c])))
    darkest = min(_luminance(QColor(c)) for c in counts)
    return (background + 0.05) / (darkest + 0.05)


def test_a_rejected_tag_name_can_be_read(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 4)
    window = open_window(qtbot, None, tmp_path)
    click_photo(qtbot, window, shown_names(window)[0])
    first = "goldfish"
    window.decide(window.chosen_photo_ids(), first, "reject")  # as Reject a Tag… does
    settle(qtbot, window)
    qtbot.keyClick(window.grid, Qt.Key.Key_J)  # the user goes to it: the row highlighted
    settle(qtbot, window)
    row = next(r for r in window.details.tags.rows if r.entry.name == first)
    assert row.entry.state == "rejected" and row.name_label.font().strikeOut()
    assert window.details.tags.highlighted is not None
    assert window.details.tags.highlighted.name == first
    qtbot.waitUntil(lambda: row.name_label.width() > 0)
    label = row.name_label
    # As the window shows it: the row's highlight over the panel's background.
    name = window.grab(QRect(label.mapTo(window, QPoint(0, 0)), label.size())).toImage()
    assert _contrast(name) >= 3.0
