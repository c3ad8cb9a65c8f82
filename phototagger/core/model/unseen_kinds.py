"""The review queue's fourth line: photos of kinds no answer showed yet, near the tag's classes.

A tag taught from ten examples of "kitchenware" knows the seven or eight kinds they show; the
photos of the other kinds score near 0, below the threshold and below the "likely misses" line,
so no review round ever asks about them and the tag never learns them. WordNet knows which
classes are near the tag's own (core/class_neighbours.py: 'toaster' beside 'microwave', 'wok'
beside 'frying pan'): this line offers the undecided photos the tag does not take whose likeliest
such class the tag does not weigh yet, one photo per class, the most likely first, leaving out
the classes the user's rejections show. An answer then teaches the tag a whole kind at once.
Deterministic for a version and a set of decisions: the queue stays the same until answered.
"""

from __future__ import annotations

import numpy as np

from phototagger.core.class_neighbours import rejection_weights, spread
from phototagger.core.class_weights import WEIGHT_FLOOR
from phototagger.core.embedding_matrix import library_chunks
from phototagger.core.face_signals import signals_for
from phototagger.core.library import Library
from phototagger.core.model.tagger import backbone_for
from phototagger.core.training_set import embeddings_of
from phototagger.ml.trained_head import TrainedHead
from phototagger.store.tags import rejected_photo_ids

MIN_MASS = 0.05  # a photo's probability mass on the new kinds, lent weight included


def neighbour_weights(library: Library, head: TrainedHead, j: int) -> np.ndarray | None:
    """(1000,) weights of the classes WordNet puts near tag j's own that the tag does not weigh
    yet (what its classes lend them, less what it gives them), none the rejections show more
    strongly; None for a tag without classes of its own (a default tag, or one learned from
    its examples or faces alone) or with no such neighbours."""
    if head.base_index[j] >= 0 or head.face_columns()[j]:
        return None
    classes = head.column_classes(j)
    if not classes.any():
        return None
    rejected = rejected_photo_ids(library.db, head.tags[j])
    against = None
    if rejected:
        _, emb = embeddings_of(library.db, rejected, backbone_for(library, head.version))
        if len(emb):
            probs = head.base.imagenet_probabilities(emb)
            against = rejection_weights(probs, np.zeros(len(probs), bool))
    lent = spread(classes, against) - classes
    lent[lent < WEIGHT_FLOOR] = 0.0
    return lent if lent.any() else None


def scores_and_unseen_kinds(
    library: Library, head: TrainedHead, j: int, weights: np.ndarray, skip: set[int]
) -> tuple[list[tuple[int, float]], list[tuple[int, float]]]:
    """(photo id, tag j's confidence) for every embedded photo, highest first (as
    review.tag_scores), and the line of unseen kinds: for each class `weights` names, the
    photo not in `skip` and not taken by the tag that shows it most (mass >= MIN_MASS), the
    most likely first, with its confidence. One pass over the library."""
    threshold = float(head.thresholds[j])
    scored: list[tuple[int, float]] = []
    best: dict[int, tuple[float, int, float]] = {}  # class -> (mass, photo id, confidence)
    used = np.flatnonzero(weights)
    for ids, matrix in library_chunks(library, backbone_for(library, head.version)):
        probs = head.base.imagenet_probabilities(matrix)
        faces = signals_for(head, library.db, ids)
        column = head.scores_given(matrix, probs=probs, faces=faces)[:, j]
        scored.extend(zip(ids, column.tolist(), strict=True))
        lent = probs[:, used] * weights[used]
        kinds, masses = used[np.argmax(lent, axis=1)], lent.max(axis=1)
        for row in np.flatnonzero((masses >= MIN_MASS) & (column < threshold)):
            pid, kind, mass = ids[row], int(kinds[row]), float(masses[row])
            if pid in skip:
                continue
            held = best.get(kind)
            if held is None or (mass, -pid) > (held[0], -held[1]):
                best[kind] = (mass, pid, float(column[row]))
    scored.sort(key=lambda item: -item[1])
    line = sorted(best.values(), key=lambda v: (-v[0], v[1]))
    return scored, [(pid, confidence) for _, pid, confidence in line]
