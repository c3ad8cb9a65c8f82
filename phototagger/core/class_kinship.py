"""How alike two ImageNet classes look to the default tagger: the cosine of their weight vectors
in its last layer. Pure numpy.

WordNet says what a class is, not what it looks like or where it is seen: 'starfish' meets
'jellyfish' only at 'invertebrate' (with ~60 other classes), 'volleyball' meets 'swimming
trunks' only at 'artifact', 'frying pan' meets 'strainer' at 'device'. The tagger's own class
vectors (1280 numbers per class, the direction in embedding space that class reads) were fitted
to tell the 1,000 classes apart on photos where they appear, so classes seen on similar photos
point alike: 'frying pan' is nearest 'wok' (0.38), 'spatula', 'Dutch oven', 'strainer';
'volleyball' nearest the other balls, 'racket', 'bikini', 'swimming trunks'. This is what the
tagger knows, not what any one library shows, so it needs no fitting.
"""

from __future__ import annotations

import numpy as np

_CACHE: list[tuple[np.ndarray, np.ndarray]] = []  # (kernel, its similarity): one tagger at a time


def class_kinship(kernel: np.ndarray) -> np.ndarray:
    """(C, C) float32: the cosine of each pair of the (D, C) `kernel`'s class vectors, negative
    ones as 0 (a class unlike another says nothing of it), 1 on the diagonal."""
    if _CACHE and _CACHE[0][0] is kernel:
        return _CACHE[0][1]
    unit = np.asarray(kernel, np.float64)
    unit = unit / np.linalg.norm(unit, axis=0, keepdims=True)
    similarity = np.clip(unit.T @ unit, 0.0, 1.0).astype(np.float32)
    np.fill_diagonal(similarity, 1.0)
    _CACHE[:] = [(kernel, similarity)]
    return similarity
