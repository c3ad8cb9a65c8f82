"""A model switch commits in chunks: labels made meanwhile never fail and are kept, and the
active version flips only at the end (issue 9.4)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from phototagger.core.jobs import Cancelled, CancelToken, Progress
from phototagger.core.library import open_library
from phototagger.core.model.activation import activate_version
from phototagger.core.model.active import active_version
from phototagger.core.model.retag import SWITCH_CHUNK
from phototagger.paths import default_home
from phototagger.store.connection import transaction
from phototagger.store.photos import ids_not_tagged_by
from phototagger.store.tags import add_user_tag, reject_tag, user_decisions
from tests.switch_helpers import save_second_version, synthetic_library

PHOTOS = 4 * SWITCH_CHUNK + 100


def _impatient_labeller(reports: list[Progress], seen_active: list[str]):
    """Labels from another connection that would fail at once on a held write lock."""

    def on_progress(p: Progress) -> None:
        reports.append(p)
        with open_library(default_home()) as other:
            other.db.execute("PRAGMA busy_timeout = 0")
            seen_active.append(active_version(other.db))
            photo_id = 1 + len(reports) * 7
            with transaction(other.db):
                add_user_tag(other.db, photo_id, f"mine-{len(reports)}")
                reject_tag(other.db, photo_id + 1, "cat")

    return on_progress


def test_labels_during_a_switch_never_wait_out_a_whole_switch(tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, PHOTOS)
        version = save_second_version()
        reports: list[Progress] = []
        seen_active: list[str] = []
        done = activate_version(lib, version, progress=_impatient_labeller(reports, seen_active))
        assert done == PHOTOS
        assert len(reports) == 5  # one per chunk, each after its commit
        assert seen_active == ["v1"] * 5  # readers see the old version until the flip
        assert active_version(lib.db) == version
        assert ids_not_tagged_by(lib.db, version) == []
        decisions = {(pid, tag): state for pid, tag, state in user_decisions(lib.db)}
        for n in range(1, 6):
            assert decisions[(1 + n * 7, f"mine-{n}")] == "added"
            assert decisions[(2 + n * 7, "cat")] == "rejected"
        assert lib.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_switch_stopped_midway_puts_every_photo_back(tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, PHOTOS)
        version = save_second_version()
        token = CancelToken()
        reports: list[Progress] = []
        labeller = _impatient_labeller(reports, [])

        def stop_after_two_chunks(p: Progress) -> None:
            labeller(p)
            if len(reports) == 2:
                token.cancel()

        with pytest.raises(Cancelled):
            activate_version(lib, version, progress=stop_after_two_chunks, cancel=token)
        assert active_version(lib.db) == "v1"
        assert ids_not_tagged_by(lib.db, "v1") == []
        assert {(pid, t) for pid, t, _ in user_decisions(lib.db)} >= {(8, "mine-1"), (15, "mine-2")}


def test_the_old_single_transaction_would_have_locked_labels_out(tmp_path: Path) -> None:
    """The premise of the tests above: a held write lock refuses a busy_timeout=0 writer."""
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 10)
        with transaction(lib.db), open_library(default_home()) as other:
            other.db.execute("PRAGMA busy_timeout = 0")
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                add_user_tag(other.db, 1, "mine")
