"""Re-tagging reads the default head's scores from the library's cache instead of redoing the
1000-class softmax, and a photo whose embedding changed is scored afresh, never from the cache."""

from __future__ import annotations

import numpy as np

from phototagger.core.embeddings import encode_embedding
from phototagger.core.library import open_library
from phototagger.core.model.activation import activate_version
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.ml.heads import load_default_head
from phototagger.paths import default_home
from phototagger.store.embeddings import put_embeddings
from phototagger.store.tags import add_user_tag, tags_of_photo
from tests.store_helpers import add_photo


def _looks_like(tag: str) -> np.ndarray:
    """An embedding the default head reads as one of `tag`'s ImageNet classes."""
    default = load_default_head()
    column = default.tag_names.index(tag)
    cls = int(np.nonzero(default.vocabulary.membership()[:, column])[0][0])
    return (default.kernel[:, cls] * 40).astype(np.float32)


def _suggested(db, photo_id: int) -> set[str]:  # noqa: ANN001
    return {t.name for t in tags_of_photo(db, photo_id) if t.state is None}


def test_retag_uses_cached_scores_and_refreshes_changed_embeddings() -> None:
    cat, car = _looks_like("cat"), _looks_like("car")
    with open_library(default_home()) as lib:
        ids = [add_photo(lib.db, f"/p/{i}.jpg") for i in range(3)]
        put_embeddings(
            lib.db,
            BACKBONE_NAME,
            [
                (ids[0], encode_embedding(cat)),
                (ids[1], encode_embedding(car)),
                (ids[2], encode_embedding(cat)),
            ],
        )
        add_user_tag(lib.db, ids[2], "grandma")
        assert activate_version(lib, "v1") == 3
        assert "cat" in _suggested(lib.db, ids[0]) and "car" not in _suggested(lib.db, ids[0])
        assert "car" in _suggested(lib.db, ids[1])
        cached = lib.db.execute("SELECT count(*) FROM score_cache").fetchone()[0]
        assert cached == 3
        # The photo was re-scanned and now shows a car: its cached scores no longer apply.
        put_embeddings(lib.db, BACKBONE_NAME, [(ids[0], encode_embedding(car))])
        activate_version(lib, "v1")
        assert "car" in _suggested(lib.db, ids[0]) and "cat" not in _suggested(lib.db, ids[0])
        assert "cat" in _suggested(lib.db, ids[2])
        assert "grandma" in {t.name for t in tags_of_photo(lib.db, ids[2]) if t.state == "added"}


def test_cached_scores_are_the_default_heads_own() -> None:
    rng = np.random.default_rng(0)
    embeddings = np.clip(rng.normal(0.5, 1.0, (40, 1280)), 0, 6).astype(np.float16)
    embeddings[:10] = _looks_like("dog")
    with open_library(default_home()) as lib:
        ids = [add_photo(lib.db, f"/p/{i}.jpg") for i in range(len(embeddings))]
        put_embeddings(
            lib.db,
            BACKBONE_NAME,
            [(pid, encode_embedding(e)) for pid, e in zip(ids, embeddings, strict=True)],
        )
        activate_version(lib, "v1")  # computes and caches
        activate_version(lib, "v1")  # reads the cache
        default = load_default_head()
        scores = default.scores(embeddings.astype(np.float32))
        for pid, row in zip(ids, scores, strict=True):
            expected = {default.tag_names[j] for j in np.nonzero(row >= default.thresholds)[0]}
            assert _suggested(lib.db, pid) == expected
            stored = {t.name: t.confidence for t in tags_of_photo(lib.db, pid)}
            for name in expected:
                assert stored[name] == float(row[default.tag_names.index(name)])
        assert any(_suggested(lib.db, pid) for pid in ids)
