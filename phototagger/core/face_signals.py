"""The face detector's findings per photo, as the signals a taught tag's face base reads
(ml/face_base.py): whatever scores a model version over library photos asks here for them."""

from __future__ import annotations

from collections.abc import Sequence

import sqlite_utils

from phototagger.core.people import load_rules
from phototagger.ml.face_base import FaceSignals
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
    columns = getattr(head, "face_columns", None)
    if columns is None or not columns().any():
        return None
    return face_signals(db, photo_ids)
