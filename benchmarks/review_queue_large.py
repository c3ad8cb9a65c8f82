"""The review queue of a large library, before and after it reads the library's ImageNet
probabilities from the copy a scan's last step makes (core/probability_matrix.py).

Run: .venv/bin/python benchmarks/review_queue_large.py [--before REF] [--photos 100000]
     [--repeat 3]

A library of --photos synthetic embeddings (as benchmarks/review_versions.py makes them), a
taught tag 'cats' with kinds it weighs only weakly and five answers, and the copies a scan's
last step makes (core/job_end_copies.py). Times, medians of --repeat after one queue: the
whole queue (review_queue, 50 photos) with core/model/unseen_kinds.py as it is at --before (read
from git) and as it is now; both give the same queue (asserted: same photos, order, reasons and
confidences, bit for bit). Twice: 'cats' as taught, its base the mass of its classes alone (as a
tag trained without a correction from the embeddings: its kernel column 0), then with such a
correction (a version whose 'cats' column has a kernel, as most trained tags have).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def cats_library(lib: Any, photos: int, rng: Any) -> tuple[float, float]:
    """`photos` synthetic embeddings in `lib` (/p/NNNNNN-NNNNN.jpg), the taught tag 'cats' (its
    base the mass of 'Persian cat' and, weakly, three other cats) with its first five photos
    answered "no", and the copies a scan's last step makes: the seconds to make the photos and
    the tag, and to make the copies."""
    import numpy as np

    from phototagger.core.job_end_copies import refresh_after_job
    from phototagger.ml.engine import BACKBONE_NAME
    from phototagger.store import tags as tag_store
    from tests.store_helpers import embedded_photos
    from tests.taught_tags import taught

    start = time.perf_counter()
    ids: list[int] = []
    for first in range(0, photos, 10_000):
        n = min(10_000, photos - first)
        vectors = np.clip(rng.normal(0.4, 0.8, (n, 1280)), 0, 6).astype(np.float32)
        ids += embedded_photos(lib.db, vectors, name=f"/p/{first:06d}-{{:05d}}.jpg")
    weak = {"tabby": 0.2, "tiger cat": 0.2, "Egyptian cat": 0.2}
    taught(lib, "cats", {"Persian cat": 1.0, **weak}, threshold=0.05)
    for pid in ids[:5]:
        tag_store.reject_tag(lib.db, pid, "cats")
    made = time.perf_counter() - start
    start = time.perf_counter()
    refresh_after_job(lib, [BACKBONE_NAME])
    return made, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", default="6ae18b9")
    parser.add_argument("--photos", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    scratch = tempfile.TemporaryDirectory(prefix="review-queue-large-")
    os.environ["PHOTOTAGGER_HOME"] = str(Path(scratch.name) / "home")
    sys.path.insert(0, str(ROOT))

    import numpy as np

    from benchmarks.review_versions import _median, _module_at
    from phototagger.core.library import open_library
    from phototagger.core.model import unseen_kinds
    from phototagger.core.model.activation import activate_version
    from phototagger.core.model.review import review_queue
    from phototagger.core.model.tagger import load_head
    from phototagger.ml.registry import ModelVersions
    from phototagger.ml.trained_head import TrainedHead
    from phototagger.paths import default_home

    before = _module_at(args.before, "unseen_kinds")
    now = unseen_kinds.queue_inputs
    with open_library(default_home()) as lib:
        rng = np.random.default_rng(0)
        made, copied = cats_library(lib, args.photos, rng)
        print(
            f"{args.photos:,} photos made in {made:.1f} s, the scan's last step (copies) "
            f"{copied:.1f} s; medians of {args.repeat}",
            flush=True,
        )

        def queue() -> list[tuple[int, str, float]]:
            return [(i.photo_id, i.why, i.confidence) for i in review_queue(lib, "cats", limit=50)]

        for kind in ("its classes alone", "with a correction from the embeddings"):
            if kind != "its classes alone":
                head = load_head(lib)
                assert isinstance(head, TrainedHead)
                kernel = head.kernel.copy()
                kernel[:, -1] = rng.normal(0, 0.002, 1280)
                versions = ModelVersions(lib.home.model_versions)
                versions.save(
                    replace(head, version="v3", kernel=kernel),
                    {"parent": "v2", "created_at": "2026-01-02T00:00:00"},
                )
                activate_version(lib, "v3")
            print(f"  'cats', {kind}:", flush=True)
            queues = {}
            for name, inputs in (("before", before.queue_inputs), ("now", now)):
                unseen_kinds.queue_inputs = inputs  # review_queue imports it on each call
                queues[name] = queue()
                seconds = _median(queue, args.repeat)
                print(
                    f"    {name}: whole queue {seconds:.2f} s (load {os.getloadavg()[0]:.1f}; "
                    f"{len(queues[name])} photos, starts {[p for p, _, _ in queues[name][:3]]})",
                    flush=True,
                )
            unseen_kinds.queue_inputs = now
            assert queues["before"] == queues["now"], queues
            print("    the same queue: photos, order, reasons and confidences, bit for bit")


if __name__ == "__main__":
    main()
