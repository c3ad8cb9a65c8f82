"""A "no" that the tag's own weights cannot learn, kept as a rule of the version.

A tag learned from a WordNet class set alone scores photos by their class mass only
(core/correction_choice.py): a photo the user said "no" to that carries more of the mass than the
yes answers (a honeycomb the tagger half takes for a boa, for "snakes") stays over the tag's cut,
and so do its lookalikes (the next honeycomb), retrain after retrain. The version keeps such a
rejection: its embedding (standardised, unit length), a similarity level, and the tag's yes
answers. A photo whose embedding is at least that similar to the rejection (cosine) and closer
to it than to every yes answer is one of its lookalikes: its score is kept under the cut by
MARGIN (as a logit).

A lookalike is a near-copy; the user who says no to a photo also says no to its kind. So the
version keeps, with the rejections such a tag takes or nearly takes (scored MARGIN under its cut
or above), the kind each names: its most likely ImageNet class, where the tag's set leaves that
class out (or lends it only a WordNet neighbour's weight) and no yes answer shares it. A photo
whose most likely class is a rejected kind is held under the cut by MARGIN too: "vehicles" took
two photos of cattle for their oxcart mass (an ox to the tagger), and a no on one holds the
other; "shops" took two bookshelves for bookshops, and a no on one holds the other. No other
photo, and no other tag, is touched.
"""

from __future__ import annotations

import numpy as np

# The least similarity (cosine of standardised embeddings) of a lookalike, whatever the answers
# say. On det-photos (1,000 photos, 200 kinds, 5 of each), of the photo pairs at 0.5 or more 85%
# show the same kind, at 0.6 94%; at 0.3, 48%, and two photos of one kind have a median of 0.20.
# The level where a tag's answers stop sharing their answer alone was too low: in the ImageNet
# samples a water snake rejected for "Birds" (that level 0.30) took a water ouzel (0.30), a
# ruffed grouse (0.35) and a dowitcher (0.43) under the cut. Crops of one photo are 0.57-0.87.
LEVEL = 0.5
# The least similarity of a near-copy of a "no" photo (re-saved, smaller, mirrored), for the
# "no" answers a deep version keeps whatever it scores them (core/deep_holds.py). deep63, the
# deep version of "hoofed animals" on det-photos, its 120 photos and a re-saved, a 90% and a
# mirrored copy of each of its 15 "no" photos, under three numerics (AVX-512, oneDNN off,
# Pillow 12): a "no" photo and its copy 0.91 or more; two photos not copies of one another 0.73
# at most (two zebras), none of the other 7,000 pairs 0.7 or more.
COPY_LEVEL = 0.85
# How far under a tag's cut a rejection's lookalike is kept, as a logit (a cut of 0.81: 0.61).
MARGIN = 1.0


def held_under(threshold: float) -> float:
    """The score a tag's cut `threshold` holds a kept rejection's lookalikes and kind at:
    MARGIN under it, as a logit."""
    t = min(max(threshold, 1e-4), 1 - 1e-4)
    return float(1.0 / (1.0 + np.exp(-(np.log(t / (1 - t)) - MARGIN))))


def unit_rows(standard: np.ndarray) -> np.ndarray:
    """Standardised embeddings scaled to unit length (a row of zeros stays zeros)."""
    norms = np.linalg.norm(standard, axis=1, keepdims=True)
    return (standard / np.maximum(norms, 1e-12)).astype(np.float32)


def lookalike_rows(unit: np.ndarray, vectors: np.ndarray, levels: np.ndarray) -> np.ndarray:
    """(N,) bool: the photos (`unit`: their standardised unit embeddings) that are lookalikes
    of one of a tag's kept rejections. `vectors`, `levels`: the tag's rows; a rejection has its
    level (a cosine), a yes answer the level -1 (never a lookalike's source, always a guard)."""
    similar = unit @ vectors.T
    rejected = levels >= 0
    near_no = np.where(similar[:, rejected] >= levels[rejected], similar[:, rejected], -np.inf)
    nearest_no = near_no.max(axis=1) if rejected.any() else np.full(len(unit), -np.inf)
    nearest_yes = (
        similar[:, ~rejected].max(axis=1) if (~rejected).any() else np.full(len(unit), -np.inf)
    )
    return nearest_no > nearest_yes


def answer_level(unit: np.ndarray, yes: np.ndarray) -> float:
    """The similarity a tag's kept rejections' lookalikes need: where its answered photos
    (`unit`, their answers `yes`) stop sharing their answer (the highest cosine between a yes
    and a no answer: above it, every answered pair has one answer), and LEVEL at least."""
    if yes.all() or not yes.any():
        return 1.0
    return max(LEVEL, float((unit[yes] @ unit[~yes].T).max()))


# A kind: the photos whose most likely ImageNet class is one a rejection was most likely (a
# koala rejected for "monkeys", a tag the primates' class set learned: the other koalas). A yes
# answer that carries at least this much of a class keeps it from being a rejected kind.
KIND_SHARE = 0.1
# A class a tag's set lends less than this weight is not one the set is about (a neighbour's:
# koala 0.02 in a set of primates). Any class at all (the set's own too) moved 2 of 7 det tags
# by up to 0.08 F1 on one seed of 3 (benchmarks/new_tags.py: kitchenware after 3 rounds).
KIND_WEIGHT = 0.5


def rejected_kinds(rejected: np.ndarray, yes: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """The ImageNet classes (sorted, unique) that kept rejections name as their kind:
    `rejected`, `yes`: the rejections' and the tag's yes answers' class probabilities (rows);
    `weights`: (1000,) the tag's class set (0/1, or weights in [0, 1]). A rejection's kind is
    its most likely class when the set leaves it out or lends it less than KIND_WEIGHT (a
    WordNet neighbour's weight: koala, 0.02, in a set of primates), no yes answer has it as its
    most likely class, and none carries KIND_SHARE of it."""
    if not len(rejected):
        return np.zeros(0, int)
    top = np.argmax(rejected, axis=1)
    kinds = np.unique(top[weights[top] < KIND_WEIGHT])
    if len(yes) and len(kinds):
        shared = np.isin(kinds, np.argmax(yes, axis=1)) | (yes[:, kinds].max(axis=0) >= KIND_SHARE)
        kinds = kinds[~shared]
    return kinds.astype(int)


# A photo whose likeliest class has at least this much of its probability is one the tagger is
# sure of, for its unshown kinds (unshown_rows): a sloth at 0.91 is; an indri it reads as a
# sloth 0.37, an indri 0.10, is not (core/concepts.CLEAR_KIND, on one class).
SURE_CLASS = 0.5
# A photo's likely classes: its LIKELY_CLASSES likeliest, each with LIKELY of its probability or
# more (core/concepts.TOP_CLASSES and LIKELY, which a yes-only tag's widening reads the same way).
LIKELY_CLASSES = 2
LIKELY = 0.05


def unshown_rows(probs: np.ndarray, kinds: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """(N,) bool: the photos (their class probabilities) whose likely classes lie clearly outside
    a tag's set (`weights`, (1000,)): the likeliest one of its unshown `kinds`, with SURE_CLASS of
    their probability or more, and none of them a class the set is about (KIND_WEIGHT or more).
    A sloth (0.91; a titi 0.01) is one for "monkeys"; a person lifting dumbbells in a swimsuit
    (a dumbbell 0.56, a maillot 0.08), for a tag like 'garment', is not."""
    top = np.argmax(probs, axis=1)
    held = np.isin(top, kinds)
    rows = np.flatnonzero(held)
    held[rows] = probs[rows, top[rows]] >= SURE_CLASS
    rows = np.flatnonzero(held)
    if not len(rows):
        return held
    rest = probs[rows].copy()
    at = np.arange(len(rows))
    rest[at, top[rows]] = -1.0
    for _ in range(LIKELY_CLASSES - 1):
        other = np.argmax(rest, axis=1)
        about = (rest[at, other] >= LIKELY) & (weights[other] >= KIND_WEIGHT)
        held[rows[about]] = False
        rest[at, other] = -1.0
    return held


def kind_rows(probs: np.ndarray, kinds: np.ndarray) -> np.ndarray:
    """(N,) bool: the photos (their class probabilities) whose most likely class is one of
    `kinds`."""
    return np.isin(np.argmax(probs, axis=1), kinds)
