"""What the GUI's grid, sidebar and status bar ask of the library: filters turned into photo ids
in grid order, and the counts the CLI's `stats` prints too (one implementation for both).

`photo_ids` runs on the GUI's reader thread (tens of milliseconds on 100,000 photos).

"Needs review" means: photos with a model suggestion you have not decided on whose confidence
is under REVIEW_BELOW. Suggestions are only made above each tag's threshold (0.3 to 0.5 by
default), so these are the tags the model only just suggested, where its mistakes are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal, TypeVar

import numpy as np
import numpy.typing as npt
import sqlite_utils

from phototagger.core import folders as folder_admin
from phototagger.core.detector_tags import searched_name
from phototagger.core.folders import FolderNode, folder_tree
from phototagger.core.similar import (
    IndexCache,
    LikenessScale,
    byte_copies,
    copies_first,
    library_rows,
    pair_likeness,
    similar_by_likeness,
)
from phototagger.core.states import PhotoStatus
from phototagger.core.tag_admin import group_names, renamed
from phototagger.store import file_metadata as file_store
from phototagger.store import photos as photo_store
from phototagger.store import tags as tag_store
from phototagger.store.connection import data_version
from phototagger.store.migrations import REVIEW_KEPT_BELOW
from phototagger.store.problems import problem_count
from phototagger.tag_names import loose_key, shown_name

# The library keeps the count of photos to review under this cut (store/migrations.py, v29):
# another cut would be counted from the rows at each refresh.
REVIEW_BELOW = REVIEW_KEPT_BELOW
ORDERS = {"taken": "Date taken", "name": "Name", "folder": "Folder", "confidence": "Confidence"}
# Sort by Confidence: a filter's tags, the photos the tagger is surest of first; the order it
# falls back on (ties, and a view with no tag to be sure of), and what a scan tags first by.
BY_CONFIDENCE = "confidence"
CONFIDENCE_TIES = "taken"


def stored_order(order: str) -> str:
    """The order the library's own lists have for grid order `order` (store/photos.py):
    Confidence is the filter's, and otherwise the date taken."""
    return CONFIDENCE_TIES if order == BY_CONFIDENCE else order


Special = Literal["untagged", "review"]
_INDEX = IndexCache()  # used on the grid's reader threads
T = TypeVar("T")
# The ends of describe() that say how the photos are chosen or ordered, not which: what a grid
# header too narrow for it whole gives up first.
REVIEW_ASIDE = ": suggestions the model was unsure of"
SIMILAR_ASIDE = ", most similar first"


@dataclass(frozen=True)
class GridFilter:
    all_of: tuple[str, ...] = ()
    any_of: tuple[str, ...] = ()
    none_of: tuple[str, ...] = ()
    special: Special | None = None
    folder: str | None = None
    similar_to: int | None = None  # the library ranked by likeness to this photo
    similar_name: str = ""
    # How sure the tagger is of the tags filtered on, in percent: (from, to), `to` left out
    # unless it is 100; None for any. Applies to all_of (each tag) and any_of (one of them).
    sure: tuple[int, int] | None = None
    # What the photo's files say, as digiKam and Lightroom set it (last read on a scan): at
    # least this many stars (1-5), this colour label ('red'), this pick flag ('accepted',
    # 'rejected': digiKam's or Lightroom's reject, 'pending'); None for any. They narrow any
    # filter but Find Similar's ranking: all photos, a folder, tags, a search, Untagged, Needs
    # review.
    rating: int | None = None
    label: str | None = None
    pick: str | None = None
    # Words of the photos' file names (the search box's words that name no tag: "VID",
    # "IMG_20"), without case or accents, the folder's name aside: each of `names` in the
    # name, none of `names_out`; `names_any`, "|" searches': one of them, or one of any_of.
    names: tuple[str, ...] = ()
    names_out: tuple[str, ...] = ()
    names_any: tuple[str, ...] = ()

    @property
    def is_everything(self) -> bool:
        return self == GridFilter()

    @property
    def marked(self) -> bool:
        """The filter asks for a rating, colour label or pick flag."""
        return (self.rating, self.label, self.pick) != (None, None, None)

    @property
    def marks_words(self) -> list[str]:
        """'rated 4 stars or more', 'with the red label', 'picked': what the filter asks of the
        photos' files."""
        words = []
        if self.rating is not None:
            words.append(rating_words(self.rating))
        if self.label is not None:
            words.append(f"with the {self.label} label")
        if self.pick is not None:
            words.append(PICK_FILTER_WORDS.get(self.pick, self.pick))
        return words

    def describe(self) -> str:
        """A phrase for the grid's header: 'Photos tagged cat and dog, not bird'."""
        marks = "".join(f", {w}" for w in self.marks_words)
        if self.special == "untagged":
            return f"Photos with no tags{marks}"
        if self.special == "review":
            return f"Photos to review{marks}{REVIEW_ASIDE}"
        if self.similar_to is not None:
            return f"Photos like {self.similar_name}{SIMILAR_ASIDE}"
        parts: list[str] = []
        if self.folder:
            parts.append(f"in {self.folder}")
        if self.all_of:
            parts.append("tagged " + " and ".join(self.all_of))
        if self.names:
            parts.append(f"{NAME_HAS} " + " and ".join(map(_quoted, self.names)))
        either = []
        if self.any_of:
            either.append("tagged " + " or ".join(self.any_of))
        if self.names_any:
            either.append(f"{NAME_HAS} " + " or ".join(map(_quoted, self.names_any)))
        if either:
            # "tagged video, or whose name contains “VID”": the comma keeps the tags' "or"
            # apart from the names'.
            parts.append(", or ".join(either))
        if self.none_of:
            parts.append("not tagged " + " or ".join(self.none_of))
        if self.names_out:
            parts.append(f"{NAME_LACKS} " + " or ".join(map(_quoted, self.names_out)))
        if self.sure is not None and self.takes_sure:
            low, high = self.sure
            said = f"at least {low} %" if high >= 100 and low > 0 else sure_words(self.sure)
            parts.append(f"{said} sure")
        parts += self.marks_words
        return "Photos " + ", ".join(parts) if parts else "All photos"

    @property
    def takes_sure(self) -> bool:
        """A range of how sure the tagger is applies: the filter names tags to have."""
        return bool(self.all_of or self.any_of) and self.special is None and self.similar_to is None

    @property
    def aside(self) -> str:
        """The end of describe() that a narrow header may leave out first: "Photos to review"
        says which photos; ": suggestions the model was unsure of" only why."""
        if self.special == "review":
            return REVIEW_ASIDE
        return SIMILAR_ASIDE if self.similar_to is not None and not self.special else ""

    @property
    def tag_names(self) -> tuple[str, ...]:
        return (*self.all_of, *self.any_of, *self.none_of)

    @property
    def name_words(self) -> tuple[str, ...]:
        """The words searched for in the photos' file names."""
        return (*self.names, *self.names_any, *self.names_out)

    def names_apart(self, is_tag: Callable[[str], object]) -> GridFilter:
        """This filter (the search box's words) with each word that `is_tag` takes for no tag
        searched for in the photos' file names instead: "VID" finds VID_20240101_1200.mp4."""

        def split(words: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
            return tuple(w for w in words if is_tag(w)), tuple(w for w in words if not is_tag(w))

        (all_of, names), (any_of, names_any) = split(self.all_of), split(self.any_of)
        none_of, names_out = split(self.none_of)
        return replace(
            self,
            all_of=all_of,
            any_of=any_of,
            none_of=none_of,
            names=(*self.names, *names),
            names_any=(*self.names_any, *names_any),
            names_out=(*self.names_out, *names_out),
        )

    def follow(self, old: str, new: str | None) -> GridFilter:
        """This filter after tag `old` (and its branch) became `new` (None: was deleted): a
        renamed tag is filtered on by its new name, a deleted one no longer."""

        def swap(names: tuple[str, ...]) -> tuple[str, ...]:
            kept = (renamed(n, old, new) for n in names)
            return tuple(dict.fromkeys(n for n in kept if n is not None))

        return replace(
            self, all_of=swap(self.all_of), any_of=swap(self.any_of), none_of=swap(self.none_of)
        )

    def meaning(self, meant: Callable[[str], str | None]) -> GridFilter:
        """This filter with each name that `meant` takes for another tag ('Anna' for 'People
        (keywords)/Anna') searched as that tag."""

        def swap(names: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(dict.fromkeys(meant(n) or n for n in names))

        return replace(
            self, all_of=swap(self.all_of), any_of=swap(self.any_of), none_of=swap(self.none_of)
        )


NAME_HAS = "whose name contains"
NAME_LACKS = "whose name does not contain"


def _quoted(word: str) -> str:
    return f"“{word}”"


def name_folded(text: str) -> str:
    """A file name, or a word searched for in one, as they are compared: without case or
    accents ('Été.HEIC' -> 'ete.heic'), as the search box finds tags."""
    return text.casefold() if text.isascii() else loose_key(text)


# The ratings the grid filters on (the sidebar's "Rating" choice, `search --rating`): at least
# that many stars. A reject is no rating: digiKam keeps it in its Pick label, Lightroom as a
# flag apart from the stars (which it writes, as Bridge and darktable do, as xmp:Rating -1);
# both filter it with the picks, and so does the Pick choice here.
RATINGS = (1, 2, 3, 4, 5)
# The pick flags, as stored: digiKam's Pick label; 'rejected' too for a file whose xmp:Rating
# is -1 (Lightroom's, Bridge's, darktable's reject) and that has no Pick label.
PICKS = ("accepted", "rejected", "pending")
# The saved view's and `search --rating`'s former 'rated as rejected' (-1): the Pick's 'rejected'.
FORMER_REJECTED_RATING = -1
PICK_FILTER_WORDS = {"accepted": "picked", "rejected": "marked rejected", "pending": "pick pending"}
# Colour labels in the order digiKam and Lightroom list them; a label of the user's own
# (Lightroom's "To Print") after them.
LABEL_ORDER = (
    "red",
    "orange",
    "yellow",
    "green",
    "blue",
    "purple",
    "magenta",
    "gray",
    "black",
    "white",
)


def rating_words(rating: int) -> str:
    """'rated 4 stars or more', 'rated 5 stars'."""
    if rating >= 5:
        return "rated 5 stars"
    return f"rated {rating} star{'s' if rating > 1 else ''} or more"


def in_label_order(labels: Collection[str]) -> list[str]:
    """`labels` as digiKam and Lightroom list colours (red, orange, ...), the user's own last."""
    known = {name: i for i, name in enumerate(LABEL_ORDER)}
    return sorted(labels, key=lambda n: (known.get(n, len(known)), n))


# The ranges offered (the sidebar's "Sure" choice), in percent, and what each is called.
SURE_RANGES: dict[tuple[int, int], str] = {
    (70, 100): "Sure",
    (40, 70): "Doubtful",
    (0, 40): "Unsure",
}


def sure_words(sure: tuple[int, int]) -> str:
    """'70 % or more', 'under 40 %', '40–70 %' (how sure the tagger is, in percent)."""
    low, high = sure
    if high >= 100:
        return "100 %" if low >= 100 else f"{low} % or more"
    if low <= 0:
        return f"under {high} %"
    return f"{low}–{high} %"


LEFT_OUT_IN_ANY = (
    "a tag left out ('-dog') cannot be inside '|' (any of): 'cat | bird' finds either, "
    "'cat, -dog' cat without dog"
)


def search_problem(text: str) -> str | None:
    """Why `text` cannot be searched (None: it can). A tag left out inside an 'any of'
    ('-dog | cat': not dog, or cat) is not a filter the grid has; parse_search would look for a
    tag called '-dog'."""
    if "|" in text and any(part.strip()[:1] in ("-", "!") for part in text.split("|")):
        return LEFT_OUT_IN_ANY
    return None


def search_text(grid_filter: GridFilter) -> str:
    """The search box's text that parse_search turns into the filter's tags."""
    # A keyword with a slash in it reads as typed ('AC/DC'), which parse_search finds again.
    # Words of file names after the tags: they are no tag's, so the box reads them so again.
    if grid_filter.any_of or grid_filter.names_any:
        return " | ".join([*map(shown_name, grid_filter.any_of), *grid_filter.names_any])
    return ", ".join(
        [
            *map(shown_name, [*grid_filter.all_of, *(f"-{n}" for n in grid_filter.none_of)]),
            *grid_filter.names,
            *(f"-{n}" for n in grid_filter.names_out),
        ]
    )


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


def with_commas(text: str, known: Callable[[str], object]) -> str | None:
    """`text`, a name no tag has, as the search box reads it when it is tags written apart by
    spaces, '-' or '!' before each left out ('big cats -monkeys' is 'big cats, -monkeys'); None
    when it is not written so, or a part is no tag `known` knows."""
    parts = re.split(r"\s+(?=[-!])", text.strip())
    if len(parts) < 2 or not all(known(part.lstrip("-!").strip()) for part in parts):
        return None
    return ", ".join(parts)


Ids = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]


class OrderedIds:
    """The whole library's ids in each grid order, and the photos of the tags filtered on
    lately. The tags' photos are kept until another connection commits (SQLite's data_version
    says when); the orders until the photos change (store.photos.photo_generation).

    A filter is then cut from the cached order with a membership mask over photo ids (numpy,
    about 1 ms for 100,000) instead of walking the order's index again, and going back to a tag
    costs no query. Belongs to one reader thread: it is not locked.
    """

    TAGS_KEPT = 8  # 70,000 ids are 560 kB

    def __init__(self) -> None:
        self._version: int | None = None
        self._generation: int | None = None
        self._orders: dict[str, tuple[list[int], Ids]] = {}
        self._tags: dict[tuple[int, ...], Ids] = {}
        self._unread: Ids | None = None
        self._names: tuple[Ids, list[str]] | None = None

    def _check(self, db: sqlite_utils.Database) -> None:
        version = data_version(db)
        if version == self._version:
            return
        self._version = version
        self._tags.clear()
        # Read again after any commit: a file becomes unreadable, or gets a tag, without
        # changing the generation the orders are kept under.
        self._unread = None
        # The orders only change with the photos themselves: a commit that labels photos or
        # saves a setting keeps them (read before any order, so an order is never older than
        # the generation it is kept under).
        generation = photo_store.photo_generation(db)
        if generation is None or generation != self._generation:
            self._orders.clear()
            self._names = None  # a name changes the generation too
        self._generation = generation

    def ordered(self, db: sqlite_utils.Database, order: str) -> tuple[list[int], Ids]:
        """The order's ids as a list (handed to the grid) and as an array (cut by masks)."""
        self._check(db)
        found = self._orders.get(order)
        if found is None:
            array = photo_store.photo_ids_in_order(db, order)
            found = self._orders[order] = (array.tolist(), array)
        return found

    def ids(self, db: sqlite_utils.Database, order: str) -> list[int]:
        return self.ordered(db, order)[0]

    def unread(self, db: sqlite_utils.Database) -> Ids:
        """The files never read that hold nothing of the user's: Problems lists them, the grid
        does not (photo_store.unread_ids)."""
        self._check(db)
        if self._unread is None:
            self._unread = np.array(photo_store.unread_ids(db), dtype=np.int64)
        return self._unread

    def names(self, db: sqlite_utils.Database) -> tuple[Ids, list[str]]:
        """The present photos' ids and file names as they are compared (name_folded)."""
        self._check(db)
        if self._names is None:
            self._names = folded_names(db)
        return self._names

    def tag_photos(self, db: sqlite_utils.Database, tag_ids: Sequence[int]) -> Ids:
        """The photos having any of the tags (missing ones too: the cached orders leave those
        out): a tag and the tags below it in the tag tree."""
        self._check(db)
        key = tuple(sorted(tag_ids))
        found = self._tags.pop(key, None)
        if found is None:
            found = tag_store.photos_having(db, key)
        self._tags[key] = found  # most recent last
        while len(self._tags) > self.TAGS_KEPT:
            del self._tags[next(iter(self._tags))]
        return found


def folded_names(db: sqlite_utils.Database) -> tuple[Ids, list[str]]:
    """The present photos' ids and their file names as they are compared (name_folded)."""
    ids, names = photo_store.present_names(db)
    return ids, [name_folded(name) for name in names]


def named(names: tuple[Ids, list[str]], word: str) -> Ids:
    """The photos of `names` (folded_names) whose file name contains `word`."""
    ids, folded = names
    part = name_folded(word)
    has = np.fromiter((part in name for name in folded), dtype=np.bool_, count=len(folded))
    return ids[has]


def names_found(
    db: sqlite_utils.Database, words: Collection[str], cache: OrderedIds | None = None
) -> frozenset[str]:
    """Those of `words` that some present photo's file name contains (name_folded), from the
    names `cache` keeps where given."""
    if not words:
        return frozenset()
    folded = (folded_names(db) if cache is None else cache.names(db))[1]
    parts = {word: name_folded(word) for word in words}
    return frozenset(w for w, part in parts.items() if any(part in name for name in folded))


def _mask(ids: Ids, size: int) -> Mask:
    """True at each of `ids` below `size` (ids beyond the order's largest are never shown)."""
    mask = np.zeros(size, dtype=np.bool_)
    mask[ids[ids < size]] = True
    return mask


def _subtree_ids(db: sqlite_utils.Database, name: str) -> list[int]:
    """The tag `name` and the tags below it, 'People/Anna' typed being the user's tree's
    'People (keywords)/Anna' (core/detector_tags.py)."""
    return tag_store.subtree_ids(db, searched_name(db, name))


def _tag_masks(
    db: sqlite_utils.Database, grid_filter: GridFilter, cache: OrderedIds, size: int
) -> tuple[Mask | None, Mask | None]:
    """(photos to keep, None for all; photos to drop, None for none) for the filter's tags, by
    tag_store.search's rules (a tag stands for itself and the tags below it), from each tag's
    cached photos."""
    all_ids = [_subtree_ids(db, name) for name in grid_filter.all_of]
    if any(not ids for ids in all_ids):
        return np.zeros(size, dtype=np.bool_), None  # an unknown tag nobody has
    any_ids = [ids for ids in (_subtree_ids(db, n) for n in grid_filter.any_of) if ids]
    if grid_filter.any_of and not any_ids and not grid_filter.names_any:
        return np.zeros(size, dtype=np.bool_), None
    keep: Mask | None = None
    for ids in all_ids:
        has = _mask(cache.tag_photos(db, ids), size)
        keep = has if keep is None else keep & has
    for word in grid_filter.names:
        has = _mask(named(cache.names(db), word), size)
        keep = has if keep is None else keep & has
    either_ids = [cache.tag_photos(db, ids) for ids in any_ids]
    either_ids += [named(cache.names(db), word) for word in grid_filter.names_any]
    if either_ids:
        either = _mask(np.concatenate(either_ids), size)
        keep = either if keep is None else keep & either
    none_ids = [ids for ids in (_subtree_ids(db, n) for n in grid_filter.none_of) if ids]
    dropped = [cache.tag_photos(db, ids) for ids in none_ids]
    dropped += [named(cache.names(db), word) for word in grid_filter.names_out]
    drop = _mask(np.concatenate(dropped), size) if dropped else None
    return keep, drop


@dataclass(frozen=True)
class Likeness:
    """The library ranked by likeness to one photo: what the grid shows, with each score."""

    to: int  # the photo the others are compared with; it comes first
    name: str  # its file name, as stored
    ids: list[int]  # it, then every other indexed photo, most similar first
    scores: dict[int, float]  # photo id -> the figure's cosine (`similar --json`'s score)
    scale: LikenessScale  # how a cosine reads to a person, in this library
    same_file: frozenset[int] = frozenset()  # the photos with its very bytes (byte copies)
    # What a photo is beside it where the pixels tell ("mirrored", "black-and-white": the
    # words Find Duplicates says; core/duplicate_copies.py similar_pixels), by photo id.
    edits: dict[int, str] = field(default_factory=dict)
    # The photos its pixels show are the same picture (only these read "Almost identical").
    same_picture: frozenset[int] = frozenset()

    def shown(self, photo_id: int) -> tuple[int, str] | None:
        """How alike, as `similar` and Find Duplicates show it: (77, "Very similar"), (100,
        "Identical file") for a byte copy (core/similar.py pair_likeness); None for the photo
        itself and for photos not ranked."""
        score = self.scores.get(photo_id)
        if score is None:
            return None
        return pair_likeness(
            self.scale.percent(score), photo_id in self.same_file, photo_id in self.same_picture
        )

    def percent(self, photo_id: int) -> int | None:
        """The figure of `shown` ("78 %"); None for the photo itself and photos not ranked."""
        shown = self.shown(photo_id)
        return None if shown is None else shown[0]


def similar_ranking(
    db: sqlite_utils.Database, photo_id: int, thumbnails: Path | None = None
) -> Likeness:
    """The library ranked by likeness to `photo_id`, and what its best are beside it where
    their pixels tell (read from the scan's `thumbnails`, else the files)."""
    from phototagger.core.duplicate_copies import similar_pixels

    index = _INDEX.get(db)
    ranked = similar_by_likeness(index, photo_id, library_rows(db))
    photo = photo_store.get_photo(db, photo_id)
    name = photo.name if photo is not None else ""
    same_file = byte_copies(db, photo)
    pixels = similar_pixels(db, photo_id, ranked, index.scale, thumbnails)
    ranked = copies_first(ranked, index.scale, same_file | pixels.same_picture)
    ids = [photo_id, *(pid for pid, _ in ranked)]
    return Likeness(
        photo_id,
        name,
        ids,
        dict(ranked),
        index.scale,
        same_file,
        pixels.edits,
        pixels.same_picture,
    )


def similar_ids(db: sqlite_utils.Database, photo_id: int) -> list[int]:
    """The photo itself, then every other indexed photo, most similar first (no pixel is
    read: what the photos are beside it is similar_ranking's)."""
    ranked = similar_by_likeness(_INDEX.get(db), photo_id, library_rows(db))
    return [photo_id, *(pid for pid, _ in ranked)]


def _wanted(db: sqlite_utils.Database, grid_filter: GridFilter) -> Collection[int] | Ids | None:
    """The photos the filter's special choice and folder let through (None: no such limit)."""
    wanted: Collection[int] | Ids | None = None
    if grid_filter.special == "untagged":
        wanted = tag_store.untagged_photo_ids(db)
    elif grid_filter.special == "review":
        wanted = tag_store.undecided_below(db, REVIEW_BELOW)
    if grid_filter.folder:
        inside = {
            photo_id
            for _, _, photo_id, _ in photo_store.known_files(db, grid_filter.folder).values()
        }
        wanted = inside if wanted is None else inside.intersection(wanted)
    if grid_filter.sure is not None and grid_filter.takes_sure:
        sure = _sure_ids(db, grid_filter, grid_filter.sure)
        wanted = sure if wanted is None else np.intersect1d(sure, _array(wanted))
    if grid_filter.marked:
        marked = np.asarray(
            file_store.photos_marked(db, grid_filter.rating, grid_filter.label, grid_filter.pick),
            dtype=np.int64,
        )
        wanted = marked if wanted is None else np.intersect1d(marked, _array(wanted))
    return wanted


def _array(ids: Collection[int] | Ids) -> Ids:
    if isinstance(ids, np.ndarray):
        return ids
    return np.fromiter(ids, dtype=np.int64, count=len(ids))


def _listed(ids: Collection[int] | Ids) -> list[int]:
    """As a list of Python ints (numpy's are no SQL parameter)."""
    return ids.tolist() if isinstance(ids, np.ndarray) else list(ids)


def _sure_ids(db: sqlite_utils.Database, grid_filter: GridFilter, sure: tuple[int, int]) -> Ids:
    """The photos having the filter's tags with the tagger's confidence within `sure`: each of
    all_of, one of any_of (a tag standing for the tags below it, as the filter's tags do); in
    numpy, ascending (a tag on 200,000 photos of a range as a set of Python ints took longer
    than reading them)."""
    low, high = sure[0] / 100, sure[1] / 100
    found: npt.NDArray[np.int64] | None = None
    for name in grid_filter.all_of:
        ids = tag_store.photos_scored_within(db, _subtree_ids(db, name), low, high)
        found = np.unique(ids) if found is None else np.intersect1d(found, ids)
    if grid_filter.any_of:
        either = np.unique(
            np.concatenate(
                [
                    tag_store.photos_scored_within(db, _subtree_ids(db, name), low, high)
                    for name in grid_filter.any_of
                ]
            )
        )
        found = either if found is None else np.intersect1d(found, either)
    return np.zeros(0, dtype=np.int64) if found is None else found


def photo_ids(
    db: sqlite_utils.Database, grid_filter: GridFilter, order: str, cache: OrderedIds | None = None
) -> list[int]:
    """Ids of the photos the filter lets through, in grid order."""
    if grid_filter.similar_to is not None:
        return similar_ids(db, grid_filter.similar_to)
    ids = _photo_ids(db, grid_filter, stored_order(order), cache)
    if order == BY_CONFIDENCE and grid_filter.takes_sure:
        return _surest_first(db, grid_filter, ids)
    return ids


def _surest_first(db: sqlite_utils.Database, grid_filter: GridFilter, ids: list[int]) -> list[int]:
    """`ids` (in date order) with the photos the tagger is surest of first: each photo by its
    highest confidence in the filter's tags (a tag standing for those below it); a photo with
    none (a tag the user gave that the model never scored) last, ties by date. In numpy: a
    dict of 350,000 photos' best scores and a sort by a Python key made the sort of a tag on
    70 % of 500,000 photos take 0.87 s, 0.42 s so (benchmarks/sure_filter.py)."""
    tag_ids = [
        t for name in (*grid_filter.all_of, *grid_filter.any_of) for t in _subtree_ids(db, name)
    ]
    scored, scores = tag_store.confidences_of(db, tag_ids)
    order = np.asarray(ids, dtype=np.int64)
    if not order.size:
        return []
    size = int(max(order.max(), scored.max() if scored.size else 0)) + 1
    best = np.full(size, -1.0)
    np.maximum.at(best, scored, scores)
    # Stable: equal confidences keep the date order they came in.
    return order[np.argsort(-best[order], kind="stable")].tolist()


def _photo_ids(
    db: sqlite_utils.Database, grid_filter: GridFilter, order: str, cache: OrderedIds | None
) -> list[int]:
    """photo_ids in one of the library's own orders."""
    words = grid_filter.tag_names or grid_filter.name_words
    tagged = bool(words) and grid_filter.special is None
    if cache is None:
        wanted = _wanted(db, grid_filter)
        if tagged:
            found = _searched(db, grid_filter)
            wanted = found if wanted is None else set(_listed(wanted)).intersection(found)
        never_read = set(photo_store.unread_ids(db))
        ids = photo_store.photo_ids_sorted(db, order, None if wanted is None else _listed(wanted))
        return [i for i in ids if i not in never_read] if never_read else ids
    ordered, array = cache.ordered(db, order)
    size = int(array.max()) + 1 if array.size else 0
    keep, drop = _tag_masks(db, grid_filter, cache, size) if tagged else (None, None)
    wanted = _wanted(db, grid_filter)
    if wanted is not None:
        inside = _mask(_array(wanted), size)
        keep = inside if keep is None else keep & inside
    unread = cache.unread(db)
    if unread.size:
        hidden = _mask(unread, size)
        drop = hidden if drop is None else drop | hidden
    if drop is not None:
        keep = ~drop if keep is None else keep & ~drop
    if keep is None:
        return list(ordered)  # the cached order holds no missing photo, so none gets through
    result: list[int] = array[keep[array]].tolist()
    return result


def _searched(db: sqlite_utils.Database, grid_filter: GridFilter) -> set[int]:
    """The photos the filter's tags and words of file names let through, read afresh."""
    f = grid_filter
    if not f.name_words:
        return set(tag_store.search(db, f.all_of, f.any_of, f.none_of))
    names = folded_names(db)
    found = set(tag_store.search(db, f.all_of, (), f.none_of))
    for word in f.names:
        found.intersection_update(named(names, word).tolist())
    if f.any_of or f.names_any:
        either = set(tag_store.search(db, (), f.any_of)) if f.any_of else set()
        for word in f.names_any:
            either.update(named(names, word).tolist())
        found &= either
    for word in f.names_out:
        found.difference_update(named(names, word).tolist())
    return found


@dataclass(frozen=True)
class LibraryCounts:
    """How many photos, by status, untagged, per tag: what the sidebar, the status bar and the
    CLI's `stats` all count, counted once here."""

    photos: int  # present photos (missing ones and files never read left out)
    # 'problem': photos damaged since they were read (shown, badged); 'pending': photos read
    # before and waiting to be tagged again (changed, back), not the files in `found`.
    by_status: dict[str, int]
    untagged: int
    folders: list[str]
    tags: list[tuple[str, int]]  # (tag, present photos having it), most used first
    # Files a scan found and has not read yet: shown in the grid, waiting, but no photos until
    # read (one may be a text file named .jpg), so not among `photos`: counted as photos, they
    # made "All photos · 353" during a scan that ended with 350.
    found: int = 0

    @property
    def pending(self) -> int:
        """Everything waiting to be tagged: the files found and not read yet too."""
        return self.by_status.get(PhotoStatus.PENDING, 0) + self.found


def _by_status(db: sqlite_utils.Database, found: int | None = None) -> tuple[dict[str, int], int]:
    """Photos per status as the counts count them, and the files found and not read yet
    (`found`, where the caller has counted them)."""
    by_status = photo_store.count_by_status(db)
    # A text file named .jpg is no photo: Problems counts it, "All photos" does not.
    by_status[PhotoStatus.PROBLEM] -= photo_store.count_unread(db)
    # Nor is a file found and not read yet: it may be one (photo_store._FOUND_UNREAD).
    found = photo_store.count_found_unread(db) if found is None else found
    by_status[PhotoStatus.PENDING] -= found
    return by_status, found


def _photos(by_status: dict[str, int]) -> int:
    return sum(n for status, n in by_status.items() if status != PhotoStatus.MISSING)


@dataclass(frozen=True)
class PhotoTotal:
    """The library's photos as "All photos" counts them, and how many of the photos read with
    them are files found and not read yet, which the grid shows (waiting) and no count counts as
    photos."""

    photos: int
    found: int = 0


def _photo_total(db: sqlite_utils.Database, shown: Collection[int]) -> PhotoTotal:
    # Read once, and those shown counted here, on the reader thread (none unless a scan is on).
    found = photo_store.found_unread_ids(db)
    by_status, _ = _by_status(db, len(found))
    return PhotoTotal(_photos(by_status), len(frozenset(found).intersection(shown)) if found else 0)


def with_photo_count(
    db: sqlite_utils.Database, read: Callable[[], T], shown: Callable[[T], Collection[int]]
) -> tuple[T, PhotoTotal]:
    """`read()` and the library's photos as "All photos" counts them, from one snapshot of the
    library: the grid's photos and the "of" count beside them. Read apart (the grid's query, the
    sidebar's counts a moment later, on another thread) they said "305 of 300 photos shown"
    while a scan committed photos in between. `shown`: the ids of what `read()` gave, among
    which the files found and not read yet are counted."""
    conn = db.conn
    if conn.in_transaction:
        result = read()
        return result, _photo_total(db, shown(result))
    conn.execute("BEGIN")  # deferred: a read snapshot of the library from its first read
    try:
        result = read()
        return result, _photo_total(db, shown(result))
    finally:
        if conn.in_transaction:
            conn.execute("COMMIT")


def library_counts(db: sqlite_utils.Database) -> LibraryCounts:
    by_status, found = _by_status(db)
    return LibraryCounts(
        photos=_photos(by_status),
        by_status=by_status,
        found=found,
        untagged=tag_store.count_untagged(db),
        folders=photo_store.list_folders(db),
        tags=tag_store.tag_counts(db),
    )


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
    # Each level of the tag tree with tags below it -> photos having it or one of them, each
    # once: what the sidebar shows beside it, and what clicking it shows.
    tag_totals: dict[str, int] = field(default_factory=dict)
    # With no photo: those Remove Folder took out (their tags kept should the folder be added
    # again) and the folders removed, for the welcome page to say where they went.
    taken_out: int = 0
    removed_folders: list[str] = field(default_factory=list)
    # The colour labels the photos' files have (digiKam's, Lightroom's), in their order, with
    # how many photos have each: what the sidebar's "Label" choice offers.
    labels: list[tuple[str, int]] = field(default_factory=list)
    # Files a scan found and has not read yet: among `pending`, not among `photos`.
    found: int = 0
    # The files File ▸ Problems lists (unread, keywords not written, copies left behind).
    problems: int = 0


def overview(db: sqlite_utils.Database) -> LibraryOverview:
    counts = library_counts(db)
    out, removed = folder_admin.taken_out(db) if not counts.photos else (0, [])
    return LibraryOverview(
        photos=counts.photos,
        pending=counts.pending,
        untagged=counts.untagged,
        to_review=tag_store.count_undecided_below(db, REVIEW_BELOW),
        folders=counts.folders,
        tags=counts.tags,
        all_tag_names=[name for name, _ in tag_store.all_tags(db)],
        folder_tree=folder_tree(db),
        tag_totals=tag_store.subtree_counts(db, group_names([n for n, _ in counts.tags])),
        taken_out=out,
        removed_folders=removed if out else [],
        labels=_in_label_order(file_store.label_counts(db)),
        found=counts.found,
        problems=problem_count(db),
    )


def _in_label_order(counts: list[tuple[str, int]]) -> list[tuple[str, int]]:
    found = dict(counts)
    return [(name, found[name]) for name in in_label_order(found)]
