"""What the grid shows: a filter over the library and the order, turned into photo ids.

`photo_ids` runs on the reader thread (it can take tens of milliseconds on 100,000 photos).

"Needs review" means: photos with a model suggestion you have not decided on whose confidence
is under REVIEW_BELOW. Suggestions are only made above each tag's threshold (0.3 to 0.5 by
default), so these are the tags the model only just suggested, where its mistakes are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import sqlite_utils

from phototagger.core.folders import FolderNode, folder_tree
from phototagger.core.states import PhotoStatus
from phototagger.gui.similar_view import similar_ids
from phototagger.store import photos as photo_store
from phototagger.store import tags as tag_store
from phototagger.store.connection import data_version

REVIEW_BELOW = 0.6
ORDERS = {"taken": "Date taken", "name": "Name", "folder": "Folder"}
Special = Literal["untagged", "review"]


@dataclass(frozen=True)
class GridFilter:
    all_of: tuple[str, ...] = ()
    any_of: tuple[str, ...] = ()
    none_of: tuple[str, ...] = ()
    special: Special | None = None
    folder: str | None = None
    similar_to: int | None = None  # the library ranked by likeness to this photo
    similar_name: str = ""

    @property
    def is_everything(self) -> bool:
        return self == GridFilter()

    def describe(self) -> str:
        """A phrase for the grid's header: 'Photos tagged cat and dog, not bird'."""
        if self.special == "untagged":
            return "Photos with no tags"
        if self.special == "review":
            return "Photos to review: suggestions the model was unsure of"
        if self.similar_to is not None:
            return f"Photos like {self.similar_name}, most similar first"
        parts: list[str] = []
        if self.folder:
            parts.append(f"in {self.folder}")
        if self.all_of:
            parts.append("tagged " + " and ".join(self.all_of))
        if self.any_of:
            parts.append("tagged " + " or ".join(self.any_of))
        if self.none_of:
            parts.append("not tagged " + " or ".join(self.none_of))
        return "Photos " + ", ".join(parts) if parts else "All photos"


def parse_search(text: str) -> GridFilter:
    """'cat, dog' -> all of both; '-bird' or '!bird' -> without it; 'cat | dog' -> either."""
    if "|" in text:
        names = tuple(n.strip() for n in text.split("|") if n.strip())
        return GridFilter(any_of=names)
    with_, without = [], []
    for part in text.split(","):
        name = part.strip()
        if name[:1] in ("-", "!"):
            if name[1:].strip():
                without.append(name[1:].strip())
        elif name:
            with_.append(name)
    return GridFilter(all_of=tuple(with_), none_of=tuple(without))


class OrderedIds:
    """The whole library's ids in each grid order, kept until another connection commits.

    A filter is then cut from the cached order (a set lookup per photo) instead of walking the
    order's index again. Belongs to one reader thread: it is not locked.
    """

    def __init__(self) -> None:
        self._version: int | None = None
        self._orders: dict[str, list[int]] = {}

    def ids(self, db: sqlite_utils.Database, order: str) -> list[int]:
        version = data_version(db)
        if version != self._version:
            self._version = version
            self._orders.clear()
        found = self._orders.get(order)
        if found is None:
            found = self._orders[order] = photo_store.photo_ids_sorted(db, order)
        return found


def photo_ids(
    db: sqlite_utils.Database, grid_filter: GridFilter, order: str, cache: OrderedIds | None = None
) -> list[int]:
    """Ids of the photos the filter lets through, in grid order."""
    if grid_filter.similar_to is not None:
        return similar_ids(db, grid_filter.similar_to)
    wanted: list[int] | None = None
    if grid_filter.special == "untagged":
        wanted = tag_store.untagged_photo_ids(db)
    elif grid_filter.special == "review":
        wanted = tag_store.undecided_below(db, REVIEW_BELOW)
    elif grid_filter.all_of or grid_filter.any_of or grid_filter.none_of:
        wanted = tag_store.search(db, grid_filter.all_of, grid_filter.any_of, grid_filter.none_of)
    if grid_filter.folder:
        inside = {
            photo_id
            for _, _, photo_id, _ in photo_store.known_files(db, grid_filter.folder).values()
        }
        wanted = sorted(inside if wanted is None else inside.intersection(wanted))
    if cache is None:
        return photo_store.photo_ids_sorted(db, order, wanted)
    ordered = cache.ids(db, order)
    if wanted is None:
        return list(ordered)
    keep = set(wanted)
    return [photo_id for photo_id in ordered if photo_id in keep]


@dataclass(frozen=True)
class LibraryOverview:
    """What the sidebar and status bar show about the whole library."""

    photos: int
    pending: int
    untagged: int
    to_review: int
    folders: list[str]
    tags: list[tuple[str, int]]
    all_tag_names: list[str]
    folder_tree: list[FolderNode] = field(default_factory=list)


def overview(db: sqlite_utils.Database) -> LibraryOverview:
    by_status = photo_store.count_by_status(db)
    return LibraryOverview(
        photos=sum(n for status, n in by_status.items() if status != PhotoStatus.MISSING),
        pending=by_status.get(PhotoStatus.PENDING, 0),
        untagged=len(tag_store.untagged_photo_ids(db)),
        to_review=len(tag_store.undecided_below(db, REVIEW_BELOW)),
        folders=photo_store.list_folders(db),
        tags=tag_store.tag_counts(db),
        all_tag_names=[name for name, _ in tag_store.all_tags(db)],
        folder_tree=folder_tree(db),
    )
