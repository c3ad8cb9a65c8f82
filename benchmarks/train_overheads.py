"""What a training, a review queue and the sidebar read of a large library besides their own
work, before (store/photos.py and core/model/review.py as at --before, read from git) and now.

Run: PYTHONPATH=. .venv/bin/python benchmarks/train_overheads.py [--before REF]
     [--photos 100000 500000] [--queue-photos 100000] [--repeat 5]

Per size, two made-up libraries of --photos rows in 1,000 folders (2 % missing, 0.5 % files
never read, 0.5 % found and not read yet; then the same with the last fifth found by a scan and
not read yet, as while a scan runs). Printed, medians of --repeat, in ms:
- the sidebar's folder counts (counts_by_folder; the same counts asserted);
- a training's read of the folders' counts, outside its fit: before, every folder's, in every
  training (head path and deep run alike); now, per tag of 10 yes and 30 no answers that might
  be taught by folders (tag_learning.folder_answers; the head path asks once per fit: the
  held-out check's, then the final one, and only for a tag no WordNet group fits), nothing
  where some folder holds answers both ways (answers among the photos of 4 folders), else the
  counts of its answers' folders only (one photo of each of 40 folders; yes on every photo of
  one folder and no on every photo of another);
- the review queue's check of which scored photos are present (every photo scored, 40
  answered; the same candidates asserted).
Then the deep run's ImageNet probabilities of the photos it decodes (1,000 answers and its 128
other photos), which it now computes only for a tag whose answers are whole folders, and the
whole review queue (review_queue, 50 photos) of --queue-photos synthetic embeddings (as
benchmarks/review_queue_large.py makes them, 2 % of them missing) with core/model/review.py as
at --before and now (the same queue asserted). --queue-photos 0 leaves it out.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = 1000


def _build(path: Path, photos: int, scanning: bool) -> None:
    """`photos` rows in FOLDERS folders, their statuses drawn (seed 0) as the module says."""
    from phototagger.store.connection import open_database, transaction
    from phototagger.store.name_order import natural_key

    db = open_database(path)
    draw = random.Random(0)
    rows = []
    for i in range(photos):
        folder = f"/home/me/Pictures/{2000 + i % 25}/Trip {i % FOLDERS:04d}"
        name = f"IMG_{i:07d}.JPG"
        r = draw.random()
        found = r < 0.03 or (scanning and i >= photos * 4 // 5)
        status = "missing" if r < 0.02 else "problem" if r < 0.025 else "pending" if found else ""
        status = status or "tagged"
        rows.append(
            (
                f"{folder}/{name}",
                folder,
                name,
                natural_key(name),
                3_000_000 + i,
                1.7e9 + i,
                None if status == "pending" else f"{i:032x}",
                None if status == "problem" else "v1",
                status,
            )
        )
    with transaction(db):
        db.conn.executemany(
            "INSERT INTO photos (path, folder, name, name_sort, size, mtime, content_hash,"
            " model_version, status, width, height, orientation, added_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 4000, 3000, 1, '2026-01-01', '2026-01-01')",
            rows,
        )
    db.conn.close()


def _ms(call: Callable[[], object], repeat: int) -> tuple[float, Any]:
    result = call()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def _reads(db: Any, before: Any, repeat: int) -> None:
    import numpy as np

    from phototagger.core.tag_learning import folder_answers
    from phototagger.store import photos as photo_store

    old, counts = _ms(lambda: before.counts_by_folder(db), repeat)
    new, now = _ms(lambda: photo_store.counts_by_folder(db), repeat)
    assert now == counts
    print(f"    sidebar's folder counts: {old:.0f} -> {new:.0f} ms ({len(now):,} folders)")

    folder_of = dict(db.execute("SELECT id, folder FROM photos WHERE status != 'missing'"))
    present = sorted(folder_of)
    draw = random.Random(1)
    y = np.arange(40) < 10
    read: list[int] = []  # the number of folders of each read

    def sizes(folders: Sequence[str]) -> dict[str, int]:
        read.append(len(folders))
        return photo_store.counts_by_folder(db, folders)

    # 10 yes and 30 no among the photos of 4 folders: each folder has answers both ways.
    four = set(draw.sample(sorted(counts), 4))
    answered = draw.sample([p for p, f in folder_of.items() if f in four], 40)
    both, found = _ms(lambda: folder_answers(folder_of, sizes, answered, y), repeat)
    assert found is None and not read, read
    # One photo of each of 40 folders drawn from the library: each folder's answers one way.
    by_folder: dict[str, list[int]] = {}
    for photo, folder in folder_of.items():
        by_folder.setdefault(folder, []).append(photo)
    answered = [draw.choice(by_folder[f]) for f in draw.sample(sorted(by_folder), 40)]
    spread, found = _ms(lambda: folder_answers(folder_of, sizes, answered, y), repeat)
    assert found is None and read[-1] == 40, read
    yes_folder, no_folder = sorted(counts)[:2]
    yes = [p for p, f in folder_of.items() if f == yes_folder]
    no = [p for p, f in folder_of.items() if f == no_folder]
    whole, found = _ms(
        lambda: folder_answers(
            folder_of, sizes, yes + no, np.arange(len(yes) + len(no)) < len(yes)
        ),
        repeat,
    )
    assert found is not None and not found.elsewhere.any(), found
    assert found.split == ((yes_folder,), (no_folder,)), found.split
    print(
        f"    a training's read of the folders' counts: {old:.0f} ms every training -> per fit of "
        f"a tag, {both:.2f} ms (40 answers in 4 folders, both ways: none read), "
        f"{spread:.2f} ms (one answer in each of 40 folders: read), "
        f"{whole:.2f} ms (two whole folders, {len(yes)} and {len(no)} photos)"
    )

    scored = [(pid, draw.random()) for pid in range(1, max(present) + 1)]
    decided = set(draw.sample(present, 40))

    def before_check() -> list[tuple[int, float]]:
        present = set(before.present_photo_ids(db))
        return [(pid, c) for pid, c in scored if pid not in decided and pid in present]

    def now_check() -> list[tuple[int, float]]:
        missing = photo_store.missing_photo_ids(db)
        return [(pid, c) for pid, c in scored if pid not in decided and pid not in missing]

    old, kept = _ms(before_check, repeat)
    new, same = _ms(now_check, repeat)
    assert same == kept
    print(
        f"    review queue, which of the {len(scored):,} scored photos are present: "
        f"{old:.0f} -> {new:.0f} ms ({len(kept):,} candidates)"
    )


def _deep_probabilities(repeat: int) -> None:
    import numpy as np

    from phototagger.ml.heads import load_default_head

    rows = np.random.default_rng(0).normal(0.4, 0.8, (1128, 1280)).clip(0, 6).astype(np.float32)
    head = load_default_head()
    ms, _ = _ms(lambda: head.imagenet_probabilities(rows), repeat)
    print(
        f"deep run, ImageNet probabilities of 1,128 decoded photos: {ms:.1f} ms in every run -> "
        "only in a run with a tag whose answers are whole folders"
    )


def _whole_queue(photos: int, ref: str, repeat: int) -> None:
    import numpy as np

    from benchmarks.review_queue_large import cats_library
    from benchmarks.review_versions import _module_at
    from phototagger.core.library import open_library
    from phototagger.core.model import review
    from phototagger.paths import default_home
    from phototagger.store import photos as photo_store

    before = _module_at(ref, "review")
    with open_library(default_home()) as lib:
        made, copied = cats_library(lib, photos, np.random.default_rng(0))
        ids = photo_store.present_photo_ids(lib.db)
        photo_store.mark_missing(lib.db, random.Random(2).sample(ids, len(ids) // 50))
        print(f"whole review queue, {photos:,} photos (made in {made + copied:.0f} s), 2 % gone:")
        queues = {}
        for name, module in (("before", before), ("now", review)):
            queues[name] = [
                (i.photo_id, i.why, i.confidence) for i in module.review_queue(lib, "cats")
            ]
            seconds, _ = _ms(partial(module.review_queue, lib, "cats"), repeat)
            print(f"    {name}: {seconds:.0f} ms ({len(queues[name])} photos)", flush=True)
        assert queues["before"] == queues["now"]
        print("    the same queue: photos, order, reasons and confidences")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", default="f328985")
    parser.add_argument("--photos", type=int, nargs="+", default=[100_000, 500_000])
    parser.add_argument("--queue-photos", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    scratch = tempfile.TemporaryDirectory(prefix="train-overheads-")
    os.environ["PHOTOTAGGER_HOME"] = str(Path(scratch.name) / "home")
    sys.path.insert(0, str(ROOT))

    from benchmarks.review_versions import _module_at
    from phototagger.store.connection import open_database

    before = _module_at(args.before, "photos", "store")
    print(f"medians of {args.repeat}, before ({args.before}) -> now; load {os.getloadavg()[0]:.1f}")
    for photos in args.photos:
        for scanning in (False, True):
            path = Path(scratch.name) / f"library-{photos}-{scanning}.db"
            start = time.perf_counter()
            _build(path, photos, scanning)
            kind = "a fifth found by a scan, not read yet" if scanning else "settled"
            print(f"{photos:,} photos, {kind} (made in {time.perf_counter() - start:.0f} s):")
            db = open_database(path)
            _reads(db, before, args.repeat)
            db.conn.close()
            path.unlink()
    _deep_probabilities(args.repeat)
    if args.queue_photos:
        _whole_queue(args.queue_photos, args.before, args.repeat)


if __name__ == "__main__":
    main()
