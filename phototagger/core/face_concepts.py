"""Face-detector bases for taught tags, as candidates beside the WordNet class sets.

ImageNet has no person class, so a tag about people ("family", "portraits", "crowd") finds no
class set that explains it (it drifts to clothing). The scan's face detector does know: a tag's
base can be a small model on each photo's face signals (ml/face_base.py), alone ("like detected
faces") or times a class set's mass ("kids at the beach": faces x WordNet 'seashore'). Whether a
face base explains the tag better than a class set or the embedding alone is for the same
out-of-fold AP rule to say (core/tag_learning.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from phototagger.core.concepts import EPS, ConceptFit, one_clear_kind
from phototagger.ml.face_base import (
    MIN_KNOWN,
    PARAMETERS,
    FaceSignals,
    face_logit,
    fit_face_base,
    fit_face_base_from_yes,
)
from phototagger.ml.metrics import average_precision, binomial_upper_tail

FACES_LABEL = "like detected faces"


@dataclass(frozen=True)
class FaceConcept(ConceptFit):
    """A base that reads the face detector: `face` (ml/face_base.py's parameters), and the
    class set it is multiplied with (`classes`, all 0 for faces alone)."""

    face: np.ndarray = field(default_factory=lambda: np.zeros(PARAMETERS, np.float32))

    @property
    def label(self) -> str:
        if not self.classes.any():
            return FACES_LABEL
        return FACES_LABEL + " × " + super().label.removeprefix("like ")


def fit_face_concept(
    signals: FaceSignals,
    positive: np.ndarray,
    library: FaceSignals,
    classes: int,
    node: ConceptFit | None = None,
) -> FaceConcept | None:
    """The face base explaining `positive` (bool per labelled photo, `signals` theirs), times
    `node`'s class set if given; None when too few labelled photos have a face record.
    `library`: a sample of the library's signals (the unknown photos' logit comes from it);
    `classes`: how many ImageNet classes a class set has."""
    if node is not None and not _narrowed_by_rejections(signals, positive):
        return None
    params = fit_face_base(signals, positive, library)
    if params is None:
        return None
    seen = signals.known
    score = face_logit(params, signals.rows(seen))
    y = positive.astype(bool)[seen]
    ap = average_precision(y, score) if (~y).any() else 1.0
    coverage = float((score[y] > 0).mean()) if y.any() else 0.0
    if node is None:
        return FaceConcept((), (), np.zeros(classes, np.float32), ap, coverage, face=params)
    return FaceConcept(node.wnids, node.names, node.classes, ap, coverage, node.own, face=params)


# A tag taught yes answers alone starts from the faces only if its answers show a face more often
# than the library's photos by more than chance would at this level (one-sided binomial test).
FACE_SHARE_LEVEL = 0.05


def yes_only_face_concept(
    yes: FaceSignals,
    library: FaceSignals,
    classes: int,
    set_lift: float | None,
    kinds: np.ndarray | None = None,
) -> FaceConcept | None:
    """The face base a tag taught only yes answers (`yes`, their signals) starts from, or None
    when the answers do not show faces clearly more often than the library's unanswered photos
    (`library`), or the class set explains them at least as well. Photos the detector has not
    looked at count on neither side.

    With no "no" there is no held-out choice between bases. The faces must first be about the
    tag: the share of answers with a counted face above the library's by more than chance
    (faces_clearly_more_often). Then they are priced as the class set search prices its sets,
    per answer with a face record log((1 or 0 counted faces + EPS) / (library's share + EPS)),
    against `set_lift` (core/concepts.py's yes_lift of the class set, None: no set).

    That price alone, which had also to be positive, asked 59 % of the answers to show a face
    at the library's 14 % (a faceless one weighs -2.7, one with a face +1.9): taught "persons"
    from 10 yes (benchmarks/new_tags.py --no-answers 0, seed 3), 4 with a counted face (the
    other 6 show people too small for the detector) priced -0.86, and 'bowed stringed
    instrument' + 'garment' + 'ball' (-1.22) won: AP 0.49, F1 0.41 on the unanswered photos;
    from the faces AP 0.92, F1 0.61 (0.79 at the best cut: with 6 faceless answers of 10 the
    base calls faceless photos likely too). The share is a 0/1 count, so whether it is the
    tag's is a binomial question; the price still lets a class set that explains the answers
    better keep them: seaside's 4 of 10 with a face on another draw (the same share) went to
    'coelenterate' + 'maillot' + 'starfish' (-0.28); on 10 draws music's (45 % of its photos
    with a face) to 'musical instrument' (0.90-1.78, its faces at most 0.67), garment persons'
    to 'garment' or 'clothing' (0.75-2.01, its faces at most 0.54).

    `kinds`: the answers' ImageNet probabilities (rows as `yes`'s) where a class set was found
    for them (None: none). When the tagger is sure that every answer with a counted face shows
    one kind of thing (core/concepts.one_clear_kind), the faces explain no answer the kind does
    not: they are that kind's (its players', its wearers'), and the class set keeps the tag.
    Taught "brass" from det-photos' 5 trombones in a 40-photo library (5 each of 8 kinds), the
    4 with a face (3 taken for a trombone, 1 for a French horn, both 'brass') against the
    library's 17 % (p 0.004) priced 0.79 against 'trombone''s -0.15 (5 answers share its naming
    cost, log(1,860 nodes) = 7.5 nats), and the tag went to 4 violins with a face as well."""
    seen_yes, seen_lib = yes.rows(yes.known), library.rows(library.known)
    if not len(seen_yes) or not len(seen_lib):
        return None
    share = float((seen_lib.features[:, 0] > 0).mean())
    with_face = (seen_yes.features[:, 0] > 0).astype(np.float64)
    faced = yes.known & (yes.features[:, 0] > 0)
    if kinds is not None and faced.any() and one_clear_kind(kinds[faced]):
        return None
    lift = float(np.log((with_face + EPS) / (share + EPS)).mean())
    if set_lift is not None and lift <= set_lift:
        return None
    if not faces_clearly_more_often(int(with_face.sum()), len(with_face), share):
        return None
    params = fit_face_base_from_yes(yes, library)
    if params is None:
        return None
    coverage = float((face_logit(params, seen_yes) > 0).mean())
    return FaceConcept((), (), np.zeros(classes, np.float32), 1.0, coverage, face=params)


def faces_clearly_more_often(with_face: int, answers: int, share: float) -> bool:
    """Whether `with_face` of `answers` photos showing a counted face is more than chance would
    give if they showed one as often as the library's photos do (`share`): the chance of as
    many or more, P(X >= with_face) for X ~ Binomial(answers, share), under FACE_SHARE_LEVEL.
    4 of 10 against 14 %: 0.04; 3 of 8: 0.09; 6 of 10: 0.001."""
    if answers <= 0 or with_face <= share * answers:
        return False
    if share <= 0.0:
        return True
    return binomial_upper_tail(with_face, answers, share) < FACE_SHARE_LEVEL


def _narrowed_by_rejections(signals: FaceSignals, positive: np.ndarray) -> bool:
    """Whether the answers can say which photos with faces a class set leaves out: faces times a
    class set only lowers photos with faces, so what it learns comes from rejected photos with
    a counted face ("kids at the beach": kids elsewhere rejected). With fewer of them than a
    face base needs of each answer (MIN_KNOWN), the set only reorders the positives, by chance:
    taught "persons" (benchmarks/new_tags.py, seed 1) with 10 yes and 30 random no, none with a
    face, took "faces x WordNet 'covering'" (F1 0.61 on the photos never answered, against 0.86
    for the faces alone)."""
    rejected = ~positive.astype(bool) & signals.known & (signals.features[:, 0] > 0)
    return int(rejected.sum()) >= MIN_KNOWN


def face_concept_logit(
    concept: FaceConcept, signals: FaceSignals, class_logit: np.ndarray | None
) -> np.ndarray:
    """Base logit of `concept` on every row: the face logit, or with a class set (its mass as a
    logit, `class_logit`), the logit of P(faces) x mass. Same sums as ml/trained_head.py's
    scoring, so a version scores its photos as its folds did."""
    f = face_logit(concept.face, signals)
    if class_logit is None or not concept.classes.any():
        return f.astype(np.float32).astype(np.float64)
    p = (1.0 / (1.0 + np.exp(-f))) * (1.0 / (1.0 + np.exp(-class_logit)))
    p = np.clip(p, 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p)).astype(np.float32).astype(np.float64)
