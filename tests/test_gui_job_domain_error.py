"""A job that ends in an expected failure (a damaged or missing model version, a scan already
running, nothing to learn) is said in one line and puts no traceback in the log; only a bug's
traceback belongs there. Making a version whose weights file was deleted active logged a full
DamagedModelError traceback as 'job failed' (found in the app)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from phototagger.core.jobs import CancelToken, ProgressCallback
from phototagger.core.library import Library, open_library
from phototagger.core.model.active import active_version
from phototagger.paths import default_home
from tests.gui_helpers import JOB_TIMEOUT_MS, open_window, settle
from tests.switch_helpers import save_second_version, synthetic_library


def test_a_damaged_version_is_said_without_a_traceback(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 10)
        save_second_version("v2")
        next(lib.home.model_versions.glob("v2.npz")).unlink()
    window = open_window(qtbot, None, tmp_path)
    window.commands.versions.trigger()
    settle(qtbot, window)
    with caplog.at_level(logging.INFO), qtbot.waitSignal(window.jobs.failed) as failed:
        assert window.retrain.activate("v2")
    settle(qtbot, window)
    (message,) = failed.args
    assert message.startswith("model version v2 cannot be used: its weights file is missing")
    assert "\n" not in message
    assert active_version(window.db) == "v1"
    assert "Switching to model v2 failed: model version v2" in window.status.currentMessage()
    assert all(r.exc_info is None for r in caplog.records), [r.getMessage() for r in caplog.records]


def test_a_bug_in_a_job_keeps_its_traceback(
    qtbot: QtBot, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    window = open_window(qtbot, None, tmp_path)

    def job(library: Library, progress: ProgressCallback, cancel: CancelToken) -> None:
        raise KeyError("a bug")

    with (
        caplog.at_level(logging.INFO),
        qtbot.waitSignal(window.jobs.failed, timeout=JOB_TIMEOUT_MS),
    ):
        assert window.jobs.start("Testing", job)
    settle(qtbot, window)
    assert any(r.exc_info is not None for r in caplog.records)
