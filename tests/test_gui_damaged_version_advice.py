"""A model version whose files are damaged, met in the app (here: Make Active on a version whose
weights file is gone): the failure says what to do in the app, not which command to type, and
offers to open Model Versions, where another version can be made active."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from phototagger.core.library import open_library
from phototagger.core.model.active import ACTIVE_SETTING, active_version
from phototagger.paths import default_home
from phototagger.store.settings import set_setting
from tests.gui_helpers import open_window, settle
from tests.modal_helpers import answer_next_modal
from tests.switch_helpers import save_second_version, synthetic_library


def test_a_damaged_version_sends_the_user_to_model_versions(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 6)
    save_second_version("v2")
    (default_home().model_versions / "v2.npz").unlink()  # the record is fine: v2 is listed
    window = open_window(qtbot, None, tmp_path)  # no model: nothing here tags photos
    window.retrain_dock.hide()
    shown: list[str] = []

    def read_and_open_versions(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        shown.append(dialog.informativeText())
        [button] = [b for b in dialog.buttons() if b.text() == "Show Model Versions"]
        button.click()

    answer_next_modal(read_and_open_versions)
    with qtbot.waitSignal(window.jobs.failed):
        assert window.retrain.activate("v2")
    qtbot.waitUntil(lambda: bool(shown))
    settle(qtbot, window)

    [text] = shown
    assert text.startswith("model version v2 cannot be used: its weights file is missing")
    assert "phototagger models" not in text  # no command line in the app
    assert "Model Versions" in text and "Make Active" in text
    assert window.status.currentMessage().endswith(text)
    assert window.retrain_dock.isVisible()
    assert window.retrain.currentWidget() is window.retrain.versions_page
    with open_library(default_home()) as lib:
        assert active_version(lib.db) == "v1"


def test_a_damaged_active_version_met_by_review_says_what_to_click(
    qtbot: QtBot, tmp_path: Path
) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 6)
        set_setting(lib.db, ACTIVE_SETTING, save_second_version("v2"))
    (default_home().model_versions / "v2.npz").unlink()
    window = open_window(qtbot, None, tmp_path)
    page = window.retrain.review_page
    page.load("cat")
    settle(qtbot, window)
    text = page.question.text()
    assert text.startswith("Model version v2 cannot be used: its weights file is missing")
    assert "phototagger models" not in text and "Make Active" in text
