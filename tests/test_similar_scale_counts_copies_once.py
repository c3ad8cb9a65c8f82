"""A library's copies of a few photos do not set its likeness scale.

Find Similar's figure reads a pair's cosine against the library's spread of cosines: its median
pair reads 0 %, a pair standing out from 99 in 100 of its pairs 50 %. In a small library with
many copies of a few photos (benchmarks/similar.py --sizes-likeness: 20 det-photos with 7
copies each, 58 % of a library of 240), those photos' pairs with each other were a large share
of the library's, set its median and spread, and other pairs' figures moved by up to 7 points
as the library grew to 1,140 photos (2 now). A photo with a near-copy (DUPLICATE_COSINE or
more) earlier in the sample now counts once.

Embeddings shaped like the real model's (all positive, photos of a few hundred subjects).
"""

from __future__ import annotations

import numpy as np

from phototagger.core import similar
from tests.test_similar_kept_ranking import _vectors


def test_copies_of_a_few_photos_leave_the_scale_as_it_is() -> None:
    photos = similar._unit(_vectors(300, 11))
    rng = np.random.default_rng(4)
    copied = photos[:20]
    copies = [
        similar._unit(copied + rng.normal(0, 0.01, copied.shape).astype(np.float32))
        for _ in range(7)
    ]
    assert (np.einsum("ij,ij->i", copies[0], copied) >= similar.DUPLICATE_COSINE).all()
    library = np.concatenate([photos, *copies])  # 440 photos, 160 of them 20 pictures

    alone = similar.likeness_scale(photos)
    with_copies = similar.likeness_scale(library)
    assert abs(with_copies.typical - alone.typical) < 0.005
    assert abs(with_copies.standout - alone.standout) < 0.005
    # A pair of two of the photos reads the same figure with the copies or without them.
    pairs = photos[1:40] @ photos[40:79].T
    for cosine in np.quantile(pairs, [0.5, 0.9, 0.99, 1.0]).tolist():
        assert abs(with_copies.percent(cosine) - alone.percent(cosine)) <= 1
