"""Paints one grid cell: the thumbnail fitted in a square, the file name and the photo's tags."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from phototagger.core.decoders import MediaKind, kind_of
from phototagger.core.media import MediaRow
from phototagger.core.names import readable
from phototagger.core.photos_view import Photo, PhotoTag
from phototagger.core.states import PhotoStatus
from phototagger.core.tag_admin import shown_name
from phototagger.core.wording import WAITING
from phototagger.gui.elided_label import elide_file_name
from phototagger.gui.grid_model import LikenessBadge, PhotoGridModel

MARGIN = 6
_Index = QModelIndex | QPersistentModelIndex


class PhotoDelegate(QStyledItemDelegate):
    def __init__(self, side: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._side = side
        self.cell_width = 0  # set by the view: columns share the viewport's width
        self._small = QFont()
        self._small.setPointSizeF(max(6.0, self._small.pointSizeF() * 0.85))

    @property
    def side(self) -> int:
        return self._side

    def set_side(self, side: int) -> None:
        self._side = side

    def cell_size(self, font: QFont) -> QSize:
        lines = QFontMetrics(font).height() + QFontMetrics(self._small).height()
        return QSize(self._side + 2 * MARGIN, self._side + 2 * MARGIN + lines + 2)

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        size = self.cell_size(option.font)
        size.setWidth(max(size.width(), self.cell_width))  # the whole grid cell: centred
        return size

    def shown_name(self, photo: Photo | None, metrics: QFontMetrics) -> str:
        """The file's name under its thumbnail, cut to the thumbnail's width so that copies
        ('IMG_1234 copy 2.jpg') still read apart (elide_file_name)."""
        name = readable(photo.name) if isinstance(photo, Photo) else ""
        return elide_file_name(name, metrics, self._side)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        rect: QRect = option.rect
        palette: QPalette = option.palette
        state = option.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        model = index.model()
        if not isinstance(model, PhotoGridModel):
            return
        # One call into the model, not four index.data() round trips through QVariant: this
        # runs for every visible cell on every scroll step.
        photo, tags, image, failed = model.cell(index.row())
        painter.save()
        cell = QRectF(rect).adjusted(2, 2, -2, -2)
        if state & (
            QStyle.StateFlag.State_Selected
            | QStyle.StateFlag.State_MouseOver
            | QStyle.StateFlag.State_HasFocus
        ):
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if selected:
            fill = QColor(palette.color(QPalette.ColorRole.Highlight))
            fill.setAlpha(70)
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 1.5))
            painter.setBrush(fill)
            painter.drawRoundedRect(cell, 6, 6)
        elif state & QStyle.StateFlag.State_MouseOver:
            hover = QColor(palette.color(QPalette.ColorRole.Text))
            hover.setAlpha(18)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(hover)
            painter.drawRoundedRect(cell, 6, 6)
        if state & QStyle.StateFlag.State_HasFocus:
            focus = QPen(palette.color(QPalette.ColorRole.Highlight), 1, Qt.PenStyle.DotLine)
            painter.setPen(focus)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(cell.adjusted(1, 1, -1, -1), 5, 5)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)

        left = rect.x() + (rect.width() - self._side) // 2
        square = QRect(left, rect.y() + MARGIN, self._side, self._side)
        picture = square
        if image is not None and not image.isNull():
            target = QRect(0, 0, image.width(), image.height())
            target.moveCenter(square.center())
            painter.drawImage(target, image)
            picture = target
        else:
            self._placeholder(painter, square, photo, failed, palette)
        badge = badge_text(model.media(index.row()))
        shown = image is not None and not image.isNull()
        if shown and isinstance(photo, Photo) and photo.status == PhotoStatus.PROBLEM:
            # Read once (its thumbnail and tags are kept), damaged since: said on the picture.
            badge = "cannot be read"
        if badge:
            self._badge(painter, square, badge, film=badge[0].isdigit())
        likeness = model.likeness_badge(index.row())
        if likeness is not None:
            self._likeness(painter, picture.intersected(square), square, likeness, palette)

        text_colour = palette.color(QPalette.ColorRole.Text)
        metrics = QFontMetrics(option.font)
        name_rect = QRect(left, square.bottom() + 3, self._side, metrics.height())
        painter.setPen(text_colour)
        painter.setFont(option.font)
        painter.drawText(name_rect, Qt.AlignmentFlag.AlignHCenter, self.shown_name(photo, metrics))
        small = QFontMetrics(self._small)
        tag_rect = QRect(name_rect.x(), name_rect.bottom() + 1, self._side, small.height())
        muted = QColor(text_colour)
        muted.setAlpha(150)
        painter.setPen(muted)
        painter.setFont(self._small)
        painter.drawText(
            tag_rect,
            Qt.AlignmentFlag.AlignHCenter,
            small.elidedText(tag_line(tags), Qt.TextElideMode.ElideRight, self._side),
        )
        painter.restore()

    def _badge(self, painter: QPainter, square: QRect, text: str, *, film: bool) -> None:
        """A dark label in the thumbnail's lower left: a film strip and duration for clips."""
        metrics = QFontMetrics(self._small)
        hole = 3
        strip = 2 * hole + 4 if film else 0
        width = metrics.horizontalAdvance(text) + 10 + strip
        box = QRect(
            square.left() + 4, square.bottom() - metrics.height() - 8, width, metrics.height() + 4
        )
        painter.fillRect(box, QColor(0, 0, 0, 170))
        if film:
            # Sprocket holes down the badge's left edge: the film-strip sign of a clip.
            painter.fillRect(QRect(box.left(), box.top(), strip, box.height()), QColor(30, 30, 30))
            for y in range(box.top() + 2, box.bottom() - hole + 1, hole + 2):
                painter.fillRect(QRect(box.left() + 2, y, hole, hole), QColor(235, 235, 235))
                painter.fillRect(
                    QRect(box.left() + strip - hole - 2, y, hole, hole), QColor(235, 235, 235)
                )
        painter.setPen(QColor(255, 255, 255))
        painter.setFont(self._small)
        painter.drawText(box.adjusted(strip + 5, 0, -5, 0), Qt.AlignmentFlag.AlignVCenter, text)

    def _likeness(
        self,
        painter: QPainter,
        picture: QRect,
        square: QRect,
        badge: LikenessBadge,
        palette: QPalette,
    ) -> None:
        """How alike, in the picture's upper right: "Very similar · 78 %" (or "78 %" where the
        words do not fit the thumbnail's square; beyond a narrow picture's edge where they
        fit the square) over a bar filled as far, or "This photo" (in the highlight colour) on
        the photo the others are compared with."""
        metrics = QFontMetrics(self._small)
        bar = 3
        text = badge.long
        if metrics.horizontalAdvance(text) + 12 > square.width() - 6:
            text = badge.short
        width = metrics.horizontalAdvance(text) + 12
        left = max(square.left() + 3, picture.right() - width - 3)
        box = QRect(left, picture.top() + 4, width, metrics.height() + 4 + bar)
        percent = badge.percent
        accent = palette.color(QPalette.ColorRole.Highlight)
        painter.fillRect(box, QColor(0, 0, 0, 180) if percent is not None else accent)
        if percent is not None:
            meter = QRect(box.left() + 3, box.bottom() - bar, box.width() - 6, bar - 1)
            painter.fillRect(meter, QColor(255, 255, 255, 60))
            painter.fillRect(
                QRect(meter.left(), meter.top(), round(meter.width() * percent / 100), bar - 1),
                QColor(accent).lighter(130),
            )
        painter.setPen(QColor(255, 255, 255))
        painter.setFont(self._small)
        painter.drawText(
            QRect(box.left(), box.top() + 1, box.width(), metrics.height() + 2),
            Qt.AlignmentFlag.AlignCenter,
            text,
        )

    def _placeholder(
        self, painter: QPainter, square: QRect, photo: Photo | None, failed: bool, palette: QPalette
    ) -> None:
        inner = square.adjusted(8, 8, -8, -8)
        painter.fillRect(
            inner,
            _mix(
                palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text), 0.08
            ),
        )
        label = placeholder_words(photo, failed)
        if label:
            muted = QColor(palette.color(QPalette.ColorRole.Text))
            muted.setAlpha(140)
            painter.setPen(muted)
            painter.setFont(self._small)
            painter.drawText(inner, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, label)


def placeholder_words(photo: Photo | None, failed: bool) -> str:
    """What a tile with no picture yet says: why it has none, where it is known."""
    if not isinstance(photo, Photo):
        return ""
    if photo.status == PhotoStatus.PENDING:
        # Its picture comes with its tags, from one decode: in the words the header, the
        # status bar and the details panel say it (they said it three ways).
        return WAITING
    return "cannot be read" if photo.status == PhotoStatus.PROBLEM or failed else ""


def _mix(base: QColor, ink: QColor, share: float) -> QColor:
    """An opaque tint of `base` towards `ink`: a solid fill paints far faster than a
    translucent one, and a placeholder is painted for every cell still loading."""
    return QColor(
        round(base.red() + (ink.red() - base.red()) * share),
        round(base.green() + (ink.green() - base.green()) * share),
        round(base.blue() + (ink.blue() - base.blue()) * share),
    )


def badge_text(media: MediaRow | None) -> str:
    """ "0:07" for a clip, "RAW" for a RAW, "RAW+JPEG" or "LIVE" for a photo with companions."""
    if media is None:
        return ""
    if media.kind == "clip":
        seconds = round(media.duration or 0)
        return f"{seconds // 60}:{seconds % 60:02d}"
    if media.kind == "raw":
        return "RAW"
    kinds = {kind_of(name) for name in media.companions}
    if MediaKind.RAW in kinds:
        return "RAW+" + (media.format or "JPEG").replace("HEIF", "HEIC")
    if MediaKind.CLIP in kinds:
        return "LIVE"
    return ""


def tag_line(tags: list[PhotoTag]) -> str:
    """The line under a thumbnail: each tag by its last level, as digiKam shows them ('Grandma ·
    Garden', not 'Family/Grandma · Places/Gar…'); the tooltip and details panel name them whole.
    The user's own tags first, then the model's by confidence, as the details panel lists them
    (catalog.tag_order: the grid model orders them so)."""
    leaves = dict.fromkeys(shown_name(t.name.rsplit("/", 1)[-1]) for t in tags)
    return " · ".join(leaves)
