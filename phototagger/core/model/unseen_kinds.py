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

A tag's class set can also be a node too narrow for what the user means, and then no line
reaches the kinds it leaves out: taught from 10 snakes, lizards and crocodiles, "reptiles" took
WordNet 'diapsid', which leaves out the turtles under its parent 'reptile'; WordNet lends a turtle
nothing from a snake and the class kinship lends it less than it lends eels, frogs, newts and
hippos, so three rounds never asked about a turtle and the tag kept 'diapsid', every turtle at
0.00. The line now first asks, per node the set holds whole whose parent is at most
concepts.WIDER_MASS times its size, about one photo of the parent's kinds that WordNet lends
nothing (outside_kinds), until a photo of them is answered: a yes teaches the wider node, a no
keeps the narrow one. benchmarks/new_tags_unseen.py --seeds 5, F1 on the unanswered photos
after 10 + 30 and each review round: reptiles 0.88/0.91/0.92/0.88 -> 0.88/0.93/0.95/0.93 (the
seed that took 'diapsid' asked about a leatherback turtle in round 1, took 'reptile' and went
0.82/0.80/0.77/0.67 -> 0.82/0.92/0.93/0.90), every other tag the same; benchmarks/monkeys.py
(seeds 0-2, also --strict) the same ('monkey' under 'primate' lends the apes by WordNet
already); benchmarks/new_tags.py --seeds 3: vehicles 0.91/0.93 -> 0.90/0.92 after rounds 1 and
2 (one seed spent a question on a kind under its parent; on the photos no round answered the
same), garment persons with 10 yes alone 0.62 -> 0.77 after round 3, every other line the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np

from phototagger.core.class_kinship import class_kinship
from phototagger.core.class_neighbours import lent_weights, spread
from phototagger.core.concepts import WIDER_MASS, clear_kinds, load_concepts
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
    # Per WordNet node the tag holds whole whose parent node is at most WIDER_MASS times its
    # size, the classes under that parent the tag and its near kinds leave out (outside_kinds):
    # one question each, whether the tag means the wider node.
    outside: tuple[np.ndarray, ...] = ()


def outside_kinds(classes: np.ndarray, lent: np.ndarray) -> tuple[np.ndarray, ...]:
    """The kinds just outside a tag's class set (`classes`, its weights), under the parent of a
    node it holds whole: per widest WordNet node whose classes all weigh WEAK or more, if its
    parent node has at most WIDER_MASS times its classes, the parent's classes that weigh
    nothing in the tag and to which WordNet similarity lends nothing (`lent`:
    class_neighbours.spread of `classes`), as class indices.

    Ten examples of snakes, lizards and a crocodile, none a turtle, are best explained by
    WordNet 'diapsid' (31 classes), which leaves out the 5 turtles of its parent 'reptile' (36):
    the search's lift picks the narrowest node over the examples, and only a turtle answered
    can price the wider one. WordNet similarity lends a turtle nothing (their common node
    'reptile' is too wide: core/class_neighbours.py); the tagger's class kinship lends them
    0.09-0.15, behind eels, frogs, salamanders, nematodes and hippos in the unseen line, which
    never reached them: the tag kept 'diapsid' through 3 review rounds, the turtles at 0.00
    (benchmarks/new_tags_unseen.py, seed 2). A parent much wider than the node ('placental'
    over 'primate', 212 classes over 20) is another concept, not a reading of the same one; a
    parent of a few classes over a class or two lends them by similarity already."""
    index = load_concepts()
    members = index.members > 0  # (1000, K)
    sizes = members.sum(axis=0)
    inside = classes >= WEAK
    whole = np.flatnonzero(members[inside].sum(axis=0) == sizes)
    found: list[np.ndarray] = []
    for k in whole:
        column = members[:, k]
        wider = (members[column].all(axis=0)) & (sizes > sizes[k])
        if wider[whole].any():  # not the widest node the tag holds whole
            continue
        if not wider.any():
            continue
        parent = np.flatnonzero(wider)[np.argmin(sizes[wider])]
        if sizes[parent] > WIDER_MASS * sizes[k]:
            continue
        left = np.flatnonzero(members[:, parent] & (classes <= 0) & (lent <= 0))
        if len(left):
            found.append(left)
    return tuple(found)


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
    wordnet = spread(classes)
    near = np.maximum(wordnet, lent_weights(classes, class_kinship(head.base.kernel)))
    near[classes > 0] = 0.0
    weights = np.maximum(weak, near)
    outside = outside_kinds(classes, wordnet)
    if not weights.any() and not outside:
        return None
    return WeakKinds(weights, neighbours=bool(near.any()), outside=outside)


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
    weight), highest first, after one photo per group of kinds just outside the tag
    (WeakKinds.outside) that no answer on a photo of them has settled: the photo not taken by
    the tag whose likeliest class is in the group, with most of the group's mass (whichever way
    it is answered, the next training learns whether the tag means the wider node); and every
    photo's kind."""
    threshold = float(head.thresholds[j])
    weak = kinds.weights if kinds is not None else np.zeros(1000, np.float32)
    scored: list[tuple[int, float]] = []
    kind_of: dict[int, int] = {}
    clear: set[int] = set()
    best: dict[int, tuple[float, int, float]] = {}  # class -> (mass, photo id, confidence)
    settled: set[int] = set()  # neighbour kinds with an answered photo
    groups = kinds.outside if kinds is not None else ()
    group_of = np.full(len(weak), -1)
    for g, group in enumerate(groups):
        group_of[group] = g
    asked: dict[int, tuple[float, int, float]] = {}  # group -> (its mass, photo id, confidence)
    answered: set[int] = set()  # groups with an answered photo of theirs
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
        for row in np.flatnonzero(group_of[likeliest] >= 0):
            pid, g = ids[row], int(group_of[likeliest[row]])
            if pid in skip:
                answered.add(g)
            elif column[row] < threshold:
                mass = float(probs[row, groups[g]].sum())
                held = asked.get(g)
                if held is None or (mass, -pid) > (held[0], -held[1]):
                    asked[g] = (mass, pid, float(column[row]))
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
    first = sorted((v for g, v in asked.items() if g not in answered), key=lambda v: (-v[0], v[1]))
    taken = {pid for _, pid, _ in first}
    line = first + sorted(
        (v for v in best.values() if v[1] not in taken), key=lambda v: (-v[0], v[1])
    )
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
