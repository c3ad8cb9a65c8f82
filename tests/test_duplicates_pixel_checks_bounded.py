"""Find Duplicates looks at the pixels of a photo's few best partners at JOIN_COSINE, not of every
pair there: 30 shots of one scene that all score 0.8 with each other (435 pairs) cost at most
LONE_NEIGHBOURS checks a shot, and none is grouped; a lone copy at 0.78 with its original (under
DUPLICATE_COSINE) is grouped when the pixels say it is the same picture, whether every pair of
photos is compared or only photos of like clusters (as above EXHAUSTIVE_UP_TO photos), and not
when its pixels cannot be read. A picture's many copies above DUPLICATE_COSINE cost about a
check a copy: a pair already in one group is not looked at.

Embeddings with a known cosine: photos in a 200-dimensional subspace, so the projection the
search ranks on keeps their cosines; the pixel check is a stand-in that knows the copies.
"""

from __future__ import annotations

import numpy as np

from phototagger.core.similar import (
    DUPLICATE_COSINE,
    JOIN_COSINE,
    LONE_NEIGHBOURS,
    build_index,
    copy_groups,
)

PHOTOS, COPIES, SHOTS = 300, 20, 30


def _library() -> np.ndarray:
    """PHOTOS unrelated photos, a copy of each of the first COPIES (cosine about 0.78 with it),
    then SHOTS of one scene (about 0.8 with each other)."""
    rng = np.random.default_rng(0)
    basis = np.linalg.qr(rng.normal(0, 1, (1280, 200)))[0].T  # orthonormal rows
    photos = rng.normal(0, 1, (PHOTOS, 200))
    copies = photos[:COPIES] + rng.normal(0, 0.8, (COPIES, 200))  # 1 / sqrt(1 + 0.8²)
    scene = rng.normal(0, 1, 200)
    shots = scene + rng.normal(0, 0.5, (SHOTS, 200))  # 1 / (1 + 0.5²)
    return (np.concatenate([photos, copies, shots]) @ basis).astype(np.float32)


def test_pixel_checks_are_a_few_a_photo_and_find_lone_copies() -> None:
    vectors = _library()
    n = len(vectors)
    index = build_index(range(n), vectors)
    unit = index.vectors.astype(np.float32)
    cosines = unit @ unit.T
    copy_at = np.array([cosines[i, PHOTOS + i] for i in range(COPIES)])
    assert (copy_at >= JOIN_COSINE).all() and (copy_at < DUPLICATE_COSINE).all()
    shots = range(PHOTOS + COPIES, n)
    among = cosines[np.ix_(shots, shots)][np.triu_indices(SHOTS, 1)]
    assert (among >= JOIN_COSINE).sum() > 300 and (among < DUPLICATE_COSINE).all()

    copies = {(i, PHOTOS + i) for i in range(COPIES)}
    for exhaustive in (10**9, 0):  # every pair; clusters of like photos
        checked: list[tuple[int, int]] = []

        def same(a: int, b: int, checked: list[tuple[int, int]] = checked) -> bool:
            checked.append((a, b))
            return (min(a, b), max(a, b)) in copies

        groups = copy_groups(index, [], same, exhaustive_up_to=exhaustive)
        assert sorted(map(tuple, groups)) == sorted(copies)
        assert len(checked) <= LONE_NEIGHBOURS * n
        of_shots = [p for p in checked if p[0] in shots or p[1] in shots]
        assert 0 < len(of_shots) <= LONE_NEIGHBOURS * SHOTS

    # A copy whose pixels cannot be read is not grouped on an embedding under the threshold.
    assert copy_groups(index, [], lambda a, b: None) == []


def test_a_pictures_many_copies_cost_a_check_each() -> None:
    """A photo and 15 edited exports of it all score DUPLICATE_COSINE or more with each other
    (105 pairs among the copies, 120 in all): a pair its group already holds is not looked at,
    so the pixels are checked about once a copy, best pair first, not 120 times."""
    rng = np.random.default_rng(1)
    basis = np.linalg.qr(rng.normal(0, 1, (1280, 200)))[0].T
    photo = rng.normal(0, 1, 200)
    copies = photo + rng.normal(0, 0.2, (15, 200))  # about 0.98 with it, 0.96 with each other
    others = rng.normal(0, 1, (PHOTOS, 200))
    vectors = (np.concatenate([[photo], copies, others]) @ basis).astype(np.float32)
    index = build_index(range(len(vectors)), vectors)
    unit = index.vectors[:16].astype(np.float32)
    assert (unit @ unit.T >= DUPLICATE_COSINE).all()
    checked: list[tuple[int, int]] = []

    def same(a: int, b: int) -> bool:
        checked.append((a, b))
        return a < 16 and b < 16

    assert copy_groups(index, [], same) == [list(range(16))]
    among = [p for p in checked if p[0] < 16 and p[1] < 16]
    assert len(among) == 15
