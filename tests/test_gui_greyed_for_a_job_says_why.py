"""While a job runs, Train (the menu's and toolbar's, Ctrl+T, and the Train page's button) and
Rescan are greyed out; they said nothing of why. Their tips now name the running job and the way
out, and are their own again once it ends."""

from __future__ import annotations

import threading
from pathlib import Path

from pytestqt.qtbot import QtBot

from phototagger.core import labels
from phototagger.core.library import open_library
from phototagger.paths import default_home
from tests.gui_helpers import open_window, settle
from tests.switch_helpers import synthetic_library


def test_train_and_ctrl_t_greyed_for_a_job_say_which(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        ids = synthetic_library(lib.db, 40)
        labels.apply_edits(lib.db, labels.decision_edits(ids[:5], "pets", "add"))
    window = open_window(qtbot, None, tmp_path)
    train, rescan = window.commands.train, window.commands.rescan
    button = window.retrain.train_page.train_button
    own = [(a.toolTip(), a.statusTip()) for a in (train, rescan)] + [(button.toolTip(), "")]
    assert "Ctrl+T" in train.toolTip()

    release = threading.Event()
    assert window.jobs.start("Scanning Pictures", lambda *_: release.wait(30))
    try:
        assert not train.isEnabled() and not rescan.isEnabled()
        for action in (train, rescan):
            for tip in (action.toolTip(), action.statusTip()):
                assert "Not while a job runs (Scanning Pictures)" in tip, tip
            assert "cancel it" in action.toolTip()  # the Cancel button is by the status line
        assert train.toolTip().startswith(own[0][0])  # what it does, then why not now
        assert "\n" not in train.statusTip()  # the status bar's one line
        assert "Not while a job runs (Scanning Pictures)" in button.toolTip()
    finally:
        release.set()
    qtbot.waitUntil(lambda: not window.jobs.busy)
    settle(qtbot, window)
    assert train.isEnabled()
    assert [(a.toolTip(), a.statusTip()) for a in (train, rescan)] + [(button.toolTip(), "")] == own
