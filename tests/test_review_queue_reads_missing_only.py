"""speed39: building a review queue read every present photo's id (store.photos.
present_photo_ids: 0.12-0.15 s at 500,000 photos) to leave out the missing ones. Each photo the
queue scores has a row (its embedding goes with it), so the queue now reads the ids of the
missing photos alone, from the status index. A missing photo is still never offered, and counts
neither in "the nearest" nor in "nothing likely left" (read38)."""

from __future__ import annotations

import numpy as np
import pytest

from phototagger.core.library import open_library
from phototagger.core.model.review import review_round, tag_scores
from phototagger.paths import default_home
from phototagger.store import photos as photo_store
from tests.store_helpers import embedded_photos
from tests.taught_tags import taught


def test_the_queue_leaves_out_missing_photos_without_reading_every_present_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = np.random.default_rng(3)
    vectors = np.clip(rng.normal(0.4, 0.8, (300, 1280)), 0, 6).astype(np.float32)
    with open_library(default_home()) as lib:
        ids = embedded_photos(lib.db, vectors)
        taught(lib, "cats", {"Persian cat": 1.0, "tabby": 0.2, "tiger cat": 0.2}, threshold=0.05)
        scores = dict(tag_scores(lib, "cats"))
        ranked = sorted(ids, key=lambda pid: -scores[pid])
        before = review_round(lib, "cats")
        # The likeliest photos (the queue's first line offered them) and some further down.
        missing = set(ranked[:10] + ranked[150:160])
        assert missing & {item.photo_id for item in before.items}
        photo_store.mark_missing(lib.db, sorted(missing))

        def every_present_id(*args: object) -> list[int]:
            raise AssertionError("the queue read every present photo's id")

        monkeypatch.setattr(photo_store, "present_photo_ids", every_present_id)
        after = review_round(lib, "cats")
    offered = [item.photo_id for item in after.items]
    assert offered and not missing & set(offered), sorted(missing & set(offered))
    assert len(offered) == len(before.items)
    # The nearest is the highest score of a photo the queue can show.
    assert after.nearest == max(scores[pid] for pid in ids if pid not in missing)
    assert after.nearest < before.nearest
