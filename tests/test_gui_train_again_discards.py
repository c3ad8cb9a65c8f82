"""Training again while a run is shown and not applied replaces it: each Train press saved a
version that was never applied, and Model Versions filled with them (v5, v7, ...), each ready
to be made active. A run made active from Model Versions meanwhile stays."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.model.activation import activate_version
from phototagger.core.model.listing import list_versions
from phototagger.core.retrain import TrainingResult
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library
from tests.tag_tree_helpers import saved_version


def _versions() -> list[str]:
    with open_library(default_home()) as lib:
        return [v.version for v in list_versions(lib)]


def test_training_again_discards_the_run_not_applied(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 10)
    saved_version({}, np.random.default_rng(0))  # 'v2', as a training saves it
    assert "v2" in _versions()
    window = open_window(qtbot, None, tmp_path)
    page = window.retrain.train_page
    page.result = TrainingResult("v2", "v1", [], True, "", {}, 1.0, [])
    page.show_result(page.result)
    page.train()  # nothing new to learn here: the job fails, after the old run went
    settle(qtbot, window)
    qtbot.waitUntil(lambda: "v2" not in _versions())
    assert page.result is None


def test_a_run_made_active_meanwhile_stays(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 10)
    saved_version({}, np.random.default_rng(0))
    with open_library(default_home()) as lib:
        activate_version(lib, "v2")
    window = open_window(qtbot, None, tmp_path)
    page = window.retrain.train_page
    page.result = TrainingResult("v2", "v1", [], True, "", {}, 1.0, [])
    page.train()
    settle(qtbot, window)
    assert "v2" in _versions()
