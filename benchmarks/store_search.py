"""Times the store's hot queries on a synthetic library of 100,000 photos.

Run: .venv/bin/python benchmarks/store_search.py
Builds 100,000 photos and about 1,000,000 photo_tags rows (60 tags, skewed) in a temporary
folder through the store API, then prints the median of 5 runs of each query, in ms, and the
GUI grid's tag filter (core/queries.py) as it was and as it is, in the same run. Last, 12 of the
tags are moved under 'nature/' and the parent is searched, filtered, counted and renamed (a tag
stands for its branch; the branch is a range on the tag name index). On the 2 shared cores
(2026-12-02): 'nature' (99,645 photos, ~290,000 rows) searched in 114 ms, first grid click 53 ms,
counted in 101 ms, where tag_counts of all tags takes 438 ms; a single tag as before.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

# This checkout's phototagger, not the one installed (an editable install points at another
# worktree): first, before anything imports it.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from phototagger.core.queries import GridFilter, OrderedIds, photo_ids
from phototagger.core.tag_admin import rename_tag
from phototagger.store.connection import open_database, transaction
from phototagger.store.photos import (
    insert_photo,
    known_files,
    photo_ids_in_order,
    photo_ids_sorted,
)
from phototagger.store.tags import search, set_user_state, subtree_counts, write_model_tags

PHOTOS = 100_000
BIG_FOLDER_PHOTOS = 20_000
TAGS = 60
RUNS = 5
MODEL = "bench-1"


def tag_probabilities() -> list[float]:
    """Skewed like a real library: a few tags on most photos, a long tail of rare ones."""
    probs = [0.7 * math.exp(-i / 14) for i in range(TAGS)]
    probs[-3:] = [0.002, 0.001, 0.0005]
    return probs


def photo_path(i: int, rng: random.Random) -> str:
    if i < BIG_FOLDER_PHOTOS:
        return f"/photos/big/{2015 + i % 10}/{i % 12 + 1:02d}/IMG_{i:06d}.jpg"
    # A sibling whose name extends "big" must not count as inside /photos/big.
    root = "/photos/bigger" if i < BIG_FOLDER_PHOTOS + 5_000 else f"/photos/other{i % 7}"
    return f"{root}/{rng.randrange(300):03d}/DSC_{i:06d}.jpg"


def synthetic_photo(
    db: Any, i: int, rng: random.Random, path_of: Callable[[int, random.Random], str]
) -> int:
    """Photo number `i` of a synthetic library, inserted: a date taken on 9 in 10, its path
    from `path_of` (drawn after the date, from the same `rng`)."""
    taken = None
    if rng.random() < 0.9:
        taken = f"{rng.randrange(2010, 2025)}-{rng.randrange(1, 13):02d}-01T12:00:00"
    return insert_photo(
        db,
        path=path_of(i, rng),
        size=1_000_000 + i,
        mtime=1.7e9 + i,
        content_hash=f"{i:032x}",
        width=4000,
        height=3000,
        taken_at=taken,
        orientation=1,
        status="tagged",
    )


def build(db_path: Path) -> tuple[Any, list[str], int]:
    rng = random.Random(20240501)
    db = open_database(db_path)
    names = [f"tag{i:02d}" for i in range(TAGS)]
    probs = tag_probabilities()
    per_photo: list[list[int]] = [[] for _ in range(PHOTOS)]
    for t, p in enumerate(probs):
        for i in rng.sample(range(PHOTOS), max(1, round(p * PHOTOS))):
            per_photo[i].append(t)
    rows = 0
    with transaction(db):
        for i in range(PHOTOS):
            photo_id = synthetic_photo(db, i, rng, photo_path)
            suggested = [names[t] for t in per_photo[i]]
            scores = {name: 0.5 + rng.random() / 2 for name in suggested}
            write_model_tags(db, photo_id, scores, suggested, MODEL)
            rows += len(suggested)
            # About 1% of photos carry a user decision, as after some labelling.
            if i % 97 == 0 and suggested:
                set_user_state(db, photo_id, suggested[0], "rejected")
            elif i % 89 == 0:
                set_user_state(db, photo_id, names[rng.randrange(TAGS)], "added")
                rows += 1
    return db, names, rows


def median_ms(fn: Callable[[], object]) -> tuple[float, object]:
    times = []
    result: object = None
    for _ in range(RUNS):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def report(label: str, fn: Callable[[], object]) -> None:
    ms, result = median_ms(fn)
    size = len(result) if isinstance(result, list | dict) else "?"
    print(f"{label:<48} {ms:8.2f} ms  ({size} results)", flush=True)


def tree(db: Any, names: list[str]) -> None:
    """A parent tag stands for its branch (store.tags.subtree_ids): 12 tags, from common to
    rare, moved under 'nature/' (one rename of each), then searched, filtered and counted."""
    branch = names[4:16]
    for name in branch:
        rename_tag(db, name, f"nature/{name}")
    print(f"-- {len(branch)} tags moved under 'nature/' --", flush=True)
    report("search parent tag 'nature' (12 tags below)", lambda: search(db, ["nature"]))
    report("search tag00 --not 'nature'", lambda: search(db, [names[0]], none_of=["nature"]))
    report("search leaf 'nature/tag10' (one tag)", lambda: search(db, [f"nature/{names[10]}"]))
    wanted = GridFilter(all_of=("nature",))
    cache = OrderedIds()
    cache.ids(db, "taken")

    def first() -> list[int]:
        cache._tags.clear()  # noqa: SLF001 - not filtered on since the last commit
        return photo_ids(db, wanted, "taken", cache)

    report("grid filter parent 'nature', first click", first)
    report("grid filter parent 'nature', again", lambda: photo_ids(db, wanted, "taken", cache))
    report("sidebar count of 'nature' (distinct photos)", lambda: subtree_counts(db, ["nature"]))
    report(
        "rename the branch 'nature' -> 'outdoors'",
        lambda: [rename_tag(db, "nature", "outdoors"), rename_tag(db, "outdoors", "nature")],
    )


def main() -> int:
    argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    ).parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        db, names, rows = build(Path(tmp) / "library.db")
        build_s = time.perf_counter() - start
        print(f"built {PHOTOS} photos, {rows} photo_tags rows in {build_s:.1f} s", flush=True)
        print(f"write_model_tags + insert_photo per photo      {build_s / PHOTOS * 1e6:8.1f} µs")
        probs = tag_probabilities()
        common = names[0]
        five = names[min(range(TAGS), key=lambda t: abs(probs[t] - 0.05))]
        rare = names[-2]
        report(f"search common tag ({probs[0]:.0%})", lambda: search(db, [common]))
        report(f"search 5% tag ({five})", lambda: search(db, [five]))
        report(f"search rare tag ({probs[-2]:.1%})", lambda: search(db, [rare]))
        report("search all-of 2 tags (common + 5%)", lambda: search(db, [common, five]))
        report(
            "search any-of 3 tags",
            lambda: search(db, any_of=[names[10], names[25], names[40]]),
        )
        report("search 5% tag --not common tag", lambda: search(db, [five], none_of=[common]))
        report("photo_ids_sorted(order='taken'), 100k", lambda: photo_ids_sorted(db, "taken"))
        report("photo_ids_sorted(order='name'), 100k", lambda: photo_ids_sorted(db, "name"))
        report("photo_ids_sorted(order='folder'), 100k", lambda: photo_ids_sorted(db, "folder"))
        # The grid's read (core/queries.OrderedIds); names sort on store.name_order's key.
        report("photo_ids_in_order(order='name'), 100k", lambda: photo_ids_in_order(db, "name"))
        hits = search(db, [five])
        report(
            "photo_ids_sorted('taken', 5% search result)",
            lambda: photo_ids_sorted(db, "taken", hits),
        )
        report("known_files('/photos/big'), 20k photos", lambda: known_files(db, "/photos/big"))
        # The grid's filter as the GUI's reader thread runs it (core/queries.py): the order is
        # cached until the photos change, a tag's photos until another connection commits. So
        # "first click" is also the cost after a commit that only labels photos.
        for tag, share in ((common, f"{probs[0]:.0%}"), (five, "5%")):
            wanted = GridFilter(all_of=(tag,))
            cache = OrderedIds()
            cache.ids(db, "taken")

            def first(wanted: GridFilter = wanted, cache: OrderedIds = cache) -> list[int]:
                cache._tags.clear()  # noqa: SLF001 - a tag not filtered on since the last commit
                return photo_ids(db, wanted, "taken", cache)

            def again(wanted: GridFilter = wanted, cache: OrderedIds = cache) -> list[int]:
                return photo_ids(db, wanted, "taken", cache)

            def after_commit(wanted: GridFilter = wanted) -> list[int]:
                return photo_ids(db, wanted, "taken", OrderedIds())  # every cache dropped

            def before(tag: str = tag, cache: OrderedIds = cache) -> list[int]:
                # The filter before it was cut from per-tag sets: the compound search, then cut.
                keep = set(search(db, [tag]))
                return [pid for pid in cache.ids(db, "taken") if pid in keep]

            report(f"grid filter {share} tag, as before (search + cut)", before)
            report(f"grid filter {share} tag, first click", first)
            report(f"grid filter {share} tag, again", again)
            report(f"grid filter {share} tag, after photos changed", after_commit)
        tree(db, names)
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
