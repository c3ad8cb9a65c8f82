"""A library restored from the copy kept before its upgrade (library.db.v18.bak) starts the
decisions' order again from 0 (migration 19 runs again on it), while the model versions beside
it, trained after the upgrade, record the numbers they read (decisions_up_to). The answers given
after the restore took numbers those versions had read: `models use v2`, and `train` and the
Train page counted none of them as corrections since v2, and the review queue took them for
answers v2 had learned from. The counter now starts past the highest number a saved version
records whenever the library is opened.

Two decisions of one library cannot share a number: the counter and the numbers are in the same
file, and a backup restores both; only the versions, files beside it, are not restored."""

from __future__ import annotations

import shutil

import numpy as np

from phototagger.core import labels
from phototagger.core.labels import Edit
from phototagger.core.library import Library, open_library
from phototagger.core.model.activation import activate_version
from phototagger.core.retrain import training_overview
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.paths import default_home
from phototagger.store import tags as tag_store
from phototagger.store.embeddings import put_embeddings
from tests.store_helpers import add_photo, library_at_version
from tests.taught_tags import taught

PHOTOS = 8


def _answer(lib: Library, photos: list[int], action: labels.Action = "add") -> None:
    labels.apply_edits(lib.db, [Edit(p, "cats", action) for p in photos])


def test_answers_after_a_restored_backup_come_after_the_versions_beside_it() -> None:
    home = default_home()
    db = library_at_version(home.database, 18)  # a library from before the order was kept
    photos = [add_photo(db, f"/p/{n}.jpg") for n in range(PHOTOS)]
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(PHOTOS, 1280)).astype(np.float16)  # as stored
    put_embeddings(
        db, BACKBONE_NAME, [(p, v.tobytes()) for p, v in zip(photos, vectors, strict=True)]
    )
    db.conn.commit()
    db.close()

    with open_library(home) as lib:  # upgraded, the v18 copy kept aside
        _answer(lib, photos[:3])
        _answer(lib, photos[3:5], "reject")
        taught(lib, "cats", {"Persian cat": 1.0}, "v2")
        learned = lib.models.record("v2").decisions_up_to
        assert learned == 5
    backup = home.database.with_name(home.database.name + ".v18.bak")
    for side in ("-wal", "-shm"):
        home.database.with_name(home.database.name + side).unlink(missing_ok=True)
    shutil.copyfile(backup, home.database)  # the user restores the copy; v2 stays beside it

    with open_library(home) as lib:
        assert tag_store.decision_mark(lib.db) >= learned  # the old code: 0
        _answer(lib, photos[5:7])
        _answer(lib, photos[7:], "reject")
        activate_version(lib, "v2")  # `models use v2`
        assert training_overview(lib).corrections_since_active == 3  # the old code: 0
        record = lib.models.record("v2")
        decided = tag_store.timed_decisions_on(lib.db, "cats")
        assert [record.came_after(seq, at) for _, _, at, seq in decided] == [True] * 3
        # Opened again, the counter is where it was: only a version ahead of it moves it.
        mark = tag_store.decision_mark(lib.db)
    with open_library(home) as lib:
        assert tag_store.decision_mark(lib.db) == mark
