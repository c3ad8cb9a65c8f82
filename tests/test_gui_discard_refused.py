"""The app still catches the domain error that refuses to delete the active model version: a
warning that says why, and the version stays."""

from __future__ import annotations

from pathlib import Path

from phototagger.core.library import open_library
from phototagger.core.model.activation import activate_version
from phototagger.ml.registry import ModelVersions
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.modal_helpers import answer_next_modal, click_button
from tests.switch_helpers import save_second_version, synthetic_library


def test_deleting_the_active_version_is_refused_with_a_warning(qtbot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 20)
        activate_version(lib, save_second_version("v2"))
    window = open_window(qtbot, None, tmp_path)  # no model: nothing here tags photos
    panel = window.retrain
    seen = answer_next_modal(click_button("OK"))
    panel.discard("v2")
    settle(qtbot, window)
    assert seen == ["v2 is the active model; make another version active first"]
    assert ModelVersions(default_home().model_versions).saved() == ["v2"]
