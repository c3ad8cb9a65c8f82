"""After Apply on the Train page or Make Active on Model ▸ Versions the status bar said "Model v2
is active; the library was re-tagged" though the switch changed no photo's tags (a version that
kept every tag as it was, or a roll back to one tagging the same). It says what changed, in the
CLI's words (core/model/activation.py changed_words): "no photo's tags changed", or how many
photos' tags did, counted while re-tagging, and which tags they gained or lost.

A rollback said only how many photos' tags changed: which tags moved, up to 3, is said too
("face: 12 photos more"), counted from the same rows (activation.moved_words)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from phototagger.core.model.active import active_version
from tests.cli_helpers import run
from tests.gui_helpers import JOB_TIMEOUT_MS, open_window, settle
from tests.retrain_helpers import label_faces, library_from
from tests.switch_helpers import shown_tags


def _train_and_apply(qtbot, window) -> str:
    page = window.retrain.train_page
    window.retrain.setCurrentWidget(page)
    with qtbot.waitSignal(page.trained, timeout=JOB_TIMEOUT_MS) as trained:
        qtbot.mouseClick(page.train_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.retrain.activated, timeout=JOB_TIMEOUT_MS):
        qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    return trained.args[0].version


def test_the_status_line_says_what_a_switch_changed(
    qtbot, engine, template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib, pics = library_from(template)
    lib.close()
    # The model's own answers, confirmed: its surest yes and its surest no for 'animal'.
    scored = json.loads(run(capsys, "scores", "--json", "animal")[1])
    assert run(capsys, "label", *[r["path"] for r in scored[:6]], "--add", "animal")[0] == 0
    assert run(capsys, "label", *[r["path"] for r in scored[-12:]], "--reject", "animal")[0] == 0

    window = open_window(qtbot, engine, tmp_path)
    before = shown_tags(window.db)
    assert _train_and_apply(qtbot, window) == "v2"
    assert active_version(window.db) == "v2"
    assert shown_tags(window.db) == before
    assert window.status.currentMessage() == "Model v2 is active; no photo's tags changed"

    # Back to v1 from Model ▸ Versions: the same tags again.
    versions = window.retrain.versions_page
    window.retrain.setCurrentWidget(versions)
    versions.select("v1")
    with qtbot.waitSignal(window.retrain.activated, timeout=JOB_TIMEOUT_MS):
        qtbot.mouseClick(versions.activate_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert active_version(window.db) == "v1"
    assert window.status.currentMessage() == "Model v1 is active; no photo's tags changed"

    # A version that teaches 'face' changes photos: the line counts them.
    label_faces(window.library, pics)
    before = shown_tags(window.db)
    version = _train_and_apply(qtbot, window)
    after = shown_tags(window.db)
    changed = sum(1 for p in before if before[p] != after[p])
    assert changed > 0
    # And which tags moved (it said only how many photos): here 'face', on more photos.
    more = Counter(t for p in before for t in after[p] - before[p])
    fewer = Counter(t for p in before for t in before[p] - after[p])
    assert (set(more), set(fewer)) == ({"face"}, set()), (more, fewer)
    assert window.status.currentMessage() == (
        f"Model {version} is active; {changed} photos' tags changed"
        f" (face: {more['face']} photos more)"
    )
