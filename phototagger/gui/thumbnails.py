"""Thumbnails for the grid: read from the library's cache off the GUI thread, kept in an LRU.

Requests are served newest first, and only the most recent few hundred are kept: when the user
flings through 100,000 photos, the rows scrolled past are never loaded. A thumbnail missing from
the cache (deleted, or from an older library) is made again from the photo.
"""

from __future__ import annotations

import io
import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage

from phototagger.core.errors import PhotoError
from phototagger.core.failures import cache_unwritten_message
from phototagger.core.imaging import (
    load_full_image,
    save_thumbnail,
    thumbnail_path,
    thumbnail_whole,
)
from phototagger.gui.handoff import Mailbox
from phototagger.gui.pictures import pil_to_qimage
from phototagger.gui.worker_pool import WorkerPool

MAX_QUEUED = 400
THUMBNAIL_SIDE = 320
MEMORY_BUDGET = 96 * 1024 * 1024  # bytes of decoded thumbnails kept; about 900 at 160 px


class _Requests:
    """The thumbnails asked for and not loaded yet, shared by the GUI thread and the thumbnail
    threads: plain Python, so that a thumbnail thread holds no Qt object (gui/handoff.py)."""

    def __init__(self, side: int) -> None:
        self.lock = threading.Lock()
        self.queue: OrderedDict[str, str] = OrderedDict()  # hash -> photo path, newest last
        self.in_flight: set[str] = set()
        self.side = side
        self.generation = 0
        self.runners = 0

    def next(self) -> tuple[str, str, int, int] | None:
        with self.lock:
            if not self.queue:
                self.runners -= 1
                return None
            content_hash, path = self.queue.popitem(last=True)
            self.in_flight.add(content_hash)
            return content_hash, path, self.side, self.generation


class _LoadRun:
    """Takes requests off the shared queue until it is empty; each thumbnail goes to the GUI
    thread through the cache's mailbox."""

    def __init__(self, requests: _Requests, thumbnails_dir: Path, mailbox: Mailbox) -> None:
        self._requests = requests
        self._thumbnails_dir = thumbnails_dir
        self._mailbox = mailbox

    def run(self) -> None:
        while True:
            job = self._requests.next()
            if job is None:
                return
            content_hash, path, side, generation = job
            image, unwritten, saved = _load(self._thumbnails_dir, content_hash, path, side)
            self._mailbox.put(content_hash, generation, image, unwritten, saved)


def thumbnail_key(content_hash: str | None, path: str) -> str:
    """What a thumbnail is known by: its content hash, or, for a photo found but not decoded
    yet (a scan still running), its path, so it shows before it is tagged."""
    return content_hash or _BY_PATH + path


_BY_PATH = "file:"


def _load(root: Path, content_hash: str, path: str, side: int) -> tuple[QImage, str, bool]:
    """The thumbnail scaled to `side` (a null image where the photo cannot be read), why the
    one made again from the photo could not be saved in the cache ("" where it was, or none
    was made), and whether one made again was saved."""
    unwritten = ""
    saved = False
    if content_hash.startswith(_BY_PATH):
        # Not decoded by the scan yet: made from the file, not cached (it has no hash).
        try:
            image = pil_to_qimage(load_full_image(path, THUMBNAIL_SIDE))
        except (PhotoError, OSError):
            return QImage(), "", False
    else:
        cached = thumbnail_path(root, content_hash)
        image = _cached(cached)
        if image.isNull():
            try:
                picture = load_full_image(path, THUMBNAIL_SIDE)
            except (PhotoError, OSError):
                return QImage(), "", False
            try:
                save_thumbnail(picture, cached)
                saved = True
            except OSError as exc:
                # A full disk: the thumbnail is shown all the same (a null image showed the
                # photo as one that cannot be read), and the failure said once (`unwritten`).
                unwritten = cache_unwritten_message("Thumbnails", cached, exc)
            image = pil_to_qimage(picture)
    return (
        image.scaled(
            QSize(side, side),
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        ),
        unwritten,
        saved,
    )


def _cached(cached: Path) -> QImage:
    """The cached thumbnail if it is whole; else a null image (none, or one a power cut left
    cut short or empty: made again from the photo, where Qt would show its grey rest)."""
    try:
        data = cached.read_bytes()
    except OSError:
        return QImage()
    # Decoded by Pillow, as the JPEG it is, never by Qt's image reader: that makes a QObject
    # (a QBuffer) and may load a plugin, both taking locks Qt shares with the GUI thread, while
    # a thumbnail thread holds Python's lock (gui/handoff.py). Read without a format, the SVG
    # plugin's check froze a fresh-clone test run so (commit dd2601a). Pillow also lets go of
    # Python's lock while it decodes.
    if not thumbnail_whole(data):
        return QImage()
    try:
        with Image.open(io.BytesIO(data), formats=["JPEG"]) as picture:
            return pil_to_qimage(picture)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return QImage()


def _capacity(side: int) -> int:
    """How many thumbnails of this size fit the memory budget (4 bytes a pixel)."""
    return max(200, MEMORY_BUDGET // (side * side * 4))


class ThumbnailCache(QObject):
    """content hash -> QImage scaled to fit `side`; `ready(hash)` when one has been loaded."""

    ready = Signal(str)
    # Why thumbnails made again cannot be saved (a full disk): once, for the status bar.
    unwritten = Signal(str)
    # A load of thumbnails all saved after `unwritten` was said: the note no longer holds.
    writable = Signal()

    def __init__(
        self, thumbnails_dir: Path, side: int = 160, threads: int = 2, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.thumbnails_dir = thumbnails_dir
        self._side = side
        self._capacity = _capacity(side)
        self._images: OrderedDict[str, QImage] = OrderedDict()
        self._failed: set[str] = set()
        self._requests = _Requests(side)
        self._pool = WorkerPool(threads, "thumbnail")
        self._mailbox = Mailbox(self._loaded)
        self._causes_said: set[str] = set()  # first_said; emptied when one is saved again
        # Whether the thumbnails loaded since the queue was last empty saved one, failed one.
        self._load_saved = self._load_unsaved = False

    @property
    def side(self) -> int:
        return self._side

    def set_side(self, side: int) -> None:
        """Thumbnails are scaled once, off the GUI thread, to the grid's cell size."""
        if side == self._side:
            return
        self._side = side
        self._capacity = _capacity(side)
        self._images.clear()
        requests = self._requests
        with requests.lock:
            requests.queue.clear()
            requests.side = side
            requests.generation += 1

    def image(self, content_hash: str | None, path: str) -> QImage | None:
        """The thumbnail if loaded; otherwise None, and it is asked for."""
        content_hash = thumbnail_key(content_hash, path)
        image = self._images.get(content_hash)
        if image is not None:
            self._images.move_to_end(content_hash)
            return image
        if content_hash not in self._failed:
            self._request(content_hash, path)
        return None

    def images(self, wanted: Sequence[tuple[str | None, str]]) -> list[QImage | None]:
        """`image()` of each (content hash, path), those not loaded asked for so that the first
        is loaded first: a list's rows from the top. Requests are served newest first (the
        grid's cells as they are painted), and a list asking row by row had its rows in view
        loaded last, after every row below them, wherever each had to be made again from its
        photo (a cleaned ~/.cache: 11 of 31 rows out of view came before those in view)."""
        return [self.image(content_hash, path) for content_hash, path in reversed(wanted)][::-1]

    def failed(self, content_hash: str | None) -> bool:
        return content_hash in self._failed

    def idle(self) -> bool:
        """Whether every thumbnail asked for has been loaded (or failed): none queued, none
        being made. What packaging/screenshots.py waits for before a screenshot."""
        requests = self._requests
        with requests.lock:
            return not requests.runners and not requests.queue and not requests.in_flight

    def stored(self, content_hash: str | None) -> QImage:
        """The library's own thumbnail of a photo, read from the cache now, never made from
        the photo (a null image if there is none): what is left to show of a file gone."""
        if not content_hash:
            return QImage()
        return _cached(thumbnail_path(self.thumbnails_dir, content_hash))

    def _request(self, content_hash: str, path: str) -> None:
        requests = self._requests
        with requests.lock:
            if content_hash in requests.in_flight:
                return
            requests.queue[content_hash] = path
            requests.queue.move_to_end(content_hash)
            while len(requests.queue) > MAX_QUEUED:
                requests.queue.popitem(last=False)
            start = requests.runners < self._pool.threads
            if start:
                requests.runners += 1
        if start:
            self._pool.start(_LoadRun(requests, self.thumbnails_dir, self._mailbox).run)

    def _loaded(
        self, content_hash: str, generation: int, image: QImage, unwritten: str, saved: bool
    ) -> None:
        with self._requests.lock:
            self._requests.in_flight.discard(content_hash)
            current = self._requests.generation
            load_over = not self._requests.queue and not self._requests.in_flight
        if unwritten:
            self._load_unsaved = True
            if self.first_said(unwritten):
                self.unwritten.emit(unwritten)
        elif saved:
            self._load_saved = True
        if load_over:
            # Said again only after a load that saved every one it made: on a nearly full
            # disk some fit and others not, and each one saved between two that were not made
            # the note come back (left53). A run of failures is said once.
            if self._load_saved and not self._load_unsaved:
                self.saved_again()
            self._load_saved = self._load_unsaved = False
        if generation != current:
            return
        if image.isNull():
            self._failed.add(content_hash)
        else:
            self._images[content_hash] = image
            while len(self._images) > self._capacity:
                self._images.popitem(last=False)
        self.ready.emit(content_hash)

    def first_said(self, note: str) -> bool:
        """Whether `note`, why thumbnails cannot be saved (this cache's own, `unwritten`, or a
        scan's: ScanSummary.thumbnails_unwritten), is said now: once per cause, the same
        words but for the file they name, whichever finds it first (again once one is saved
        again: saved_again). gui45: a scan in the app
        on a full disk ended "… 6 tagged. Thumbnails cannot be saved: the disk is full …",
        and the grid's thumbnails, made again and not saved either, said it again."""
        cause = re.sub(re.escape(str(self.thumbnails_dir)) + r"[^\s)]*", "", note)
        if cause in self._causes_said:
            return False
        self._causes_said.add(cause)
        return True

    def saved_again(self) -> None:
        """Thumbnails were saved in the cache, none failing (the disk freed: _loaded, or a
        scan's, gui/job_control.py): a cause said before is said
        again when it comes back (the disk full again), once. It was said once an app
        session, and the second full disk went without a word. The note said goes from the
        status bar (`writable`): it stayed there a minute after the disk was freed."""
        if self._causes_said:
            self._causes_said.clear()
            self.writable.emit()

    def forget(self, content_hash: str) -> None:
        self._images.pop(content_hash, None)
        self._failed.discard(content_hash)

    def shutdown(self) -> None:
        with self._requests.lock:
            self._requests.queue.clear()
        self._pool.shutdown()
