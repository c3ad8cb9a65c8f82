"""The full-size viewer: one photo fitted to the window, zoom and pan, arrow keys for the next
and previous photo of the grid, Esc to close."""

from __future__ import annotations

import html
import os

from PySide6.QtCore import QEvent, QModelIndex, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPen,
    QPixmap,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QCompleter,
    QGraphicsItem,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from phototagger.core.face_marks import (
    NAMED_HERE,
    FaceMark,
    boxless_names,
    face_marks,
    people_names,
    unnamed_in_file,
)
from phototagger.core.names import os_path, readable
from phototagger.core.people import faces_looked_for
from phototagger.core.states import TagState
from phototagger.core.tag_admin import shown_name
from phototagger.core.wording import counted
from phototagger.gui.elided_label import CaptionLabel, ElidedLabel, PartsLabel
from phototagger.gui.escape_field import EscapeField
from phototagger.gui.face_colours import FACE_COLOUR as FACE_COLOUR
from phototagger.gui.face_colours import NAMED_COLOUR as NAMED_COLOUR
from phototagger.gui.face_colours import SELECTED_COLOUR as SELECTED_COLOUR
from phototagger.gui.file_gone import SMALL_COPY
from phototagger.gui.grid_model import PhotoGridModel
from phototagger.gui.pictures import PictureLoader
from phototagger.gui.playback import play_in_system_player
from phototagger.gui.quotes import quoted
from phototagger.gui.screen_fit import resize_within_screen

ZOOM_STEP = 1.25
MAX_SIDE = 4096  # a viewer never needs more; a 100-megapixel scan would otherwise take seconds

_CONFIRMED = (TagState.ACCEPTED, TagState.ADDED)


def _keys(clip: bool) -> list[tuple[str, int]]:
    """The keys' hint, as shown, each with how much it is needed (the least needed give way
    first in a narrow window): moving and closing before zooming; Enter only for a clip."""
    keys = [
        ("← → photos", 0),
        ("+/− zoom", 3),
        ("0 fit", 4),
        ("1 actual size", 6),
        ("Enter play clip", 2),
        ("B face boxes", 7),
        ("Tab, N name a face", 8),
        ("F full screen", 5),
        ("Esc close", 1),
    ]
    return [key for key in keys if clip or not key[0].startswith("Enter")]


NO_PLAYER = "No video player on this system would open the clip"


def _backed(words: str) -> str:
    """`words` as rich text on the viewer bar's dark, legible over any picture."""
    return f'<span style="background-color: #181818;">&nbsp;{html.escape(words)}&nbsp;</span>'


class _NameField(EscapeField):
    """The face's name field: Enter names the face and goes no further (a QLineEdit passes it
    on, and the viewer's Enter would open the field again)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()


class _Canvas(QGraphicsView):
    zoomed = Signal()
    box_clicked = Signal(int)  # the index of the face box clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.item = QGraphicsPixmapItem()
        self.item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene().addItem(self.item)
        self.setBackgroundBrush(QColor(24, 24, 24))
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.fitting = True
        self.boxes: list[QGraphicsRectItem] = []
        self.names: list[QGraphicsRectItem] = []  # the name bands over named boxes
        self.selected: int | None = None  # the box drawn white: the face N names

    def mousePressEvent(self, event: QMouseEvent) -> None:
        # A click on a face box chooses that face (the smallest box under the pointer); a click
        # anywhere else drags the photo, as before.
        if event.button() == Qt.MouseButton.LeftButton and self.boxes:
            point = self.mapToScene(event.position().toPoint())
            under = [
                (item.rect().width() * item.rect().height(), i)
                for i, item in enumerate(self.boxes)
                if item.rect().contains(point)
            ]
            if under:
                self.box_clicked.emit(min(under)[1])
                event.accept()
                return
        super().mousePressEvent(event)

    def select_box(self, index: int | None) -> None:
        """Draw box `index` white and thicker (the face N names), the others as they were."""
        self.selected = index
        for i, item in enumerate(self.boxes):
            pen = item.pen()
            colour = item.data(0)
            pen.setColor(SELECTED_COLOUR if i == index else colour)
            pen.setWidthF(4 if i == index else 2)
            item.setPen(pen)

    def set_boxes(
        self, boxes: list[tuple[float, float, float, float]], names: list[str | None] | None = None
    ) -> None:
        """Outline these (x, y, w, h) boxes, given as fractions of the photo's size: yellow a
        face no one named, light blue one with a name (`names`, one per box), the name over it
        as digiKam shows it."""
        for item in [*self.boxes, *self.names]:
            self.scene().removeItem(item)
        size = self.item.pixmap().size()
        self.boxes = []
        self.names = []
        for (x, y, w, h), name in zip(boxes, names or [None] * len(boxes), strict=True):
            pen = QPen(NAMED_COLOUR if name else FACE_COLOUR, 0)
            pen.setCosmetic(True)  # one screen pixel at any zoom
            pen.setWidth(2)
            item = self.scene().addRect(
                QRectF(x * size.width(), y * size.height(), w * size.width(), h * size.height()),
                pen,
            )
            item.setData(0, pen.color())  # its colour when not chosen
            self.boxes.append(item)
            if name:
                self.names.append(self._name_label(name, x * size.width(), y * size.height()))
        kept = self.selected is not None and self.selected < len(boxes)
        self.select_box(self.selected if kept else None)

    def _name_label(self, name: str, left: float, top: float) -> QGraphicsRectItem:
        """The name on a dark band just above the box's top-left corner, the same size on the
        screen at any zoom."""
        label = QGraphicsSimpleTextItem(name)
        label.setBrush(QColor(255, 255, 255))
        font = label.font()
        font.setPointSizeF(max(font.pointSizeF(), 10.0))
        font.setBold(True)
        label.setFont(font)
        label.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        band = QGraphicsRectItem(label.boundingRect().adjusted(-3, -1, 3, 1))
        band.setBrush(QColor(0, 0, 0, 170))
        band.setPen(Qt.PenStyle.NoPen)
        band.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        band.setPos(left, top)
        # Above the box: the band's height in screen pixels, whatever the zoom.
        band.setTransform(band.transform().translate(0, -band.rect().height() - 2))
        label.setParentItem(band)
        self.scene().addItem(band)
        band.setToolTip(name)
        band.setData(0, name)
        return band

    def set_image(self, image: QImage) -> None:
        self.item.setPixmap(QPixmap.fromImage(image))
        self.scene().setSceneRect(QRectF(self.item.pixmap().rect()))
        if self.fitting:
            self.fit()

    def fit(self) -> None:
        self.fitting = True
        if not self.item.pixmap().isNull():
            self.resetTransform()
            rect = self.scene().sceneRect()
            # Never enlarge a small photo past its own pixels when fitting.
            if rect.width() > self.viewport().width() or rect.height() > self.viewport().height():
                self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        self.zoomed.emit()

    def zoom(self, factor: float) -> None:
        self.fitting = False
        scale = self.transform().m11() * factor
        if 0.02 <= scale <= 32:
            self.scale(factor, factor)
        self.zoomed.emit()

    def actual_size(self) -> None:
        self.fitting = False
        self.resetTransform()
        self.zoomed.emit()

    @property
    def scale_factor(self) -> float:
        return self.transform().m11()

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom(ZOOM_STEP**steps)

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        if self.fitting:
            self.fit()


class PhotoViewer(QWidget):
    """A window over the grid's photos; `row_changed` lets the grid follow."""

    row_changed = Signal(int)
    # The user named a face: the photo, the face's box (fractions of the photo as shown), the
    # name it had (None: none) and the name typed ("" takes the name off).
    face_named = Signal(int, object, object, str)

    def __init__(self, model: PhotoGridModel, row: int, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("viewer")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._model = model
        self._row = -1
        self._photo_id: int | None = None
        self.canvas = _Canvas()
        self.canvas.zoomed.connect(self._update_caption)
        self._loader = PictureLoader(self)
        self._loader.loaded.connect(self._loaded)
        self._loader.failed.connect(self._failed)
        # The path and tags give way to fit, the folder first, then the tags from their end
        # (the file's name stays): as wide as its text, the caption made the window wider
        # than the screen, the keys' hint off its edge.
        self.caption = CaptionLabel()
        self.position = QLabel()
        self.zoom_label = QLabel()
        # What B shows, said while it is on: on a photo with no face found the boxes alone
        # showed nothing, the same as B not working or turned off. It gives way too (cut, read
        # whole in its tooltip): the names of a group photo's faces made the window wider than
        # the screen.
        self.faces_note = ElidedLabel("")
        self.faces_note.hide()
        for label in (self.caption, self.position, self.zoom_label, self.faces_note):
            label.setStyleSheet("color: #ddd; padding: 4px 10px;")
        self.message = QLabel(self.canvas)
        self.message.setStyleSheet("color: #ccc; font-size: 14pt;")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setMargin(16)
        bar = QWidget()
        # The bar alone: a rule for every widget under it reached the Play button's tooltip too,
        # drawn dark behind the tooltip's black words.
        bar.setObjectName("viewer-bar")
        bar.setStyleSheet("#viewer-bar { background: #181818; }")
        bar_layout = QHBoxLayout(bar)
        bar_layout.setContentsMargins(4, 2, 4, 2)
        bar_layout.addWidget(self.position)
        bar_layout.addWidget(self.caption, 2)  # twice the hint's share of a narrow bar
        # The tag A and R decide on (the details panel's highlight, hidden behind this window).
        self.deciding = QLabel()
        self.deciding.setStyleSheet("color: #fff; padding: 4px 10px;")
        self.deciding.hide()
        bar_layout.addWidget(self.deciding)
        self.play = QPushButton("▶ Play clip")
        self.play.setToolTip("Play this clip in the system's video player (Enter)")
        self.play.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # Light on the dark bar: the bar's background reached the button while its words kept
        # the desktop's dark text, black on #181818, and it read as greyed out.
        self.play.setStyleSheet(
            "QPushButton { color: #ddd; background: #2a2a2a; border: 1px solid #666;"
            " border-radius: 3px; padding: 3px 10px; }"
            " QPushButton:hover { background: #3a3a3a; }"
            " QPushButton:pressed { background: #202020; }"
        )
        self.play.clicked.connect(self.play_clip)
        self.play.hide()
        bar_layout.addWidget(self.play)
        bar_layout.addWidget(self.zoom_label)
        bar_layout.addWidget(self.faces_note)
        # The chosen face's name, typed here (the library's people complete it); Enter names
        # the face, Esc leaves it as it was.
        self.name_field = _NameField()
        self.name_field.setPlaceholderText("Name this face (empty: no name)")
        self.name_field.setStyleSheet("color: #fff; background: #2a2a2a; padding: 2px 6px;")
        self.name_field.returnPressed.connect(self._name_typed)
        self.name_field.escaped.connect(self._close_name_field)
        self.name_field.hide()
        bar_layout.addWidget(self.name_field)
        # It gives way to the caption as well: a key at a time, the least needed first.
        self.hint = PartsLabel(_keys(clip=False))
        self.hint.setStyleSheet("color: #888; padding: 4px 10px;")
        bar_layout.addWidget(self.hint, 1)
        # What the main window's status bar says while it is shown (say): the words of A, R, T,
        # undo and naming a face went to that bar, behind this window ("No tag to accept on
        # this photo (T adds one)" unseen, walk61). In the keys' hint's place, as long as the
        # status bar shows them.
        self.said = ElidedLabel("")
        self.said.setStyleSheet("color: #fff; padding: 4px 10px;")
        self.said.hide()
        bar_layout.addWidget(self.said, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(bar)
        resize_within_screen(self, 1100, 760)
        self.show_faces = False
        self.marks: list[FaceMark] = []  # the faces B draws, in the canvas's boxes' order
        self.canvas.box_clicked.connect(self._face_clicked)
        # Deciding from the viewer (A, R, the details panel, undo) refreshes the grid's rows:
        # the caption lists the shown photo's tags as they are now.
        model.dataChanged.connect(self._rows_changed)
        # The grid read again (F5, a scan adding photos): the same photo, at its new place.
        model.modelReset.connect(self._grid_reloaded)
        self.show_row(row)

    @property
    def row(self) -> int:
        return self._row

    def show_row(self, row: int) -> None:
        count = self._model.rowCount()
        if not 0 <= row < count or row == self._row:
            return
        self._row = row
        photo = self._model.photo(row)
        if photo is None:
            return
        self._photo_id = photo.id
        self.canvas.selected = None
        self._close_name_field()
        self.deciding.hide()  # until the details panel shows this photo's tags
        self.setWindowTitle(f"{photo.name} — phototagger")
        self._describe(row)
        media = self._model.media(row)
        clip = media is not None and media.kind == "clip"
        self.play.setVisible(clip)
        self.hint.set_parts(_keys(clip))
        self.position.setText(f"{row + 1:,} / {count:,}")
        self.message.setText("")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.canvas.fitting = True
        self._loader.load(photo.path, MAX_SIDE)
        self.row_changed.emit(row)

    def _describe(self, row: int) -> None:
        photo = self._model.photo(row)
        if photo is None:
            return
        # ✓: the user's own ("yes" said in the viewer shows here, the details panel behind it).
        tags = " · ".join(
            shown_name(t.name) + (" ✓" if t.state in _CONFIRMED else "")
            for t in self._model.photo_tags(row)
        )
        media = self._model.media(row)
        also = f"   (with {', '.join(media.companions)})" if media and media.companions else ""
        path = readable(photo.path)
        name_at = max(path.rfind("/"), path.rfind(os.sep)) + 1
        self.caption.set_caption(
            path[:name_at], path[name_at:] + also + (f"   —   {tags}" if tags else "")
        )

    def show_highlighted(self, photo_ids: list[int], name: str, state: str = "") -> None:
        """The details panel highlighted `name` on `photo_ids`: shown when that is this photo.
        A tag the user said no to is not in the caption: the bar says so, or "A / R: “pets”"
        read as if the photo had it."""
        if name and photo_ids == [self._photo_id]:
            said = " (you said no)" if state == TagState.REJECTED else ""
            self.deciding.setText(f"A / R: {quoted(shown_name(name))}{said} · J/K: another tag")
            self.deciding.show()
        else:
            self.deciding.hide()

    def _rows_changed(self, top: QModelIndex, bottom: QModelIndex, roles: list[int]) -> None:
        if roles == [Qt.ItemDataRole.DecorationRole]:
            return  # a thumbnail arrived
        if top.row() <= self._row <= bottom.row():
            self._describe(self._row)
            if self.show_faces:  # a face named, or its naming undone: the names as they are now
                self._draw_faces()

    def _grid_reloaded(self) -> None:
        count = self._model.rowCount()
        row = None if self._photo_id is None else self._model.row_of(self._photo_id)
        if row is None:
            # The photo left the grid: still shown; → goes to the one that took its place.
            self._row = min(self._row, count) - 1
            self.position.setText(f"– / {count:,}")
            return
        self._row = row
        self.position.setText(f"{row + 1:,} / {count:,}")

    def play_clip(self) -> None:
        photo = self._model.photo(self._row)
        if photo is not None and self.play.isVisible() and not play_in_system_player(photo.path):
            # Over the clip's still: light grey on a bright or busy frame could not be read
            # (walk60), so the words get the bar's dark behind them.
            self.message.setText(_backed(NO_PLAYER))
            self.message.resize(self.canvas.size())

    def next(self) -> None:
        self.show_row(self._row + 1)

    def previous(self) -> None:
        self.show_row(self._row - 1)

    def _loaded(self, path: str, image: QImage) -> None:
        self.canvas.set_image(image)
        self._draw_faces()
        self._update_caption()

    def toggle_faces(self) -> None:
        self.show_faces = not self.show_faces
        self._draw_faces()

    # --- naming faces ---------------------------------------------------------------------

    def select_face(self, index: int | None) -> None:
        """Choose the face B drew at `index` (drawn white): N or Enter names it."""
        self.canvas.select_box(index)

    def next_face(self) -> None:
        """Tab: the next face B drew (the first after the last)."""
        if self.marks:
            current = self.canvas.selected
            self.select_face(0 if current is None else (current + 1) % len(self.marks))

    def _face_clicked(self, index: int) -> None:
        self.select_face(index)
        self.ask_name()

    def ask_name(self) -> None:
        """The name field for the chosen face, with its name; the library's people complete."""
        index = self.canvas.selected
        if not self.show_faces or index is None or index >= len(self.marks):
            return
        people = people_names(self._model.database)
        completer = QCompleter(people, self.name_field)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.name_field.setCompleter(completer)
        self.name_field.setText(self.marks[index].name or "")
        self.name_field.show()
        self.name_field.selectAll()
        self.name_field.setFocus()

    def _name_typed(self) -> None:
        index = self.canvas.selected
        if self._photo_id is None or index is None or index >= len(self.marks):
            self._close_name_field()
            return
        mark = self.marks[index]
        typed = " ".join(self.name_field.text().split())
        self._close_name_field()
        if typed != (mark.name or ""):
            self.face_named.emit(self._photo_id, mark.box, mark.name, typed)

    def _close_name_field(self) -> None:
        had_focus = self.name_field.hasFocus()
        self.name_field.hide()
        if had_focus:
            self.setFocus()

    def event(self, event: QEvent) -> bool:
        # Tab goes from face to face while B shows them (it would move the keyboard's focus).
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Tab
            and self.show_faces
            and not self.name_field.hasFocus()
        ):
            self.next_face()
            return True
        return super().event(event)

    def _draw_faces(self) -> None:
        photo = self._model.photo(self._row) if self.show_faces else None
        # The detector's faces and the faces the file names (digiKam's, Lightroom's regions):
        # one box with the name where both mark one face.
        marks = face_marks(self._model.database, photo.id) if photo is not None else []
        self.marks = marks
        self.canvas.set_boxes([m.box for m in marks], [m.name for m in marks])
        self.faces_note.setVisible(photo is not None)
        if photo is None:
            return
        found = sum(1 for m in marks if m.found)
        looked_for = faces_looked_for(self._model.database, photo.id)
        names = [
            f"{m.name} (not found by the detector)"
            if looked_for and not m.found and m.kind == "face"
            else m.name
            for m in marks
            if m.name and NAMED_HERE not in m.schemes
        ]
        yours = [m.name for m in marks if m.name and NAMED_HERE in m.schemes]
        taken = [m.taken_off for m in marks if m.taken_off]  # the file's, the user said not so
        unnamed = [m for m in marks if unnamed_in_file(m)]  # digiKam's "Unknown" faces
        boxless = [name for name, _, _ in boxless_names(self._model.database, photo.id, marks)]
        if found:
            said = counted(found, "face")
        elif looked_for:
            said = "No faces found"
        else:
            said = "Faces not looked for yet"
        if names:
            # Who the file names, the boxes where (a named face the detector found is one box).
            said += "; named in the file: " + ", ".join(names)
        if boxless:
            said += "; named in the file, no box: " + ", ".join(boxless)
        if unnamed:
            lost = sum(1 for m in unnamed if looked_for and not m.found)
            said += f"; {len(unnamed)} unnamed in the file" + (
                f" ({lost} not found by the detector)" if lost else ""
            )
        if yours:
            said += "; named by you: " + ", ".join(yours)
        if taken:
            said += "; named in the file, taken off by you: " + ", ".join(taken)
        self.faces_note.setText(said)

    def _failed(self, path: str, reason: str) -> None:
        stored = (
            QImage() if os.path.lexists(os_path(path)) else self._model.stored_thumbnail(self._row)
        )
        self.canvas.set_image(stored)
        if not stored.isNull():
            # The file is gone (the grid lists it until a rescan): the library's thumbnail
            # still shows which photo it was, as Lightroom shows its preview of a missing
            # file, and A and R still decide on its tags. Said under it, not over it.
            reason = SMALL_COPY
            self.message.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom)
        self.message.setText(reason)
        self.message.resize(self.canvas.size())

    def _update_caption(self) -> None:
        self.zoom_label.setText("Fit" if self.canvas.fitting else f"{self.canvas.scale_factor:.0%}")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        # N and P are the next and previous photo, as in the main window (P played a clip here
        # and went back a photo there); a clip plays on Enter, which opens in the grid too.
        naming = self.show_faces and self.canvas.selected is not None
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if naming and (enter or key == Qt.Key.Key_N and not event.modifiers()):
            self.ask_name()  # the chosen face's name (N is the next photo while none is chosen)
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_Space) or (
            key == Qt.Key.Key_N and not event.modifiers()
        ):
            self.next()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace) or (
            key == Qt.Key.Key_P and not event.modifiers()
        ):
            self.previous()
        elif key == Qt.Key.Key_Home:
            self.show_row(0)
        elif key == Qt.Key.Key_End:
            self.show_row(self._model.rowCount() - 1)
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal) or event.matches(
            QKeySequence.StandardKey.ZoomIn
        ):
            self.canvas.zoom(ZOOM_STEP)
        elif key == Qt.Key.Key_Minus or event.matches(QKeySequence.StandardKey.ZoomOut):
            self.canvas.zoom(1 / ZOOM_STEP)
        elif key == Qt.Key.Key_0:
            self.canvas.fit()
        elif key == Qt.Key.Key_1:
            self.canvas.actual_size()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.play_clip()
        elif key == Qt.Key.Key_B:
            self.toggle_faces()
        elif key == Qt.Key.Key_F:
            self.setWindowState(self.windowState() ^ Qt.WindowState.WindowFullScreen)
        elif key == Qt.Key.Key_Escape:
            if self.windowState() & Qt.WindowState.WindowFullScreen:
                self.showNormal()
            else:
                self.close()
        else:
            super().keyPressEvent(event)

    def say(self, words: str) -> None:
        """Shows the main window's status message `words` in the bar, in the keys' hint's place;
        '' (the message's time over, or cleared) brings the hint back."""
        self.said.setText(words)
        self.said.setToolTip(words)
        self.said.setVisible(bool(words))
        self.hint.setVisible(not words)

    def closeEvent(self, event: object) -> None:
        self._loader.shutdown()
        super().closeEvent(event)  # type: ignore[arg-type]
