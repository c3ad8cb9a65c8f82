"""Review-queue and change-preview thumbnails are icons of one size whatever the photo's shape,
so a caption never moves when its thumbnail arrives (under X11 the old caption stayed painted:
every confidence showed twice); the tag box shows the tag whose queue is shown."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage

from phototagger.gui.retrain_review import ICON
from phototagger.gui.square_icon import square_icon
from tests.gui_helpers import open_window, prescanned, settle


def test_a_landscape_thumbnail_fills_a_square_icon_from_the_bottom(qapp) -> None:  # noqa: ARG001
    image = QImage(200, 100, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    pixmap = square_icon(image, ICON).pixmap(QSize(ICON, ICON))
    assert (pixmap.width(), pixmap.height()) == (ICON, ICON)
    picture = pixmap.toImage()
    assert picture.pixelColor(ICON // 2, 2).alpha() == 0  # above the photo: transparent
    assert picture.pixelColor(ICON // 2, ICON - 2).red() > 200  # the photo rests on the bottom
    assert picture.pixelColor(ICON // 2, ICON - 2).alpha() == 255


def test_review_icons_keep_their_size_and_the_tag_box_says_the_tag(
    qtbot, engine, tmp_path: Path
) -> None:
    prescanned(tmp_path / "pics", engine)
    window = open_window(qtbot, engine, tmp_path)
    window.retrain.show_page("review")
    page = window.retrain.review_page
    page.load("cat")
    settle(qtbot, window)
    assert page.tag_box.currentText() == "cat"
    assert page.list.count() == 4

    def thumbnails_in() -> None:
        for row in range(page.list.count()):
            icon = page.list.item(row).icon()
            image = icon.pixmap(QSize(ICON, ICON)).toImage()
            assert image.pixelColor(ICON // 2, ICON - 2).alpha() == 255  # a photo, not blank
            assert icon.availableSizes() == [QSize(ICON, ICON)]

    qtbot.waitUntil(thumbnails_in, timeout=20_000)
