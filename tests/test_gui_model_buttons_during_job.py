"""While a job runs (here a model switch), the Model dock's Train, Apply, Make Active and
Discard are off: each would start a job or touch a version the job may be reading, and a click
did nothing (Apply even hid the result as if it had been applied). They come back after it."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core import labels
from phototagger.core.library import open_library
from phototagger.core.retrain import TrainingResult
from phototagger.paths import default_home
from tests.gui_helpers import JOB_TIMEOUT_MS, open_window, settle
from tests.switch_helpers import save_second_version, synthetic_library


def test_the_model_buttons_wait_for_the_running_job(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 40)
        labels.apply_edits(lib.db, labels.decision_edits(ids[:5], "pets", "add"))
    save_second_version("v2")
    save_second_version("v3")
    window = open_window(qtbot, None, tmp_path)
    panel = window.retrain
    train, versions = panel.train_page, panel.versions_page
    window._show_retrain("train")
    train.reload()
    settle(qtbot, window)
    assert train.train_button.isEnabled()  # decisions no version has learned from
    # A result on show, waiting to be applied (as after a training run).
    train.result = TrainingResult("v3", "v1", [], True, "a result")
    train.show_result(train.result)
    assert train.apply_button.isEnabled()

    versions.reload()
    settle(qtbot, window)
    versions.select("v2")
    assert versions.activate_button.isEnabled() and versions.discard_button.isEnabled()
    with qtbot.waitSignal(panel.activated, timeout=JOB_TIMEOUT_MS):
        versions.activate_button.click()
        assert window.jobs.busy
        assert not train.train_button.isEnabled()
        assert not train.apply_button.isEnabled()
        versions.select("v3")  # choosing another version meanwhile does not turn them on
        assert not versions.activate_button.isEnabled()
        assert not versions.discard_button.isEnabled()
    settle(qtbot, window)
    assert train.apply_button.isEnabled() and train.result is not None
    assert train.train_button.isEnabled()
    versions.select("v3")
    assert versions.activate_button.isEnabled() and versions.discard_button.isEnabled()
