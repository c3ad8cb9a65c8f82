"""The review queue's fourth line: one photo of each kind the tag weighs only weakly, so far.

A tag taught from ten examples of "kitchenware" (15 kinds of things) knows the seven or eight
kinds they show in full; the kinds WordNet puts beside them (core/class_neighbours.py: 'toaster'
beside 'microwave', 'wok' beside 'frying pan') it weighs only weakly, and their photos stay
below the threshold. Nearest-first lines spend the round on a few such photos of one kind, or
never reach them. This line asks about one photo per kind instead: among the undecided photos
the tag does not take, those whose likeliest ImageNet class the tag weighs above 0 but below
WEAK, the clearest of each class, the most likely first. One answer then settles the kind:
a yes makes it an example's class (full weight), a no a rejection's (no weight), so the line
moves on to other kinds. Deterministic for a version and a set of decisions: the queue stays
the same until answered.

Simulated on det-photos (class mass alone, 10 yes + 30 no then 3 rounds of 10 answers, 6
draws, best F1 on the photos never answered): kitchenware 0.64 -> 0.69, seaside 0.54 -> 0.61,
vehicles 0.77 -> 0.79, things to eat 0.93 -> 0.94, music 0.91 -> 0.90. With the trainer
(benchmarks/new_tags.py, 3 seeds, F1 on photos never answered after 3 rounds, together with the
WordNet-neighbour weights): kitchenware 0.43 -> 0.54, seaside 0.12 -> 0.22, vehicles 0.90 ->
0.94, music, things to eat and persons within 0.01. (Simulated, 1 turn in 4 helped less.)

Kinds outside the tag's classes now also come from the tagger's own class vectors
(core/class_kinship.py), not only from WordNet: a seaside tag taught on whales, seals and
swimwear was never asked about a volleyball or a starfish (WordNet puts them far; each photo of
them scored ~0), kitchenware rarely about a frying pan. benchmarks/new_tags.py (kitchenware,
seaside, garment persons; 6 seeds; after 3 rounds, on the photos no round answered): the kinds
the answers showed (its ceiling) 0.81 -> 0.87 for kitchenware, 0.70 -> 0.81 for seaside; the
tag's F1 seaside 0.42 -> 0.53 (worst seed 0.12 -> 0.29), kitchenware 0.62 -> 0.59, garment
persons 0.77 -> 0.75 (within the seeds' spread). All tags, 3 seeds: kitchenware 0.59 -> 0.64
(worst seed 0.50 -> 0.59), seaside 0.42 -> 0.46 (0.13 -> 0.25), music 0.94 -> 0.95, vehicles
0.94 -> 0.93, things to eat 0.94 -> 0.93, persons 0.88 -> 0.86 (a tag this line never asks
about: the tags are trained together, so other tags' answers change its sample).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np

from phototagger.core.class_kinship import class_kinship
from phototagger.core.class_neighbours import lent_weights, spread
from phototagger.core.concepts import clear_kinds
from phototagger.core.embedding_matrix import current_matrix, library_chunks
from phototagger.core.face_signals import signals_for
from phototagger.core.library import Library
from phototagger.core.model.tagger import backbone_for
from phototagger.core.probability_matrix import PAGE, load_probabilities, page_probabilities
from phototagger.core.score_cache import cache_key
from phototagger.ml.heads import DefaultHead
from phototagger.ml.trained_head import TrainedHead

WEAK = 0.5  # a class weighed below this is a kind the tag has not settled


@dataclass(frozen=True)
class WeakKinds:
    weights: np.ndarray  # (1000,) > 0 for the kinds to ask about
    # Kinds from outside the tag's classes (its WordNet neighbours, its kin by the tagger's class
    # vectors): a kind is settled by any answer on a photo of it, since training, which weighs
    # only the examples' classes, may not take it in; and a kind the tag weighs weakly, once
    # answered, is no longer asked about before the next training settles its weight.
    neighbours: bool = False


def weak_kinds(head: TrainedHead, j: int) -> WeakKinds | None:
    """Tag j's class weights where they are above 0 and below WEAK, and the kinds outside its
    classes that are near them: those WordNet puts beside them (core/class_neighbours.spread;
    without them, a tag taught on toasters and stoves is never asked about a microwave) and
    those the default tagger's own class vectors put beside them (core/class_kinship.py;
    without them, a seaside tag taught on whales, seals and swimwear is never asked about a
    volleyball or a starfish, nor kitchenware about a frying pan), each at the most either
    lends. None for a tag without classes of its own (a default tag, or one learned from its
    examples or the face detector) or with no such kind."""
    if not head.concept_columns()[j] or head.face_columns()[j]:
        return None
    classes = head.column_classes(j)
    weak = np.where((classes > 0) & (classes < WEAK), classes, 0.0).astype(np.float32)
    near = np.maximum(spread(classes), lent_weights(classes, class_kinship(head.base.kernel)))
    near[classes > 0] = 0.0
    weights = np.maximum(weak, near)
    if not weights.any():
        return None
    return WeakKinds(weights, neighbours=bool(near.any()))


@dataclass(frozen=True)
class QueueInputs:
    scored: list[tuple[int, float]]  # (photo id, tag j's confidence), highest first
    unseen: list[tuple[int, float]]  # the line of unseen kinds (empty without `kinds`)
    kind_of: dict[int, int]  # photo id -> its likeliest ImageNet class (its kind)
    # Photos whose kind the tagger is sure of (core/concepts.clear_kinds): only these settle
    # their kind for the confident line (core/review_mix.py).
    clear: set[int] = field(default_factory=set)


def queue_inputs(
    library: Library, head: TrainedHead, j: int, kinds: WeakKinds | None, skip: set[int]
) -> QueueInputs:
    """What the review queue needs of tag j, in one pass over the library: (photo id, tag j's
    confidence) for every embedded photo, highest first (as review.tag_scores); the line of
    unseen kinds: per kind of `kinds`, the photo not in `skip` and not taken by the tag whose
    likeliest class it is, most clearly, the classes by that photo's mass (probability times
    weight), highest first; and every photo's kind."""
    threshold = float(head.thresholds[j])
    weak = kinds.weights if kinds is not None else np.zeros(1000, np.float32)
    scored: list[tuple[int, float]] = []
    kind_of: dict[int, int] = {}
    clear: set[int] = set()
    best: dict[int, tuple[float, int, float]] = {}  # class -> (mass, photo id, confidence)
    settled: set[int] = set()  # neighbour kinds with an answered photo
    for ids, matrix, probs in _chunks_with_probabilities(
        library, head.base, backbone_for(library, head.version)
    ):
        # Tag j's scores only (TrainedHead.column_given), and the detector's findings only for
        # a tag with a face base: scoring every tag was over half of a queue at 100,000 photos.
        faces = signals_for(head, library.db, ids) if head.face_columns()[j] else None
        column = head.column_given(matrix, j, probs=probs, faces=faces)
        scored.extend(zip(ids, column.tolist(), strict=True))
        likeliest = np.argmax(probs, axis=1)
        kind_of.update(zip(ids, likeliest.tolist(), strict=True))
        clear.update(pid for pid, sure in zip(ids, clear_kinds(probs), strict=True) if sure)
        masses = probs[np.arange(len(ids)), likeliest] * weak[likeliest]
        for row in np.flatnonzero((masses > 0) & (column < threshold)):
            pid, kind, mass = ids[row], int(likeliest[row]), float(masses[row])
            if pid in skip:
                settled.add(kind)
                continue
            held = best.get(kind)
            if held is None or (mass, -pid) > (held[0], -held[1]):
                best[kind] = (mass, pid, float(column[row]))
    scored.sort(key=lambda item: -item[1])
    if kinds is not None and kinds.neighbours:
        best = {kind: held for kind, held in best.items() if kind not in settled}
    line = sorted(best.values(), key=lambda v: (-v[0], v[1]))
    return QueueInputs(scored, [(pid, confidence) for _, pid, confidence in line], kind_of, clear)


def _chunks_with_probabilities(
    library: Library, default: DefaultHead, backbone: str
) -> Iterator[tuple[list[int], np.ndarray, np.ndarray]]:
    """Every embedding of the library by photo id, a page (probability_matrix.PAGE) at a time,
    with its ImageNet probabilities: read from the probabilities' copy a scan's last step makes
    (core/probability_matrix.py) where it is current, else computed here, page by page as that
    copy is (the same bits either way). The softmax over the whole library was most of a queue
    of a large library, on every queue."""
    chunks = library_chunks(library, backbone, PAGE)  # makes the embeddings' copy if it can
    cache = library.home.embeddings_cache
    copy = current_matrix(library.db, backbone, cache)
    stored = (
        None
        if copy is None
        else load_probabilities(library.db, cache, backbone, copy, cache_key(default, backbone))
    )
    for ids, matrix in chunks:
        known = (
            None
            if copy is None or stored is None
            else page_probabilities(library.db, backbone, copy, stored, ids)
        )
        yield ids, matrix, default.imagenet_probabilities(matrix) if known is None else known
