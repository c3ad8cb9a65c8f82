"""Keeps the grid showing what the sidebar asks for: runs the filter on the reader thread and
swaps the ids in, keeping the user's selection, current photo and scroll position."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from phototagger.core.queries import (
    GridFilter,
    Likeness,
    OrderedIds,
    PhotoTotal,
    names_found,
    photo_ids,
    similar_ranking,
    with_photo_count,
)
from phototagger.gui.grid_view import GridView
from phototagger.gui.reader import LibraryReader

if TYPE_CHECKING:
    import sqlite_utils


class GridController(QObject):
    applied = Signal()  # the grid now shows the latest query's photos
    filter_set = Signal(object)  # GridFilter: asked for, its photos on the way

    def __init__(
        self,
        view: GridView,
        reader: LibraryReader,
        order: str = "taken",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._view = view
        self._reader = reader
        self.filter = GridFilter()
        self.order = order
        self.loaded_once = False
        # The library's photos, counted with the grid's (the status bar's "12 of 300 shown").
        self.photos = 0
        # Of the photos shown, the files a scan found and has not read yet: shown, waiting, and
        # counted apart (no photos until read; the sidebar does not count them either).
        self.found_shown = 0
        self._ordered = OrderedIds()  # used on the reader thread only
        self.waiting = False  # a query asked whose photos the grid does not show yet
        # Where the filter shows no photo: its words of file names that some file name has
        # (the others, no tag's either, the empty grid's header names).
        self.names_found: frozenset[str] = frozenset()

    def ask_names_found(
        self, words: tuple[str, ...], done: Callable[[frozenset[str]], None]
    ) -> None:
        """`done(found)` with those of `words` some present photo's file name contains, asked of
        the reader thread with the names it keeps (the window's thread reads none)."""
        cache = self._ordered
        self._reader.submit("names found", lambda lib: names_found(lib.db, words, cache), done)

    def set_filter(self, grid_filter: GridFilter) -> None:
        if grid_filter != self.filter:
            self.filter = grid_filter
            self.filter_set.emit(grid_filter)
            self.reload(keep_scroll=False)

    def set_order(self, order: str) -> None:
        if order != self.order:
            self.order = order
            self.reload(keep_scroll=False)

    def reload(self, keep_scroll: bool = True) -> None:
        grid_filter, order, cache = self.filter, self.order, self._ordered
        self.waiting = True
        like = grid_filter.similar_to
        if like is not None:
            # Photos like one: the grid shows how alike each is, so the scores come along.
            self._reader.submit(
                "grid",
                lambda lib: with_photo_count(
                    lib.db,
                    lambda: similar_ranking(lib.db, like, lib.thumbnails_dir),
                    lambda ranking: ranking.ids,
                ),
                lambda read: self._apply(read[0].ids, keep_scroll, read[1], read[0]),
            )
            return

        def read(db: sqlite_utils.Database) -> tuple[list[int], frozenset[str]]:
            ids = photo_ids(db, grid_filter, order, cache)
            # None shown: which words of file names some name has, for the header to say.
            found = frozenset() if ids else names_found(db, grid_filter.name_words, cache)
            return ids, found

        self._reader.submit(
            "grid",
            lambda lib: with_photo_count(lib.db, lambda: read(lib.db), lambda got: got[0]),
            lambda got: self._apply(got[0][0], keep_scroll, got[1], names_found=got[0][1]),
        )

    def _apply(
        self,
        ids: list[int],
        keep_scroll: bool,
        total: PhotoTotal,
        likeness: Likeness | None = None,
        names_found: frozenset[str] = frozenset(),
    ) -> None:
        self.photos, self.found_shown = total.photos, total.found
        self.names_found = names_found
        self.waiting = False  # the reader answers the latest query only
        self._show(ids, keep_scroll, likeness)
        self.loaded_once = True
        self.applied.emit()

    def add_matching(self, matching: list[int]) -> list[int]:
        """The user's answer made photos match the filter that the grid does not show (a yes
        on the Review page to the tag it is filtered on): they join it now, where the filter
        orders them, and the photos shown stay (one that no longer matches too, until F5).
        `matching` is the filter's photos read again; returns those added."""
        model = self._view.grid_model()
        shown = model.ids
        added = set(matching).difference(shown)
        if not added:
            return []
        after: dict[int | None, list[int]] = {}  # each new photo, after the one it follows
        previous: int | None = None
        for photo_id in matching:
            if photo_id in added:
                after.setdefault(previous, []).append(photo_id)
            else:
                previous = photo_id
        ids = list(after.get(None, []))
        for photo_id in shown:
            ids.append(photo_id)
            ids.extend(after.get(photo_id, []))
        self._show(ids, True, model.likeness)
        return [i for i in ids if i in added]

    def _show(self, ids: list[int], keep_scroll: bool, likeness: Likeness | None) -> None:
        view = self._view
        model = view.grid_model()
        selected = view.selected_ids() if not view.selectionModel().selection().isEmpty() else []
        row = view.current_row()
        current = model.photo_id(row) if row is not None and row < len(model.ids) else None
        scroll = view.verticalScrollBar().value()
        model.set_ids(ids, likeness)
        if selected or current is not None:
            view.select_ids(selected, current)
        if keep_scroll:
            view.restore_scroll(scroll)
        else:
            index = view.currentIndex()
            if index.isValid():
                view.reveal_row(index.row())
            else:
                view.scrollToTop()
        if view.currentIndex().row() < 0 and ids:
            # The current photo left the grid (moved to the trash, or no longer matching after
            # F5): the same filter goes on with the photo that took its place, not the first.
            view.go_to_row(min(row, len(ids) - 1) if keep_scroll and row is not None else 0)
