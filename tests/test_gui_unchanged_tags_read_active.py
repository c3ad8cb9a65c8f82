"""After a switch of model version, a suggestion the new version left unchanged reads as the new
version's: the switch rewrote only the tag it changed, but the other rows' confidences are
exactly what the new version gives."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np

from phototagger.core.library import open_library
from phototagger.core.model.activation import activate_version
from phototagger.core.training_set import embeddings_of
from phototagger.ml.engine import BACKBONE_NAME
from phototagger.ml.heads import load_default_head
from phototagger.ml.registry import ModelVersions
from phototagger.ml.trained_head import from_default
from phototagger.paths import default_home
from phototagger.store.tags import write_model_tags_many
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library


def test_unchanged_suggestions_say_the_active_version(qtbot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 20)
        photo = ids[0]
        default = load_default_head()
        base = from_default(default, np.zeros(1280, np.float32), np.ones(1280, np.float32))
        # v1 suggested its two likeliest tags for this photo (as with a lower threshold).
        _, emb = embeddings_of(lib.db, [photo], BACKBONE_NAME)
        scores = default.scores(emb)[0]
        top = np.argsort(-scores)[:2].tolist()
        write_model_tags_many(lib.db, default.tag_names, [(photo, scores.tolist(), top)], "v1")
        changed, kept = (default.tag_names[j] for j in top)
        # v2 changes one tag only (a bias raised far): the switch rewrites that tag's rows alone.
        bias = base.bias.copy()
        bias[base.tag_names.index(changed)] += 10.0  # so v2 surely suggests it
        ModelVersions(default_home().model_versions).save(
            dataclasses.replace(base, version="v2", bias=bias),
            {"parent": "v1", "created_at": "2026-01-01T00:00:00"},
        )
        activate_version(lib, "v2")
        writers = dict(
            lib.db.execute(
                "SELECT t.name, pt.model_version FROM photo_tags pt JOIN tags t"
                " ON t.id = pt.tag_id WHERE pt.photo_id = ?",
                [photo],
            ).fetchall()
        )
        # The stored provenance stays honest: the unchanged row was written by v1.
        assert writers[changed] == "v2" and writers[kept] == "v1"
    window = open_window(qtbot, None, tmp_path)
    window.details.show_photos([photo], ids[0])
    settle(qtbot, window)
    rows = {row.entry.name: row.entry for row in window.details.tags.rows}
    assert rows[changed].source == "suggested by model v2"
    assert rows[kept].source == "suggested by model v2"
