"""The face base of a taught tag (ml/face_base.py): signals from stored faces, unknown photos,
and which tags a face base may explain."""

from __future__ import annotations

import numpy as np

from phototagger.ml.face_base import (
    SIGNALS,
    FaceSignals,
    face_logit,
    fit_face_base,
    fit_face_base_from_yes,
)


def _library(rng: np.random.Generator, n: int = 200) -> list[tuple[int, float, float] | None]:
    rows: list[tuple[int, float, float] | None] = []
    for i in range(n):
        if i % 10 == 0:
            rows.append(None)  # not looked at yet
        elif i % 3 == 0:
            count = int(rng.integers(1, 5))
            rows.append((count, float(rng.uniform(0.01, 0.3)), float(rng.uniform(0.95, 1.0))))
        else:
            rows.append((0, 0.0, float(rng.uniform(0.0, 0.9))))
    return rows


def test_signals_say_what_was_found_and_what_was_not_looked_at() -> None:
    signals = FaceSignals.from_summaries([(2, 0.25, 0.99), (0, 0.0, 0.4), None])
    assert signals.known.tolist() == [True, True, False]
    assert np.allclose(signals.features[0], [1.0, np.log(3), 0.5, 0.99])
    assert np.allclose(signals.features[1], [0.0, 0.0, 0.0, 0.4])
    assert not signals.features[2].any()
    assert len(signals.rows(np.array([0, 2]))) == 2


def test_a_base_for_faces_ranks_faces_first_and_unknown_in_between() -> None:
    rng = np.random.default_rng(0)
    library = FaceSignals.from_summaries(_library(rng))
    labelled = library.rows(np.arange(60))
    positive = labelled.known & (labelled.features[:, 0] > 0)
    params = fit_face_base(labelled, positive, library)
    assert params is not None and params.shape == (SIGNALS + 2,)
    base = face_logit(params, library)
    faces = library.known & (library.features[:, 0] > 0)
    none = library.known & (library.features[:, 0] == 0)
    unknown = base[~library.known]
    assert base[none].max() < unknown.min() and unknown.max() < base[faces].min()
    assert np.allclose(unknown, unknown[0])


def test_labelled_photos_not_looked_at_do_not_count_as_faceless() -> None:
    rng = np.random.default_rng(1)
    library = FaceSignals.from_summaries(_library(rng))
    labelled = library.rows(np.arange(60))
    positive = labelled.features[:, 0] > 0
    # Photos not looked at, said yes to: they change nothing in the fit.
    positive_unknown = positive | ~labelled.known
    a = fit_face_base(labelled, positive, library)
    b = fit_face_base(labelled, positive_unknown, library)
    assert a is not None and b is not None and np.array_equal(a, b)


def test_no_face_base_for_tags_that_are_not_about_people() -> None:
    rng = np.random.default_rng(2)
    library = FaceSignals.from_summaries(_library(rng))
    labelled = library.rows(np.arange(60))
    faceless = labelled.known & (labelled.features[:, 0] == 0)
    # "Photos without people": the detector should not explain it.
    assert fit_face_base(labelled, faceless, library) is None
    # Too few labelled photos the detector looked at.
    assert fit_face_base(FaceSignals.unknown(60), np.arange(60) < 10, library) is None


def test_faces_times_a_class_set_is_named_and_scored_as_a_product() -> None:
    from phototagger.core.concepts import ConceptFit
    from phototagger.core.face_concepts import face_concept_logit, fit_face_concept

    rng = np.random.default_rng(3)
    library = FaceSignals.from_summaries(_library(rng))
    labelled = library.rows(np.arange(60))
    # Half the photos with faces said yes (the kids at the beach), the other half rejected.
    positive = labelled.known & (labelled.features[:, 0] > 0) & (np.arange(60) % 2 == 0)
    alone = fit_face_concept(labelled, positive, library, 1000)
    assert alone is not None and alone.label == "like detected faces"
    classes = np.zeros(1000, np.float32)
    classes[978] = 1.0  # seashore
    node = ConceptFit(("n09428293",), ("seashore",), classes, 0.9, 0.8)
    beach = fit_face_concept(labelled, positive, library, 1000, node)
    assert beach is not None and beach.label == "like detected faces × WordNet 'seashore'"
    mass = rng.uniform(0.01, 0.99, len(library))
    both = face_concept_logit(beach, library, np.log(mass / (1 - mass)))
    faces = 1 / (1 + np.exp(-face_logit(beach.face, library)))
    assert np.allclose(1 / (1 + np.exp(-both)), np.clip(faces * mass, 1e-4, 1 - 1e-4), atol=1e-5)


def test_faces_times_a_class_set_needs_rejected_photos_with_faces() -> None:
    from phototagger.core.concepts import ConceptFit
    from phototagger.core.face_concepts import fit_face_concept
    from phototagger.ml.face_base import MIN_KNOWN

    rng = np.random.default_rng(4)
    library = FaceSignals.from_summaries(_library(rng))
    labelled = library.rows(np.arange(90))
    faces = labelled.known & (labelled.features[:, 0] > 0)
    classes = np.zeros(1000, np.float32)
    classes[978] = 1.0
    node = ConceptFit(("n09428293",), ("seashore",), classes, 0.9, 0.8)
    # Every photo with a face said yes, every rejection faceless: nothing says which photos
    # with faces the class set should leave out, so faces times a set is not offered; the
    # faces alone are.
    assert fit_face_concept(labelled, faces, library, 1000) is not None
    assert fit_face_concept(labelled, faces, library, 1000, node) is None
    # Rejected photos with faces, as many as a face base needs of each answer: offered.
    with_face = np.flatnonzero(faces)
    positive = faces.copy()
    positive[with_face[: MIN_KNOWN - 1]] = False
    assert fit_face_concept(labelled, positive, library, 1000, node) is None
    positive[with_face[MIN_KNOWN - 1]] = False
    assert fit_face_concept(labelled, positive, library, 1000, node) is not None


def test_a_base_from_yes_answers_alone_calls_the_library_faces_likely() -> None:
    # No "no": the library's unanswered photos stand in, as unlabelled, not as rejections. Ten
    # yes answers with faces: a photo with a face is likely the tag's (the answers are a sample
    # of it), one without is not, one not looked at sits in between.
    rng = np.random.default_rng(3)
    library = FaceSignals.from_summaries(_library(rng))
    faces = library.known & (library.features[:, 0] > 0)
    yes = library.rows(np.flatnonzero(faces)[:10])
    rest = library.rows(np.setdiff1d(np.arange(len(library)), np.flatnonzero(faces)[:10]))
    params = fit_face_base_from_yes(yes, rest)
    assert params is not None
    p = 1.0 / (1.0 + np.exp(-face_logit(params, library)))
    none = library.known & (library.features[:, 0] == 0)
    unknown = p[~library.known]
    assert p[faces].min() > 0.5 > p[none].max()
    assert p[none].max() < unknown.min() and unknown.max() < p[faces].min()
    # Yes answers without faces, or too few looked at: no face base.
    assert fit_face_base_from_yes(library.rows(np.flatnonzero(none)[:10]), rest) is None
    assert fit_face_base_from_yes(FaceSignals.unknown(10), rest) is None
