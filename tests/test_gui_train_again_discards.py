"""Training again replaces the runs trained before from the same version and never applied:
each Train press saved a version that was never applied, and Model Versions filled with them
(v5, v7, ...), each ready to be made active. That held only for the run shown: one left when the
app closed stayed beside the next, after more answers ('retrained monkeys; never made active'
twice). A run made active from Model Versions meanwhile stays, as do the active version and any
version active once; a new run that fails leaves the one before."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtWidgets import QTableWidgetItem
from pytestqt.qtbot import QtBot

from phototagger.core import labels
from phototagger.core.library import Library, open_library
from phototagger.core.model.activation import activate_version
from phototagger.core.model.listing import list_versions
from phototagger.core.retrain import TrainingResult, train_candidate
from phototagger.gui.main_window import MainWindow
from phototagger.gui.retrain_train import TrainPage
from phototagger.paths import default_home
from tests.gui_helpers import JOB_TIMEOUT_MS, open_window, settle, train_page
from tests.switch_helpers import synthetic_library, two_taught_tags
from tests.tag_tree_helpers import saved_version


def _versions() -> list[str]:
    with open_library(default_home()) as lib:
        return [v.version for v in list_versions(lib)]


def _monkeys_answered(lib: Library) -> list[int]:
    """60 synthetic photos, 'monkeys' added to 10 and rejected on 30: enough to teach it."""
    ids = synthetic_library(lib.db, 60)
    labels.apply_edits(lib.db, labels.decision_edits(ids[:10], "monkeys", "add"))
    labels.apply_edits(lib.db, labels.decision_edits(ids[10:40], "monkeys", "reject"))
    return ids


def _train(qtbot: QtBot, page: TrainPage) -> str:
    with qtbot.waitSignal(page.trained, timeout=JOB_TIMEOUT_MS) as trained:
        assert page.train()
    return trained.args[0].version


def _listed(qtbot: QtBot, window: MainWindow) -> list[str]:
    """The versions the Versions page lists, as the user reads them."""
    page = window.retrain.versions_page
    page.reload()
    settle(qtbot, window)
    table = page.table
    return [_text(table.item(row, 0)) for row in range(table.rowCount())]


def _text(item: QTableWidgetItem | None) -> str:
    assert item is not None
    return item.text()


def test_training_again_in_one_sitting_keeps_the_newest_run(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        ids = _monkeys_answered(lib)
    window, page = train_page(qtbot, tmp_path)
    runs = [_train(qtbot, page)]
    for photo in ids[50:52]:  # not applied; one more answer; train again
        window.decide([photo], "monkeys", "reject")
        window.retrain.reload()
        settle(qtbot, window)
        runs.append(_train(qtbot, page))
    assert _listed(qtbot, window) == ["v1 ●", runs[-1]]
    assert page.result is not None and page.result.version == runs[-1]


def test_a_run_left_last_time_is_replaced_applied_ones_stay(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        ids, applied = two_taught_tags(lib, "pets", "brass")  # v2, applied
        activate_version(lib, "v1")  # rolled back from: v2 was active once
        labels.apply_edits(lib.db, labels.decision_edits(ids[40:46], "pets", "add"))
        left = train_candidate(lib).version  # v3, from v1: shown, then the app closed
        labels.apply_edits(lib.db, labels.decision_edits(ids[46:50], "pets", "add"))
    assert (applied, left) == ("v2", "v3")
    window, page = train_page(qtbot, tmp_path)
    new = _train(qtbot, page)
    settle(qtbot, window)
    assert new == "v4"
    assert _listed(qtbot, window) == ["v1 ●", "v2", "v4"]
    assert not (default_home().model_versions / "v3.npz").exists()
    assert (default_home().model_versions / "v2.npz").exists()
    assert "It replaces model v3, trained before from v1 and never applied." in (
        page.verdict.text()
    )


def test_a_run_that_fails_leaves_the_one_before(qtbot: QtBot, tmp_path: Path) -> None:
    with open_library(default_home()) as lib:
        synthetic_library(lib.db, 10)
    saved_version({}, np.random.default_rng(0))  # 'v2', as a training saves it
    assert "v2" in _versions()
    window = open_window(qtbot, None, tmp_path)
    page = window.retrain.train_page
    page.result = TrainingResult("v2", "v1", [], True, "", {}, 1.0, [])
    page.show_result(page.result)
    page.train()  # nothing new to learn here: the job fails
    settle(qtbot, window)
    qtbot.waitUntil(lambda: not window.jobs.busy)
    assert "Training failed" in page.progress_text.text()
    assert "v2" in _versions()  # still there to be made active or discarded
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
