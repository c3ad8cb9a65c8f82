"""The grid's item model: a list of photo ids, with rows read from the library a page at a time.

Only the ids of the whole library are held (100,000 ints); photo rows and their tags are fetched
for the pages the view actually asks for, and a bounded number of pages is kept.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

import sqlite_utils
from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QImage

from phototagger.core.catalog import tag_order
from phototagger.core.media import MediaRow, media_info
from phototagger.core.names import readable
from phototagger.core.photos_view import Photo, PhotoTag, photos_by_ids, tags_of_photos
from phototagger.core.queries import Likeness
from phototagger.core.similar import likeness_line
from phototagger.core.states import PhotoStatus
from phototagger.core.tag_admin import shown_name
from phototagger.core.wording import WAITING
from phototagger.gui.thumbnails import ThumbnailCache, thumbnail_key

# A page is a few screens' worth of cells (about 40 show at once in a 1400 px window): the first
# paint after a filter reads one page on the GUI thread, 3 ms for 64 rows where 200 took 10 ms.
PAGE = 64
MAX_PAGES = 320  # 20,000 rows
_SCANS_BEFORE_INDEX = 32  # row_of lookups answered by list.index before a dict is built

PhotoRole = Qt.ItemDataRole.UserRole + 1  # store.records.Photo
TagsRole = Qt.ItemDataRole.UserRole + 2  # list[PhotoTag] the photo has (rejections left out)
PhotoIdRole = Qt.ItemDataRole.UserRole + 3
ThumbnailFailedRole = Qt.ItemDataRole.UserRole + 4
# "Very similar to coffee.jpg (78 %)" after Find Similar, else None
LikenessRole = Qt.ItemDataRole.UserRole + 5

_Index = QModelIndex | QPersistentModelIndex


class LikenessBadge(NamedTuple):
    """A ranked photo's badge: the figure alone, with its words, and the figure (None on the
    photo the others are compared with)."""

    short: str  # "78 %"
    long: str  # "Very similar · 78 %", where the thumbnail is wide enough
    percent: int | None


class _Page:
    __slots__ = ("media", "photos", "tags")

    def __init__(
        self, photos: dict[int, Photo], tags: dict[int, list[PhotoTag]], media: dict[int, MediaRow]
    ) -> None:
        self.photos = photos
        # In the details panel's order (catalog.tag_order): the caption and tooltip name them so.
        self.tags = {
            pid: sorted(rows, key=lambda t: tag_order(t.state, t.confidence, t.name))
            for pid, rows in tags.items()
        }
        self.media = media  # clips, RAWs and photos with companions (the grid's badges)


class PhotoGridModel(QAbstractListModel):
    def __init__(self, db: sqlite_utils.Database, thumbnails: ThumbnailCache) -> None:
        super().__init__()
        self._db = db
        self._thumbnails = thumbnails
        self._ids: list[int] = []
        self._rows: dict[int, int] | None = None
        self._scans = 0
        self._pages: OrderedDict[int, _Page] = OrderedDict()
        self._rows_of_hash: dict[str, set[int]] = {}
        self._likeness: Likeness | None = None
        thumbnails.ready.connect(self._thumbnail_ready)

    # --- the list -------------------------------------------------------------------------

    @property
    def ids(self) -> list[int]:
        return self._ids

    @property
    def database(self) -> sqlite_utils.Database:
        return self._db

    def set_ids(self, ids: list[int], likeness: Likeness | None = None) -> None:
        """Show these photos (ranked by `likeness` to one, after Find Similar); the caller
        restores selection and scroll (see GridView)."""
        if ids == self._ids:
            self._likeness = likeness
            self.refresh()
            return
        self.beginResetModel()
        self._likeness = likeness
        self._ids = ids
        self._rows = None
        self._scans = 0
        self._drop_pages()
        self.endResetModel()

    def refresh(self, photo_ids: Iterable[int] | None = None) -> None:
        """Read these photos (all, if None) again, e.g. after their tags changed."""
        if not self._ids:
            return
        if photo_ids is None:
            self._drop_pages()
            self.dataChanged.emit(self.index(0), self.index(len(self._ids) - 1))
            return
        for row in sorted(r for r in map(self.row_of, photo_ids) if r is not None):
            self._pages.pop(row // PAGE, None)
            index = self.index(row)
            self.dataChanged.emit(index, index)

    def row_of(self, photo_id: int) -> int | None:
        if self._rows is None:
            # After a new filter only the selection and the current photo are looked up: a
            # scan in C each beats building a dict of 70,000 rows (40 ms) on the GUI thread.
            self._scans += 1
            if self._scans <= _SCANS_BEFORE_INDEX:
                try:
                    return self._ids.index(photo_id)
                except ValueError:
                    return None
            self._rows = {pid: row for row, pid in enumerate(self._ids)}
        return self._rows.get(photo_id)

    def photo_id(self, row: int) -> int:
        return self._ids[row]

    def photo(self, row: int) -> Photo | None:
        if not 0 <= row < len(self._ids):
            return None
        return self._page(row // PAGE).photos.get(self._ids[row])

    def photo_tags(self, row: int) -> list[PhotoTag]:
        if not 0 <= row < len(self._ids):
            return []
        return self._page(row // PAGE).tags.get(self._ids[row], [])

    def media(self, row: int) -> MediaRow | None:
        if not 0 <= row < len(self._ids):
            return None
        return self._page(row // PAGE).media.get(self._ids[row])

    @property
    def likeness(self) -> Likeness | None:
        return self._likeness

    def likeness_text(self, photo_id: int) -> str:
        """ "Very similar to coffee.jpg (78 %)", "the photo the others are compared with", or ""
        when the grid is not ranked by likeness."""
        like = self._likeness
        if like is None:
            return ""
        if photo_id == like.to:
            return "The photo the others are compared with"
        shown = like.shown(photo_id)
        if shown is None:
            return ""
        edit = like.edits.get(photo_id, "")
        return likeness_line(shown[0], readable(like.name), shown[1], edit)

    def likeness_badge(self, row: int) -> LikenessBadge | None:
        """What a ranked photo's thumbnail shows ("78 %", and "Very similar" where it fits),
        or "This photo" on the one compared with; None when the grid is not ranked."""
        like = self._likeness
        if like is None or not 0 <= row < len(self._ids):
            return None
        photo_id = self._ids[row]
        if photo_id == like.to:
            return LikenessBadge("This photo", "This photo", None)
        shown = like.shown(photo_id)
        if shown is None:
            return None
        percent, words = shown
        return LikenessBadge(f"{percent} %", f"{words} · {percent} %", percent)

    def stored_thumbnail(self, row: int) -> QImage:
        """The library's thumbnail of the photo at `row` as cached (null if none is)."""
        photo = self.photo(row)
        return self._thumbnails.stored(photo.content_hash) if photo is not None else QImage()

    def cell(self, row: int) -> tuple[Photo | None, list[PhotoTag], QImage | None, bool]:
        """What the delegate paints: the photo, its tags, its thumbnail (None while loading)
        and whether the thumbnail could not be made."""
        photo = self.photo(row)
        if photo is None:
            return None, [], None, False
        return (
            photo,
            self.photo_tags(row),
            self._thumbnails.image(photo.content_hash, photo.path),
            self._thumbnails.failed(photo.content_hash),
        )

    # --- Qt -------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = index.row()
        if not index.isValid() or row >= len(self._ids):
            return None
        if role == PhotoIdRole:
            return self._ids[row]
        photo = self.photo(row)
        if photo is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return readable(photo.name)
        if role == PhotoRole:
            return photo
        if role == Qt.ItemDataRole.DecorationRole:
            return self._thumbnails.image(photo.content_hash, photo.path)
        if role == ThumbnailFailedRole:
            return self._thumbnails.failed(photo.content_hash)
        if role == TagsRole:
            return self.photo_tags(row)
        if role == LikenessRole:
            return self.likeness_text(photo.id) or None
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(photo, self.photo_tags(row), self.likeness_text(photo.id))
        return None

    def prefetch(self, first_row: int, last_row: int) -> None:
        """Read the pages just above and below these rows now (the view calls this when the
        user pauses), so the next scroll step finds its rows already read."""
        for row in (first_row - PAGE // 2, last_row + PAGE // 2):
            if 0 <= row < len(self._ids) and row // PAGE not in self._pages:
                self._page(row // PAGE)

    # --- pages ----------------------------------------------------------------------------

    def _page(self, number: int) -> _Page:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        ids = self._ids[number * PAGE : (number + 1) * PAGE]
        photos = {p.id: p for p in photos_by_ids(self._db, ids)}
        page = _Page(
            photos, tags_of_photos(self._db, ids, include_rejected=False), media_info(self._db, ids)
        )
        self._pages[number] = page
        for offset, pid in enumerate(ids):
            photo = photos.get(pid)
            if photo is not None:
                key = thumbnail_key(photo.content_hash, photo.path)
                self._rows_of_hash.setdefault(key, set()).add(number * PAGE + offset)
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        return page

    def _drop_pages(self) -> None:
        self._pages.clear()
        self._rows_of_hash.clear()

    def _thumbnail_ready(self, content_hash: str) -> None:
        for row in self._rows_of_hash.get(content_hash, ()):
            if row < len(self._ids):
                index = self.index(row)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])


def _tooltip(photo: Photo, tags: Sequence[PhotoTag], likeness: str = "") -> str:
    lines = [readable(photo.path)]
    if likeness:
        lines.append(likeness)
    if photo.taken_at:
        lines.append("Taken " + photo.taken_at.replace("T", " "))
    if photo.status == PhotoStatus.PENDING:
        lines.append(WAITING.capitalize())
    elif photo.status == PhotoStatus.PROBLEM:
        lines.append("This file could not be read (File ▸ Problems says why)")
    if tags:
        lines.append("Tags: " + ", ".join(shown_name(t.name) for t in tags))
    return "\n".join(lines)
