"""Rolling back to an older version re-scores the photos the user labelled: their rows had kept
the newer version's name (a switch rewrites only the tags two versions score differently), so
the details panel said "you accepted it · v3 gave it 99%" of a version no longer active, and
`tags --json` named v3. The user's decisions themselves never change."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest
import sqlite_utils

from phototagger.cli import main
from phototagger.core import labels
from phototagger.core.embeddings import encode_embedding
from phototagger.core.library import open_library
from phototagger.core.model.activation import activate_version
from phototagger.gui.details import photo_entries
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.ml.heads import load_default_head
from phototagger.ml.registry import ModelVersions
from phototagger.ml.trained_head import TrainedHead, from_default
from phototagger.paths import default_home
from phototagger.store.embeddings import put_embeddings
from phototagger.store.photos import get_photo
from phototagger.store.tags import SavedTagRow, saved_rows, tags_of_photo
from tests.store_helpers import add_photo
from tests.switch_helpers import synthetic_library


def _save(head: TrainedHead) -> None:
    ModelVersions(default_home().model_versions).save(
        head, {"parent": "v1", "created_at": "2026-01-01T00:00:00"}
    )


def _rows(db: sqlite_utils.Database, pairs: list[tuple[int, str]]) -> dict[str, SavedTagRow]:
    """The rows of these (photo, tag) pairs by tag; every one exists."""
    found = saved_rows(db, pairs)
    assert all(row is not None for row in found.values())
    return {tag: row for (_, tag), row in found.items() if row is not None}


def test_a_rollback_names_the_active_version_on_the_users_rows(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 4)
        # v2 suggests many tags (a raised bias); v3 is v2 with "cat" changed, nothing else.
        base = from_default(load_default_head(), np.zeros(1280, np.float32), np.ones(1280))
        v2 = dataclasses.replace(base, version="v2", bias=base.bias + 6.0)
        _save(v2)
        activate_version(lib, "v2")
        bias = v2.bias.copy()
        bias[v2.tags.index("cat")] += 2.0
        _save(dataclasses.replace(v2, version="v3", bias=bias))
        # A photo scanned after v2 was active: v3 tags it in full when it becomes active.
        photo = add_photo(lib.db, "/synthetic/new.jpg")
        vector = np.abs(np.random.default_rng(7).normal(0, 1, 1280)).astype(np.float32)
        put_embeddings(lib.db, BACKBONE_NAME, [(photo, encode_embedding(vector))])
        activate_version(lib, "v3")
        rows = sorted(tags_of_photo(lib.db, photo), key=lambda t: -(t.confidence or 0))
        accepted, rejected = [t.name for t in rows if t.name != "cat"][:2]
        labels.apply_edits(
            lib.db,
            [
                labels.Edit(photo, accepted, "accept"),
                labels.Edit(photo, rejected, "reject"),
                labels.Edit(photo, "cat", "reject"),
                labels.Edit(photo, "my own tag", "add"),
            ],
        )
        pairs = [(photo, name) for name in (accepted, rejected, "cat", "my own tag")]
        before = _rows(lib.db, pairs)
        assert {row.model_version for row in before.values()} == {"v3", None}

        activate_version(lib, "v2")  # the rollback
        after = _rows(lib.db, pairs)
        decisions = {tag: (row.state, row.decided_at) for tag, row in after.items()}
        assert decisions == {tag: (row.state, row.decided_at) for tag, row in before.items()}
        assert {tag: row.model_version for tag, row in after.items()} == {
            accepted: "v2",
            rejected: "v2",
            "cat": "v2",
            "my own tag": None,  # no model has that tag
        }
        # The same scores as v2 gives them: v3 scored these tags exactly as v2 does.
        for name in (accepted, rejected):
            assert after[name].confidence == pytest.approx(before[name].confidence)

        tagged_by = get_photo(lib.db, photo).model_version  # type: ignore[union-attr]
        sources = {e.name: e.source for e in photo_entries(tags_of_photo(lib.db, photo), tagged_by)}
        assert sources[accepted].startswith("you accepted it · model ")
        assert sources[rejected].startswith("you rejected it · model ")
        path = "/synthetic/new.jpg"

    assert main(["tags", "--json", path]) == 0
    shown = {t["name"]: t["model_version"] for t in json.loads(capsys.readouterr().out)["tags"]}
    assert shown[accepted] == shown[rejected] == shown["cat"] == "v2"
