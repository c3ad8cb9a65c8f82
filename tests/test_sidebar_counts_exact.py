"""The sidebar's tag counts and its "Needs review" count are read in fewer passes over the tag
rows (store/tags.tag_counts counts every photo's rows and takes away those of the photos out of
the library; count_undecided_below counts the photos without listing them): they must stay the
photos each filter shows, exactly, after a scan, labels, rejections, an undo, a folder removed
and back, and a version trained and made active. Checked against a count of the rows in Python
at each step, on a real SQLite library tagged by the default model (synthetic embeddings) and
trained with the real trainer."""

from __future__ import annotations

from collections import Counter

import sqlite_utils

from phototagger.core import labels
from phototagger.core.folders import remove_folder
from phototagger.core.library import open_library
from phototagger.core.model.activation import activate_version
from phototagger.core.queries import REVIEW_BELOW, library_counts, overview
from phototagger.core.retrain import train_candidate
from phototagger.paths import default_home
from phototagger.store import photos as photo_store
from phototagger.store.connection import transaction
from phototagger.store.tags import count_undecided_below, undecided_below, write_model_tags
from tests.switch_helpers import synthetic_library


def _counted_from_rows(db: sqlite_utils.Database) -> tuple[list[tuple[str, int]], int]:
    """(tag, photos having it) most used first, and the photos to review, from the rows."""
    rows = db.execute(
        "SELECT t.name, pt.photo_id, pt.state, pt.confidence, p.status FROM photo_tags pt"
        " JOIN tags t ON t.id = pt.tag_id JOIN photos p ON p.id = pt.photo_id"
    ).fetchall()
    present = [row for row in rows if row[4] != "missing"]
    having = Counter(name for name, _, state, _, _ in present if state != "rejected")
    review = {
        photo
        for _, photo, state, confidence, _ in present
        if state is None and confidence is not None and confidence < REVIEW_BELOW
    }
    ordered = sorted(having.items(), key=lambda item: (-item[1], item[0].lower()))
    return ordered, len(review)


def _check(db: sqlite_utils.Database, step: str) -> None:
    tags, review = _counted_from_rows(db)
    seen = overview(db)
    assert seen.tags == tags, step
    assert library_counts(db).tags == tags, step
    assert seen.to_review == review, step
    assert count_undecided_below(db, REVIEW_BELOW) == review, step
    # The number beside "Needs review" is the number of photos clicking it shows.
    assert len(undecided_below(db, REVIEW_BELOW)) == review, step


def _scanned(db: sqlite_utils.Database, ids: list[int]) -> None:
    """The model's suggestions as a scan writes them: 'beach' sure on every other photo,
    'dog' and 'car' under 0.6 on some (to review), 'sky' above it on a third."""
    with transaction(db):
        for i, photo in enumerate(ids):
            scores = {"beach": 0.9, "dog": 0.3 + i % 5 / 10, "car": 0.55, "sky": 0.8}
            suggested = [
                tag
                for tag, wanted in (("beach", i % 2), ("dog", i % 3), ("car", i % 4 == 1))
                if wanted
            ]
            write_model_tags(
                db, photo, scores, [*suggested, *(["sky"] if i % 3 == 0 else [])], "v1"
            )


def test_counts_stay_exact_through_labels_undo_removal_and_training() -> None:
    with open_library(default_home()) as lib:
        db = lib.db
        pics = synthetic_library(db, 60, folder="/pics")
        usb = synthetic_library(db, 30, seed=1, folder="/usb")
        for root in ("/pics", "/usb"):
            photo_store.add_folder(db, root)
        _scanned(db, [*pics, *usb])
        _check(db, "scanned")
        assert 0 < overview(db).to_review < len(pics) + len(usb)

        labels.apply_edits(db, labels.decision_edits(pics[:20], "trip", "add"))
        labels.apply_edits(db, labels.decision_edits(pics[20:40], "trip", "reject"))
        labels.apply_edits(db, labels.decision_edits(usb[:10], "trip", "add"))
        labels.apply_edits(db, labels.decision_edits(usb[10:20], "trip", "reject"))
        labels.apply_edits(db, labels.decision_edits(usb[:6], "beach", "reject"))
        _check(db, "labelled and rejected")

        suggested = db.execute(
            "SELECT pt.photo_id, t.name FROM photo_tags pt JOIN tags t ON t.id = pt.tag_id"
            " WHERE pt.state IS NULL ORDER BY pt.confidence LIMIT 8"
        ).fetchall()
        taken: list[labels.LabelChange] = []
        for photo, tag in suggested:
            taken.append(labels.apply_edits(db, labels.decision_edits([photo], tag, "reject")))
        _check(db, "suggestions rejected")
        for change in reversed(taken):
            labels.undo(db, change)
        _check(db, "rejections undone")

        assert remove_folder(db, "/usb") == 30
        _check(db, "a folder removed")
        photo_store.add_folder(db, "/usb")
        photo_store.set_status(db, usb, "tagged")
        _check(db, "the folder back")

        activate_version(lib, train_candidate(lib).version)
        _check(db, "trained and made active")
