"""The face detector's findings per photo, as the signals a taught tag's face base reads
(ml/face_base.py): whatever scores a model version over library photos asks here for them."""

from __future__ import annotations

from collections.abc import Collection, Sequence

import numpy as np
import sqlite_utils

from phototagger.core.people import Face, PeopleRules, kept_faces, load_rules
from phototagger.ml.face_base import FaceSignals
from phototagger.ml.trained_head import TrainedHead
from phototagger.store.faces import face_summaries


def face_signals(db: sqlite_utils.Database, photo_ids: Sequence[int]) -> FaceSignals:
    """Signals of `photo_ids`, in order; photos the detector has not looked at (or clips) are
    unknown."""
    found = face_summaries(db, photo_ids, load_rules().min_confidence)
    return FaceSignals.from_summaries([found.get(int(p)) for p in photo_ids])


def signals_for(
    head: object, db: sqlite_utils.Database, photo_ids: Sequence[int]
) -> FaceSignals | None:
    """face_signals, when `head` has a tag with a face base (None otherwise: nothing to read)."""
    return face_signals(db, photo_ids) if has_face_base(head) else None


def has_face_base(head: object) -> bool:
    """Whether `head` has a tag whose base reads the face detector."""
    return isinstance(head, TrainedHead) and bool(head.face_columns().any())


def found_signals(found: Sequence[Sequence[Face]], rules: PeopleRules) -> FaceSignals:
    """Signals of faces just found (a scan's batch, not yet stored), as face_signals would read
    them back once stored."""
    summaries: list[tuple[int, float, float] | None] = []
    for faces in found:
        kept = kept_faces(faces, rules)
        summaries.append(
            (
                len(kept),
                max((f.w * f.h for f in kept), default=0.0),
                max((f.confidence for f in faces), default=0.0),
            )
        )
    return FaceSignals.from_summaries(summaries)


def reads_faces(tagger: object) -> bool:
    """Whether `tagger`'s head has a tag whose base reads the face detector."""
    return has_face_base(getattr(tagger, "head", None))


def scores_with_faces(
    tagger: object,
    embeddings: np.ndarray,
    scores: np.ndarray,
    found: Sequence[Sequence[Face]],
    rules: PeopleRules,
    unknown: Collection[int] = (),
) -> np.ndarray:
    """A scan's `scores` of a batch, with the tags whose base reads the face detector scored
    from the faces the scan just found in the same photos (`found`, one list per row; rows in
    `unknown`, clips, and all rows when nothing was looked for, stay unknown)."""
    head = getattr(tagger, "head", None)
    if not isinstance(head, TrainedHead) or len(found) != len(scores):
        return scores
    columns = np.flatnonzero(head.face_columns())
    if not len(columns):
        return scores
    signals = found_signals(found, rules)
    signals.known[list(unknown)] = False
    rescored = head.scores(embeddings, faces=signals)
    scores = scores.copy()
    scores[:, columns] = rescored[:, columns]
    return scores
