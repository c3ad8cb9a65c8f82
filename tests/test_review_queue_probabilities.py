"""The review queue of a tag (core/model/unseen_kinds.queue_inputs) reads the ImageNet
probabilities of the whole library from the copy a scan's last step makes
(core/probability_matrix.py) where it is current, and computes them only where it is not: the
softmax over the library, on every queue, was most of a queue of a large library. The queue is
the same either way: the same photos, in the same order, for the same reasons."""

from __future__ import annotations

import numpy as np
import pytest

from phototagger.core.embedding_matrix import embedding_matrix
from phototagger.core.library import open_library
from phototagger.core.model.review import review_queue
from phototagger.core.probability_matrix import PAGE, build_probabilities
from phototagger.core.score_cache import cache_key
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.ml.heads import load_default_head
from phototagger.paths import default_home
from phototagger.store import tags as tag_store
from tests.softmax_count import softmax_rows
from tests.store_helpers import embedded_photos
from tests.taught_tags import taught


def test_the_queue_reads_the_libraries_probabilities_where_current(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    computed = softmax_rows(monkeypatch)
    with open_library(default_home()) as lib:
        rng = np.random.default_rng(0)
        count = 2 * PAGE + 300  # two whole pages and a part
        vectors = np.clip(rng.normal(0.4, 0.8, (count, 1280)), 0, 6).astype(np.float32)
        ids = embedded_photos(lib.db, vectors)
        # A tag with kinds it weighs only weakly, so the queue has its line of unseen kinds.
        weak = {"tabby": 0.2, "tiger cat": 0.2, "Egyptian cat": 0.2}
        taught(lib, "cats", {"Persian cat": 1.0, **weak}, threshold=0.05)
        for pid in ids[:5]:
            tag_store.reject_tag(lib.db, pid, "cats")

        def queue() -> list[tuple[int, str, float]]:
            return [(i.photo_id, i.why, i.confidence) for i in review_queue(lib, "cats", limit=50)]

        # The embeddings' copy only (as before a scan's last step): every page computed.
        cache = lib.home.embeddings_cache
        matrix = embedding_matrix(lib.db, BACKBONE_NAME, cache, min_photos=0)
        assert matrix is not None
        computed.clear()
        without = queue()
        assert sum(computed) >= count
        assert len(without) == 50 and len({why for _, why, _ in without}) > 1

        # With the probabilities' copy: none computed, the very same queue.
        default = load_default_head()
        key = cache_key(default, BACKBONE_NAME)
        assert build_probabilities(lib.db, cache, BACKBONE_NAME, matrix, default, key)
        computed.clear()
        assert queue() == without
        assert computed == []

        # A photo embedded since: the copies are stale (the embeddings' copy made again, as the
        # queue makes it), the softmax runs again.
        embedded_photos(lib.db, vectors[:1] * 1.5, name="/new/{:05d}.jpg")
        computed.clear()
        assert len(queue()) == 50
        assert sum(computed) >= count + 1
