"""Pillow images into Qt images, and the background loader of full-size pictures."""

from __future__ import annotations

import itertools

from PIL import Image
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from phototagger.core.errors import PhotoError
from phototagger.core.imaging import load_full_image
from phototagger.gui.handoff import Mailbox
from phototagger.gui.worker_pool import WorkerPool


def pil_to_qimage(picture: Image.Image) -> QImage:
    """An RGB Pillow image as a QImage that owns its pixels (safe to pass between threads)."""
    rgb = picture if picture.mode == "RGB" else picture.convert("RGB")
    data = rgb.tobytes()
    image = QImage(data, rgb.width, rgb.height, rgb.width * 3, QImage.Format.Format_RGB888)
    return image.copy()


class _PictureRun:
    """Decodes one photo on the picture thread; (request, image, error message: "" when it
    loaded) goes to the GUI thread through the loader's mailbox (gui/handoff.py)."""

    def __init__(self, mailbox: Mailbox, request: int, path: str, max_side: int | None) -> None:
        self._mailbox = mailbox
        self._request = request
        self._path = path
        self._max_side = max_side

    def run(self) -> None:
        try:
            image = pil_to_qimage(load_full_image(self._path, self._max_side))
        except PhotoError as exc:
            self._mailbox.put(self._request, QImage(), exc.message)
            return
        except Exception as exc:
            self._mailbox.put(self._request, QImage(), str(exc) or type(exc).__name__)
            return
        self._mailbox.put(self._request, image, "")


class PictureLoader(QObject):
    """Decodes photos for display on a worker thread; only the latest request is answered."""

    loaded = Signal(str, QImage)  # path, image
    failed = Signal(str, str)  # path, reason

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = WorkerPool(1, "picture")
        self._mailbox = Mailbox(self._loaded)
        self._requests = itertools.count(1)
        self._latest = 0
        self._paths: dict[int, str] = {}

    def load(self, path: str, max_side: int | None = None) -> None:
        self._latest = next(self._requests)
        self._paths = {self._latest: path}
        self._pool.clear()  # a photo the user has already moved past need not be decoded
        self._pool.start(_PictureRun(self._mailbox, self._latest, path, max_side).run)

    def _loaded(self, request: int, image: QImage, error: str) -> None:
        if request != self._latest:
            return
        path = self._paths.pop(request, "")
        if error:
            self.failed.emit(path, error)
        else:
            self.loaded.emit(path, image)

    def shutdown(self) -> None:
        self._pool.shutdown()
