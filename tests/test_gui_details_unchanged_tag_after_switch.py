"""After a switch to a newer version, accepting a suggestion of a tag that version did not
change reads "you accepted it · model 93%", as the suggestion read "suggested by model v2".
It read "you accepted it · v1 gave it 93%", as if an old model were still in use: the switch
rescores only the tags the new version changes, so the row keeps v1's name with exactly v2's
score. A score from a version whose tag the active one lacks is not shown
(tests/test_gui_details_after_rollback.py)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.model.activation import activate_version
from phototagger.ml.heads import load_default_head
from phototagger.ml.registry import ModelVersions
from phototagger.ml.trained_head import from_default
from phototagger.paths import default_home
from phototagger.store.tags import tags_of_photo, write_model_tags_many
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library


def test_an_unchanged_tags_score_is_the_active_models(qtbot: QtBot, tmp_path: Path) -> None:
    default = load_default_head()
    base = from_default(default, np.zeros(1280, np.float32), np.ones(1280, np.float32))
    changed = base.tags.index("beach")
    bias = base.bias.copy()
    bias[changed] += 1.0  # v2 changes one tag; every other column is v1's, bit for bit
    ModelVersions(default_home().model_versions).save(
        dataclasses.replace(base, version="v2", bias=bias),
        {"parent": "v1", "created_at": "2026-01-01T00:00:00"},
    )
    with open_library(default_home()) as lib:
        photo = synthetic_library(lib.db, 3)[0]
        tag = "animal"
        write_model_tags_many(lib.db, [tag], [(photo, [0.93], [0])], "v1")
        activate_version(lib, "v2")
        row = next(t for t in tags_of_photo(lib.db, photo) if t.name == tag)
        assert row.model_version == "v1"  # not rescored: v2 scores it exactly as v1 did
    window = open_window(qtbot, None, tmp_path)

    def source() -> str:
        window.details.show_photos([photo], photo)
        settle(qtbot, window)
        return {r.entry.name: r.entry.source for r in window.details.tags.rows}[tag]

    assert source() == "suggested by model v2"
    window.decide([photo], tag, "accept")
    settle(qtbot, window)
    assert source().startswith("you accepted it · model ")
