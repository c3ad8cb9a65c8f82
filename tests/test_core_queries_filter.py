"""The grid's tag filters cut from cached per-tag photo sets give exactly what the store's
search gives (the CLI's `search`), and a commit from another connection is seen at once."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils

from phototagger.core.queries import GridFilter, OrderedIds, parse_search, photo_ids
from phototagger.store.connection import open_database
from phototagger.store.photos import (
    delete_photos,
    mark_missing,
    photo_ids_in_order,
    photo_ids_sorted,
    set_status,
    update_photo,
)
from phototagger.store.tags import add_user_tag, reject_tag, write_model_tags
from tests.store_helpers import add_photo

TAGS = ("cat", "dog", "sofa", "beach")


@pytest.fixture
def library(db: sqlite_utils.Database) -> sqlite_utils.Database:
    """40 photos in two folders with overlapping tags, rejections and missing photos."""
    for i in range(40):
        folder = "/p/home" if i % 2 else "/p/trip"
        pid = add_photo(db, f"{folder}/{i:02d}.jpg", taken_at=f"2020-01-{i % 28 + 1:02d}")
        suggested = [t for n, t in enumerate(TAGS) if i % (n + 2) == 0]
        write_model_tags(db, pid, dict.fromkeys(suggested, 0.8), suggested, "v1")
        if i % 7 == 0 and suggested:
            reject_tag(db, pid, suggested[0])
        if i % 5 == 0:
            add_user_tag(db, pid, "mine")
    mark_missing(db, [4, 9])
    return db


FILTERS = [
    "cat",
    "cat, dog",
    "cat | sofa",
    "cat | unknown",
    "unknown | nothing",
    "unknown",
    "-cat",
    "-cat, -unknown",
    "dog, -sofa",
    "mine, -beach",
    "cat | dog, -mine",
]


@pytest.mark.parametrize("text", FILTERS)
@pytest.mark.parametrize("order", ["taken", "name", "folder"])
def test_cached_filter_equals_the_search(
    library: sqlite_utils.Database, text: str, order: str
) -> None:
    grid_filter = parse_search(text)
    cache = OrderedIds()
    expected = photo_ids(library, grid_filter, order)  # no cache: the store's search
    assert photo_ids(library, grid_filter, order, cache) == expected
    assert photo_ids(library, grid_filter, order, cache) == expected  # from the cached sets
    folder = GridFilter(
        grid_filter.all_of, grid_filter.any_of, grid_filter.none_of, folder="/p/home"
    )
    assert photo_ids(library, folder, order, cache) == photo_ids(library, folder, order)
    assert not {4, 9} & set(expected)  # missing photos never shown


def test_a_commit_from_another_connection_is_seen(
    library: sqlite_utils.Database, tmp_path: Path
) -> None:
    cache = OrderedIds()
    cats = photo_ids(library, GridFilter(all_of=("cat",)), "taken", cache)
    other = open_database(tmp_path / "library.db")
    outsider = next(i for i in range(1, 41) if i not in cats and i not in (4, 9))
    reject_tag(other, cats[0], "cat")
    add_user_tag(other, outsider, "cat")
    other.close()
    again = photo_ids(library, GridFilter(all_of=("cat",)), "taken", cache)
    assert cats[0] not in again and outsider in again
    assert again == photo_ids(library, GridFilter(all_of=("cat",)), "taken")


def test_only_a_few_tags_are_kept(library: sqlite_utils.Database) -> None:
    cache = OrderedIds()
    for n in range(OrderedIds.TAGS_KEPT + 3):
        add_user_tag(library, 1, f"t{n}")
        photo_ids(library, GridFilter(all_of=(f"t{n}",)), "taken", cache)
    assert len(cache._tags) == OrderedIds.TAGS_KEPT  # noqa: SLF001 - the bound is the point


def test_a_label_commit_keeps_the_order_and_a_photo_change_drops_it(
    library: sqlite_utils.Database, tmp_path: Path
) -> None:
    cache = OrderedIds()
    order = cache.ids(library, "taken")
    other = open_database(tmp_path / "library.db")
    add_user_tag(other, 3, "cat")  # labels only: the same photos in the same order
    assert cache.ids(library, "taken") is order
    assert 3 in photo_ids(library, GridFilter(all_of=("cat",)), "taken", cache)
    changes = [
        lambda: update_photo(other, 3, taken_at="1999-01-01"),  # re-dated: now first
        lambda: update_photo(other, 5, path="/p/home/000.jpg"),  # renamed and moved
        lambda: mark_missing(other, [6]),
        lambda: set_status(other, [4], "tagged"),  # missing photo back
        lambda: add_photo(other, "/p/trip/new.jpg", taken_at="2020-02-01"),
        lambda: delete_photos(other, [7]),
    ]
    for change in changes:
        change()
        for sort in ("taken", "name", "folder"):
            assert cache.ids(library, sort) == photo_ids_sorted(library, sort)
        every = GridFilter(none_of=("unknown",))
        assert photo_ids(library, every, "taken", cache) == photo_ids(library, every, "taken")
    other.close()


def test_a_status_change_within_present_photos_keeps_the_order(
    library: sqlite_utils.Database, tmp_path: Path
) -> None:
    cache = OrderedIds()
    order = cache.ids(library, "name")
    other = open_database(tmp_path / "library.db")
    set_status(other, [1, 2], "pending")  # still shown, in the same place
    other.close()
    assert cache.ids(library, "name") is order
    assert order == photo_ids_sorted(library, "name")


@pytest.mark.parametrize(
    "grid_filter",
    [
        GridFilter(special="untagged"),
        GridFilter(special="review", all_of=("cat",)),  # the special choice wins
        GridFilter(folder="/p/trip"),
        GridFilter(special="untagged", folder="/p/home"),
        GridFilter(all_of=("dog",), none_of=("mine",), folder="/p/trip"),
        GridFilter(folder="/p/nowhere"),
    ],
)
def test_cached_special_and_folder_filters_equal_the_uncached(
    library: sqlite_utils.Database, grid_filter: GridFilter
) -> None:
    cache = OrderedIds()
    expected = photo_ids(library, grid_filter, "taken")
    assert photo_ids(library, grid_filter, "taken", cache) == expected
    assert not {4, 9} & set(expected)


@pytest.mark.parametrize("order", ["taken", "name", "folder", "added"])
def test_the_order_read_in_one_step_is_the_grid_order(
    library: sqlite_utils.Database, order: str
) -> None:
    update_photo(library, 12, taken_at=None)  # undated photos go last
    update_photo(library, 30, path="/p/trip/01.jpg")  # a name shared across folders
    expected = photo_ids_sorted(library, order)
    assert photo_ids_in_order(library, order).tolist() == expected
    assert len(expected) == 38  # the 2 missing photos left out
